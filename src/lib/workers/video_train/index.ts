/**
 * Retraining worker: the same GBDT (src/lib/core/video/model.ts) trained on the visitor's filtered rows, with
 * out-of-fold tag statistics over tag ids. Reports the subset model's cross-validated accuracy (grouped by channel)
 * next to the general model's cross-validated accuracy on the same rows, and predicts the planned video with both.
 * A worker of its own, so predictions keep answering while it trains.
 */
import { cross_validate, fit_video_model, rows_matrix, type VideoMatrix } from '../../core/video/model';
import { encode_video, VIDEO_N_FEATURES, type VideoInput } from '../../core/features/video';
import { predict_one } from '../../core/gbdt';
import { mean_std, r2 } from '../../core/metrics';
import { fetch_shard, find_shard } from '../../runtime/artifacts';
import type { VideoTrainApi } from '../../runtime/video_protocol';
import type { RetrainResult } from '../../core/video/types';
import { serve } from '../rpc';
import { filter_rows, read_rows, read_tags, type TagTable, type VideoRows } from '../video/data';
import { ROW_FEATURES } from '../video/row_features';

/** Lighter than the shipped models (220 rounds at 0.04): a subset must train in about a second. */
export const RETRAIN_PARAMS = { n_estimators: 60, learning_rate: 0.12, max_depth: 4, min_child_weight: 5, max_bins: 48 };
export const RETRAIN_FOLDS = 3;
export const RETRAIN_MIN_ROWS = 60;
export const RETRAIN_MIN_CHANNELS = 6;

let data: Promise<{ rows: VideoRows; tags: TagTable }> | null = null;

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

serve<VideoTrainApi>({
	async load({ manifest, manifest_url }, ctx) {
		data ??= (async () => {
			const [r, t] = await Promise.all([
				fetch_shard(manifest_url, find_shard(manifest, 'video_rows', manifest_url), 'the video data', (p) => ctx.progress(p)),
				fetch_shard(manifest_url, find_shard(manifest, 'video_tags', manifest_url), 'the tag statistics', (p) => ctx.progress(p))
			]);
			return { rows: read_rows(r, ROW_FEATURES), tags: read_tags(t) };
		})();
		data.catch(() => (data = null));
		return { rows: (await data).rows.n };
	},
	async retrain({ filter, draft, max_rows }, ctx) {
		if (!data) throw new Error('The video data is not loaded yet.');
		const { rows, tags } = await data;
		const subset = filter_rows(rows, tags, filter);
		// codes with parameters: the page words them in the visitor's language
		if (subset.length > max_rows) throw new Error(`too_many_rows:${subset.length}:${max_rows}`);
		const channels = new Set(Array.from(subset, (i) => rows.channel[i])).size;
		if (subset.length < RETRAIN_MIN_ROWS || channels < RETRAIN_MIN_CHANNELS) throw new Error(`too_few_rows:${subset.length}:${channels}`);
		return retrain_rows(rows, tags, subset, draft, (done, total) => ctx.progress({ what: 'retrain', loaded_bytes: done, total_bytes: total, done: done === total }));
	}
});
