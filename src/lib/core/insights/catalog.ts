/**
 * The catalogue section of the insights page, computed with arquero from the catalogue shard of the four streaming
 * catalogues (static/data/catalog_titles.json, src/lib/catalog/shard.ts: one entry per title, column by column, with
 * genres and age ratings as lists the titles index into). The shard is in the manifest (checked against its sha256)
 * and cached for offline use with the catalogue studio. Pure (no DOM): the insights worker runs it, unit tests check
 * it against hand-computed values.
 *
 * Filters: a platform and a release-year range; every figure follows both.
 */
import { op, table, type ColumnTable } from 'arquero';
import { PLATFORMS, type Platform } from '../../catalog/platforms';
import { TYPE_CODES, UNIT_CODES, type Catalog } from '../../catalog/shard';
import { box_stats, histogram, type BoxStats, type Histogram } from './music';
import { key_order } from './order';
import { FILM_MINUTES, SERIES_SEASONS } from './fields';

export interface CatalogFilters {
	/** '' = every platform */
	platform: Platform | '';
	/** inclusive release-year range */
	year_from: number;
	year_to: number;
}

/** Titles of each platform for one value (a year, a genre, an age rating). */
export interface PlatformCounts<K> {
	key: K;
	total: number;
	/** in PLATFORMS order */
	counts: number[];
}

export interface DurationStats {
	/** minutes for films, seasons for series; the last bin also holds everything longer */
	histogram: Histogram;
	box: BoxStats;
}

export interface CatalogInsights {
	rows: number;
	/** every year from the first to the last release year under the filters, years without titles at 0 */
	years: PlatformCounts<number>[];
	/** films and series per platform, in PLATFORMS order */
	platforms: { platform: Platform; movies: number; series: number }[];
	/** the most frequent genres (a title counts under each genre it lists) */
	genres: PlatformCounts<string>[];
	genre_count: number;
	films: DurationStats;
	series: DurationStats;
	/** titles without a duration, or whose unit does not fit their type (a film counted in seasons) */
	duration_skipped: number;
	/** null: no rating given; most titles first */
	ratings: PlatformCounts<string | null>[];
}

export { FILM_MINUTES, SERIES_SEASONS };
export const TOP_GENRES = 20;

const PLATFORM_INDEX = new Map<string, number>(PLATFORMS.map((p, i) => [p, i]));

/**
 * The catalogue shard, read and checked by load_catalog -> the columns the insights read: platform as its index in
 * PLATFORMS, type ('movie' / 'tv'), release year, age rating, duration and its unit (null when missing), genres as a
 * list of names.
 */
export function catalog_table(c: Catalog): ColumnTable {
	const s = c.shard;
	return table({
		platform: Array.from(c.platform),
		type: Array.from(c.type, (t) => TYPE_CODES[t]),
		year: Array.from(c.year),
		age_rating: s.rating.map((r) => (r === null ? null : s.ratings[r])),
		duration: s.duration.slice(),
		duration_unit: s.unit.map((u) => (u === null ? null : UNIT_CODES[u])),
		genre_list: s.genre_ids.map((ids) => ids.map((g) => s.genres[g]))
	});
}

export function filter_catalog(t: ColumnTable, f: CatalogFilters): ColumnTable {
	return t
		.params({ platform: f.platform === '' ? -1 : (PLATFORM_INDEX.get(f.platform) ?? -2), lo: f.year_from, hi: f.year_to })
		.filter((d: { platform: number; year: number }, $: { platform: number; lo: number; hi: number }) => ($.platform === -1 || d.platform === $.platform) && d.year >= $.lo && d.year <= $.hi);
}

/** Titles per value of `key` and platform, most titles first (ties in key_order). */
export function platform_counts<K extends string | number | null>(t: ColumnTable, key: string): PlatformCounts<K>[] {
	if (t.numRows() === 0) return [];
	const rows = t.groupby(key, 'platform').count({ as: 'n' }).objects() as Record<string, unknown>[];
	const by = new Map<K, PlatformCounts<K>>();
	for (const r of rows) {
		const k = r[key] as K;
		let e = by.get(k);
		if (!e) by.set(k, (e = { key: k, total: 0, counts: PLATFORMS.map(() => 0) }));
		e.counts[r.platform as number] += r.n as number;
		e.total += r.n as number;
	}
	return [...by.values()].sort((a, b) => b.total - a.total || key_order(a.key, b.key));
}

function durations(t: ColumnTable, type: 'movie' | 'tv', unit: 'min' | 'season', range: [number, number, number]): DurationStats {
	const s = t.params({ type, unit }).filter((d: { type: string; duration_unit: string; duration: number | null }, $: { type: string; unit: string }) => d.type === $.type && d.duration_unit === $.unit && d.duration !== null);
	const values = s.array('duration') as ArrayLike<number>;
	return { histogram: histogram(values, unit, ...range), box: box_stats(values, unit) };
}

export function catalog_insights(catalog: ColumnTable, f: CatalogFilters): CatalogInsights {
	const t = filter_catalog(catalog, f);
	const by_year = new Map(platform_counts<number>(t, 'year').map((y) => [y.key, y]));
	const first = Math.min(...by_year.keys()), last = Math.max(...by_year.keys());
	const years = by_year.size ? Array.from({ length: last - first + 1 }, (_, k) => by_year.get(first + k) ?? { key: first + k, total: 0, counts: PLATFORMS.map(() => 0) }) : [];
	const types = platform_counts<string>(t, 'type');
	const of_type = (type: string) => types.find((x) => x.key === type)?.counts ?? PLATFORMS.map(() => 0);
	const genres = t.numRows() ? platform_counts<string>(t.select('genre_list', 'platform').unroll('genre_list'), 'genre_list') : [];
	const films = durations(t, 'movie', 'min', FILM_MINUTES);
	const series = durations(t, 'tv', 'season', SERIES_SEASONS);
	return {
		rows: t.numRows(),
		years,
		platforms: PLATFORMS.map((platform, i) => ({ platform, movies: of_type('movie')[i], series: of_type('tv')[i] })),
		genres: genres.slice(0, TOP_GENRES),
		genre_count: genres.length,
		films,
		series,
		duration_skipped: t.numRows() - films.box.n - series.box.n,
		ratings: platform_counts<string | null>(t, 'age_rating')
	};
}

/** The release years the table spans. */
export function catalog_years(catalog: ColumnTable): [number, number] {
	const r = catalog.rollup({ lo: op.min('year'), hi: op.max('year') }).object() as { lo: number; hi: number };
	return [r.lo, r.hi];
}
