/**
 * Hitcast's benchmarks: every figure of the budgets table in ../shared/guide/ARCHITECTURE.md, measured on this machine,
 * printed next to its budget (over-budget figures are marked, never failed), written to bench-results/*.json and
 * collected into bench-results/README-table.md for the README.
 *
 *   npm run bench                      browser figures, sizes, Lighthouse, TreeSHAP microbench (a few minutes)
 *   npm run bench -- --all             also training from scratch and the XGBoost comparison (+ ~10 minutes)
 *   npm run bench -- --train           add training time (`npm run train` from scratch into a temp dir)
 *   npm run bench -- --xgboost         add the GBDT vs XGBoost 1.7 comparison (test/bench/xgboost_compare.ts)
 *   options: --runs N (page loads per figure, 5)  --samples N (slider inputs, 200)  --build (rebuild the site first)
 *            --no-browser  --no-lighthouse  --no-sizes  --no-treeshap
 *
 * Figures that are not measured in a run keep their last measured value (its date is shown in the table), so
 * `npm run bench` alone refreshes the browser figures without losing the slow ones.
 *
 * How each figure is measured (headless Debian chromium, the built site served from localhost by scripts/serve.ts,
 * no compression, no throttling):
 * - cold load to first prediction: a fresh browser profile opens /en/music/?track=<id>; the time (from navigation
 *   start) is when the predicted popularity is first painted (Element Timing's renderTime; the budgeted figure), and
 *   when it first appears in the DOM (MutationObserver), which can be 50-150 ms earlier. Median of N.
 * - from the service-worker cache: the same profile after the service worker is active and has cached everything
 *   ("make available offline"), a new tab on the same URL. Median of N.
 * - prediction round trip: in "describe your own song", a slider is moved between two values (input events, one at a
 *   time); the time from the input event to the DOM update of the predicted popularity (UI thread, MutationObserver).
 *   The same inputs also give the worker-side time (message received -> reply posted, measured inside the worker) and
 *   the worker's own latency_ms (what the monitor shows as "inside the worker").
 * - similar-song search: the same inputs, time to the DOM update of the similar-songs list (UI round trip), and the
 *   search worker's message-to-reply time.
 * - first-load JS: the JavaScript files the page requests while loading / and while loading /music up to the first
 *   prediction, excluding onnxruntime-web's files and the worker scripts (they run off the main thread); gzip -6
 *   sizes of the built files.
 * - offline total: every URL in the service worker's caches after "make available offline", gzip -6 of each.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { serve, type StaticServer } from '../../scripts/serve';
import { FIRST_PREDICTION_PROBE, first_prediction, make_available_offline, type FirstPrediction } from './first_prediction';
import { slider_round_trips } from './round_trip';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
// BUILD_DIR: another build to measure (an A/B against a reference build, run back to back)
const BUILD = process.env.BUILD_DIR ?? join(REPO, 'build');
const OUT = join(REPO, 'bench-results');
/** "Bohemian Rhapsody" by Hayseed Dixie: a track of the dataset (see test/e2e/helpers.ts). */
const TRACK_ID = process.env.BENCH_TRACK ?? '7sqVeKB8wgYnztqWvKRYr3';

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2);
const has = (flag: string) => argv.includes(flag);
const num = (flag: string, fallback: number) => {
	const i = argv.indexOf(flag);
	return i >= 0 ? Number(argv[i + 1]) : fallback;
};
if (has('--help') || has('-h')) {
	console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
	process.exit(0);
}
const ALL = has('--all');
const RUN = {
	browser: !has('--no-browser'),
	sizes: !has('--no-sizes'),
	lighthouse: !has('--no-lighthouse'),
	treeshap: !has('--no-treeshap'),
	train: ALL || has('--train'),
	xgboost: ALL || has('--xgboost')
};
const RUNS = num('--runs', 5);
const SAMPLES = num('--samples', 200);

// ---------------------------------------------------------------- budgets and results

type Status = 'ok' | 'over' | 'n/a';
interface Figure {
	key: string;
	what: string;
	value: number | null;
	unit: string;
	/** the budget's limit in the same unit; null when ARCHITECTURE.md sets none */
	budget: number | null;
	budget_text: string;
	note?: string;
}
interface ResultFile {
	name: string;
	measured_at: string;
	environment: Record<string, string>;
	figures: Figure[];
	details?: unknown;
	/** markdown printed by a sub-benchmark (xgboost, treeshap) */
	report?: string;
}

const status_of = (f: Figure): Status => (f.value === null || f.budget === null ? 'n/a' : f.value <= f.budget ? 'ok' : 'over');

function fmt(value: number | null, unit: string): string {
	if (value === null || !Number.isFinite(value)) return '—';
	if (unit === 'ms') return value < 10 ? `${value.toFixed(2)} ms` : value < 1000 ? `${value.toFixed(0)} ms` : `${(value / 1000).toFixed(2)} s`;
	if (unit === 's') return value < 120 ? `${value.toFixed(1)} s` : `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
	if (unit === 'KB') return `${value.toFixed(1)} KB`;
	if (unit === 'MB') return `${value.toFixed(2)} MB`;
	if (unit === 'score') return value.toFixed(0);
	if (unit === '%') return `${value.toFixed(2)} %`;
	if (unit === 'x') return `${value.toFixed(2)}x`;
	return `${value}`;
}

const KB = 1024;
const MB = 1024 * 1024;

function quantile(values: number[], q: number): number | null {
	const v = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (v.length === 0) return null;
	const i = (v.length - 1) * q;
	const lo = Math.floor(i), hi = Math.ceil(i);
	return v[lo] + (v[hi] - v[lo]) * (i - lo);
}
const median = (v: number[]) => quantile(v, 0.5);

function environment(browser_version?: string): Record<string, string> {
	let commit = 'unknown';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO, encoding: 'utf8' }).trim();
		if (dirty) commit += ' (with uncommitted changes)';
	} catch {
		/* not a git checkout */
	}
	const cpu = cpus();
	return {
		machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
		load_average: loadavg().map((v) => v.toFixed(2)).join(' '),
		node: process.version,
		...(browser_version ? { browser: `chromium ${browser_version} (headless)` } : {}),
		commit
	};
}

function save(result: ResultFile) {
	mkdirSync(OUT, { recursive: true });
	writeFileSync(join(OUT, `${result.name}.json`), JSON.stringify(result, null, 2) + '\n');
}

function print_figures(title: string, figures: Figure[]) {
	const rows = figures.map((f) => [f.what, fmt(f.value, f.unit), f.budget_text, status_of(f) === 'over' ? 'OVER BUDGET' : status_of(f) === 'ok' ? 'ok' : '']);
	const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ['what', 'measured', 'budget', ''][c].length));
	const line = (r: string[]) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
	console.log(`\n${title}`);
	console.log(line(['what', 'measured', 'budget', '']));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const r of rows) console.log(line(r));
	for (const f of figures) if (f.note) console.log(`  · ${f.what}: ${f.note}`);
}

// ---------------------------------------------------------------- the built site

function ensure_build() {
	if (has('--build') || !existsSync(join(BUILD, 'index.html'))) {
		console.log('building the site (npx vite build)…');
		execFileSync('npx', ['vite', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const when = statSync(join(BUILD, 'index.html')).mtime;
	console.log(`site: ${BUILD} (built ${when.toISOString()}; pass --build to rebuild)`);
}

const gzip_size = (file: string) => gzipSync(readFileSync(file), { level: 6 }).length;

/** A URL of the served site -> its file in build/ (null for anything else). */
function file_of(url: string, site: StaticServer): string | null {
	const base = new URL(site.url);
	const u = new URL(url);
	if (u.origin !== base.origin) return null;
	let path = decodeURIComponent(u.pathname);
	let file = join(BUILD, path);
	if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
	else if (!existsSync(file) && existsSync(file + '.html')) file += '.html';
	return existsSync(file) ? file : null;
}

// ---------------------------------------------------------------- browser figures

let browser: Browser | null = null;
async function launch(): Promise<Browser> {
	browser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
	return browser;
}

async function new_context(): Promise<BrowserContext> {
	return (await launch()).newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });
}

const shown = (f: FirstPrediction) => `${f.paint.toFixed(0)} ms painted (${f.dom.toFixed(0)} ms in the DOM)`;

async function measure_loads(site: StaticServer) {
	const url = `${site.url}en/music/?track=${TRACK_ID}`;
	const cold: FirstPrediction[] = [];
	const cached: FirstPrediction[] = [];
	for (let i = 0; i < RUNS; i++) {
		const context = await new_context();
		await context.addInitScript({ content: FIRST_PREDICTION_PROBE });
		const page = await context.newPage();
		cold.push(await first_prediction(page, url));
		await make_available_offline(page);
		await page.close();
		const second = await context.newPage();
		cached.push(await first_prediction(second, url));
		const served_by_sw = await second.evaluate(() => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
			return (nav?.workerStart ?? 0) > 0;
		});
		if (!served_by_sw) console.warn('  warning: the second visit was not served through the service worker');
		await context.close();
		console.log(`  run ${i + 1}/${RUNS}: cold ${shown(cold.at(-1)!)}, from the service-worker cache ${shown(cached.at(-1)!)}`);
	}
	return { cold, cached };
}

async function measure_round_trips(site: StaticServer) {
	const context = await new_context();
	try {
		return await slider_round_trips(await context.newPage(), `${site.url}en/music/?track=${TRACK_ID}`, SAMPLES);
	} finally {
		await context.close();
	}
}

async function run_browser(site: StaticServer): Promise<ResultFile> {
	console.log(`\n== browser: cold load and service-worker cache (${RUNS} runs each) ==`);
	const loads = await measure_loads(site);
	console.log(`\n== browser: ${SAMPLES} slider inputs in "describe your own song" ==`);
	const rt = await measure_round_trips(site);
	console.log(`  slider: ${rt.slider.feature} between ${rt.slider.a} and ${rt.slider.b}; updates missed: prediction ${rt.missed.prediction}, similar songs ${rt.missed.similar}`);
	const figures: Figure[] = [
		{ key: 'cold_load', what: 'Cold load to first prediction on screen (median)', value: median(loads.cold.map((f) => f.paint)), unit: 'ms', budget: 1500, budget_text: '<= 1.5 s',
			note: `fresh profile, /en/music/?track=…, painted (Element Timing), ${RUNS} runs: ${loads.cold.map((f) => f.paint.toFixed(0)).join(', ')} ms` },
		{ key: 'cold_load_dom', what: 'Cold load to first prediction in the DOM (median)', value: median(loads.cold.map((f) => f.dom)), unit: 'ms', budget: null, budget_text: '—',
			note: `the same loads, when the number is in the DOM: ${loads.cold.map((f) => f.dom.toFixed(0)).join(', ')} ms` },
		{ key: 'sw_load', what: 'Load to first prediction on screen from the service-worker cache (median)', value: median(loads.cached.map((f) => f.paint)), unit: 'ms', budget: 500, budget_text: '<= 0.5 s',
			note: `second visit after make-available-offline, painted (Element Timing), ${RUNS} runs: ${loads.cached.map((f) => f.paint.toFixed(0)).join(', ')} ms` },
		{ key: 'sw_load_dom', what: 'Load to first prediction in the DOM from the service-worker cache (median)', value: median(loads.cached.map((f) => f.dom)), unit: 'ms', budget: null, budget_text: '—',
			note: `the same loads, when the number is in the DOM: ${loads.cached.map((f) => f.dom.toFixed(0)).join(', ')} ms` },
		{ key: 'predict_ui_p50', what: 'Prediction round trip from the UI, p50', value: median(rt.ui_predict), unit: 'ms', budget: 2, budget_text: '<= 2 ms',
			note: `slider input event -> predicted popularity updated in the DOM, ${rt.ui_predict.length} inputs (similar-song search runs alongside, as in the app)` },
		{ key: 'predict_ui_p95', what: 'Prediction round trip from the UI, p95', value: quantile(rt.ui_predict, 0.95), unit: 'ms', budget: null, budget_text: '—' },
		{ key: 'predict_worker_p50', what: 'Prediction inside the worker (latency_ms), p50', value: median(rt.worker_predict_reported), unit: 'ms', budget: null, budget_text: '—',
			note: `the inference worker's own latency_ms (ONNX run + TreeSHAP drivers); message-to-reply p50 ${fmt(median(rt.worker_predict), 'ms')}, p95 ${fmt(quantile(rt.worker_predict, 0.95), 'ms')}` },
		{ key: 'predict_worker_p95', what: 'Prediction inside the worker (latency_ms), p95', value: quantile(rt.worker_predict_reported, 0.95), unit: 'ms', budget: null, budget_text: '—' },
		{ key: 'similar_worker_p50', what: 'Similar-song search over every distinct track (search worker), p50', value: median(rt.worker_similar), unit: 'ms', budget: 5, budget_text: '<= 5 ms',
			note: `message received -> reply posted in the search worker, ${rt.worker_similar.length} searches; p95 ${fmt(quantile(rt.worker_similar, 0.95), 'ms')}` },
		{ key: 'similar_ui_p50', what: 'Similar-song search, UI round trip, p50', value: median(rt.ui_similar), unit: 'ms', budget: null, budget_text: '—',
			note: `slider input event -> similar-songs list updated in the DOM; p95 ${fmt(quantile(rt.ui_similar, 0.95), 'ms')}` }
	];
	return { name: 'browser', measured_at: new Date().toISOString(), environment: environment(browser!.version()), figures, details: { track: TRACK_ID, loads, round_trips: rt } };
}

// ---------------------------------------------------------------- sizes

const runtime_file = (url: string) => /\/ort[-.]|onnxruntime/i.test(url);
const worker_file = (url: string) => /\/_app\/immutable\/workers\//.test(url);

async function run_sizes(site: StaticServer): Promise<ResultFile> {
	console.log('\n== sizes: first-load JS and everything cached for offline use ==');
	const pages: Record<string, { files: { url: string; raw: number; gzip: number }[]; excluded: string[] }> = {};
	for (const [name, path, ready] of [
		['/', 'en/', 'h1'],
		['/music', `en/music/?track=${TRACK_ID}`, '[data-testid="predicted-popularity"]']
	] as const) {
		const context = await new_context();
		const page = await context.newPage();
		const scripts = new Set<string>();
		const excluded = new Set<string>();
		// context-level, so module preloads, dynamic imports and the scripts workers ask for are all seen
		context.on('request', (req) => {
			const url = req.url();
			if (!/\.(m?js)(\?|$)/.test(new URL(url).pathname)) return;
			const from_worker = (() => {
				try {
					req.frame();
					return false;
				} catch {
					return true; // requests made by workers have no frame
				}
			})();
			if (runtime_file(url) || worker_file(url) || from_worker) excluded.add(url);
			else scripts.add(url);
		});
		await page.goto(site.url + path);
		await page.locator(ready).first().waitFor({ timeout: 60_000 });
		await page.waitForLoadState('networkidle');
		await context.close();
		const files = [...scripts].map((url) => {
			const file = file_of(url, site);
			return { url: new URL(url).pathname, raw: file ? statSync(file).size : 0, gzip: file ? gzip_size(file) : 0 };
		});
		pages[name] = { files, excluded: [...excluded].map((u) => new URL(u).pathname) };
	}
	const sum = (files: { gzip: number }[]) => files.reduce((s, f) => s + f.gzip, 0);
	const union = new Map<string, { url: string; raw: number; gzip: number }>();
	for (const p of Object.values(pages)) for (const f of p.files) union.set(f.url, f);

	// offline: what the service worker holds after "make available offline"
	const context = await new_context();
	const page = await context.newPage();
	await page.goto(`${site.url}en/`);
	const status = await make_available_offline(page);
	const cached_urls: string[] = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
		return urls;
	});
	await context.close();
	let offline_raw = 0, offline_gzip = 0;
	const missing: string[] = [];
	const biggest: { url: string; gzip: number }[] = [];
	for (const url of new Set(cached_urls)) {
		const file = file_of(url, site);
		if (!file) {
			missing.push(url);
			continue;
		}
		const g = gzip_size(file);
		offline_raw += statSync(file).size;
		offline_gzip += g;
		biggest.push({ url: new URL(url).pathname, gzip: g });
	}
	biggest.sort((a, b) => b.gzip - a.gzip);

	const first_load = Math.max(sum(pages['/'].files), sum(pages['/music'].files)) / KB;
	const figures: Figure[] = [
		{ key: 'first_load_js', what: 'First-load JS on the main thread (gzip, largest of / and /music)', value: first_load, unit: 'KB', budget: 100, budget_text: '<= 100 KB',
			note: `/ ${(sum(pages['/'].files) / KB).toFixed(1)} KB in ${pages['/'].files.length} files; /music (up to the first prediction) ${(sum(pages['/music'].files) / KB).toFixed(1)} KB in ${pages['/music'].files.length} files; both ${(sum([...union.values()]) / KB).toFixed(1)} KB; onnxruntime-web and worker scripts excluded (${pages['/music'].excluded.length} files)` },
		{ key: 'offline_total', what: 'Everything cached for offline use (gzip)', value: offline_gzip / MB, unit: 'MB', budget: 15, budget_text: '<= 15 MB',
			note: `${new Set(cached_urls).size} URLs, ${(offline_raw / MB).toFixed(1)} MB uncompressed (the service worker reports ${((status.total_bytes ?? 0) / MB).toFixed(1)} MB); largest: ${biggest.slice(0, 4).map((b) => `${b.url} ${(b.gzip / MB).toFixed(2)} MB`).join(', ')}${missing.length ? `; ${missing.length} cached URLs not found in build/` : ''}` }
	];
	return { name: 'sizes', measured_at: new Date().toISOString(), environment: environment(), figures, details: { pages, offline: { urls: cached_urls.length, raw_bytes: offline_raw, gzip_bytes: offline_gzip, biggest: biggest.slice(0, 20), missing } } };
}

// ---------------------------------------------------------------- lighthouse

/** Start Debian's chromium with a DevTools port for Lighthouse (no chrome-launcher needed). */
async function start_chrome_for_lighthouse(): Promise<{ port: number; stop(): Promise<void> }> {
	const profile = mkdtempSync(join(tmpdir(), 'hitcast-lh-'));
	const child = spawn(CHROMIUM_PATH, ['--headless', ...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
	const port = await new Promise<number>((ok, fail) => {
		let err = '';
		const timer = setTimeout(() => fail(new Error(`chromium did not start: ${err}`)), 30_000);
		child.stderr.on('data', (d: Buffer) => {
			err += d.toString();
			const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
			if (m) {
				clearTimeout(timer);
				ok(Number(m[1]));
			}
		});
		child.on('exit', (code) => fail(new Error(`chromium exited (${code}): ${err}`)));
	});
	return {
		port,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((done) => child.once('exit', done));
				child.kill();
				await exited;
			}
			rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
		}
	};
}

async function run_lighthouse(site: StaticServer): Promise<ResultFile> {
	console.log('\n== Lighthouse 12 on /music (mobile, the default, and desktop presets) ==');
	process.env.CHROME_PATH ??= CHROMIUM_PATH;
	const { default: lighthouse } = await import('lighthouse');
	const { default: desktop } = await import('lighthouse/core/config/desktop-config.js');
	const url = `${site.url}en/music/`;
	const figures: Figure[] = [];
	const details: Record<string, unknown> = {};
	for (const [preset, config] of [['mobile', undefined], ['desktop', desktop]] as const) {
		const chrome = await start_chrome_for_lighthouse();
		try {
			const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] }, config);
			if (!result) throw new Error('lighthouse returned nothing');
			const lhr = result.lhr;
			mkdirSync(OUT, { recursive: true });
			writeFileSync(join(OUT, `lighthouse-${preset}.report.json`), typeof result.report === 'string' ? result.report : JSON.stringify(lhr));
			const score = (id: string) => (lhr.categories[id]?.score ?? null) === null ? null : Math.round(lhr.categories[id].score! * 100);
			const failing = Object.values(lhr.audits)
				.filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
				.map((a) => `${a.id} (${a.score})`);
			const metric = (id: string) => lhr.audits[id]?.displayValue ?? '—';
			const metrics = `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}`;
			if (lhr.runtimeError) console.warn(`  lighthouse runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
			for (const [id, label] of [['performance', 'performance'], ['accessibility', 'accessibility'], ['best-practices', 'best practices']] as const) {
				figures.push({ key: `lighthouse_${preset}_${id}`, what: `Lighthouse ${label}, /music (${preset})`, value: score(id), unit: 'score', budget: null, budget_text: '—',
					note: id === 'performance' ? `${metrics}; below 0.9: ${failing.join(', ') || 'none'}` : undefined });
			}
			details[preset] = { metrics, failing, warnings: lhr.runWarnings };
		} finally {
			await chrome.stop();
		}
	}
	return { name: 'lighthouse', measured_at: new Date().toISOString(), environment: environment(), figures, details };
}

// ---------------------------------------------------------------- node-side benchmarks

/** Run a TypeScript benchmark in a child process, echoing its output; return what it printed. */
function run_script(script: string, args: string[] = []): Promise<{ code: number; out: string; seconds: number }> {
	const t0 = performance.now();
	return new Promise((ok) => {
		const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const take = (d: Buffer) => {
			out += d.toString();
			process.stdout.write(d.toString().replace(/^/gm, '  '));
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		child.on('exit', (code) => ok({ code: code ?? 1, out, seconds: (performance.now() - t0) / 1000 }));
	});
}

/** The markdown tables (and the lines right after them) of a benchmark's output. */
function tables_of(out: string): string {
	const lines = out.split('\n');
	const keep: string[] = [];
	lines.forEach((line, i) => {
		const t = line.trim();
		if (t.startsWith('|')) keep.push(t);
		else if (keep.length && lines[i - 1]?.trim().startsWith('|')) keep.push('');
		if (/target|speed-up|ratio|^rounds /.test(t) && !t.startsWith('|')) keep.push(t, '');
		else if (/trees, max depth/.test(t)) keep.push('', `_${t}_`, '');
	});
	return keep.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

async function run_treeshap(): Promise<ResultFile | null> {
	const script = 'test/bench/treeshap_bench.ts';
	if (!existsSync(join(REPO, script))) return null;
	console.log(`\n== TreeSHAP microbench (${script}) ==`);
	const r = await run_script(script);
	if (r.code !== 0) console.warn(`  ${script} exited with ${r.code}`);
	const ms = [...r.out.matchAll(/fast \(Linear TreeSHAP\)\s*\|\s*([\d.]+)/g)].map((m) => Number(m[1]));
	return {
		name: 'treeshap', measured_at: new Date().toISOString(), environment: environment(),
		figures: [{ key: 'treeshap_fast', what: 'TreeSHAP drivers of one prediction (Node, fast path, p50)', value: ms.at(-1) ?? null, unit: 'ms', budget: null, budget_text: '—',
			note: 'part of the prediction round trip; the last model in the microbench (the shipped music model when present)' }],
		report: tables_of(r.out) || r.out.trim().split('\n').slice(-15).join('\n')
	};
}

async function run_xgboost(): Promise<ResultFile> {
	const script = 'test/bench/xgboost_compare.ts';
	console.log(`\n== GBDT vs XGBoost 1.7 (${script}; several minutes) ==`);
	const r = await run_script(script);
	if (r.code !== 0) console.warn(`  ${script} exited with ${r.code}`);
	const rel = /RMSE ours vs xgboost: (-?[\d.]+)%.*?wall fit time ratio ([\d.]+)x/.exec(r.out);
	return {
		name: 'xgboost', measured_at: new Date().toISOString(), environment: environment(),
		figures: [
			{ key: 'xgb_rmse_rel', what: 'GBDT RMSE relative to XGBoost 1.7 (same folds)', value: rel ? Number(rel[1]) : null, unit: '%', budget: 1, budget_text: 'within 1 %' },
			{ key: 'xgb_fit_ratio', what: 'GBDT fit time relative to XGBoost 1.7', value: rel ? Number(rel[2]) : null, unit: 'x', budget: 3, budget_text: '<= 3x' }
		],
		report: tables_of(r.out)
	};
}

async function run_training(): Promise<ResultFile> {
	console.log('\n== training from scratch (npm run train -- --force, into a temporary directory) ==');
	const { default_pipeline_options, run_pipeline } = await import('../../training/pipeline');
	const scratch = mkdtempSync(join(tmpdir(), 'hitcast-train-'));
	const o = default_pipeline_options();
	o.force = true;
	o.paths = { ...o.paths, out_root: join(scratch, 'out'), cache_dir: join(scratch, 'cache') };
	const t0 = performance.now();
	let steps: { step: string; ms: number; skipped: boolean }[] = [];
	try {
		const r = await run_pipeline(o);
		steps = r.steps;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
	const seconds = (performance.now() - t0) / 1000;
	return {
		name: 'training', measured_at: new Date().toISOString(), environment: environment(),
		figures: [{ key: 'train', what: `\`npm run train\` from scratch (${o.threads} thread(s))`, value: seconds, unit: 's', budget: 300, budget_text: '<= 5 min',
			note: steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join('; ') }],
		details: { steps }
	};
}

// ---------------------------------------------------------------- the README table

const ORDER = ['browser', 'sizes', 'training', 'lighthouse', 'xgboost', 'treeshap'];

function write_readme_table() {
	const files = existsSync(OUT) ? readdirSync(OUT).filter((f) => f.endsWith('.json') && !f.includes('report')) : [];
	const results = files
		.map((f) => JSON.parse(readFileSync(join(OUT, f), 'utf8')) as ResultFile)
		.filter((r) => ORDER.includes(r.name))
		.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
	const day = (iso: string) => iso.slice(0, 10);
	const env = results.find((r) => r.name === 'browser')?.environment ?? results[0]?.environment ?? environment();
	const lines = [
		`Measured with \`npm run bench\` (\`-- --all\` for training and XGBoost) on ${env.machine}, ${env.node}${env.browser ? `, ${env.browser}` : ''}; commit ${env.commit}. The site is served from localhost without compression or throttling; sizes are gzip -6 of the built files.`,
		'',
		'| what | measured | budget | |',
		'|---|---:|---|---|'
	];
	const notes: string[] = [];
	for (const r of results) {
		for (const f of r.figures) {
			const s = status_of(f);
			const mark = s === 'over' ? '**over budget**' : s === 'ok' ? 'ok' : '';
			lines.push(`| ${f.what} | ${fmt(f.value, f.unit)} | ${f.budget_text} | ${mark} |`);
		}
		notes.push(`${r.name}: measured ${day(r.measured_at)}`);
	}
	lines.push('', `<sub>${notes.join(' · ')}. Details (every run, every sample) in bench-results/*.json.</sub>`);
	for (const r of results) {
		if (!r.report) continue;
		lines.push('', r.name === 'xgboost' ? '**GBDT vs XGBoost 1.7** (same rows, same folds, comparable settings)' : '**TreeSHAP microbench** (ms per row, Node)', '', r.report);
	}
	writeFileSync(join(OUT, 'README-table.md'), lines.join('\n') + '\n');
	return results;
}

// ---------------------------------------------------------------- main

async function main() {
	const t0 = performance.now();
	mkdirSync(OUT, { recursive: true });
	const done: ResultFile[] = [];
	const needs_site = RUN.browser || RUN.sizes || RUN.lighthouse;
	let site: StaticServer | null = null;
	try {
		if (needs_site) {
			ensure_build();
			site = await serve(BUILD, 0, '');
		}
		if (RUN.browser && site) done.push(await run_browser(site));
		if (RUN.sizes && site) done.push(await run_sizes(site));
		await browser?.close();
		browser = null;
		if (RUN.lighthouse && site) done.push(await run_lighthouse(site));
		await site?.close();
		site = null;
		if (RUN.treeshap) {
			const r = await run_treeshap();
			if (r) done.push(r);
		}
		if (RUN.xgboost) done.push(await run_xgboost());
		if (RUN.train) done.push(await run_training());
	} finally {
		for (const r of done) save(r);
		await browser?.close();
		await site?.close();
	}
	const all = write_readme_table();
	for (const r of done) print_figures(`${r.name} (measured now)`, r.figures);
	const earlier = all.filter((r) => !done.some((d) => d.name === r.name));
	for (const r of earlier) print_figures(`${r.name} (from ${r.measured_at.slice(0, 16)}; not rerun)`, r.figures);
	const over = [...done, ...earlier].flatMap((r) => r.figures).filter((f) => status_of(f) === 'over');
	console.log(`\n${over.length ? `over budget: ${over.map((f) => f.what).join('; ')}` : 'every measured figure is within its budget'}`);
	console.log(`results: ${OUT}/*.json, table for the README: ${join(OUT, 'README-table.md')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

await main();
