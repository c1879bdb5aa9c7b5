/**
 * Orchestration of the music fits: the cross-validated evaluations (every fold a job) and the final fit on all rows,
 * spread over a pool of worker threads, then metrics, baselines and the conformal interval.
 */
import { grouped_kfold, r2, rmse, mae, mean_std, conformal_offsets, interval_coverage } from '../../src/lib/core/metrics';
import type { GbdtModel } from '../../src/lib/core/gbdt';
import type { Metric } from '../../src/lib/core/manifest';
import { ThreadPool, to_shared } from '../lib/pool';
import {
	genre_mean_predict_rows, mean_predict_rows, split_rows,
	type FeatureSet, type MusicJob, type MusicJobResult, type MusicMatrix, type MusicTaskOptions, type ParamProfile
} from './music_popularity';

export interface EvalSpec {
	id: string;
	set: FeatureSet;
	grouping: 'recording' | 'artist';
	description: string;
	/** which shipped model the evaluation belongs to in the manifest */
	model: 'C' | 'B';
	/** serve test rows with no artist record, as the app serves an unknown artist */
	test_unknown_artist?: boolean;
	/** whose GBDT settings the fits use (default: the feature set's); the shipped model's split uses that model's */
	params?: ParamProfile;
	reference?: { name: string; metrics: Metric[]; target?: Metric[] };
}

const FEATURES: Record<FeatureSet, string> = {
	A: 'audio features only (set A)',
	B: 'audio features + genres (set B)',
	C: 'audio features + genres + out-of-fold artist record (set C, the shipped model)'
};
const BY_RECORDING = 'grouped by recording: a track id and its re-releases (same lower-cased title+artists or identical audio vector) are never split across folds';
const BY_ARTIST = 'grouped by artist ("a new artist"): every track whose first listed artist is in the test fold is unseen in training, recordings kept whole';

export const MUSIC_EVALUATIONS: EvalSpec[] = [
	{
		id: 'recording-5fold', set: 'C', grouping: 'recording', model: 'C',
		description: `5 folds ${BY_RECORDING}; ${FEATURES.C}`,
		reference: { name: 'XGBoost 1.7, set C (TARGETS.md)', metrics: [{ name: 'r2', mean: 0.564 }, { name: 'rmse', mean: 13.59 }], target: [{ name: 'r2', mean: 0.57 }] }
	},
	{
		id: 'recording-5fold-B', set: 'B', grouping: 'recording', model: 'B',
		description: `5 folds ${BY_RECORDING}; ${FEATURES.B}`,
		reference: { name: 'XGBoost 1.7, set B (TARGETS.md)', metrics: [{ name: 'r2', mean: 0.416 }, { name: 'rmse', mean: 15.72 }], target: [{ name: 'r2', mean: 0.42 }] }
	},
	{
		id: 'recording-5fold-A', set: 'A', grouping: 'recording', model: 'B',
		description: `5 folds ${BY_RECORDING}; ${FEATURES.A}`,
		reference: { name: 'XGBoost 1.7, set A (TARGETS.md; ridge 0.034, random forest 0.115)', metrics: [{ name: 'r2', mean: 0.12 }], target: [{ name: 'r2', mean: 0.12 }] }
	},
	{
		id: 'artist-5fold', set: 'C', grouping: 'artist', model: 'C', test_unknown_artist: true,
		description: `5 folds ${BY_ARTIST}; ${FEATURES.C}. Test songs get no artist record. Shows why an unknown artist is served by the new-artist model instead.`,
		// no target: the artist-split target belongs to the new-artist model, which serves unknown artists
		reference: { name: 'XGBoost 1.7, set B (TARGETS.md; no set-C reference on this split)', metrics: [{ name: 'r2', mean: 0.352 }, { name: 'rmse', mean: 16.54 }] }
	},
	{
		id: 'artist-5fold-B', set: 'B', grouping: 'artist', model: 'B', params: 'new_artist',
		description: `5 folds ${BY_ARTIST}; ${FEATURES.B}`,
		reference: { name: 'XGBoost 1.7, set B (TARGETS.md; ridge 0.328, random forest 0.349)', metrics: [{ name: 'r2', mean: 0.352 }, { name: 'rmse', mean: 16.54 }], target: [{ name: 'r2', mean: 0.36 }] }
	}
];

export interface EvalResult {
	id: string;
	model: 'C' | 'B';
	set: FeatureSet;
	grouping: 'recording' | 'artist';
	description: string;
	folds: number;
	metrics: Metric[];
	baselines: { name: string; description: string; metrics: Metric[] }[];
	reference?: EvalSpec['reference'];
	best_iterations: number[];
	fit_seconds: number[];
}

export interface IntervalResult {
	level: number;
	lower_offset: number;
	upper_offset: number;
	coverage: number;
	coverage_std: number;
	split: string;
}

export interface MusicCvResult {
	evaluations: EvalResult[];
	/** interval of the set-C model, from its recording-split residuals */
	interval: IntervalResult;
	/** interval of the new-artist (set B) model, from its artist-split residuals: it serves unknown artists */
	new_artist_interval: IntervalResult;
	/** out-of-fold predictions of the headline split, one per row */
	oof: Float64Array;
}

export const INTERVAL_LEVEL = 0.8;
/** the set-C model's headline split; its out-of-fold predictions go into the tracks shard */
export const HEADLINE_SPLIT = 'recording-5fold';
/** the new-artist model's headline split */
export const NEW_ARTIST_SPLIT = 'artist-5fold-B';
/**
 * The settings each shipped model is fitted with: the known-artist model (set C) with set C's, the new-artist model
 * (set B) with the new-artist settings, the ones its headline split (NEW_ARTIST_SPLIT) is evaluated with.
 */
export const SHIPPED_PARAMS: Record<'C' | 'B', ParamProfile> = { C: 'C', B: 'new_artist' };

function metric_set(ys: Float64Array[], ps: Float64Array[]): Metric[] {
	const per = (f: (y: Float64Array, p: Float64Array) => number) => mean_std(ys.map((y, k) => f(y, ps[k])));
	return [
		{ name: 'r2', ...per(r2) },
		{ name: 'rmse', ...per(rmse) },
		{ name: 'mae', ...per(mae) }
	];
}

export function fold_assignments(m: MusicMatrix, o: MusicTaskOptions): Record<'recording' | 'artist', Int32Array> {
	return {
		recording: grouped_kfold(m.recording, o.folds, o.seed),
		artist: grouped_kfold(m.artist_group, o.folds, o.seed)
	};
}

/**
 * Split-conformal interval from out-of-fold residuals (y - prediction). Coverage is measured honestly: for each fold
 * the offsets are calibrated on the other folds' residuals and coverage is counted on that fold; the shipped offsets
 * use every out-of-fold residual.
 */
export function conformal_interval(y: Float64Array, oof: Float64Array, folds: Int32Array, k: number, level: number, split: string): IntervalResult {
	const resid = new Float64Array(y.length);
	for (let i = 0; i < y.length; i++) resid[i] = y[i] - oof[i];
	const cover: number[] = [];
	for (let f = 0; f < k; f++) {
		const { train, test } = split_rows(folds, f);
		const off = conformal_offsets(Float64Array.from(train, (i) => resid[i]), level);
		cover.push(interval_coverage(Float64Array.from(test, (i) => y[i]), Float64Array.from(test, (i) => oof[i]), off.lower, off.upper));
	}
	const all = conformal_offsets(resid, level);
	const c = mean_std(cover);
	return { level, lower_offset: all.lower, upper_offset: all.upper, coverage: c.mean, coverage_std: c.std ?? 0, split };
}

export interface FitPlan {
	cv: boolean;
	final: boolean;
	threads: number;
	log: (line: string) => void;
}

/** Run the requested fits on a thread pool. The final fit is submitted first: it is on the critical path. */
export async function run_music_fits(
	m: MusicMatrix,
	o: MusicTaskOptions,
	plan: FitPlan
): Promise<{ cv: Promise<MusicCvResult> | null; final: Promise<{ C: GbdtModel; B: GbdtModel }> | null; close: () => Promise<void> }> {
	const shared: MusicMatrix = {
		...m, X: to_shared(m.X), y: to_shared(m.y), recording: to_shared(m.recording), artist_group: to_shared(m.artist_group),
		genre_offsets: to_shared(m.genre_offsets), genre_ids: to_shared(m.genre_ids),
		artists: { names: m.artists.names, offsets: to_shared(m.artists.offsets), ids: to_shared(m.artists.ids) }
	};
	const pool = new ThreadPool<MusicJob, MusicJobResult>(new URL('./music_worker.ts', import.meta.url), plan.threads, shared);
	// the final fits are submitted first: they are on the critical path of every later step
	const final_fit = (set: 'C' | 'B') =>
		pool.run({ eval_id: `final-${set}`, set, folds: null, fold: -1, with_ridge: false, test_unknown_artist: false, seed: o.seed, options: o, params: SHIPPED_PARAMS[set] }).then((r) => {
			plan.log(`final fit (set ${set}) on ${m.n} rows: ${r.best_iteration + 1} trees (${(r.fit_ms / 1000).toFixed(1)} s)`);
			return r.model!;
		});
	const final = plan.final ? Promise.all([final_fit('C'), final_fit('B')]).then(([C, B]) => ({ C, B })) : null;
	let cv: Promise<MusicCvResult> | null = null;
	if (plan.cv) {
		const folds = fold_assignments(m, o);
		const per_eval = MUSIC_EVALUATIONS.map((spec) => {
			const jobs = Array.from({ length: o.folds }, (_, f) =>
				pool.run({ eval_id: spec.id, set: spec.set, folds: folds[spec.grouping], fold: f, with_ridge: true, test_unknown_artist: spec.test_unknown_artist ?? false, seed: o.seed + 101 * (f + 1), options: o, params: spec.params ?? spec.set }).then((r) => {
					plan.log(`${spec.id} fold ${f + 1}/${o.folds}: ${r.best_iteration + 1} trees (${(r.fit_ms / 1000).toFixed(1)} s)`);
					return r;
				})
			);
			return Promise.all(jobs).then((results) => summarise(m, spec, folds[spec.grouping], results));
		});
		cv = Promise.all(per_eval).then((done) => {
			const interval_of = (id: string) => {
				const d = done.find((x) => x.spec.id === id)!;
				return conformal_interval(m.y, d.oof, folds[d.spec.grouping], o.folds, INTERVAL_LEVEL, d.spec.id);
			};
			return {
				evaluations: done.map((d) => d.result),
				oof: done.find((d) => d.spec.id === HEADLINE_SPLIT)!.oof,
				interval: interval_of(HEADLINE_SPLIT),
				new_artist_interval: interval_of(NEW_ARTIST_SPLIT)
			};
		});
	}
	return { cv, final, close: () => pool.close() };
}

function summarise(m: MusicMatrix, spec: EvalSpec, folds: Int32Array, results: MusicJobResult[]): { spec: EvalSpec; result: EvalResult; oof: Float64Array } {
	const oof = new Float64Array(m.n).fill(NaN);
	const ys: Float64Array[] = [];
	const preds = { gbdt: [] as Float64Array[], mean: [] as Float64Array[], genre: [] as Float64Array[], ridge: [] as Float64Array[] };
	for (const r of results) {
		const { train, test } = split_rows(folds, r.fold);
		ys.push(Float64Array.from(test, (i) => m.y[i]));
		preds.gbdt.push(r.gbdt);
		preds.ridge.push(r.ridge!);
		preds.mean.push(mean_predict_rows(m, train, test));
		preds.genre.push(genre_mean_predict_rows(m, train, test));
		for (let q = 0; q < test.length; q++) oof[test[q]] = r.gbdt[q];
	}
	return {
		spec,
		oof,
		result: {
			id: spec.id, model: spec.model, set: spec.set, grouping: spec.grouping, description: spec.description, folds: results.length,
			metrics: metric_set(ys, preds.gbdt),
			baselines: [
				{ name: 'mean', description: 'the training folds\' mean popularity', metrics: metric_set(ys, preds.mean) },
				{ name: 'genre mean', description: 'mean over the track\'s genres of each genre\'s training mean', metrics: metric_set(ys, preds.genre) },
				{ name: 'ridge', description: `ridge regression on the same features (${spec.set}), standardised, missing -> training mean`, metrics: metric_set(ys, preds.ridge) }
			],
			reference: spec.reference,
			best_iterations: results.map((r) => r.best_iteration + 1),
			fit_seconds: results.map((r) => Math.round(r.fit_ms / 100) / 10)
		}
	};
}
