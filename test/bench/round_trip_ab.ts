/**
 * A/B of two builds' slider round trip, interleaved so both see the same machine: BUILD_A and BUILD_B are served side
 * by side, and each round opens a fresh page of each (the order alternates) and moves a slider `--samples` times
 * (round_trip.ts). Prints each round's p50 and the median of the rounds' p50s, for the prediction and for the similar
 * songs, and the time the prediction requests spent in the inference worker.
 *
 *   BUILD_A=build BUILD_B=/tmp/old-build npx tsx test/bench/round_trip_ab.ts [--rounds N] [--samples N]
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { serve } from '../../scripts/serve';
import { slider_round_trips } from './round_trip';

const A = process.env.BUILD_A ?? 'build';
const B = process.env.BUILD_B;
if (!B) throw new Error('set BUILD_B to the build to compare with (BUILD_A defaults to build/)');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const ROUNDS = arg('--rounds', 4);
const SAMPLES = arg('--samples', 120);
const TRACK_ID = process.env.BENCH_TRACK ?? '7sqVeKB8wgYnztqWvKRYr3';

const quantile = (v: number[], q: number) => {
	const s = v.filter(Number.isFinite).sort((a, b) => a - b);
	if (!s.length) return NaN;
	const x = (s.length - 1) * q;
	return s[Math.floor(x)] + (s[Math.ceil(x)] - s[Math.floor(x)]) * (x - Math.floor(x));
};
const median = (v: number[]) => quantile(v, 0.5);

type Round = { predict: number; predict_p95: number; similar: number; in_worker: number; missed: number; other: string };
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const sites = { A: await serve(A, 0, ''), B: await serve(B, 0, '') };
const rounds = { A: [] as Round[], B: [] as Round[] };
try {
	for (let i = 0; i < ROUNDS; i++) {
		for (const k of (i % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const rt = await slider_round_trips(await context.newPage(), `${sites[k].url}en/music/?track=${TRACK_ID}`, SAMPLES);
			await context.close();
			const r: Round = {
				predict: median(rt.ui_predict), predict_p95: quantile(rt.ui_predict, 0.95), similar: median(rt.ui_similar),
				in_worker: median(rt.worker_predict), missed: rt.missed.prediction,
				other: Object.entries(rt.worker_other).map(([type, v]) => `${v.length} ${type} requests, p50 ${median(v).toFixed(2)} ms in their worker`).join('; ')
			};
			rounds[k].push(r);
			console.log(`round ${i + 1} ${k}: prediction p50 ${r.predict.toFixed(2)} ms (p95 ${r.predict_p95.toFixed(2)}), similar p50 ${r.similar.toFixed(2)} ms, in the inference worker p50 ${r.in_worker.toFixed(2)} ms${r.missed ? `, ${r.missed} inputs without a new prediction` : ''}${r.other ? `; also ${r.other}` : ''}`);
		}
	}
} finally {
	await browser.close();
	await sites.A.close();
	await sites.B.close();
}
console.log(`\nmedian of ${ROUNDS} rounds (${SAMPLES} inputs each)   A (${A})   B (${B})`);
for (const [what, f] of [['prediction round trip p50', (r: Round) => r.predict], ['prediction round trip p95', (r: Round) => r.predict_p95], ['similar songs p50', (r: Round) => r.similar], ['in the inference worker p50', (r: Round) => r.in_worker]] as const) {
	console.log(`${what.padEnd(40)} ${median(rounds.A.map(f)).toFixed(2).padStart(7)} ms ${median(rounds.B.map(f)).toFixed(2).padStart(10)} ms`);
}
