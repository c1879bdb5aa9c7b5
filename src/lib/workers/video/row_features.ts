/** The per-row feature columns of the video rows shard (training/export/video_shards.ts writes them). */
import { VIDEO_FEATURE_NAMES } from '../../core/features/video';

export const ROW_FEATURES = VIDEO_FEATURE_NAMES.filter((n) => !['tag_mean', 'tag_max', 'tag_known', 'category', 'country', 'log_subscribers'].includes(n));
