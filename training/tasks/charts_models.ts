/**
 * The chart-chance models: for each region, P(a charting song enters that region's Top 200) and P(it reaches the
 * region's Top 50), from the 11 audio features. One binary-logistic GBDT per (region, level): 20 small models,
 * exported together as one multi-output ONNX file (src/lib/core/charts/onnx.ts).
 *
 * Jobs run in worker threads (training/tasks/charts_worker.ts); each job is one fit on one fold and returns the
 * test rows' probabilities, so the orchestrator (training/tasks/charts_cv.ts) computes every metric itself.
 */
import { train_gbdt, predict_gbdt, type GbdtModel, type GbdtOptions } from '../../src/lib/core/gbdt';
import { fit_logistic, predict_logistic } from '../../src/lib/core/linear';
import { CHART_FEATURES, CHART_LEVELS, CHART_REGIONS, TOP50 } from '../../src/lib/core/charts/regions';
import type { ChartedTrack } from '../etl/spotify_charts';

export const CHARTS_MODEL_ID = 'charts_chance';
export const N_LABELS = CHART_REGIONS.length * CHART_LEVELS.length;

export interface ChartsMatrix {
	n: number;
	p: number;
	/** row-major n x p */
	X: Float32Array;
	/** label k of row i at k * n + i (k = output_index(region, level)) */
	Y: Float32Array;
	/** recording group (re-releases together) */
	recording: Int32Array;
	/** chart artist (lower-cased chart artist string) */
	artist: Int32Array;
}

export function build_charts_matrix(tracks: readonly ChartedTrack[]): ChartsMatrix {
	const n = tracks.length, p = CHART_FEATURES.length;
	const X = new Float32Array(n * p);
	const Y = new Float32Array(N_LABELS * n);
	tracks.forEach((t, i) => {
		X.set(t.features, i * p);
		t.regions.forEach((r, ri) => {
			Y[ri * n + i] = r.peak > 0 ? 1 : 0;
			Y[(CHART_REGIONS.length + ri) * n + i] = r.peak > 0 && r.peak <= TOP50 ? 1 : 0;
		});
	});
	// By chart artist alone, as TARGETS.md's reference: joining artists through shared recordings chains 4,710 tracks
	// (26%) into one group, because some audio vectors repeat across artists (copies the name check cannot see, see
	// the notes), and one fold then holds a quarter of the data.
	return { n, p, X, Y, recording: Int32Array.from(tracks, (t) => t.recording), artist: Int32Array.from(tracks, (t) => t.artist_group) };
}

export function label_name(k: number): string {
	return `${CHART_REGIONS[k % CHART_REGIONS.length]}:${CHART_LEVELS[Math.floor(k / CHART_REGIONS.length)]}`;
}

export type GbdtParams = Omit<GbdtOptions, 'on_progress' | 'seed' | 'objective'>;

/** XGBoost's defaults at the reference's size (TARGETS.md: about 200 rounds, depth 6; eta 0.3, lambda 1): "untuned". */
export const UNTUNED: GbdtParams = { n_estimators: 200, learning_rate: 0.3, max_depth: 6, min_child_weight: 1, lambda: 1, max_bins: 255 };

/**
 * The tuning grid. Small on purpose (the studio trains in about a minute on 2 cores): slower learning, shallower or
 * leaf-limited trees, row and column sampling. The largest is 160 trees of 16 leaves, so the 20 models fit in about
 * 750 KB gzip (the offline budget); 240-320 trees at a lower rate scored 0.0006-0.0009 more on the tuning folds but
 * would take the offline total past 15 MB. Chosen on tuning folds with another seed, never on the reported folds.
 * The chart models answer in a worker of their own (workers/market), so their size does not slow the slider's
 * predictions (with the 160 trees in the music model's worker, the round trip's p50 went from 1.75 to 2.05 ms; see
 * the README). test/bench/charts_xgboost.ts runs XGBoost on the same folds, with its own grid chosen the same way.
 */
export const TUNING_GRID: GbdtParams[] = [
	{ n_estimators: 100, learning_rate: 0.08, max_depth: 4, min_child_weight: 5, lambda: 1, subsample: 0.8, colsample: 0.8, max_bins: 64 },
	{ n_estimators: 80, learning_rate: 0.1, max_depth: 6, max_leaves: 16, min_child_weight: 10, lambda: 5, subsample: 0.8, colsample: 0.7, max_bins: 64 },
	{ n_estimators: 160, learning_rate: 0.05, max_depth: 6, max_leaves: 16, min_child_weight: 10, lambda: 5, subsample: 0.8, colsample: 0.7, max_bins: 64 }
];

export type ChartsJob =
	/** all_rows: train on every training row (the untuned comparison, as before); else one row per recording */
	| { kind: 'gbdt'; label: number; train: Int32Array; test: Int32Array | null; params: GbdtParams; seed: number; all_rows?: boolean }
	| { kind: 'logistic'; label: number; train: Int32Array; test: Int32Array; lambda: number };

export type ChartsJobResult = { probabilities: Float64Array } | { model: GbdtModel };

export function rows_of(m: ChartsMatrix, rows: Int32Array): Float32Array {
	const out = new Float32Array(rows.length * m.p);
	for (let k = 0; k < rows.length; k++) out.set(m.X.subarray(rows[k] * m.p, rows[k] * m.p + m.p), k * m.p);
	return out;
}

function labels_of(m: ChartsMatrix, label: number, rows: Int32Array): Float32Array {
	const y = new Float32Array(rows.length);
	for (let k = 0; k < rows.length; k++) y[k] = m.Y[label * m.n + rows[k]];
	return y;
}

/**
 * The tuned models' training rows: one row per recording (its first training row; re-releases share the audio
 * vector), labelled 1 when any of the recording's training rows is. A recording with five releases no longer
 * weighs five times, and "this recording entered the chart under one of its ids" is the label the audio can tell.
 * Uses the training rows only (a recording's rows in the test fold never lend their label). Chosen on the tuning
 * folds (3 artist folds, seed 1042): mean top-200 AUC 0.6858 -> 0.6868; on five other arrangements of 5 artist
 * folds (seeds 1-5, not the reported 42) -0.0004 to +0.0022 (US +0.0004 to +0.0030 every time), with about 17%
 * fewer rows to fit.
 */
export function one_row_per_recording(m: ChartsMatrix, label: number, rows: Int32Array): { rows: Int32Array; y: Float32Array } {
	const first = new Map<number, number>();
	const positive = new Set<number>();
	for (const i of rows) {
		const g = m.recording[i];
		if (!first.has(g)) first.set(g, i);
		if (m.Y[label * m.n + i] === 1) positive.add(g);
	}
	const kept = Int32Array.from(first.values()).sort();
	return { rows: kept, y: Float32Array.from(kept, (i) => (positive.has(m.recording[i]) ? 1 : 0)) };
}

export function run_job(m: ChartsMatrix, job: ChartsJob): ChartsJobResult {
	const { rows, y } = job.kind === 'gbdt' && !job.all_rows ? one_row_per_recording(m, job.label, job.train) : { rows: job.train, y: labels_of(m, job.label, job.train) };
	const train = { X: rows_of(m, rows), n_rows: rows.length, n_features: m.p, y, feature_names: [...CHART_FEATURES] };
	if (job.kind === 'logistic') {
		const model = fit_logistic(train, job.lambda);
		return { probabilities: predict_logistic(model, rows_of(m, job.test), job.test.length) };
	}
	const model = train_gbdt(train, { ...job.params, objective: 'logistic', seed: job.seed });
	if (job.test === null) return { model };
	return { probabilities: predict_gbdt(model, rows_of(m, job.test), job.test.length) };
}
