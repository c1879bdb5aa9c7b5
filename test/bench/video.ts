/**
 * Video studio benchmark (not a unit test: it prints markdown tables, nothing is asserted on time).
 *
 * 1. Retraining on a subset, as the browser's retraining worker does it (src/lib/workers/video_train: 3-fold
 *    cross-validation grouped by channel + a final fit of the same GBDT, tag statistics out-of-fold over tag ids),
 *    against ml-random-forest on the same rows, the same folds and the same feature matrices (tag statistics fitted on
 *    each training fold; missing values as -1, which the forest cannot otherwise take). Time and R² side by side.
 *    Rows come from the shipped shards (static/data/video_rows.arrow, video_tags.arrow).
 * 2. With --browser: in headless chromium against build/, the prediction round trip seen by the page (the latency
 *    every history record stores: form change -> worker -> onnxruntime + TreeSHAP for 3 targets -> page) and the
 *    retraining time the page reports.
 *
 *   npx tsx test/bench/video.ts [--browser] [--rf-trees 10] [--rf-max-rows 2000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RandomForestRegression } from 'ml-random-forest';
import { read_rows, read_tags, filter_rows, type VideoRows } from '../../src/lib/workers/video/data';
import { ROW_FEATURES } from '../../src/lib/workers/video/row_features';
import { retrain_rows, RETRAIN_FOLDS, RETRAIN_PARAMS } from '../../src/lib/workers/video_train/retrain';
import { fit_tag_stats, VIDEO_N_FEATURES } from '../../src/lib/core/features/video';
import { oof_training_matrix, rows_matrix, type VideoMatrix } from '../../src/lib/core/video/model';
import { grouped_kfold, r2 } from '../../src/lib/core/metrics';
import type { VideoFilter } from '../../src/lib/core/video/types';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DATA = process.env.ARTIFACTS_DIR ?? join(import.meta.dirname, '../../static');
const rows = read_rows(readFileSync(join(DATA, 'data/video_rows.arrow')), ROW_FEATURES);
const tags = read_tags(readFileSync(join(DATA, 'data/video_tags.arrow')));

const none: VideoFilter = { categories: [], countries: [], tag_keyword: '', subscribers_min: null, subscribers_max: null };
const SUBSETS: { name: string; filter: VideoFilter }[] = [
	{ name: 'Music, all countries', filter: { ...none, categories: [10] } },
	{ name: 'Entertainment', filter: { ...none, categories: [24] } },
	{ name: 'US', filter: { ...none, countries: ['US'] } },
	{ name: 'US + GB + CA + IN (about 10k)', filter: { ...none, countries: ['US', 'GB', 'CA', 'IN'] } }
];

function forest_cv(r: VideoRows, subset: Int32Array, trees: number): { r2: number; ms: number } {
	const n = subset.length;
	const X = new Float32Array(n * VIDEO_N_FEATURES);
	for (let q = 0; q < n; q++) X.set(r.X.subarray(subset[q] * VIDEO_N_FEATURES, (subset[q] + 1) * VIDEO_N_FEATURES), q * VIDEO_N_FEATURES);
	const m: VideoMatrix<number> = { n, X, tags: Array.from(subset, (i) => r.tag_ids[i]), y: Float64Array.from(subset, (i) => r.y.views[i]) };
	const groups = Int32Array.from(subset, (i) => r.channel[i]);
	// the same folds as retrain_rows (grouped_kfold of the subset's channels with its seed)
	const fold = grouped_kfold(groups, RETRAIN_FOLDS, 7);
	const t0 = performance.now();
	const scores: number[] = [];
	const to_rows = (M: Float32Array, k: number) => Array.from({ length: k }, (_, q) => Array.from(M.subarray(q * VIDEO_N_FEATURES, (q + 1) * VIDEO_N_FEATURES), (v) => (Number.isNaN(v) ? -1 : v)));
	for (let f = 0; f < RETRAIN_FOLDS; f++) {
		const train = [...fold.keys()].filter((q) => fold[q] !== f);
		const test = [...fold.keys()].filter((q) => fold[q] === f);
		const Xtr = oof_training_matrix(m, train, groups, false, 7 + f);
		const Xte = rows_matrix(m, test, fit_tag_stats(m.tags, m.y, train), false);
		const rf = new RandomForestRegression({ nEstimators: trees, maxFeatures: 0.5, seed: 7, noOOB: true, treeOptions: { maxDepth: 10 } });
		rf.train(to_rows(Xtr, train.length), train.map((q) => m.y[q]));
		scores.push(r2(test.map((q) => m.y[q]), rf.predict(to_rows(Xte, test.length))));
	}
	return { r2: scores.reduce((s, v) => s + v, 0) / scores.length, ms: performance.now() - t0 };
}

const rf_trees = arg('rf-trees', 10);
const rf_max_rows = arg('rf-max-rows', 2000);
console.log(`\n### Retraining on a subset (views, ${RETRAIN_FOLDS}-fold CV grouped by channel; Node ${process.version}, this machine)\n`);
console.log(`Hitcast GBDT: ${JSON.stringify(RETRAIN_PARAMS)}, CV + final fit. ml-random-forest: ${rf_trees} trees, maxFeatures 0.5, maxDepth 10, CV only, subsets up to ${rf_max_rows} rows.\n`);
console.log('| subset | rows | channels | GBDT CV + fit (ms) | GBDT R² | general model R² (same rows) | ml-random-forest CV (ms) | RF R² |');
console.log('|---|---|---|---|---|---|---|---|');
for (const s of SUBSETS) {
	const subset = filter_rows(rows, tags, s.filter);
	const g = retrain_rows(rows, tags, subset, null, () => {});
	// ml-random-forest's CART scans every threshold of every feature: minutes beyond a few thousand rows
	const rf = subset.length <= rf_max_rows ? forest_cv(rows, subset, rf_trees) : null;
	console.log(`| ${s.name} | ${g.rows} | ${g.channels} | ${g.ms.toFixed(0)} | ${g.subset_r2.toFixed(3)} ± ${g.subset_r2_std.toFixed(3)} | ${g.general_r2.toFixed(3)} | ${rf ? rf.ms.toFixed(0) : `not run (> ${rf_max_rows} rows)`} | ${rf ? rf.r2.toFixed(3) : '-'} |`);
}

if (process.argv.includes('--browser')) {
	const { open_session, close_browser } = await import('../e2e/harness');
	const s = await open_session();
	const p = s.page;
	const t0 = Date.now();
	await p.goto(s.site.url + 'video/');
	await p.getByTestId('pred-views').waitFor({ timeout: 60_000 });
	const cold = Date.now() - t0;
	for (let k = 0; k < 30; k++) {
		await p.getByLabel('Channel subscribers').fill(String(1000 + k * 997));
		await p.waitForTimeout(120);
	}
	await p.waitForTimeout(500);
	const latencies = await p.evaluate(
		() =>
			new Promise<number[]>((resolve, reject) => {
				const open = indexedDB.open('hitcast');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('predictions').objectStore('predictions').getAll();
					req.onsuccess = () => resolve((req.result as { kind: string; latency_ms: number; outputs: { latency_ms: number } }[]).filter((r) => r.kind === 'video').map((r) => r.latency_ms));
				};
			})
	);
	latencies.sort((a, b) => a - b);
	const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))];
	await p.locator('#f-category').selectOption({ label: 'Music' });
	await p.waitForTimeout(500);
	await p.getByTestId('retrain').click();
	await p.getByTestId('retrain-result').waitFor({ timeout: 60_000 });
	const retrain_text = await p.getByTestId('retrain-result').innerText();
	await p.locator('#f-category').selectOption({ label: 'All' });
	await p.locator('#f-country').selectOption('US');
	await p.waitForTimeout(800);
	await p.getByTestId('retrain').click();
	await p.getByText('Trained on 6,537').waitFor({ timeout: 60_000 });
	const retrain_us = await p.getByTestId('retrain-result').innerText();
	await s.close();
	await close_browser();
	console.log('\n### In headless chromium (build/, this machine)\n');
	console.log('| measure | value |');
	console.log('|---|---|');
	console.log(`| cold load to first prediction | ${cold} ms |`);
	console.log(`| prediction round trip (3 targets + drivers), p50 / p90 over ${latencies.length} | ${q(0.5).toFixed(1)} / ${q(0.9).toFixed(1)} ms |`);
	console.log(`| retraining, Music subset (page's report) | ${retrain_text.split('\n').pop()} |`);
	console.log(`| retraining, US subset (page's report) | ${retrain_us.split('\n').pop()} |`);
}
