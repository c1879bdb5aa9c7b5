/**
 * The popularity model ('music_popularity'): Spotify popularity 0-100 from audio features, genres (multi-hot) and the
 * artist's track record (feature set C of ../shared/guide/TARGETS.md), evaluated on 5 folds grouped by recording
 * (headline) and by artist ("a new artist"), against the mean, the genre mean and ridge on the same folds.
 *
 * This module holds the pure, deterministic pieces (matrices, folds, artist columns, one fit, baselines); the
 * orchestration that spreads fold fits over CPU cores lives in music_cv.ts, which calls run_job() below from
 * worker threads.
 */
import { encode_music, genre_index_of, music_feature_names, AUDIO_FEATURES, EXTRA_FEATURES } from '../../src/lib/core/features/music';
import { train_gbdt, predict_gbdt, type GbdtDataset, type GbdtModel, type GbdtOptions } from '../../src/lib/core/gbdt';
import { grouped_kfold } from '../../src/lib/core/metrics';
import { fit_ridge, predict_ridge } from '../../src/lib/core/linear';
import { build_artist_index, fit_artist_stats, apply_artist_stats, out_of_fold_artist_records, type ArtistIndex } from '../../src/lib/core/music/artist_stats';
import { connected_groups } from '../../src/lib/core/music/recordings';
import type { SpotifyEtlResult } from '../etl/spotify_tracks';

export const MUSIC_MODEL_ID = 'music_popularity';
/**
 * The same features without the artist record (set B), served when the artist is unknown. One set-C model cannot
 * serve both cases: in training nearly every row has an out-of-fold artist record (only artists with a single
 * recording lack one), so its "missing" branch is fitted to those few and an unknown artist is predicted badly —
 * measured on the artist split: 0.16 R² with set C and no record at test, 0.35 with set B; hiding the record of 35%
 * of the training artists ("artist dropout") reached only 0.31 and cost the recording split 0.017. So the app uses
 * this model when it has no artist record, and MUSIC_MODEL_ID when it has one.
 */
export const MUSIC_NEW_ARTIST_MODEL_ID = 'music_popularity_new_artist';

/** A = audio only, B = A + genres, C = B + artist record (the shipped model). */
export type FeatureSet = 'A' | 'B' | 'C';

/**
 * Whose GBDT settings a fit uses: a feature set's, or the new-artist model's ('new_artist': set B, tuned on
 * artist-grouped tuning folds, used by the shipped new-artist model and its artist-split evaluation).
 */
export type ParamProfile = FeatureSet | 'new_artist';

/** the artist-record fields beyond mean and tracks */
export type ArtistField = 'max' | 'std' | 'zero_share';
export const ARTIST_FIELDS: readonly ArtistField[] = ['max', 'std', 'zero_share'];

export type GbdtParams = Omit<GbdtOptions, 'on_progress' | 'seed' | 'objective'>;

export interface MusicTaskOptions {
	folds: number;
	seed: number;
	/** inner folds (by recording) for the out-of-fold artist record of training rows */
	inner_folds: number;
	/** pseudo-recordings at the overall mean added to every artist record (see artist_stats.ts) */
	artist_prior_weight: number;
	/** 1 / share of training recordings held out for early stopping (10 => 10%) */
	early_stopping_folds: number;
	/** refit on all training rows with this many times the early-stopped rounds (0: keep the early-stopped model) */
	refit_factor: number;
	gbdt: GbdtParams;
	/** per-feature-set (or new-artist model) overrides of `gbdt` */
	gbdt_by_set: Partial<Record<ParamProfile, Partial<GbdtParams>>>;
	/** per feature set: average this many models fitted with different seeds (default 1) */
	ensemble_by_set: Partial<Record<FeatureSet, number>>;
	/** artist-record fields beyond mean and tracks that set C uses */
	artist_fields: ArtistField[];
	ridge_lambda: number;
	/** rows checked for ONNX vs in-memory parity */
	parity_rows: number;
	/** largest |onnx - in-memory| accepted on those rows */
	parity_tolerance: number;
}

export const DEFAULT_MUSIC_OPTIONS: MusicTaskOptions = {
	folds: 5,
	seed: 20240601,
	inner_folds: 5,
	artist_prior_weight: 5,
	early_stopping_folds: 10,
	refit_factor: 1.1,
	// Tuned on fold 1 of the recording split (sets B and C): depth 6 beat 5, 7, 8 and 10; row/column subsampling
	// cost 0.005-0.015 R²; learning rate 0.05 matched 0.1 with twice the trees; min_child_weight 5 + lambda 5 gained
	// ~0.002 and, with the refit, 0.006-0.008 (B: 0.411 -> 0.419, C: 0.563 -> 0.569); 10-20 / 10 was worse again.
	gbdt: {
		n_estimators: 2000,
		learning_rate: 0.1,
		max_depth: 6,
		min_child_weight: 5,
		lambda: 5,
		subsample: 1,
		colsample: 1,
		max_bins: 255,
		early_stopping_rounds: 50
	},
	// Set A (audio only, 14 features; evaluated, not shipped) was under-fitted by the B/C settings (0.111 R², 5 folds):
	// a smaller learning rate with deeper, row-subsampled, more regularised trees reaches 0.121 ± 0.006
	// (lr 0.03 alone 0.114; depth 8, mcw 20, subsample/colsample 0.8: 0.120). The same change did not help B (depth 8,
	// mcw 20, 0.8/0.8: 0.405 vs 0.415; lr 0.05: 0.412).
	//
	// The new-artist model (set B, served for unknown artists) has its own settings, chosen on artist-grouped TUNING
	// folds (grouped_kfold of artist_group, seed 777, all 5; never the reported folds), mean R²: the settings above
	// 0.353; smaller best-first trees with column subsampling and larger leaves generalise better to unseen artists:
	// 31 leaves (no depth limit) + colsample 0.7 0.357, + colsample 0.6 0.358, + mcw 50 0.362, 15 leaves 0.362,
	// colsample 0.4/0.5 0.360-0.362, mcw 100 0.361, 47 leaves 0.361, lambda 20 0.362 (a plateau). On the first 3
	// tuning folds (baseline 0.3685) depth 6 with mcw 20/50, lambda 20, colsample 0.5-0.8 or depth 5 moved it -0.002 to
	// +0.003; max_bins 63 -0.005, depth 8 + mcw 20 -0.010, subsample 0.8 -0.001; depth-capped best-first trees (depth 8,
	// 31 leaves) 0.372 against 0.374 uncapped.
	// 15 leaves keep paths short (depth <= 14: every tree on the fast TreeSHAP kernel) and the model a third of the
	// nodes. The same settings cost set B on the recording tuning folds 0.003-0.005 (seen artists reward deep
	// artist-specific trees), so recording-5fold-B keeps the settings above: it is a feature-set comparison on seen
	// artists, which the app serves with the set-C model.
	gbdt_by_set: {
		A: { learning_rate: 0.03, max_depth: 10, min_child_weight: 50, subsample: 0.7 },
		new_artist: { max_depth: 0, max_leaves: 15, colsample: 0.6, min_child_weight: 50 }
	},
	// Averaging 3 seeds (subsample 0.8) lifted B only 0.415 -> 0.416 at 3x the fit time and trees: not used.
	ensemble_by_set: {},
	// The artist's whole track record, not only its mean (5 folds by recording, set C: 0.562 ± 0.007 -> 0.571 ± 0.002).
	artist_fields: ['max', 'std', 'zero_share'],
	ridge_lambda: 1,
	parity_rows: 2000,
	// The export runs the trees in double precision (Cast -> TreeEnsemble -> Cast): float32 summation of ~800 leaf
	// values on a base score of ~33 alone drifts past 1e-4. Measured max |diff| is ~4e-6.
	parity_tolerance: 1e-4
};

/** Shared, transferable form of the cleaned data: what the worker threads need, as typed arrays. */
export interface MusicMatrix {
	n: number;
	n_features: number;
	feature_names: string[];
	genre_vocab: string[];
	/** row-major n x F, artist columns NaN/0 (filled per fold) */
	X: Float32Array;
	y: Float64Array;
	recording: Int32Array;
	/** group of the "new artist" split: first listed artist joined with recording (see artist_groups) */
	artist_group: Int32Array;
	/** genres per row (CSR over genre indices), for the genre-mean baseline */
	genre_offsets: Int32Array;
	genre_ids: Int32Array;
	artists: ArtistIndex;
}

export const ARTIST_MEAN_COL = AUDIO_FEATURES.length + EXTRA_FEATURES.indexOf('artist_mean_popularity');
export const ARTIST_TRACKS_COL = AUDIO_FEATURES.length + EXTRA_FEATURES.indexOf('artist_tracks');
export const ARTIST_MAX_COL = AUDIO_FEATURES.length + EXTRA_FEATURES.indexOf('artist_max_popularity');
export const ARTIST_STD_COL = AUDIO_FEATURES.length + EXTRA_FEATURES.indexOf('artist_popularity_std');
export const ARTIST_ZERO_COL = AUDIO_FEATURES.length + EXTRA_FEATURES.indexOf('artist_zero_share');

/** The artist record as columns over all rows (row i at index i): the mean, its recordings, and the other fields. */
export interface ArtistColumns {
	mean: Float32Array;
	tracks: Float32Array;
	max: Float32Array;
	std: Float32Array;
	zero_share: Float32Array;
}

export function empty_artist_columns(n: number): ArtistColumns {
	return { mean: new Float32Array(n).fill(NaN), tracks: new Float32Array(n), max: new Float32Array(n).fill(NaN), std: new Float32Array(n).fill(NaN), zero_share: new Float32Array(n).fill(NaN) };
}
const GENRE_COL0 = AUDIO_FEATURES.length + EXTRA_FEATURES.length;
const GENRE_COUNT_COL = AUDIO_FEATURES.length + EXTRA_FEATURES.indexOf('genre_count');

/**
 * Groups of the "new artist" split. Linking every co-listed artist would make one component of 38k tracks (43% of
 * the data: featured guests chain whole scenes together), which cannot be split into 5 folds; so the group is the
 * FIRST listed artist, joined (union-find) with the recording so that a song's re-releases never straddle folds.
 * A test song's featured guests may still appear in training: that is the realistic "new artist featuring a known
 * one" case, and the artist record then comes from those guests only.
 */
export function artist_groups(first_artists: readonly (string | null)[], recording: Int32Array): Int32Array {
	return connected_groups(first_artists.length, (i) => [first_artists[i] === null ? null : `a\u0001${first_artists[i]}`, `r\u0001${recording[i]}`]);
}

export function build_music_matrix(etl: SpotifyEtlResult): MusicMatrix {
	const { tracks, genre_vocab } = etl;
	const feature_names = music_feature_names(genre_vocab);
	const F = feature_names.length;
	const n = tracks.length;
	const X = new Float32Array(n * F);
	const y = new Float64Array(n);
	const gi = genre_index_of(genre_vocab);
	const genre_offsets = new Int32Array(n + 1);
	const genre_ids: number[] = [];
	for (let i = 0; i < n; i++) {
		const t = tracks[i];
		encode_music({ ...t, artist: null }, gi, X.subarray(i * F, (i + 1) * F));
		y[i] = t.popularity;
		for (const g of t.genres) genre_ids.push(gi.get(g)!);
		genre_offsets[i + 1] = genre_ids.length;
	}
	const recording = Int32Array.from(tracks, (t) => t.recording);
	return {
		n, n_features: F, feature_names, genre_vocab, X, y, recording,
		artist_group: artist_groups(tracks.map((t) => t.artist_list[0] ?? null), recording),
		genre_offsets, genre_ids: Int32Array.from(genre_ids),
		artists: build_artist_index(tracks.map((t) => t.artist_list))
	};
}

/** Row indices where fold[i] === f (test) and !== f (train), ascending. */
export function split_rows(fold: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
	let n_test = 0;
	for (let i = 0; i < fold.length; i++) if (fold[i] === f) n_test++;
	const train = new Int32Array(fold.length - n_test);
	const test = new Int32Array(n_test);
	let a = 0;
	let b = 0;
	for (let i = 0; i < fold.length; i++) {
		if (fold[i] === f) test[b++] = i;
		else train[a++] = i;
	}
	return { train, test };
}

/** Fold id of each of `rows` (others -1), by k-fold over their groups. */
function sub_folds(groups: Int32Array, rows: Int32Array, k: number, seed: number, n: number): Int32Array {
	const g = new Int32Array(rows.length);
	for (let q = 0; q < rows.length; q++) g[q] = groups[rows[q]];
	const sub = grouped_kfold(g, k, seed);
	const out = new Int32Array(n).fill(-1);
	for (let q = 0; q < rows.length; q++) out[rows[q]] = sub[q];
	return out;
}

/**
 * Artist columns for one evaluation fold: training rows get the out-of-fold record from an inner k-fold by
 * recording over the training rows only; test rows get the record from all training rows. Nothing a row sees comes
 * from its own recording, and nothing a test row sees comes from the test fold.
 */
export function artist_columns(m: MusicMatrix, train: Int32Array, test: Int32Array, inner_folds: number, seed: number, prior_weight: number, test_unknown = false): ArtistColumns {
	const cols = empty_artist_columns(m.n);
	const { mean, tracks } = cols;
	const extra = { max: cols.max, std: cols.std, zero_share: cols.zero_share };
	const inner = sub_folds(m.recording, train, inner_folds, seed, m.n);
	out_of_fold_artist_records(m.artists, m.recording, m.y, train, inner, inner_folds, mean, tracks, { prior_weight, extra });
	// test_unknown: the "new artist" split serves test rows as the app serves an unknown artist (no record at all),
	// rather than from guest appearances of the test artist on other artists' training tracks
	if (test.length && !test_unknown) {
		const stats = fit_artist_stats(m.artists, m.recording, m.y, train);
		apply_artist_stats(m.artists, m.recording, stats, test, mean, tracks, { prior_weight, extra });
	}
	return cols;
}

/** The matrix rows `rows` with the feature set applied: A drops genres (indicators and count) and artist, B drops the artist record. */
export function subset(m: MusicMatrix, rows: Int32Array, set: FeatureSet, artist: ArtistColumns | null, fields: readonly ArtistField[] = ARTIST_FIELDS): GbdtDataset {
	const F = m.n_features;
	const X = new Float32Array(rows.length * F);
	const y = new Float64Array(rows.length);
	for (let q = 0; q < rows.length; q++) {
		const i = rows[q];
		const o = q * F;
		X.set(m.X.subarray(i * F, (i + 1) * F), o);
		y[q] = m.y[i];
		if (set === 'C' && artist) {
			X[o + ARTIST_MEAN_COL] = artist.mean[i];
			X[o + ARTIST_TRACKS_COL] = artist.tracks[i];
			if (fields.includes('max')) X[o + ARTIST_MAX_COL] = artist.max[i];
			if (fields.includes('std')) X[o + ARTIST_STD_COL] = artist.std[i];
			if (fields.includes('zero_share')) X[o + ARTIST_ZERO_COL] = artist.zero_share[i];
		}
		if (set === 'A') {
			X.fill(0, o + GENRE_COL0, o + F);
			X[o + GENRE_COUNT_COL] = 0;
		}
	}
	return { X, n_rows: rows.length, n_features: F, y, feature_names: m.feature_names };
}

/**
 * One GBDT fit on `train` rows. The number of rounds is chosen by early stopping on a held-out share of the training
 * RECORDINGS (grouped, so the stopping round is not chosen on re-releases of training songs); then, with refit_factor
 * > 0, the model is refitted on every training row for refit_factor x that many rounds (10% more data supports a
 * few more rounds; measured +0.003-0.006 R² over keeping the 90% model). Every row's artist record is out-of-fold.
 */
export function fit_gbdt_rows(m: MusicMatrix, train: Int32Array, set: FeatureSet, artist: ArtistColumns | null, o: MusicTaskOptions, seed: number, params: ParamProfile = set): GbdtModel {
	const k = o.ensemble_by_set[set] ?? 1;
	if (k <= 1) return fit_one_gbdt(m, train, set, artist, o, seed, params);
	return average_models(Array.from({ length: k }, (_, j) => fit_one_gbdt(m, train, set, artist, o, seed + 7919 * j, params)));
}

/**
 * The average of models fitted on the same rows (same base score) as one model: every tree of every member, leaf
 * values scaled by 1/k. Exact, and exported as one TreeEnsemble like a single model.
 */
export function average_models(models: GbdtModel[]): GbdtModel {
	const k = models.length;
	if (models.some((g) => g.objective !== 'squared_error')) throw new Error('average_models: squared_error models only');
	const trees = models.flatMap((g) => g.trees.map((t) => ({ ...t, value: t.value.map((v) => v / k), cover: t.cover.slice() })));
	// mean of the members' predictions = mean base score + every tree scaled by 1/k
	const base_score = models.reduce((acc, g) => acc + g.base_score, 0) / k;
	return { ...models[0], base_score, trees, best_iteration: trees.length - 1 };
}

function fit_one_gbdt(m: MusicMatrix, train: Int32Array, set: FeatureSet, artist: ArtistColumns | null, o: MusicTaskOptions, seed: number, profile: ParamProfile): GbdtModel {
	const es = sub_folds(m.recording, train, o.early_stopping_folds, seed + 1, m.n);
	const fit_rows = train.filter((i) => es[i] !== 0);
	const valid_rows = train.filter((i) => es[i] === 0);
	const params = gbdt_params(o, profile);
	const f = o.artist_fields;
	const stopped = train_gbdt(subset(m, fit_rows, set, artist, f), { objective: 'squared_error', ...params, seed }, subset(m, valid_rows, set, artist, f));
	if (!(o.refit_factor > 0)) return stopped;
	const rounds = Math.max(1, Math.round(stopped.trees.length * o.refit_factor));
	return train_gbdt(subset(m, train, set, artist, f), { objective: 'squared_error', ...params, n_estimators: rounds, early_stopping_rounds: 0, seed });
}

/** The GBDT parameters of one feature set (or of the new-artist model): `gbdt` with its overrides. */
export function gbdt_params(o: MusicTaskOptions, profile: ParamProfile): GbdtParams {
	return { ...o.gbdt, ...(o.gbdt_by_set[profile] ?? {}) };
}

/**
 * Ridge baseline on the same features. fit_ridge standardises with training statistics and replaces a missing value
 * (tempo, time signature, duration, an unknown artist's mean) by the training mean of its column.
 */
export function ridge_predict_rows(m: MusicMatrix, train: Int32Array, test: Int32Array, set: FeatureSet, artist: ArtistColumns | null, lambda: number, fields: readonly ArtistField[] = ARTIST_FIELDS): Float64Array {
	const model = fit_ridge(subset(m, train, set, artist, fields), lambda);
	const te = subset(m, test, set, artist, fields);
	return predict_ridge(model, te.X, te.n_rows);
}

/**
 * Genre-mean baseline: each genre's mean popularity over the training tracks listed under it; a track gets the mean
 * of its genres' means (a multi-genre track sits between its genres). A genre with no training track falls back to
 * the training mean.
 */
export function genre_mean_predict_rows(m: MusicMatrix, train: Int32Array, test: Int32Array): Float64Array {
	const G = m.genre_vocab.length;
	const sum = new Float64Array(G);
	const cnt = new Float64Array(G);
	let total = 0;
	for (const i of train) {
		total += m.y[i];
		for (let p = m.genre_offsets[i]; p < m.genre_offsets[i + 1]; p++) { sum[m.genre_ids[p]] += m.y[i]; cnt[m.genre_ids[p]]++; }
	}
	const global = total / train.length;
	const out = new Float64Array(test.length);
	for (let q = 0; q < test.length; q++) {
		const i = test[q];
		let s = 0;
		let k = 0;
		for (let p = m.genre_offsets[i]; p < m.genre_offsets[i + 1]; p++) { const g = m.genre_ids[p]; s += cnt[g] ? sum[g] / cnt[g] : global; k++; }
		out[q] = k ? s / k : global;
	}
	return out;
}

export function mean_predict_rows(m: MusicMatrix, train: Int32Array, test: Int32Array): Float64Array {
	let s = 0;
	for (const i of train) s += m.y[i];
	return new Float64Array(test.length).fill(s / train.length);
}

/** One unit of work for a worker thread: a fold of an evaluation, or the final fit on all rows (fold -1). */
export interface MusicJob {
	eval_id: string;
	set: FeatureSet;
	/** fold assignment of the evaluation (null for the final fit) */
	folds: Int32Array | null;
	fold: number;
	with_ridge: boolean;
	/** give test rows no artist record (the "new artist" split) */
	test_unknown_artist: boolean;
	seed: number;
	options: MusicTaskOptions;
	/** whose GBDT settings to use (default: the feature set's) */
	params?: ParamProfile;
}

export interface MusicJobResult {
	eval_id: string;
	fold: number;
	test: Int32Array;
	gbdt: Float64Array;
	ridge: Float64Array | null;
	best_iteration: number;
	fit_ms: number;
	/** only for the final fit */
	model: GbdtModel | null;
}

export function run_job(m: MusicMatrix, job: MusicJob): MusicJobResult {
	const t0 = performance.now();
	const o = job.options;
	const all = Int32Array.from({ length: m.n }, (_, i) => i);
	const { train, test } = job.folds ? split_rows(job.folds, job.fold) : { train: all, test: new Int32Array(0) };
	const artist = job.set === 'C' ? artist_columns(m, train, test, o.inner_folds, job.seed + 7, o.artist_prior_weight, job.test_unknown_artist) : null;
	const model = fit_gbdt_rows(m, train, job.set, artist, o, job.seed, job.params ?? job.set);
	const gbdt = test.length ? predict_gbdt(model, subset(m, test, job.set, artist, o.artist_fields).X, test.length) : new Float64Array(0);
	const ridge = job.with_ridge && test.length ? ridge_predict_rows(m, train, test, job.set, artist, o.ridge_lambda, o.artist_fields) : null;
	return {
		eval_id: job.eval_id, fold: job.fold, test, gbdt, ridge,
		best_iteration: model.best_iteration, fit_ms: performance.now() - t0,
		model: job.folds ? null : model
	};
}
