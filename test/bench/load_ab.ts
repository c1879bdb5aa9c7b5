/**
 * A/B of two builds' first prediction, interleaved so both see the same machine: BUILD_A and BUILD_B are served side
 * by side, and each cycle loads /en/music/?track=<id> cold (fresh context) then from the service-worker cache, for A
 * and B in turn (the order alternates). Prints the medians: painted (Element Timing of elementtiming="prediction";
 * NaN for a build without the mark) and in the DOM, cold and cached, and the cached paint minus the track's arrival.
 *
 *   BUILD_A=build BUILD_B=/tmp/old-build npx tsx test/bench/load_ab.ts [--runs N]
 */
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve';

const A = process.env.BUILD_A ?? 'build';
const B = process.env.BUILD_B;
if (!B) throw new Error('set BUILD_B to the build to compare with (BUILD_A defaults to build/)');
const argv = process.argv.slice(2);
const i_runs = argv.indexOf('--runs');
const RUNS = i_runs >= 0 ? Number(argv[i_runs + 1]) : 8;
const TRACK_ID = process.env.BENCH_TRACK ?? '7sqVeKB8wgYnztqWvKRYr3';

const probe = `(() => {
	const look = () => {
		if (window.__bench_first !== undefined) return;
		const el = document.querySelector('[data-testid="predicted-popularity"]');
		if (el && /\\d/.test(el.textContent ?? '')) { window.__bench_first = performance.now(); observer.disconnect(); }
	};
	const observer = new MutationObserver(look);
	observer.observe(document, { subtree: true, childList: true, characterData: true });
	new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.identifier === 'prediction' && window.__bench_paint === undefined) window.__bench_paint = e.renderTime || e.loadTime; }).observe({ type: 'element', buffered: true });
})()`;
const read = `(() => ({ dom: window.__bench_first, paint: window.__bench_paint ?? NaN, track: performance.getEntriesByName('hitcast:main:track')[0]?.startTime ?? NaN }))()`;
type Reading = { dom: number; paint: number; track: number };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const sites = { A: await serve(A, 0, ''), B: await serve(B, 0, '') };
const results = { A: [] as { cold: Reading; cached: Reading }[], B: [] as { cold: Reading; cached: Reading }[] };

async function visit(page: import('playwright-core').Page, url: string): Promise<Reading> {
	await page.goto(url);
	await page.waitForFunction(() => (window as unknown as { __bench_first?: number }).__bench_first !== undefined, null, { timeout: 60_000, polling: 20 });
	await page.waitForFunction(() => (window as unknown as { __bench_paint?: number }).__bench_paint !== undefined, null, { timeout: 5_000, polling: 20 }).catch(() => undefined);
	return (await page.evaluate(read)) as Reading;
}

try {
	for (let i = 0; i < RUNS; i++) {
		for (const k of (i % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) {
			const url = `${sites[k].url}en/music/?track=${TRACK_ID}`;
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });
			await context.addInitScript({ content: probe });
			const page = await context.newPage();
			const cold = await visit(page, url);
			await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.ready;
				await new Promise((ok) => {
					const channel = new MessageChannel();
					channel.port1.onmessage = (event) => event.data.type !== 'progress' && ok(event.data);
					registration.active!.postMessage({ type: 'make-available-offline' }, [channel.port2]);
				});
			});
			await page.close();
			const cached = await visit(await context.newPage(), url);
			await context.close();
			results[k].push({ cold, cached });
			console.log(`run ${i + 1} ${k}: cold ${cold.paint.toFixed(0)} painted (${cold.dom.toFixed(0)} DOM), cached ${cached.paint.toFixed(0)} painted (${cached.dom.toFixed(0)} DOM)`);
		}
	}
} finally {
	await browser.close();
	await sites.A.close();
	await sites.B.close();
}
const med = (v: number[]) => {
	const s = v.filter(Number.isFinite).sort((a, b) => a - b);
	return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const rows: [string, (r: { cold: Reading; cached: Reading }) => number][] = [
	['cold, painted', (r) => r.cold.paint],
	['cold, in the DOM', (r) => r.cold.dom],
	['cached, painted', (r) => r.cached.paint],
	['cached, in the DOM', (r) => r.cached.dom],
	['cached, track arrival to paint', (r) => r.cached.paint - r.cached.track]
];
console.log(`\n| first prediction, ms (median of ${RUNS}) | A ${A} | B ${B} |\n|---|---:|---:|`);
for (const [name, f] of rows) console.log(`| ${name} | ${med(results.A.map(f)).toFixed(0)} | ${med(results.B.map(f)).toFixed(0)} |`);
