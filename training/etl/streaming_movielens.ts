/**
 * MovieLens ml-latest-small (100,836 ratings by 610 users on 9,724 movies) and its link to the catalogues.
 * The link is a heuristic the datasets do not provide: a MovieLens movie and a catalogue title are the same film when
 * their normalised titles (src/lib/core/text/normalise.ts, either of MovieLens' bracketed names) and release years
 * are equal. A catalogue title that matches several MovieLens movies takes the one with the most ratings (counted in
 * the stats). A title's score is the mean MovieLens rating of its linked movie, with the number of ratings.
 */
import { join } from 'node:path';
import { parse_csv, read_csv_records, read_text_file } from '../lib/csv';
import { normalise_title, split_movielens_title } from '../../src/lib/core/text/normalise';
import type { Ratings } from '../../src/lib/core/mf/svd';
import { PLATFORMS, type Platform } from '../../src/lib/catalog/platforms';
import type { CatalogTitle } from '../../src/lib/catalog/types';

export const MOVIELENS_FILES = {
	ratings: 'streaming/movielens/ml-latest-small/ratings.csv.gz',
	movies: 'streaming/movielens/ml-latest-small/movies.csv.gz'
} as const;

export interface MovieLensMovie {
	movielens_id: number;
	/** the MovieLens title as written, year included */
	title: string;
	year: number | null;
	genres: string[];
	/** mean rating and number of ratings (0 / NaN when unrated) */
	mean: number;
	count: number;
}

export interface MovieLensData {
	movies: MovieLensMovie[];
	/** ratings with dense indices: item k is movies[k], users numbered in order of first appearance */
	ratings: Ratings;
	/** MovieLens userId of each dense user index */
	user_ids: Int32Array;
}

export function parse_movielens(movies_rows: string[][], ratings_rows: string[][]): MovieLensData {
	const mv = read_csv_records(movies_rows, 'movies.csv');
	const movies: MovieLensMovie[] = mv.records.map(([id, title, genres]) => {
		const { year } = split_movielens_title(title);
		return {
			movielens_id: Number(id), title, year,
			genres: genres === '(no genres listed)' ? [] : genres.split('|'),
			mean: Number.NaN, count: 0
		};
	});
	const index = new Map(movies.map((m, k) => [m.movielens_id, k]));
	const rt = read_csv_records(ratings_rows, 'ratings.csv');
	const n = rt.records.length;
	const users = new Map<number, number>();
	const r: Ratings = { user: new Int32Array(n), item: new Int32Array(n), value: new Float32Array(n), n_users: 0, n_items: movies.length };
	const sum = new Float64Array(movies.length);
	for (let k = 0; k < n; k++) {
		const [u, m, v] = rt.records[k];
		const uid = Number(u);
		const item = index.get(Number(m));
		const value = Number(v);
		if (item === undefined) throw new Error(`ratings.csv row ${k + 2}: movieId ${m} is not in movies.csv`);
		if (!(value >= 0.5 && value <= 5)) throw new Error(`ratings.csv row ${k + 2}: rating ${v}`);
		let du = users.get(uid);
		if (du === undefined) users.set(uid, (du = users.size));
		r.user[k] = du;
		r.item[k] = item;
		r.value[k] = value;
		sum[item] += value;
		movies[item].count++;
	}
	r.n_users = users.size;
	for (let k = 0; k < movies.length; k++) if (movies[k].count) movies[k].mean = sum[k] / movies[k].count;
	return { movies, ratings: r, user_ids: Int32Array.from(users.keys()) };
}

export function load_movielens(data_root: string): MovieLensData {
	return parse_movielens(
		parse_csv(read_text_file(join(data_root, MOVIELENS_FILES.movies))),
		parse_csv(read_text_file(join(data_root, MOVIELENS_FILES.ratings)))
	);
}

export interface TitleLink {
	/** per catalogue title (same order): index into movies, or -1 */
	movie_of_title: Int32Array;
	stats: {
		linked_titles: Record<Platform, number>;
		linked_titles_by_type: { movie: number; tv: number };
		/** distinct MovieLens movies linked to at least one title */
		linked_movies: number;
		/** share of all ratings that fall on a linked movie */
		ratings_share: number;
		/** titles whose key matched several MovieLens movies (the most-rated one is taken) */
		ambiguous_titles: number;
	};
}

export const link_key = (title: string, year: number) => `${normalise_title(title)}|${year}`;

/**
 * Link catalogue films to MovieLens movies by normalised title + release year. Series are left out: the catalogues
 * give a series the year of its latest season, and the few series that matched were partly other works.
 */
export function link_titles(titles: CatalogTitle[], ml: MovieLensData): TitleLink {
	const by_key = new Map<string, number[]>();
	ml.movies.forEach((m, k) => {
		if (m.year === null || m.count === 0) return;
		for (const name of split_movielens_title(m.title).names) {
			const key = link_key(name, m.year);
			const list = by_key.get(key);
			if (!list) by_key.set(key, [k]);
			else if (!list.includes(k)) list.push(k);
		}
	});
	const movie_of_title = new Int32Array(titles.length).fill(-1);
	const linked_titles = Object.fromEntries(PLATFORMS.map((p) => [p, 0])) as Record<Platform, number>;
	const by_type = { movie: 0, tv: 0 };
	let ambiguous = 0;
	const linked = new Set<number>();
	titles.forEach((t, k) => {
		if (t.type !== 'movie') return;
		const list = by_key.get(link_key(t.title, t.release_year));
		if (!list) return;
		if (list.length > 1) ambiguous++;
		// most ratings first; the lower MovieLens id breaks a tie, so the link never depends on file order
		const best = list.reduce((a, b) => (ml.movies[b].count > ml.movies[a].count || (ml.movies[b].count === ml.movies[a].count && ml.movies[b].movielens_id < ml.movies[a].movielens_id) ? b : a));
		movie_of_title[k] = best;
		linked_titles[t.platform]++;
		by_type[t.type]++;
		linked.add(best);
	});
	let on_linked = 0;
	for (let k = 0; k < ml.ratings.item.length; k++) if (linked.has(ml.ratings.item[k])) on_linked++;
	return {
		movie_of_title,
		stats: { linked_titles, linked_titles_by_type: by_type, linked_movies: linked.size, ratings_share: on_linked / ml.ratings.item.length, ambiguous_titles: ambiguous }
	};
}
