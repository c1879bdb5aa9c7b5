/**
 * The video section of the insights page, computed with arquero from the video_rows shard (one row per trending
 * video at its last appearance; training/export/video_shards.ts writes it): views, likes and dislikes by category
 * and by country, and subscribers against views. Pure (no DOM): the insights worker runs it, unit tests check it
 * against hand-computed values.
 *
 * The shard stores the counts as log1p in thousandths (uint16), so a count read back is exact to 0.05 %; they are
 * rounded to whole views. Subscribers are NaN where the video is not in the subscriber table (most videos); the
 * scatter uses the rows that have them and says how many that is. The only date the shard carries is the year the
 * video trended, which is what the year range filters.
 *
 * Filters: a category (YouTube's id), a country (two-letter code) and a trending-year range; every figure follows
 * all three.
 */
import { op, table, type ColumnTable } from 'arquero';
import { VIDEO_COUNTRIES } from '../features/video';
import { fit_loglog } from '../video/model';
import { correlation } from './music';
import { key_order } from './order';
import { VIDEO_MEASURES, type VideoMeasure } from './fields';

export { VIDEO_MEASURES, type VideoMeasure };

/** The shard's columns the insights read (tag ids, title features and predictions stay unread). */
export const VIDEO_INSIGHT_COLUMNS = ['category', 'country', 'year', 'subscribers', ...VIDEO_MEASURES] as const;

export interface VideoFilters {
	/** YouTube category id; null = every category */
	category: number | null;
	/** two-letter code; '' = every country */
	country: string;
	/** inclusive trending-year range */
	year_from: number;
	year_to: number;
}

/** Quartiles, median and mean of a count over a group. */
export interface Spread { p25: number; median: number; p75: number; mean: number }

export interface VideoGroup {
	/** category id or country code */
	key: number | string;
	videos: number;
	stats: Record<VideoMeasure, Spread>;
}

export interface SubscriberScatter {
	/** videos under the filters, and those of them with a subscriber count (and at least one view) */
	videos: number;
	with_subscribers: number;
	/** [subscribers, views] of every video with both */
	points: [number, number][];
	/** least squares on log10(views) = intercept + slope * log10(subscribers), and Pearson r of the logs */
	fit: { intercept: number; slope: number; r: number; n: number } | null;
}

export interface VideoInsights {
	rows: number;
	by_category: VideoGroup[];
	by_country: VideoGroup[];
	subscribers: SubscriberScatter;
}

/**
 * The shard's rows with counts back in units, the country as its code (null when unknown) and subscribers null
 * where unknown. `quantized` false for tables whose counts are already in units (tests).
 */
export function prepare_video(rows: ColumnTable, quantized = true): ColumnTable {
	const codes = Array.from(rows.array('country') as ArrayLike<number>, (c) => VIDEO_COUNTRIES[c] ?? null);
	let t = rows.select(...VIDEO_INSIGHT_COLUMNS).assign(table({ country: codes }));
	if (quantized) {
		const counts: Record<string, number[]> = {};
		for (const k of VIDEO_MEASURES) counts[k] = Array.from(t.array(k) as ArrayLike<number>, (v) => Math.round(Math.expm1(v / 1000)));
		t = t.assign(table(counts));
	}
	return t.derive({ subscribers: (d: { subscribers: number }) => (d.subscribers > 0 ? d.subscribers : null) });
}

export function filter_video(t: ColumnTable, f: VideoFilters): ColumnTable {
	return t
		.params({ category: f.category, country: f.country, lo: f.year_from, hi: f.year_to })
		.filter((d: { category: number; country: string | null; year: number }, $: { category: number | null; country: string; lo: number; hi: number }) =>
			($.category === null || d.category === $.category) && ($.country === '' || d.country === $.country) && d.year >= $.lo && d.year <= $.hi);
}

/** Count, quartiles, median and mean of views, likes and dislikes per value of `by` (most videos first). */
export function group_spreads(t: ColumnTable, by: 'category' | 'country'): VideoGroup[] {
	const s = by === 'country' ? t.filter((d: { country: string | null }) => d.country !== null) : t;
	if (s.numRows() === 0) return [];
	const roll: Record<string, unknown> = { videos: op.count() };
	for (const k of VIDEO_MEASURES) {
		roll[`${k}_p25`] = op.quantile(k, 0.25);
		roll[`${k}_median`] = op.median(k);
		roll[`${k}_p75`] = op.quantile(k, 0.75);
		roll[`${k}_mean`] = op.mean(k);
	}
	const out = s.groupby(by).rollup(roll as Parameters<ColumnTable['rollup']>[0]).objects() as Record<string, number>[];
	return out
		.map((r) => ({
			key: r[by],
			videos: r.videos,
			stats: Object.fromEntries(VIDEO_MEASURES.map((k) => [k, { p25: r[`${k}_p25`], median: r[`${k}_median`], p75: r[`${k}_p75`], mean: r[`${k}_mean`] }])) as Record<VideoMeasure, Spread>
		}))
		.sort((a, b) => b.videos - a.videos || key_order(a.key, b.key));
}

export function subscriber_scatter(t: ColumnTable): SubscriberScatter {
	const known = t.filter((d: { subscribers: number | null; views: number }) => d.subscribers !== null && d.views > 0);
	const subs = known.array('subscribers') as ArrayLike<number>;
	const views = known.array('views') as ArrayLike<number>;
	const n = known.numRows();
	const points: [number, number][] = Array.from({ length: n }, (_, i) => [subs[i], views[i]]);
	const x = Float64Array.from(points, (p) => Math.log10(p[0]));
	const y = Float64Array.from(points, (p) => Math.log10(p[1]));
	const line = fit_loglog(x, y, Int32Array.from({ length: n }, (_, i) => i));
	const fit = line ? { ...line, r: correlation([x, y])[0][1] } : null;
	return { videos: t.numRows(), with_subscribers: n, points, fit };
}

export function video_insights(video: ColumnTable, f: VideoFilters): VideoInsights {
	const t = filter_video(video, f);
	return {
		rows: t.numRows(),
		by_category: group_spreads(t, 'category'),
		by_country: group_spreads(t, 'country'),
		subscribers: subscriber_scatter(t)
	};
}

/** The filter choices the shard offers: categories with their video counts (most first) and the years. */
export function video_choices(video: ColumnTable): { categories: { id: number; videos: number }[]; countries: string[]; years: [number, number] } {
	const categories = (video.groupby('category').count({ as: 'videos' }).objects() as { category: number; videos: number }[])
		.map((r) => ({ id: r.category, videos: r.videos }))
		.sort((a, b) => b.videos - a.videos || a.id - b.id);
	const present = new Set(Array.from(video.array('country') as ArrayLike<string | null>));
	const years = video.rollup({ lo: op.min('year'), hi: op.max('year') }).object() as { lo: number; hi: number };
	return { categories, countries: VIDEO_COUNTRIES.filter((c) => present.has(c)), years: [years.lo, years.hi] };
}
