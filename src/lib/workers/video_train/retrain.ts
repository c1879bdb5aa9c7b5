/**
 * Retraining on a visitor's subset: the same GBDT (src/lib/core/video/model.ts) on the filtered rows, with
 * out-of-fold tag statistics over tag ids. Pure (no worker plumbing), so the benchmark runs exactly this in Node.
 */
import { cross_validate, fit_video_model, rows_matrix, type VideoMatrix } from '../../core/video/model';
import { encode_video, VIDEO_N_FEATURES, type VideoInput } from '../../core/features/video';
import { predict_one } from '../../core/gbdt';
import { mean_std, r2 } from '../../core/metrics';
import type { RetrainResult } from '../../core/video/types';
import type { TagTable, VideoRows } from '../video/data';

/** Lighter than the shipped models (160 rounds at 0.055, all rows per tree): a 10k-row subset must train within 2 s. */
export const RETRAIN_PARAMS = { n_estimators: 50, learning_rate: 0.12, max_depth: 4, min_child_weight: 5, max_bins: 48, subsample: 0.6, colsample: 0.7 };
export const RETRAIN_FOLDS = 3;
export const RETRAIN_MIN_ROWS = 60;
export const RETRAIN_MIN_CHANNELS = 6;

export function retrain_rows(rows: VideoRows, tags: TagTable, subset: Int32Array, draft: VideoInput | null, on_fold: (done: number, total: number) => void): RetrainResult {
	const start = performance.now();
	const n = subset.length;
	// the subset as its own matrix; tags by id (the shard's vocabulary), so tag statistics need no strings
	const X = new Float32Array(n * VIDEO_N_FEATURES);
	for (let q = 0; q < n; q++) X.set(rows.X.subarray(subset[q] * VIDEO_N_FEATURES, (subset[q] + 1) * VIDEO_N_FEATURES), q * VIDEO_N_FEATURES);
	const m: VideoMatrix<number> = { n, X, tags: Array.from(subset, (i) => rows.tag_ids[i]), y: Float64Array.from(subset, (i) => rows.y.views[i]) };
	const groups = Int32Array.from(subset, (i) => rows.channel[i]);
	const all = Int32Array.from({ length: n }, (_, q) => q);
	// subscribers are used when the subset has them (missing stays missing, as in the shipped models)
	const cv = cross_validate(m, all, groups, { k: RETRAIN_FOLDS, seed: 7, without_subscribers: false, params: RETRAIN_PARAMS, on_fold: (d) => on_fold(d, RETRAIN_FOLDS + 1) });
	const fitted = fit_video_model(m, all, groups, { without_subscribers: false, seed: 7, params: RETRAIN_PARAMS });
	on_fold(RETRAIN_FOLDS + 1, RETRAIN_FOLDS + 1);
	const general = r2(Array.from(subset, (i) => rows.y.views[i]), Array.from(subset, (i) => rows.pred.views[i]));
	let draft_subset: number | null = null;
	if (draft) {
		// the draft's tags as ids; unknown tags carry no statistic
		const ids = draft.tags.map((t) => tags.index.get(t)).filter((v): v is number => v !== undefined);
		const x = encode_video({ ...draft, tags: [] }, { prior: 0, k: 1, min_count: Infinity, tags: new Map() });
		const one: VideoMatrix<number> = { n: 1, X: x, tags: [ids], y: new Float64Array(1) };
		const row = rows_matrix(one, [0], fitted.tag_stats, false);
		draft_subset = Math.max(0, Math.expm1(predict_one(fitted.model, row)));
	}
	const s = mean_std(cv.scores.r2);
	return {
		rows: n,
		channels: new Set(groups).size,
		folds: RETRAIN_FOLDS,
		subset_r2: s.mean,
		subset_r2_std: s.std,
		general_r2: general,
		draft_views_subset: draft_subset,
		ms: performance.now() - start,
		trees: fitted.model.trees.length
	};
}

