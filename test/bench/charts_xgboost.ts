/**
 * Benchmark: the chart-chance GBDTs against XGBoost 1.7 (hist, Debian python3-xgboost) on the very same rows and
 * folds. TARGETS.md gives XGBoost's AUC per region on its own artist folds, which no one can reproduce exactly;
 * this bench runs XGBoost on the pipeline's folds, so the comparison is like for like. Not a unit test (minutes,
 * needs the dataset and /usr/bin/python3 + xgboost).
 *
 *   npx tsx test/bench/charts_xgboost.ts [--threads 2] [--no-grid] [--ceiling]
 *
 * Rows: the cleaned charted tracks (training/etl/spotify_charts.ts), label "entered the region's Top 200".
 * Folds: the pipeline's own (training/tasks/charts_cv.ts): 3 artist folds with seed 1042 to tune on, 5 artist
 * folds with seed 42 to report. Each side is run as it is meant to be run:
 * - Hitcast: the pipeline's tuning grid, chosen on the tuning folds, one row per recording
 *   (training/tasks/charts_models.ts), the pipeline's seeds, so its figures equal the manifest's.
 * - XGBoost, every track as its training rows (as the reference was run):
 *   - "reference": TARGETS.md's settings, 200 rounds of depth 6 at XGBoost's defaults (eta 0.3, lambda 1);
 *   - "Hitcast's settings": Hitcast's chosen parameters translated (lossguide growth to 16 leaves);
 *   - "tuned": the best of a grid, chosen on the tuning folds as Hitcast's parameters are, then run on the reported
 *     folds;
 *   - with --ceiling, also every grid setting on the reported folds and, per region, the best of them: chosen by
 *     looking at the test folds, so an optimistic bound on what these settings can reach, not a fair comparison.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auc, grouped_kfold, mean_std } from '../../src/lib/core/metrics/index';
import { CHART_REGIONS } from '../../src/lib/core/charts/regions';
import { load_charted_tracks, CHARTS_FILE, CHART_FEATURES_FILE } from '../../training/etl/spotify_charts';
import { build_charts_matrix, run_job, TUNING_GRID, type ChartsMatrix, type GbdtParams } from '../../training/tasks/charts_models';
import { DEFAULT_CHARTS_OPTIONS, fold_seed, split_rows } from '../../training/tasks/charts_cv';
import { CHART_REFERENCE } from '../../training/studios/charts';
import { default_data_root, require_data_files } from '../../training/lib/paths';
import { format_table } from '../../training/lib/table';

const here = dirname(fileURLToPath(import.meta.url));
const i_threads = process.argv.indexOf('--threads');
const threads = i_threads >= 0 ? Number(process.argv[i_threads + 1]) : 2;
if (!(Number.isInteger(threads) && threads > 0)) throw new Error('--threads takes a positive whole number');
const with_grid = !process.argv.includes('--no-grid');
const ceiling = with_grid && process.argv.includes('--ceiling');

interface XgbSetting { name: string; params: Record<string, number | string>; rounds: number; splits: ('tune' | 'report')[] }
type PerRegion = Record<string, number[]>;
interface XgbResult { name: string; params: Record<string, number | string>; rounds: number; auc: { tune?: PerRegion; report?: PerRegion } }

const o = DEFAULT_CHARTS_OPTIONS;

/** Hitcast's parameters in XGBoost's words (our trees grow best-first to max_leaves within max_depth). */
function as_xgboost(p: GbdtParams): XgbSetting {
	const params: Record<string, number | string> = {
		eta: p.learning_rate ?? 0.3, max_depth: p.max_depth ?? 6, min_child_weight: p.min_child_weight ?? 1, lambda: p.lambda ?? 1,
		subsample: p.subsample ?? 1, colsample_bytree: p.colsample ?? 1, max_bin: p.max_bins ?? 256
	};
	if (p.max_leaves) Object.assign(params, { max_leaves: p.max_leaves, grow_policy: 'lossguide' });
	return { name: "Hitcast's settings", params, rounds: p.n_estimators ?? 100, splits: ['report'] };
}
const REFERENCE: XgbSetting = { name: 'reference (200 rounds, depth 6, eta 0.3)', params: { eta: 0.3, max_depth: 6 }, rounds: 200, splits: ['report'] };

/** A grid around where boosting on ~14k noisy rows does well: slow learning, shallow trees, sampling. */
function grid(): XgbSetting[] {
	const out: XgbSetting[] = [];
	for (const [eta, rounds] of [[0.03, 300], [0.1, 100], [0.1, 200]] as const)
		for (const max_depth of [3, 4, 6])
			for (const min_child_weight of [1, 10])
				out.push({ name: `grid eta ${eta} x ${rounds}, depth ${max_depth}, mcw ${min_child_weight}`, params: { eta, max_depth, min_child_weight, subsample: 0.8, colsample_bytree: 0.8 }, rounds, splits: ceiling ? ['tune', 'report'] : ['tune'] });
	return out;
}

function run_xgboost(dir: string, settings: XgbSetting[]): XgbResult[] {
	writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
	const stdout = execFileSync('/usr/bin/python3', [join(here, 'charts_xgboost_ref.py'), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
	const parsed = JSON.parse(stdout.trim().split('\n').at(-1)!) as { version: string; results: XgbResult[] };
	console.log(`XGBoost ${parsed.version}`);
	return parsed.results;
}

/** Hitcast's GBDT on some folds, split and seeded as the pipeline's fit_folds (charts_cv.ts). */
function hitcast_auc(m: ChartsMatrix, fold: Int32Array, k: number, params: GbdtParams): PerRegion {
	const out: PerRegion = {};
	CHART_REGIONS.forEach((region, label) => {
		out[region] = Array.from({ length: k }, (_, f) => {
			const { train, test } = split_rows(fold, f);
			const r = run_job(m, { kind: 'gbdt', label, train, test, params, seed: fold_seed(o.seed, f, label) });
			return auc(Array.from(test, (i) => m.Y[label * m.n + i]), (r as { probabilities: Float64Array }).probabilities);
		});
	});
	return out;
}

const mean_of = (per: PerRegion) => Object.values(per).reduce((s, v) => s + mean_std(v).mean, 0) / Object.keys(per).length;

function main(): void {
	const root = default_data_root();
	const [charts, features] = require_data_files(root, [CHARTS_FILE, CHART_FEATURES_FILE]);
	const etl = load_charted_tracks(charts, features);
	const m = build_charts_matrix(etl.tracks);
	const folds = { tune: grouped_kfold(m.artist, o.tune_folds, o.tune_seed), report: grouped_kfold(m.artist, o.folds, o.seed) };
	console.log(`${m.n} charted tracks, ${m.p} features; folds grouped by chart artist: tune ${o.tune_folds} (seed ${o.tune_seed}), report ${o.folds} (seed ${o.seed})`);

	const dir = mkdtempSync(join(tmpdir(), 'hitcast-charts-xgb-'));
	try {
		writeFileSync(join(dir, 'X.f32'), Buffer.from(m.X.buffer, m.X.byteOffset, m.X.byteLength));
		const top200 = m.Y.subarray(0, CHART_REGIONS.length * m.n);
		writeFileSync(join(dir, 'Y.f32'), Buffer.from(top200.buffer, top200.byteOffset, top200.byteLength));
		for (const [name, f] of Object.entries(folds)) writeFileSync(join(dir, `${name}.i32`), Buffer.from(f.buffer, f.byteOffset, f.byteLength));
		writeFileSync(join(dir, 'meta.json'), JSON.stringify({ n_rows: m.n, n_features: m.p, regions: CHART_REGIONS, nthread: threads }));

		let t0 = performance.now();
		const tuning = TUNING_GRID.map((p) => mean_of(hitcast_auc(m, folds.tune, o.tune_folds, p)));
		const chosen = TUNING_GRID[tuning.indexOf(Math.max(...tuning))];
		console.log(`Hitcast grid on the tuning folds: mean AUC ${tuning.map((a) => a.toFixed(4)).join(' / ')}; chosen ${JSON.stringify(chosen)}`);
		const ours = hitcast_auc(m, folds.report, o.folds, chosen);
		console.log(`Hitcast tuned GBDT on the reported folds: mean AUC ${mean_of(ours).toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s with tuning)`);

		t0 = performance.now();
		const fixed = run_xgboost(dir, [REFERENCE, as_xgboost(chosen)]);
		const rows: { name: string; per: PerRegion }[] = [{ name: 'Hitcast tuned GBDT (shipped)', per: ours }, ...fixed.map((r) => ({ name: `XGBoost ${r.name}`, per: r.auc.report! }))];
		if (with_grid) {
			const tuned = run_xgboost(dir, grid());
			const best = tuned.reduce((b, r) => (mean_of(r.auc.tune!) > mean_of(b.auc.tune!) ? r : b));
			console.log(`XGBoost grid: ${tuned.length} settings on the tuning folds; best ${best.name} (mean AUC ${mean_of(best.auc.tune!).toFixed(4)})`);
			const [chosen] = run_xgboost(dir, [{ name: best.name, params: best.params, rounds: best.rounds, splits: ['report'] }]);
			rows.push({ name: `XGBoost tuned: ${chosen.name}`, per: chosen.auc.report! });
			if (ceiling) {
				const best: PerRegion = Object.fromEntries(CHART_REGIONS.map((r) => [r, tuned.map((t) => t.auc.report![r]).reduce((a, b) => (mean_std(b).mean > mean_std(a).mean ? b : a))]));
				rows.push({ name: 'XGBoost ceiling: best grid setting per region on these folds', per: best });
			}
		}
		console.log(`XGBoost runs: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

		console.log(`\nAUC, label "entered the region's Top 200", mean of ${o.folds} artist folds (seed ${o.seed}), identical rows and folds:\n`);
		const header = ['model', ...CHART_REGIONS, 'mean'];
		const body = rows.map(({ name, per }) => [name, ...CHART_REGIONS.map((r) => mean_std(per[r]).mean.toFixed(4)), mean_of(per).toFixed(4)]);
		body.push(['TARGETS.md XGBoost (its own folds)', ...CHART_REGIONS.map((r) => CHART_REFERENCE[r].artist.toFixed(3)), '-']);
		console.log(format_table(header, body));
		// like for like: each XGBoost row against Hitcast, region by region
		for (const { name, per } of rows.slice(1)) {
			const diff = CHART_REGIONS.map((r) => mean_std(ours[r]).mean - mean_std(per[r]).mean);
			const at_least = CHART_REGIONS.filter((_, i) => diff[i] >= 0);
			console.log(`Hitcast - ${name}: mean ${(mean_of(ours) - mean_of(per)).toFixed(4)}; >= in ${at_least.length} of ${CHART_REGIONS.length} regions; lowest ${Math.min(...diff).toFixed(4)}`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main();
