/**
 * The music section of the insights page, computed with arquero from the music_tracks shard (one row per distinct
 * track of the 114k set) and, for time, from the charts_tracks shard (its first chart week is the only release-time
 * information the data has: the 114k set carries no dates). Pure (no DOM): the insights worker runs it, unit tests
 * check it against hand-computed values.
 *
 * Filters: a genre (tracks listed under it; the 114k set lists a track under every genre it was scraped from) and a
 * year range (first chart year). Each figure follows the filters its data can answer: the 114k figures follow the
 * genre, the time figures follow the year range; the page says which.
 */
import { op, table, type ColumnTable } from 'arquero';
import { dequantize } from '../charts/shard';
import { AUDIO_FEATURES } from '../features/music';
import { decode_audio } from '../music/track_codec';

import { MUSIC_NUMERIC, TIME_FEATURES, type MusicNumeric } from './fields';

export { MUSIC_NUMERIC, TIME_FEATURES, type MusicNumeric };

export interface MusicFilters {
	/** '' = every genre */
	genre: string;
	/** inclusive first-chart-year range */
	year_from: number;
	year_to: number;
	/** tracks quieter than this (dB) are "very quiet" */
	quiet_db: number;
}

export interface Histogram {
	feature: string;
	/** left edge of each bin */
	edges: number[];
	width: number;
	counts: number[];
}

export interface BoxStats {
	feature: string;
	n: number;
	min: number; q1: number; median: number; q3: number; max: number;
	/** Tukey whiskers: the furthest values within 1.5 IQR of the box */
	whisker_low: number; whisker_high: number;
	/** values beyond the whiskers */
	outliers_low: number; outliers_high: number;
}

export interface GenreStat { genre: string; count: number; mean_popularity: number; mean_speechiness: number }

export interface QuietEffect {
	threshold_db: number;
	/** popularity histogram (10-point bins) and summary of all / kept / removed tracks */
	groups: { name: 'before' | 'after' | 'removed'; count: number; mean_popularity: number; counts: number[] }[];
	edges: number[];
}

export interface YearStat { year: number; tracks: number; means: Record<string, number> }

export interface MusicInsights {
	rows: number;
	histograms: Histogram[];
	correlation: { features: string[]; matrix: number[][] };
	genres: GenreStat[];
	boxes: BoxStats[];
	quiet: QuietEffect;
	years: YearStat[];
	chart_rows: number;
}

/** The 114k tracks with duration in minutes; genre lists split once. */
/**
 * The tracks shard ready to aggregate: its audio features decoded from the shard's integer codes into their units
 * (src/lib/core/music/track_codec.ts; "not measured" -> null), duration in minutes, the genre list split.
 * `encoded` false for tables already in units (tests).
 */
export function prepare_music(tracks: ColumnTable, encoded = true): ColumnTable {
	let t = tracks;
	if (encoded) {
		const present = AUDIO_FEATURES.map((f) => f.name).filter((name) => t.columnNames().includes(name));
		t = t.assign(table(Object.fromEntries(present.map((name) => [name, Array.from(t.array(name) as ArrayLike<number>, (v) => {
			const x = decode_audio(name, v);
			return Number.isNaN(x) ? null : x;
		})]))));
	}
	return t
		.derive({ duration_min: (d: { duration_ms: number | null }) => (d.duration_ms === null ? null : d.duration_ms / 60000) })
		.derive({ genre_list: (d: { genres: string }) => op.split(d.genres, ';') });
}

/**
 * Charted tracks with their first chart year and the time features back in their units (the shard stores integer
 * steps: src/lib/core/charts/shard.ts). `quantized` false for tables already in units (tests).
 */
export function prepare_charts(charts: ColumnTable, quantized = true): ColumnTable {
	let t = charts.derive({ year: (d: { first_week: string }) => op.parse_int(op.substring(d.first_week, 0, 4), 10) });
	if (quantized) t = t.assign(table(Object.fromEntries(TIME_FEATURES.map((f) => [f, dequantize(f, t.array(f) as ArrayLike<number>)]))));
	return t;
}

export function filter_genre(t: ColumnTable, genre: string): ColumnTable {
	if (!genre) return t;
	return t.params({ genre }).filter((d: { genre_list: string[] }, $: { genre: string }) => op.includes(d.genre_list, $.genre));
}

/** Equal-width histogram over [lo, hi] with `bins` bins; values outside are clamped into the end bins. */
export function histogram(values: ArrayLike<number | null>, feature: string, lo: number, hi: number, bins: number): Histogram {
	const width = (hi - lo) / bins || 1;
	const counts = new Array(bins).fill(0);
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v === null || !Number.isFinite(v)) continue;
		counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)))]++;
	}
	return { feature, edges: counts.map((_, k) => lo + k * width), width, counts };
}

/** Quantile by linear interpolation between closest ranks (numpy's default), on sorted values. */
export function quantile_sorted(sorted: ArrayLike<number>, q: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const h = (n - 1) * q;
	const lo = Math.floor(h);
	return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * Value of rank k (0-based) of v[lo..hi] in ascending order, partially reordering v in place (Hoare's quickselect
 * with a median-of-three pivot): O(n) on average, where a full sort of every feature was most of the time of a
 * filter change on the 89k tracks.
 */
function select(v: Float64Array, k: number, lo = 0, hi = v.length - 1): number {
	while (hi > lo) {
		const mid = (lo + hi) >>> 1;
		const a = v[lo], b = v[mid], c = v[hi];
		const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
		let i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot) i++;
			while (v[j] > pivot) j--;
			if (i <= j) {
				const t = v[i]; v[i] = v[j]; v[j] = t;
				i++; j--;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return v[k];
	}
	return v[k];
}

/** Quantile q (numpy's linear interpolation) of the first n values of v, reordering them. */
function quantile_select(v: Float64Array, n: number, q: number): number {
	if (n === 0) return NaN;
	const h = (n - 1) * q;
	const k = Math.floor(h);
	const a = select(v, k, 0, n - 1);
	if (k + 1 >= n || h === k) return a;
	// after selecting rank k, rank k+1 is the smallest value to its right
	let b = Infinity;
	for (let i = k + 1; i < n; i++) if (v[i] < b) b = v[i];
	return a + (h - k) * (b - a);
}

export function box_stats(values: ArrayLike<number | null>, feature: string): BoxStats {
	let n = 0, min = Infinity, max = -Infinity;
	const v = new Float64Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const x = values[i];
		if (x === null || !Number.isFinite(x)) continue;
		v[n++] = x;
		if (x < min) min = x;
		if (x > max) max = x;
	}
	const q1 = quantile_select(v, n, 0.25), median = quantile_select(v, n, 0.5), q3 = quantile_select(v, n, 0.75);
	const iqr = q3 - q1;
	const lo_fence = q1 - 1.5 * iqr, hi_fence = q3 + 1.5 * iqr;
	let whisker_low = Infinity, whisker_high = -Infinity, outliers_low = 0, outliers_high = 0;
	for (let i = 0; i < n; i++) {
		const x = v[i];
		if (x < lo_fence) outliers_low++;
		else if (x < whisker_low) whisker_low = x;
		if (x > hi_fence) outliers_high++;
		else if (x > whisker_high) whisker_high = x;
	}
	return {
		feature, n, min: n ? min : NaN, q1, median, q3, max: n ? max : NaN,
		whisker_low: n ? whisker_low : NaN, whisker_high: n ? whisker_high : NaN, outliers_low, outliers_high
	};
}

/**
 * Pearson correlation matrix, pairwise over rows where both values are present. One pass over typed columns: arquero's
 * op.corr in a 91-expression rollup took ~10x longer on the 89k rows.
 */
export function correlation(cols: readonly Float64Array[]): number[][] {
	const p = cols.length;
	const out = cols.map(() => new Array<number>(p).fill(1));
	for (let a = 0; a < p; a++) {
		for (let b = a + 1; b < p; b++) {
			const x = cols[a], y = cols[b];
			let n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
			for (let i = 0; i < x.length; i++) {
				const u = x[i], v = y[i];
				if (u !== u || v !== v) continue;
				n++; sx += u; sy += v; sxx += u * u; syy += v * v; sxy += u * v;
			}
			const cov = sxy - (sx * sy) / n, vx = sxx - (sx * sx) / n, vy = syy - (sy * sy) / n;
			const r = n > 1 && vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : NaN;
			out[a][b] = out[b][a] = r;
		}
		if (!cols[a].some((v) => v === v)) out[a][a] = NaN;
	}
	return out;
}

/** A numeric column as Float64Array, null and non-numbers as NaN (one bulk copy when it has no nulls). */
export function numeric_column(t: ColumnTable, name: string): Float64Array {
	const raw = t.array(name) as ArrayLike<unknown>;
	if (ArrayBuffer.isView(raw) && !(raw instanceof BigInt64Array)) return Float64Array.from(raw as unknown as ArrayLike<number>);
	const out = new Float64Array(raw.length);
	for (let i = 0; i < raw.length; i++) {
		const v = raw[i];
		out[i] = typeof v === 'number' ? v : NaN;
	}
	return out;
}

/** Count, mean popularity and mean speechiness per genre (a track counts under each genre it is listed under). */
export function genre_stats(t: ColumnTable): GenreStat[] {
	if (t.numRows() === 0) return [];
	return (t.select('genre_list', 'popularity', 'speechiness')
		.unroll('genre_list')
		.groupby('genre_list')
		.rollup({ count: op.count(), mean_popularity: op.mean('popularity'), mean_speechiness: op.mean('speechiness') })
		.orderby('genre_list')
		.objects() as { genre_list: string; count: number; mean_popularity: number; mean_speechiness: number }[])
		.map((r) => ({ genre: r.genre_list, count: r.count, mean_popularity: r.mean_popularity, mean_speechiness: r.mean_speechiness }));
}

const POP_EDGES = Array.from({ length: 10 }, (_, k) => k * 10);

export function quiet_effect(t: ColumnTable, threshold_db: number): QuietEffect {
	const loud = t.array('loudness') as ArrayLike<number>;
	const pop = t.array('popularity') as ArrayLike<number>;
	const groups = (['before', 'after', 'removed'] as const).map((name) => ({ name, count: 0, sum: 0, counts: new Array(10).fill(0) }));
	for (let i = 0; i < t.numRows(); i++) {
		const removed = loud[i] < threshold_db;
		for (const g of [groups[0], removed ? groups[2] : groups[1]]) {
			g.count++;
			g.sum += pop[i];
			g.counts[Math.min(9, Math.floor(pop[i] / 10))]++;
		}
	}
	return { threshold_db, edges: POP_EDGES, groups: groups.map((g) => ({ name: g.name, count: g.count, mean_popularity: g.count ? g.sum / g.count : NaN, counts: g.counts })) };
}

export function year_stats(charts: ColumnTable): YearStat[] {
	if (charts.numRows() === 0) return [];
	const roll: Parameters<ColumnTable['rollup']>[0] & Record<string, unknown> = { tracks: op.count() };
	for (const f of TIME_FEATURES) roll[f] = op.mean(f);
	return (charts.groupby('year').rollup(roll).orderby('year').objects() as Record<string, number>[]).map((r) => ({
		year: r.year, tracks: r.tracks, means: Object.fromEntries(TIME_FEATURES.map((f) => [f, r[f]]))
	}));
}

/** Histogram ranges: fixed, so a filter changes the bars, never the axis. */
export const HISTOGRAM_RANGE: Record<MusicNumeric, [number, number, number]> = {
	popularity: [0, 100, 20], danceability: [0, 1, 20], energy: [0, 1, 20], key: [0, 12, 12], loudness: [-50, 5, 22],
	mode: [0, 2, 2], speechiness: [0, 1, 20], acousticness: [0, 1, 20], instrumentalness: [0, 1, 20], liveness: [0, 1, 20],
	valence: [0, 1, 20], tempo: [30, 250, 22], time_signature: [1, 8, 7], duration_min: [0, 12, 24]
};

export function music_insights(music: ColumnTable, charts: ColumnTable, f: MusicFilters): MusicInsights {
	const t = filter_genre(music, f.genre);
	const c = charts.params({ lo: f.year_from, hi: f.year_to }).filter((d: { year: number }, $: { lo: number; hi: number }) => d.year >= $.lo && d.year <= $.hi);
	const cols = MUSIC_NUMERIC.map((k) => numeric_column(t, k));
	return {
		rows: t.numRows(),
		histograms: MUSIC_NUMERIC.map((k, j) => histogram(cols[j], k, ...HISTOGRAM_RANGE[k])),
		correlation: { features: [...MUSIC_NUMERIC], matrix: correlation(cols) },
		genres: genre_stats(t),
		boxes: MUSIC_NUMERIC.map((k, j) => box_stats(cols[j], k)),
		quiet: quiet_effect(t, f.quiet_db),
		years: year_stats(c),
		chart_rows: c.numRows()
	};
}

