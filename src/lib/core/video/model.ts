/**
 * The video models' training and evaluation, shared by the Node pipeline and the browser's retraining worker (which
 * trains "the same GBDT" on a visitor's subset). Pure TypeScript.
 *
 * Tag statistics are the one feature learnt from targets, so they are always built out-of-fold: a test row's tag
 * features come from the training rows only, and a training row's from the OTHER inner folds of the training rows
 * (grouped like the outer split), so the model learns from tag features that behave like the ones it will be served.
 */
import { train_gbdt, predict_gbdt, type GbdtModel, type GbdtOptions } from '../gbdt';
import { grouped_kfold } from '../metrics/folds';
import { r2, rmse, mae } from '../metrics/regression';
import {
	fit_tag_stats, tag_stat_features, FEATURE_INDEX, VIDEO_CATEGORICAL, VIDEO_FEATURE_NAMES, VIDEO_N_FEATURES,
	type TagStats
} from '../features/video';
import { blend, fit_video_linear, linear_reader, type VideoLinear, type VideoTokens } from './linear';

export interface VideoMatrix<K = string> {
	n: number;
	/** row-major n x VIDEO_N_FEATURES, tag-statistic columns left NaN (filled per fold) */
	X: Float32Array;
	/** normalised tags per row (or their ids in a tag vocabulary: the browser's shard stores ids) */
	tags: ArrayLike<K>[];
	/** log1p of the target per row */
	y: Float64Array;
	/** hashed title and tag words per row (linear.ts); without them no ridge is blended in (the browser's retraining) */
	tokens?: readonly VideoTokens[];
}

export const TAG_COLUMNS = [FEATURE_INDEX.tag_mean, FEATURE_INDEX.tag_max, FEATURE_INDEX.tag_known];
export const SUBSCRIBER_COLUMN = FEATURE_INDEX.log_subscribers;

export const VIDEO_GBDT: Omit<GbdtOptions, 'seed' | 'on_progress'> = {
	objective: 'squared_error',
	// 160 rounds at 0.055 since the blend with the word ridge (linear.ts): on the tuning folds as accurate as 220 at
	// 0.04 in the blend, with 27% fewer trees to train and to ship
	n_estimators: 160,
	learning_rate: 0.055,
	max_depth: 4,
	min_child_weight: 10,
	lambda: 5,
	subsample: 0.8,
	colsample: 0.8,
	max_bins: 64
};

export const INNER_FOLDS = 4;

/** Copy `rows` of X (tag columns filled from `stats`; subscribers blanked when `without_subscribers`). */
export function rows_matrix<K>(m: VideoMatrix<K>, rows: ArrayLike<number>, stats: TagStats<K> | ((q: number) => TagStats<K>), without_subscribers: boolean): Float32Array {
	const nf = VIDEO_N_FEATURES;
	const out = new Float32Array(rows.length * nf);
	for (let q = 0; q < rows.length; q++) {
		const i = rows[q];
		out.set(m.X.subarray(i * nf, (i + 1) * nf), q * nf);
		const s = typeof stats === 'function' ? stats(q) : stats;
		const [a, b, c] = tag_stat_features(m.tags[i], s);
		out[q * nf + TAG_COLUMNS[0]] = a;
		out[q * nf + TAG_COLUMNS[1]] = b;
		out[q * nf + TAG_COLUMNS[2]] = c;
		if (without_subscribers) out[q * nf + SUBSCRIBER_COLUMN] = NaN;
	}
	return out;
}

/**
 * Training matrix for `train_rows` with out-of-fold tag features: inner folds grouped by `groups`, each row's tag
 * statistics fitted on the other inner folds.
 */
export function oof_training_matrix<K>(m: VideoMatrix<K>, train_rows: ArrayLike<number>, groups: ArrayLike<number | string>, without_subscribers: boolean, seed: number): Float32Array {
	const g = Array.from(train_rows, (i) => groups[i]);
	const distinct = new Set(g).size;
	if (distinct < 2) return rows_matrix<K>(m, train_rows, { prior: 0, k: 1, min_count: Infinity, tags: new Map() }, without_subscribers);
	const inner = grouped_kfold(g, Math.min(INNER_FOLDS, distinct), seed);
	const k = Math.max(...inner) + 1;
	const stats: TagStats<K>[] = [];
	for (let f = 0; f < k; f++) {
		const fit_rows: number[] = [];
		for (let q = 0; q < train_rows.length; q++) if (inner[q] !== f) fit_rows.push(train_rows[q]);
		stats.push(fit_tag_stats(m.tags, m.y, fit_rows));
	}
	return rows_matrix(m, train_rows, (q) => stats[inner[q]], without_subscribers);
}

export interface FittedVideoModel<K = string> {
	model: GbdtModel;
	/** fitted on every training row: what the model is served with */
	tag_stats: TagStats<K>;
	/** the ridge blended with the GBDT (when gbdt_weight < 1 and the matrix has tokens) */
	linear?: VideoLinear;
}

export interface VideoFitOptions {
	without_subscribers: boolean;
	seed: number;
	params?: Partial<GbdtOptions>;
	/** weight of the GBDT in the blend with the word ridge (linear.ts); 1 (default) = the GBDT alone */
	gbdt_weight?: number;
	on_progress?: GbdtOptions['on_progress'];
}

export function fit_video_model<K>(
	m: VideoMatrix<K>,
	train_rows: ArrayLike<number>,
	groups: ArrayLike<number | string>,
	opts: VideoFitOptions
): FittedVideoModel<K> {
	const X = oof_training_matrix(m, train_rows, groups, opts.without_subscribers, opts.seed);
	const y = Float64Array.from(train_rows, (i) => m.y[i]);
	const model = train_gbdt(
		{ X, n_rows: train_rows.length, n_features: VIDEO_N_FEATURES, y, categorical: VIDEO_CATEGORICAL, feature_names: [...VIDEO_FEATURE_NAMES] },
		{ ...VIDEO_GBDT, ...opts.params, seed: opts.seed, on_progress: opts.on_progress }
	);
	const w = opts.gbdt_weight ?? 1;
	const tokens = m.tokens;
	// the ridge reads no tag statistics, so the out-of-fold matrix serves it as it is
	const linear = w < 1 && tokens ? fit_video_linear(X, Array.from(train_rows, (i) => tokens[i]), y, train_rows.length, { gbdt_weight: w }) : undefined;
	return { model, tag_stats: fit_tag_stats(m.tags, m.y, train_rows), ...(linear ? { linear } : {}) };
}

export function predict_rows<K>(m: VideoMatrix<K>, rows: ArrayLike<number>, fitted: FittedVideoModel<K>, without_subscribers: boolean): Float64Array {
	const X = rows_matrix(m, rows, fitted.tag_stats, without_subscribers);
	const p = Float64Array.from(predict_gbdt(fitted.model, X, rows.length));
	if (fitted.linear && m.tokens) {
		const reader = linear_reader(fitted.linear);
		const nf = VIDEO_N_FEATURES;
		for (let q = 0; q < rows.length; q++) p[q] = blend(fitted.linear, p[q], reader.predict(X.subarray(q * nf, (q + 1) * nf), m.tokens[rows[q]]));
	}
	return p;
}

/** Least squares y = a + b x on rows where x is finite; slope b is the elasticity in a log-log fit. */
export function fit_loglog(x: ArrayLike<number>, y: ArrayLike<number>, rows: ArrayLike<number>): { intercept: number; slope: number; n: number } | null {
	let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
	for (let q = 0; q < rows.length; q++) {
		const i = rows[q];
		if (!Number.isFinite(x[i])) continue;
		n++;
		sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i];
	}
	if (n < 3) return null;
	const vx = sxx - (sx * sx) / n;
	if (!(vx > 1e-12)) return null;
	const slope = (sxy - (sx * sy) / n) / vx;
	return { intercept: (sy - slope * sx) / n, slope, n };
}

export interface FoldScores { r2: number[]; rmse: number[]; mae: number[] }

export interface CvResult {
	oof: Float64Array;
	scores: FoldScores;
	baselines: { mean: FoldScores; subscribers_ols: FoldScores };
	/** log-log slope of the subscribers-only baseline per fold */
	ols_slopes: number[];
	/** the rows that were evaluated (every row of the matrix passed in) */
	fold: Int32Array;
}

function push(s: FoldScores, y: ArrayLike<number>, p: ArrayLike<number>) {
	s.r2.push(r2(y, p));
	s.rmse.push(rmse(y, p));
	s.mae.push(mae(y, p));
}

/**
 * k-fold cross-validation over `rows`, grouped by `groups`: the GBDT (with out-of-fold tag statistics) next to the
 * training mean and the subscribers-only log-log OLS (rows without subscribers get the training mean), on the same
 * folds. `on_fold` reports progress (the browser's progress bar).
 */
export function cross_validate<K>(
	m: VideoMatrix<K>,
	rows: ArrayLike<number>,
	groups: ArrayLike<number | string>,
	opts: { k: number; seed: number; without_subscribers: boolean; params?: Partial<GbdtOptions>; gbdt_weight?: number; on_fold?: (done: number, total: number) => void }
): CvResult {
	const fold = grouped_kfold(Array.from(rows, (i) => groups[i]), opts.k, opts.seed);
	const oof = new Float64Array(rows.length);
	const scores: FoldScores = { r2: [], rmse: [], mae: [] };
	const mean_s: FoldScores = { r2: [], rmse: [], mae: [] };
	const ols_s: FoldScores = { r2: [], rmse: [], mae: [] };
	const slopes: number[] = [];
	const log_subs = (i: number) => m.X[i * VIDEO_N_FEATURES + SUBSCRIBER_COLUMN];
	const xs = new Float64Array(m.n).fill(NaN);
	for (let q = 0; q < rows.length; q++) xs[rows[q]] = log_subs(rows[q]);
	for (let f = 0; f < opts.k; f++) {
		const train: number[] = [];
		const test_q: number[] = [];
		for (let q = 0; q < rows.length; q++) (fold[q] === f ? test_q : train).push(fold[q] === f ? q : rows[q]);
		const test = test_q.map((q) => rows[q]);
		const fitted = fit_video_model(m, train, groups, { without_subscribers: opts.without_subscribers, seed: opts.seed + f, params: opts.params, gbdt_weight: opts.gbdt_weight });
		const p = predict_rows(m, test, fitted, opts.without_subscribers);
		const yt = test.map((i) => m.y[i]);
		for (let t = 0; t < test.length; t++) oof[test_q[t]] = p[t];
		push(scores, yt, p);
		let mean = 0;
		for (const i of train) mean += m.y[i];
		mean /= train.length;
		push(mean_s, yt, yt.map(() => mean));
		const ols = fit_loglog(xs, m.y, train);
		slopes.push(ols ? ols.slope : NaN);
		push(ols_s, yt, test.map((i) => (ols && Number.isFinite(xs[i]) ? ols.intercept + ols.slope * xs[i] : mean)));
		opts.on_fold?.(f + 1, opts.k);
	}
	return { oof, scores, baselines: { mean: mean_s, subscribers_ols: ols_s }, ols_slopes: slopes, fold };
}
