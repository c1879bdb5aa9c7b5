/** What the video workers return to the UI: finished results, never features or tensors. */
import type { VideoTarget } from '../features/video';

export interface VideoContribution {
	/** display group (see video_feature_group): title, tags, category, country, subscribers, publish_time, ... */
	feature: string;
	/** signed effect on log1p(count) */
	value: number;
}

export interface TargetPrediction {
	target: VideoTarget;
	model_id: string;
	model_version: string;
	/** expected count (expm1 of the predicted log1p) */
	count: number;
	log_value: number;
	interval: { low: number; high: number; level: number; coverage: number };
	base_value: number;
	contributions: VideoContribution[];
}

export interface VideoPrediction {
	/** 'with' when the subscriber count was given (subscriber-table models), else 'without' */
	subscribers_model: 'with' | 'without';
	targets: TargetPrediction[];
	latency_ms: number;
}

export interface VideoFilter {
	/** category ids; empty = all */
	categories: number[];
	/** country codes; empty = all */
	countries: string[];
	/** keyword matched inside tags (case-insensitive); empty = none */
	tag_keyword: string;
	/** inclusive range; null bound = open. A range excludes videos whose subscriber count is unknown. */
	subscribers_min: number | null;
	subscribers_max: number | null;
}

export interface Summary { median: number; p25: number; p75: number; mean_log: number }

export interface SubsetStats {
	matches: number;
	total: number;
	with_subscribers: number;
	channels: number;
	views: Summary | null;
	likes: Summary | null;
	dislikes: Summary | null;
	/** share of matches per country code, largest first (top 5) */
	countries: { country: string; count: number }[];
	/** the general models' cross-validated accuracy on these rows (R² of log1p), per target */
	general_r2: Record<VideoTarget, number> | null;
	/** tags matched by the keyword (from the tag vocabulary), first few */
	matched_tags: string[];
}

export interface ScatterData {
	/** sample of (log10 subscribers, log10 views) for the chart */
	points: [number, number][];
	/** fitted log-log line over every row with subscribers: ln(views+1) = a + b ln(subs) */
	fit: { intercept: number; slope: number; n: number } | null;
	per_category: { category: number; slope: number; n: number }[];
}

export interface TagLift {
	tag: string;
	/** videos in the category carrying the tag, and their channels */
	videos: number;
	channels: number;
	/** exp(mean log views with the tag - mean log views of the category): x times the category's typical views */
	lift: number;
}

export interface BatchRowResult {
	line: number;
	title: string;
	views: number;
	likes: number;
	dislikes: number;
	views_low: number;
	views_high: number;
	subscribers_model: 'with' | 'without';
}

export interface RetrainResult {
	rows: number;
	channels: number;
	folds: number;
	/** cross-validated (grouped by channel) R² of the subset model on the subset */
	subset_r2: number;
	subset_r2_std: number;
	/** the general model's cross-validated R² on the same rows */
	general_r2: number;
	/** the planned video's predicted views by the subset model (the general model's comes from the video worker) */
	draft_views_subset: number | null;
	ms: number;
	trees: number;
}
