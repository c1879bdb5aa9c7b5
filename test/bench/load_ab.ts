/**
 * A/B of two builds' first prediction, interleaved so both see the same machine: BUILD_A and BUILD_B are served side
 * by side, and each cycle loads /en/music/?track=<id> cold (fresh context) then from the service-worker cache, for A
 * and B in turn (the order alternates). Prints the medians: painted (Element Timing of elementtiming="prediction";
 * NaN for a build without the mark) and in the DOM, cold and cached, and the cached paint minus the track's arrival.
 *
 *   BUILD_A=build BUILD_B=/tmp/old-build npx tsx test/bench/load_ab.ts [--runs N]
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { serve } from '../../scripts/serve';
import { FIRST_PREDICTION_PROBE, first_prediction, make_available_offline, type FirstPrediction } from './first_prediction';

const A = process.env.BUILD_A ?? 'build';
const B = process.env.BUILD_B;
if (!B) throw new Error('set BUILD_B to the build to compare with (BUILD_A defaults to build/)');
const argv = process.argv.slice(2);
const i_runs = argv.indexOf('--runs');
const RUNS = i_runs >= 0 ? Number(argv[i_runs + 1]) : 8;
const TRACK_ID = process.env.BENCH_TRACK ?? '7sqVeKB8wgYnztqWvKRYr3';

type Reading = FirstPrediction & { track: number };

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const sites = { A: await serve(A, 0, ''), B: await serve(B, 0, '') };
const results = { A: [] as { cold: Reading; cached: Reading }[], B: [] as { cold: Reading; cached: Reading }[] };

async function visit(page: Page, url: string): Promise<Reading> {
	const first = await first_prediction(page, url);
	const track = await page.evaluate(() => performance.getEntriesByName('hitcast:main:track')[0]?.startTime ?? NaN);
	return { ...first, track };
}

try {
	for (let i = 0; i < RUNS; i++) {
		for (const k of (i % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) {
			const url = `${sites[k].url}en/music/?track=${TRACK_ID}`;
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });
			await context.addInitScript({ content: FIRST_PREDICTION_PROBE });
			const page = await context.newPage();
			const cold = await visit(page, url);
			await make_available_offline(page);
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
