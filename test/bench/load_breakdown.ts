/**
 * Where the time to the first prediction goes: loads /en/music/?track=<id> cold (fresh profile) and then from the
 * service-worker cache, N times each, and prints the median time (ms from navigation start) of every
 * "hitcast:*" performance mark set on the main thread and in the two workers (see src/lib/runtime/marks.ts),
 * plus navigation milestones and the first prediction: in the DOM (nav:first) and painted (nav:paint, Element Timing).
 *
 *   npx tsx test/bench/load_breakdown.ts [--runs N] [--build]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { serve } from '../../scripts/serve';
import { FIRST_PREDICTION_PROBE, first_prediction, make_available_offline } from './first_prediction';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const BUILD = process.env.BUILD_DIR ?? join(REPO, 'build');
const TRACK_ID = process.env.BENCH_TRACK ?? '7sqVeKB8wgYnztqWvKRYr3';
const argv = process.argv.slice(2);
const i_runs = argv.indexOf('--runs');
const RUNS = i_runs >= 0 ? Number(argv[i_runs + 1]) : 5;
if (argv.includes('--build') || !existsSync(join(BUILD, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: REPO, stdio: 'inherit' });

const collect = `(() => ({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('hitcast:')).map((m) => [m.name.slice(8), m.startTime]) }))()`;

async function one(page: Page, workers: Worker[], url: string): Promise<Map<string, number>> {
	const first = await first_prediction(page, url);
	const out = new Map<string, number>();
	const main = (await page.evaluate(collect)) as { origin: number; marks: [string, number][] };
	const nav = (await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return { response_end: n.responseEnd, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; })()`)) as Record<string, number>;
	for (const [k, v] of Object.entries({ ...nav, first: first.dom, paint: first.paint })) out.set(`nav:${k}`, v);
	for (const [k, v] of main.marks) if (!out.has(k)) out.set(k, v);
	for (const w of workers) {
		try {
			const r = (await w.evaluate(collect)) as { origin: number; marks: [string, number][] };
			for (const [k, v] of r.marks) if (!out.has(k)) out.set(k, v + r.origin - main.origin);
		} catch {
			/* a worker that has gone */
		}
	}
	return out;
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const site = await serve(BUILD, 0, '');
// the language-prefixed address, as shared links and the app's own links are: the bare /music/ forwards to it, and a
// second visit of /music/ can find the page's scripts in the renderer's memory cache, which a new tab would not have
const url = `${site.url}en/music/?track=${TRACK_ID}`;
const runs: { cold: Map<string, number>; cached: Map<string, number> }[] = [];
try {
	for (let r = 0; r < RUNS; r++) {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });
		await context.addInitScript({ content: FIRST_PREDICTION_PROBE });
		const page = await context.newPage();
		const workers: Worker[] = [];
		page.on('worker', (w) => workers.push(w));
		const cold = await one(page, workers, url);
		await make_available_offline(page);
		await page.close();
		const second = await context.newPage();
		const workers2: Worker[] = [];
		second.on('worker', (w) => workers2.push(w));
		const cached = await one(second, workers2, url);
		await context.close();
		runs.push({ cold, cached });
		console.log(`run ${r + 1}: cold ${cold.get('nav:paint')!.toFixed(0)} ms, cached ${cached.get('nav:paint')!.toFixed(0)} ms (painted)`);
	}
} finally {
	await browser.close();
	await site.close();
}
const med = (v: number[]) => {
	const s = v.filter(Number.isFinite).sort((a, b) => a - b);
	return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const names = [...new Set(runs.flatMap((r) => [...r.cold.keys(), ...r.cached.keys()]))];
const rows = names.map((n) => ({ n, cold: med(runs.map((r) => r.cold.get(n) ?? NaN)), cached: med(runs.map((r) => r.cached.get(n) ?? NaN)) }));
rows.sort((a, b) => (Number.isNaN(a.cold) ? a.cached : a.cold) - (Number.isNaN(b.cold) ? b.cached : b.cold));
console.log(`\n| mark (ms since navigation start, median of ${RUNS}) | cold | SW cache |\n|---|---:|---:|`);
for (const r of rows) console.log(`| ${r.n} | ${Number.isNaN(r.cold) ? '—' : r.cold.toFixed(0)} | ${Number.isNaN(r.cached) ? '—' : r.cached.toFixed(0)} |`);
