import { describe, expect, it } from 'vitest';
import { parse_csv } from '../../training/lib/csv';
import { clean_platform_rows, clean_table_csv, empty_streaming_stats, parse_date_added, parse_duration, split_list } from '../../training/etl/streaming';
import { link_titles, parse_movielens } from '../../training/etl/streaming_movielens';
import { display_movielens_title, normalise_title, split_movielens_title } from '../../src/lib/core/text/normalise';
import { build_catalog_shard } from '../../training/tasks/catalog_shard';
import { CATALOG_SHARD_FORMAT, load_catalog, type CatalogShard } from '../../src/lib/catalog/shard';
import { MOVIES_CSV, RATINGS_CSV, TITLES_CSV } from '../fixtures/catalog_fixture';

describe('catalogue ETL field parsers', () => {
	it('parses dates, with the leading space some Netflix rows carry', () => {
		expect(parse_date_added('September 25, 2021')).toBe('2021-09-25');
		expect(parse_date_added(' April 3, 2020')).toBe('2020-04-03');
		expect(parse_date_added('')).toBeNull();
		expect(() => parse_date_added('2021-09-25')).toThrow(/unreadable/);
	});
	it('parses durations into a number and a unit', () => {
		expect(parse_duration('94 min')).toEqual({ value: 94, unit: 'min' });
		expect(parse_duration('1 Season')).toEqual({ value: 1, unit: 'season' });
		expect(parse_duration('3 Seasons')).toEqual({ value: 3, unit: 'season' });
		expect(parse_duration('TV-MA')).toBeNull();
	});
	it('splits lists and drops empties', () => {
		expect(split_list(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
		expect(split_list('')).toEqual([]);
	});
});

describe('catalogue ETL on the synthetic file', () => {
	const stats = empty_streaming_stats();
	const titles = clean_platform_rows('hulu', parse_csv(TITLES_CSV), stats);
	const by_id = new Map(titles.map((t) => [t.show_id, t]));

	it('reads every row, tagged with its platform and a unique id', () => {
		expect(titles.map((t) => t.id)).toEqual(['h:s1', 'h:s2', 'h:s3', 'h:s4', 'h:s5']);
		expect(stats.rows.hulu).toBe(5);
	});
	it('turns lists into arrays and dates into ISO', () => {
		const t = by_id.get('s2')!;
		expect(t.cast).toEqual(['Mia Stone', 'Leo Park', 'Tom Hale']);
		expect(t.countries).toEqual(['France', 'Spain']);
		expect(t.genres).toEqual(['TV Dramas']);
		expect(t.directors).toEqual([]);
		expect(t.date_added).toBe('2020-04-03');
		expect(t.type).toBe('tv');
		expect([t.duration, t.duration_unit]).toEqual([2, 'season']);
	});
	it('moves a duration found in the rating column back and leaves the age rating missing', () => {
		expect([by_id.get('s3')!.duration, by_id.get('s3')!.duration_unit, by_id.get('s3')!.age_rating]).toEqual([74, 'min', null]);
		expect([by_id.get('s4')!.duration, by_id.get('s4')!.duration_unit, by_id.get('s4')!.age_rating]).toEqual([1, 'season', null]);
		expect(stats.repaired_duration.hulu).toBe(2);
		expect(by_id.get('s1')!.age_rating).toBe('PG-13');
	});
	it('removes carriage returns, line breaks inside fields and zero-width characters', () => {
		expect(by_id.get('s2')!.description).toBe('Line one line two.');
		expect(by_id.get('s3')!.description).toBe('A clock with a tale.');
		expect(by_id.get('s5')!.description).toBe('Zero width start.');
		for (const t of titles) for (const v of Object.values(t)) expect(JSON.stringify(v)).not.toMatch(/\\r|\\n/);
		expect(stats.fields_with_line_breaks.hulu).toBe(2);
	});
	it("spells Amazon's age-rating codes like its other rows", () => {
		expect(by_id.get('s5')!.age_rating).toBe('16+');
	});
	it('writes a CSV with one line per title and lists as single fields', () => {
		const csv = clean_table_csv(titles, (_t, k) => (k === 0 ? { movielens_id: 1, score: 4.5, count: 2 } : null));
		const rows = parse_csv(csv);
		expect(rows.length).toBe(6);
		expect(rows[0]).toContain('score');
		expect(rows[2][rows[0].indexOf('cast')]).toBe('Mia Stone; Leo Park; Tom Hale');
		expect(rows[1][rows[0].indexOf('score')]).toBe('4.500');
		expect(csv).not.toContain('\r');
	});
	it('writes the age rating to the shard as a sorted list and an index per title, null when missing', () => {
		const shard = build_catalog_shard(titles, new Int32Array(titles.length).fill(-1), [], new Int32Array(0), titles.map(() => []));
		expect(shard.format).toBe(CATALOG_SHARD_FORMAT);
		// s1 PG-13, s2 TV-14, s3 and s4 none (their durations sat in the rating column), s5 16+ (from AGES_16_)
		expect(shard.ratings).toEqual(['16+', 'PG-13', 'TV-14']);
		expect(shard.rating).toEqual([1, 2, null, null, 0]);
		expect(shard.rating.map((r) => (r === null ? null : shard.ratings[r]))).toEqual(titles.map((t) => t.age_rating));
		expect(load_catalog(shard).n).toBe(5);
	});
	it('the shard reader refuses a rating outside the list and a shard of the previous format', () => {
		const shard = build_catalog_shard(titles, new Int32Array(titles.length).fill(-1), [], new Int32Array(0), titles.map(() => []));
		expect(() => load_catalog({ ...shard, rating: [3, 2, null, null, 0] })).toThrow(/age rating outside/);
		expect(() => load_catalog({ ...shard, rating: [1, 2, null, null] })).toThrow(/column rating has the wrong length/);
		expect(() => load_catalog({ ...shard, format: 'hitcast-catalog-1' } as unknown as CatalogShard)).toThrow(/not a Hitcast catalogue shard/);
	});
});

describe('title normalisation and the MovieLens link', () => {
	it('normalises both spellings of a title alike', () => {
		expect(normalise_title('American President, The')).toBe(normalise_title('The American President'));
		expect(normalise_title('Love & Other Drugs')).toBe(normalise_title('Love and Other Drugs'));
		expect(normalise_title('Y Tu Mamá También')).toBe('y tu mama tambien');
		expect(normalise_title("Time Traveler's Wife, The")).toBe('the time travelers wife');
	});
	it('splits MovieLens titles into names and year', () => {
		expect(split_movielens_title('City of Lost Children, The (Cité des enfants perdus, La) (1995)')).toEqual({ names: ['City of Lost Children, The', 'Cité des enfants perdus, La'], year: 1995 });
		expect(split_movielens_title('Untitled')).toEqual({ names: ['Untitled'], year: null });
		expect(display_movielens_title('Net, The (1995)')).toBe('The Net');
	});
	it('links films by normalised title + year, never series, and scores them by mean rating', () => {
		const stats = empty_streaming_stats();
		const titles = clean_platform_rows('netflix', parse_csv(TITLES_CSV), stats);
		const ml = parse_movielens(parse_csv(MOVIES_CSV), parse_csv(RATINGS_CSV));
		const link = link_titles(titles, ml);
		const linked = (show: string) => {
			const k = titles.findIndex((t) => t.show_id === show);
			return link.movie_of_title[k] < 0 ? null : ml.movies[link.movie_of_title[k]];
		};
		// "Silent Harbor, The (2019)" -> The Silent Harbor 2019: mean of 4 and 5
		expect(linked('s1')!.movielens_id).toBe(1);
		expect(linked('s1')!.mean).toBe(4.5);
		expect(linked('s1')!.count).toBe(2);
		expect(linked('s3')!.movielens_id).toBe(2);
		// a series with a matching title and year is not linked
		expect(linked('s2')).toBeNull();
		// same title, different year (2017 vs 2018): no link
		expect(linked('s5')).toBeNull();
		expect(link.stats.linked_titles.netflix).toBe(2);
		expect(link.stats.linked_movies).toBe(2);
		// ratings on movies 1 and 2: 4 of 7
		expect(link.stats.ratings_share).toBeCloseTo(4 / 7, 10);
	});
	it('rejects ratings of unknown movies', () => {
		expect(() => parse_movielens(parse_csv(MOVIES_CSV), parse_csv('userId,movieId,rating,timestamp\n1,99,4,1'))).toThrow(/not in movies.csv/);
	});
});
