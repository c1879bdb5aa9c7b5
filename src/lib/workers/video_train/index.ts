/**
 * Retraining worker: the same GBDT (src/lib/core/video/model.ts) trained on the visitor's filtered rows, with
 * out-of-fold tag statistics over tag ids. Reports the subset model's cross-validated accuracy (grouped by channel)
 * next to the general model's cross-validated accuracy on the same rows, and predicts the planned video with both.
 * A worker of its own, so predictions keep answering while it trains.
 */
import { fetch_shard, find_shard } from '../../runtime/artifacts';
import { AppError } from '../../runtime/errors';
import type { VideoTrainApi } from '../../runtime/video_protocol';
import { serve } from '../rpc';
import { filter_rows, read_rows, read_tags, type TagTable, type VideoRows } from '../video/data';
import { ROW_FEATURES } from '../video/row_features';
import { retrain_rows, RETRAIN_MIN_CHANNELS, RETRAIN_MIN_ROWS } from './retrain';

let data: Promise<{ rows: VideoRows; tags: TagTable }> | null = null;

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
		if (!data) throw new AppError('not_loaded', {}, 'The video data is not loaded yet.');
		const { rows, tags } = await data;
		const subset = filter_rows(rows, tags, filter);
		if (subset.length > max_rows) throw new AppError('too_many_rows', { rows: subset.length, max: max_rows }, `${subset.length} rows match; retraining takes at most ${max_rows}.`);
		const channels = new Set(Array.from(subset, (i) => rows.channel[i])).size;
		if (subset.length < RETRAIN_MIN_ROWS || channels < RETRAIN_MIN_CHANNELS) throw new AppError('too_few_rows', { rows: subset.length, channels }, `Too few rows to retrain: ${subset.length} from ${channels} channels.`);
		return retrain_rows(rows, tags, subset, draft, (done, total) => ctx.progress({ what: 'retrain', loaded_bytes: done, total_bytes: total, done: done === total }));
	}
});
