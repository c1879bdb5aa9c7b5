/** From unified video records to the model matrices (features via the shared encoder in src/lib/core/features/video.ts). */
import { encode_video, normalise_tags, publish_parts, VIDEO_N_FEATURES, type TagStats, type VideoInput, type VideoTarget } from '../../src/lib/core/features/video';
import type { VideoMatrix } from '../../src/lib/core/video/model';
import type { VideoRecord } from '../etl/youtube';

const NO_STATS: TagStats = { prior: 0, k: 1, min_count: Infinity, tags: new Map() };

export function video_input(v: VideoRecord): VideoInput {
	return {
		title: v.title,
		tags: v.tags,
		category_id: v.category_id,
		country: v.country,
		subscribers: v.subscribers,
		...publish_parts(v.publish_time),
		description_length: v.description_length,
		comments_disabled: v.comments_disabled,
		ratings_disabled: v.ratings_disabled
	};
}

/** Base features of every record (tag-statistic columns are filled per fold later). */
export function base_matrix(videos: VideoRecord[]): { X: Float32Array; tags: string[][] } {
	const X = new Float32Array(videos.length * VIDEO_N_FEATURES);
	videos.forEach((v, i) => encode_video(video_input(v), NO_STATS, X, i * VIDEO_N_FEATURES));
	return { X, tags: videos.map((v) => normalise_tags(v.tags)) };
}

export function target_matrix(base: { X: Float32Array; tags: string[][] }, videos: VideoRecord[], target: VideoTarget): VideoMatrix {
	return { n: videos.length, X: base.X, tags: base.tags, y: Float64Array.from(videos, (v) => Math.log1p(v[target])) };
}
