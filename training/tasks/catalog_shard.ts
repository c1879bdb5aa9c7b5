/**
 * The catalogue's browser shards, built from the clean table and the MovieLens link:
 * - catalog_titles.json (src/lib/catalog/shard.ts): the columns the queries, filters, "titles like this" and the
 *   catalogue section of /insights need (age ratings as a sorted list and an index per title);
 * - catalog_items.json: the recommender's items (MovieLens movies) in the order of the ONNX scorer's outputs, each
 *   with its display title, year, genres, mean rating, rating count and the catalogue titles it streams as.
 *
 * get_actor needs cast lists, which are the bulk of the table (62k actors). The shard keeps only actors who can be an
 * answer: an actor in two or more titles of some (platform, year), and for each (platform, year) where nobody
 * reaches two titles, the name that sorts first there (the tie rule's winner). An actor's count in a group is
 * unchanged by the pruning, and everyone pruned from a group has fewer titles there than its winner (or an equal
 * count and a later name), so every answer is the one the full lists give; verify_actor_pruning checks each one.
 */
import { PLATFORMS } from '../../src/lib/catalog/platforms';
import { CATALOG_SHARD_FORMAT, type CatalogShard } from '../../src/lib/catalog/shard';
import type { CatalogItems } from '../../src/lib/catalog/recommend';
import type { CatalogTitle } from '../../src/lib/catalog/types';
import { display_movielens_title } from '../../src/lib/core/text/normalise';
import type { MovieLensMovie } from '../etl/streaming_movielens';


const by_code_point = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Actor -> count per (platform, year) group, from full cast lists. */
function group_counts(titles: CatalogTitle[]): Map<string, Map<string, number>> {
	const groups = new Map<string, Map<string, number>>();
	for (const t of titles) {
		const key = `${t.platform}|${t.release_year}`;
		let g = groups.get(key);
		if (!g) groups.set(key, (g = new Map()));
		for (const a of new Set(t.cast)) g.set(a, (g.get(a) ?? 0) + 1);
	}
	return groups;
}

/** The winner by the stated rule (most titles, then the name that sorts first) from a count map. */
export function actor_winner(counts: Map<string, number>): { actor: string | null; count: number } {
	let actor: string | null = null;
	let count = 0;
	for (const [a, n] of counts) if (n > count || (n === count && actor !== null && a < actor)) [actor, count] = [a, n];
	return { actor, count };
}

export function kept_actors(titles: CatalogTitle[]): string[] {
	const keep = new Set<string>();
	for (const g of group_counts(titles).values()) {
		let any_two = false;
		for (const [a, n] of g) {
			if (n >= 2) {
				keep.add(a);
				any_two = true;
			}
		}
		if (!any_two) {
			const w = actor_winner(g).actor;
			if (w !== null) keep.add(w);
		}
	}
	return [...keep].sort(by_code_point);
}

/** Every (platform, year) answer from the full cast lists, to check the pruned shard against. */
export function full_actor_answers(titles: CatalogTitle[]): Map<string, { actor: string | null; count: number }> {
	const out = new Map<string, { actor: string | null; count: number }>();
	for (const [key, g] of group_counts(titles)) out.set(key, actor_winner(g));
	return out;
}

export function build_catalog_shard(
	titles: CatalogTitle[],
	movie_of_title: Int32Array,
	movies: MovieLensMovie[],
	item_of_movie: Int32Array,
	similar: number[][]
): CatalogShard {
	const genres = [...new Set(titles.flatMap((t) => t.genres))].sort(by_code_point);
	const genre_id = new Map(genres.map((g, k) => [g, k]));
	const ratings = [...new Set(titles.flatMap((t) => (t.age_rating === null ? [] : [t.age_rating])))].sort(by_code_point);
	const rating_id = new Map(ratings.map((r, k) => [r, k]));
	const actors = kept_actors(titles);
	const actor_id = new Map(actors.map((a, k) => [a, k]));
	const years = titles.map((t) => t.release_year);
	return {
		format: CATALOG_SHARD_FORMAT,
		platforms: PLATFORMS,
		year_min: Math.min(...years),
		year_max: Math.max(...years),
		genres,
		ratings,
		actors,
		show: titles.map((t) => {
			const m = /^s(\d+)$/.exec(t.show_id);
			if (!m) throw new Error(`show_id ${t.show_id} is not "s" + a number: the shard's show column cannot hold it`);
			return Number(m[1]);
		}),
		title: titles.map((t) => t.title),
		platform: titles.map((t) => PLATFORMS.indexOf(t.platform)),
		type: titles.map((t) => (t.type === 'movie' ? 0 : 1)),
		year: years,
		rating: titles.map((t) => (t.age_rating === null ? null : rating_id.get(t.age_rating)!)),
		duration: titles.map((t) => t.duration),
		unit: titles.map((t) => (t.duration_unit === null ? null : t.duration_unit === 'min' ? 0 : 1)),
		score: titles.map((_, k) => (movie_of_title[k] >= 0 ? Math.round(movies[movie_of_title[k]].mean * 1000) / 1000 : null)),
		score_count: titles.map((_, k) => (movie_of_title[k] >= 0 ? movies[movie_of_title[k]].count : 0)),
		item: titles.map((_, k) => (movie_of_title[k] >= 0 ? item_of_movie[movie_of_title[k]] : -1)),
		genre_ids: titles.map((t) => t.genres.map((g) => genre_id.get(g)!)),
		actor_ids: titles.map((t) => [...new Set(t.cast)].filter((a) => actor_id.has(a)).map((a) => actor_id.get(a)!).sort((a, b) => a - b)),
		similar
	};
}

/**
 * The recommender's items: every MovieLens movie with at least `min_ratings` ratings, and every movie that streams
 * somewhere (linked) whatever its count. Returns the item index of each movie (-1 when not served).
 */
export function served_items(movies: MovieLensMovie[], movie_of_title: Int32Array, min_ratings: number): { item_of_movie: Int32Array; served: number[] } {
	const linked = new Set(movie_of_title.filter((m) => m >= 0));
	const served: number[] = [];
	const item_of_movie = new Int32Array(movies.length).fill(-1);
	movies.forEach((m, k) => {
		if (m.count >= min_ratings || (m.count > 0 && linked.has(k))) {
			item_of_movie[k] = served.length;
			served.push(k);
		}
	});
	return { item_of_movie, served };
}

export function build_catalog_items(movies: MovieLensMovie[], served: number[], movie_of_title: Int32Array): CatalogItems {
	const titles_of = new Map<number, number[]>();
	movie_of_title.forEach((m, k) => {
		if (m < 0) return;
		const list = titles_of.get(m);
		if (list) list.push(k);
		else titles_of.set(m, [k]);
	});
	const ms = served.map((k) => movies[k]);
	return {
		format: 'hitcast-catalog-items-1',
		movielens_id: ms.map((m) => m.movielens_id),
		title: ms.map((m) => display_movielens_title(m.title)),
		year: ms.map((m) => m.year),
		genres: ms.map((m) => m.genres),
		mean: ms.map((m) => Math.round(m.mean * 1000) / 1000),
		count: ms.map((m) => m.count),
		titles: served.map((k) => titles_of.get(k) ?? [])
	};
}
