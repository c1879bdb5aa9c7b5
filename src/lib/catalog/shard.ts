/**
 * The compact catalogue shard (static/data/catalog_titles.json): the clean table reduced to the columns the queries,
 * the recommender and "titles like this" need, column by column, with genres and actors as dictionaries.
 * Written by training/tasks/catalog_shard.ts, read by the queries (src/lib/catalog/queries.ts) in the page, the
 * prerendered JSON endpoints and the tests, and by the catalogue section of /insights (src/lib/core/insights/catalog.ts).
 * Directors, countries, dates and descriptions stay in the CSV download.
 */
import { PLATFORMS, type Platform } from './platforms';
import type { DurationUnit, TitleType } from './types';

export interface CatalogShard {
	format: typeof CATALOG_SHARD_FORMAT;
	platforms: readonly Platform[];
	year_min: number;
	year_max: number;
	genres: string[];
	/** the age ratings the titles carry (as training/etl/streaming.ts spells them), sorted by code point */
	ratings: string[];
	/**
	 * Actors kept for get_actor, sorted by name. Pruned in training to those who can answer some (platform, year):
	 * see training/tasks/catalog_shard.ts; the pipeline checks every answer against the full cast lists.
	 */
	actors: string[];
	/** the source's show_id without its "s" (every show_id of the four files is "s" + a number) */
	show: number[];
	title: string[];
	/** index into platforms */
	platform: number[];
	/** 0 movie, 1 tv */
	type: number[];
	year: number[];
	/** index into ratings, null when the source gives no age rating */
	rating: (number | null)[];
	/** null when the source gives no duration */
	duration: (number | null)[];
	/** 0 min, 1 season, null */
	unit: (number | null)[];
	/** mean MovieLens rating of the linked movie (3 decimals), null when unlinked */
	score: (number | null)[];
	score_count: number[];
	/** index of the linked movie in the recommender's item list (catalog_items.json), -1 when none */
	item: number[];
	genre_ids: number[][];
	actor_ids: number[][];
	/** the nearest titles by content (genres, cast, director, description), best first */
	similar: number[][];
}

/** The shard with its columns in typed arrays, as the queries read it. */
export interface Catalog {
	shard: CatalogShard;
	n: number;
	platform: Uint8Array;
	type: Uint8Array;
	year: Int16Array;
	/** NaN when missing */
	duration: Float32Array;
	/** 255 when missing */
	unit: Uint8Array;
	/** NaN when unscored */
	score: Float32Array;
}

/** A title's id as the clean table writes it: platform initial + ":" + show_id ("n:s42"). */
export function title_id(c: Catalog, k: number): string {
	return `${PLATFORMS[c.platform[k]][0]}:s${c.shard.show[k]}`;
}

/** 2: the age rating (ratings, rating) joined the columns. */
export const CATALOG_SHARD_FORMAT = 'hitcast-catalog-2';

export const UNIT_CODES: readonly DurationUnit[] = ['min', 'season'];
export const TYPE_CODES: readonly TitleType[] = ['movie', 'tv'];

/** Check the shape of a shard read from JSON and index it; throws with a plain reason when it is not one. */
export function load_catalog(shard: CatalogShard): Catalog {
	if (!shard || shard.format !== CATALOG_SHARD_FORMAT) throw new Error('not a Hitcast catalogue shard (or one from another version)');
	const n = shard.show?.length;
	if (!Number.isInteger(n)) throw new Error('catalogue shard: no show column');
	for (const col of ['title', 'platform', 'type', 'year', 'rating', 'duration', 'unit', 'score', 'score_count', 'item', 'genre_ids', 'actor_ids', 'similar'] as const) {
		if (!Array.isArray(shard[col]) || shard[col].length !== n) throw new Error(`catalogue shard: column ${col} has the wrong length`);
	}
	if (shard.platforms.join() !== PLATFORMS.join()) throw new Error('catalogue shard: unexpected platform list');
	const in_range = (k: unknown, size: number) => Number.isInteger(k) && (k as number) >= 0 && (k as number) < size;
	if (!shard.platform.every((p) => in_range(p, PLATFORMS.length))) throw new Error('catalogue shard: a platform outside the platform list');
	if (!shard.type.every((t) => in_range(t, TYPE_CODES.length))) throw new Error('catalogue shard: an unknown type code');
	if (!shard.unit.every((u) => u === null || in_range(u, UNIT_CODES.length))) throw new Error('catalogue shard: an unknown duration unit code');
	if (!shard.genre_ids.every((ids) => Array.isArray(ids) && ids.every((g) => in_range(g, shard.genres.length)))) throw new Error('catalogue shard: a genre outside the genre list');
	if (!Array.isArray(shard.ratings) || !shard.ratings.every((r) => typeof r === 'string')) throw new Error('catalogue shard: no age rating list');
	if (!shard.rating.every((r) => r === null || in_range(r, shard.ratings.length))) throw new Error('catalogue shard: an age rating outside the rating list');
	return {
		shard,
		n,
		platform: Uint8Array.from(shard.platform),
		type: Uint8Array.from(shard.type),
		year: Int16Array.from(shard.year),
		duration: Float32Array.from(shard.duration, (d) => (d === null ? Number.NaN : d)),
		unit: Uint8Array.from(shard.unit, (u) => (u === null ? 255 : u)),
		score: Float32Array.from(shard.score, (s) => (s === null ? Number.NaN : s))
	};
}
