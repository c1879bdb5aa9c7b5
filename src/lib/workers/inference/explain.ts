/**
 * Turning the model's raw numbers into what the studio shows: contributions grouped into drivers, the interval,
 * and the hit score. Pure functions, so they are tested without a browser.
 */
import { music_feature_group } from '../../core/features/music';
import type { ModelEntry } from '../../core/manifest';
import type { Contribution, MusicPrediction } from '../../core/music/types';

/**
 * Sum per display group ("genre" stands for every genre=* indicator, "artist" for artist_*), largest effect first.
 * `values` holds one contribution per feature, then the base value (the TreeSHAP layout).
 */
export function group_contributions(feature_names: readonly string[], values: ArrayLike<number>): Contribution[] {
	const sums = new Map<string, number>();
	for (let i = 0; i < feature_names.length; i++) {
		const group = music_feature_group(feature_names[i]);
		sums.set(group, (sums.get(group) ?? 0) + values[i]);
	}
	return [...sums].map(([feature, value]) => ({ feature, value })).sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
}

const clip = (v: number) => Math.min(100, Math.max(0, v));

/** Split-conformal interval around the raw prediction, clipped to the popularity scale. */
export function prediction_interval(model: ModelEntry, raw: number): MusicPrediction['interval'] {
	const iv = model.interval;
	if (!iv) return { level: 0, low: clip(raw), high: clip(raw), coverage: 0 };
	return { level: iv.level, low: clip(raw - iv.lower_offset), high: clip(raw + iv.upper_offset), coverage: iv.coverage };
}

/** Share of the reference predictions at or below `value`, in percent (upper bound by binary search). */
export function percentile(sorted: ArrayLike<number>, value: number): number {
	if (sorted.length === 0) return NaN;
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] <= value) lo = mid + 1;
		else hi = mid;
	}
	return (100 * lo) / sorted.length;
}
