import { describe, expect, it } from 'vitest';
import { content_neighbours } from '../../training/tasks/catalog_content';
import { build_catalog_items, served_items } from '../../training/tasks/catalog_shard';
import type { CatalogTitle } from '../../src/lib/catalog/types';
import type { MovieLensMovie } from '../../training/etl/streaming_movielens';

const title = (k: number, t: Partial<CatalogTitle>): CatalogTitle => ({
	id: `n:s${k}`, platform: 'netflix', show_id: `s${k}`, type: 'movie', title: `Title ${k}`, directors: [], cast: [], genres: ['Dramas'],
	countries: [], date_added: null, release_year: 2000 + k, age_rating: null, duration: 90, duration_unit: 'min', description: '', ...t
});

describe('titles like this by content', () => {
	// filler titles make the shared tokens rare enough to count
	const filler = Array.from({ length: 40 }, (_, k) => title(100 + k, { genres: [k % 2 ? 'Comedies' : 'Dramas'], description: `filler story number ${k} about things` }));
	const titles = [
		title(0, { directors: ['Ana Ruiz'], cast: ['Leo Park'], description: 'A lighthouse keeper guards the harbor' }),
		title(1, { directors: ['Ana Ruiz'], cast: ['Leo Park'], description: 'The harbor keeper returns to the lighthouse' }),
		title(2, { genres: ['Comedies'], description: 'Cooking contest chaos' }),
		// the same film on another platform: never its own neighbour
		title(3, { platform: 'amazon', title: 'Title 0', release_year: 2000, directors: ['Ana Ruiz'], cast: ['Leo Park'], description: 'A lighthouse keeper guards the harbor' }),
		title(4, { genres: ['Comedies'], description: 'A cooking contest turns to chaos' }),
		...filler
	];
	const near = content_neighbours(titles, 3);
	it('finds the title sharing director, cast and rare words first', () => {
		expect(near[1][0]).toBe(0);
		expect(near[2][0]).toBe(4);
		expect(near[4][0]).toBe(2);
	});
	it('skips the same film on another platform and never lists a title itself', () => {
		expect(near[0]).not.toContain(3);
		expect(near[3]).not.toContain(0);
		near.forEach((list, k) => expect(list).not.toContain(k));
		expect(near[0][0]).toBe(1);
	});
	it('is deterministic', () => {
		expect(content_neighbours(titles, 3)).toEqual(near);
	});
});

describe('the recommender items', () => {
	const movie = (id: number, count: number): MovieLensMovie => ({ movielens_id: id, title: `Film ${id}, The (1999)`, year: 1999, genres: ['Drama'], mean: 3.5, count });
	const movies = [movie(1, 10), movie(2, 2), movie(3, 2), movie(4, 0), movie(5, 5)];
	// title 0 streams movie 2 (index 1), title 1 streams movie 1 (index 0), title 2 is unlinked
	const movie_of_title = Int32Array.from([1, 0, -1]);
	it('serves movies with enough ratings and every rated movie that streams', () => {
		const { served, item_of_movie } = served_items(movies, movie_of_title, 5);
		expect(served).toEqual([0, 1, 4]);
		expect(Array.from(item_of_movie)).toEqual([0, 1, -1, -1, 2]);
		const items = build_catalog_items(movies, served, movie_of_title);
		expect(items.movielens_id).toEqual([1, 2, 5]);
		expect(items.title[0]).toBe('The Film 1');
		expect(items.titles).toEqual([[1], [0], []]);
	});
});
