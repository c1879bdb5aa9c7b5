import { describe, expect, it } from 'vitest';
import { catalog_insights, catalog_table, catalog_years } from '../../src/lib/core/insights/catalog';
import { PLATFORMS } from '../../src/lib/catalog/platforms';
import { CATALOG_SHARD_FORMAT, load_catalog, type CatalogShard } from '../../src/lib/catalog/shard';

// seven titles in the catalogue shard's schema (src/lib/catalog/shard.ts: columns, genres and age ratings as sorted
// lists the titles index into), written out so every expected figure below can be checked by hand
const none = () => Array.from({ length: 7 }, () => [] as number[]);
const SHARD: CatalogShard = {
	format: CATALOG_SHARD_FORMAT,
	platforms: PLATFORMS,
	year_min: 2017,
	year_max: 2021,
	genres: ['Animation', 'Comedies', 'Comedy', 'Drama', 'Dramas'],
	ratings: ['PG', 'R', 'TV-14', 'TV-G', 'TV-MA'],
	actors: [],
	// A netflix film, B netflix series, C and D amazon films, E disney series, F and G hulu films
	show: [1, 2, 1, 2, 1, 1, 2],
	title: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
	platform: [0, 0, 1, 1, 2, 3, 3],
	type: [0, 1, 0, 0, 1, 0, 0],
	year: [2019, 2019, 2017, 2019, 2021, 2019, 2020],
	// TV-MA, TV-14, R, none, TV-G, R, PG
	rating: [4, 2, 1, null, 3, 1, 0],
	// F: a film counted in seasons
	duration: [90, 2, 120, null, 12, 1, 250],
	unit: [0, 1, 0, null, 1, 1, 0],
	score: [null, null, 3.5, null, null, null, null],
	score_count: [0, 0, 40, 0, 0, 0, 0],
	item: [-1, -1, -1, -1, -1, -1, -1],
	// A: Dramas, Comedies; B: Dramas; C: Drama, Comedy; D: Drama; E: Animation; F: Drama; G: Drama, Comedy
	genre_ids: [[4, 1], [4], [3, 2], [3], [0], [3], [3, 2]],
	actor_ids: none(),
	similar: none()
};

const all = { platform: '' as const, year_from: 1900, year_to: 2100 };

describe('catalogue insights, hand-computed', () => {
	const t = catalog_table(load_catalog(SHARD));

	it('reads the shard: codes to names, genres as lists of names, missing values as null', () => {
		expect(t.numRows()).toBe(7);
		expect(t.columnNames()).toEqual(['platform', 'type', 'year', 'age_rating', 'duration', 'duration_unit', 'genre_list']);
		expect(t.array('platform')).toEqual([0, 0, 1, 1, 2, 3, 3]);
		expect(t.array('type')).toEqual(['movie', 'tv', 'movie', 'movie', 'tv', 'movie', 'movie']);
		expect(t.array('age_rating')).toEqual(['TV-MA', 'TV-14', 'R', null, 'TV-G', 'R', 'PG']);
		expect(t.array('duration_unit')).toEqual(['min', 'season', 'min', null, 'season', 'season', 'min']);
		expect(t.array('year')).toEqual([2019, 2019, 2017, 2019, 2021, 2019, 2020]);
		expect(t.array('duration')).toEqual([90, 2, 120, null, 12, 1, 250]);
		expect(t.array('genre_list')[0]).toEqual(['Dramas', 'Comedies']);
		expect(catalog_years(t)).toEqual([2017, 2021]);
	});

	it('titles per release year and platform, every year of the span present', () => {
		const r = catalog_insights(t, all);
		expect(r.rows).toBe(7);
		// counts in PLATFORMS order: netflix, amazon, disney, hulu
		expect(r.years.map((y) => [y.key, y.counts])).toEqual([
			[2017, [0, 1, 0, 0]], [2018, [0, 0, 0, 0]], [2019, [2, 1, 0, 1]], [2020, [0, 0, 0, 1]], [2021, [0, 0, 1, 0]]
		]);
		expect(r.platforms).toEqual([
			{ platform: 'netflix', movies: 1, series: 1 }, { platform: 'amazon', movies: 2, series: 0 },
			{ platform: 'disney', movies: 0, series: 1 }, { platform: 'hulu', movies: 2, series: 0 }
		]);
	});

	it('genres: a title counts under every genre it lists, as each platform names it', () => {
		const r = catalog_insights(t, all);
		expect(r.genres.map((g) => [g.key, g.total, g.counts])).toEqual([
			['Drama', 4, [0, 2, 0, 2]], ['Comedy', 2, [0, 1, 0, 1]], ['Dramas', 2, [2, 0, 0, 0]], ['Animation', 1, [0, 0, 1, 0]], ['Comedies', 1, [1, 0, 0, 0]]
		]);
		expect(r.genre_count).toBe(5);
	});

	it('durations: films in minutes and series in seasons apart, the rest counted as left out', () => {
		const r = catalog_insights(t, all);
		expect(r.films.box).toMatchObject({ n: 3, min: 90, median: 120, max: 250 });
		// 10-minute bins from 0; 250 minutes falls in the last (open) bin
		const films = r.films.histogram.counts;
		expect([films[9], films[12], films[23], films.reduce((a, b) => a + b)]).toEqual([1, 1, 1, 3]);
		expect(r.series.box).toMatchObject({ n: 2, median: 7 });
		// seasons 1..10+: 2 seasons in the second bin, 12 in the last
		expect(r.series.histogram.counts).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
		// D has no duration, F is a film counted in seasons
		expect(r.duration_skipped).toBe(2);
	});

	it('age ratings per platform, most first, a missing rating after its ties', () => {
		const r = catalog_insights(t, all);
		expect(r.ratings.map((x) => [x.key, x.total])).toEqual([['R', 2], ['PG', 1], ['TV-14', 1], ['TV-G', 1], ['TV-MA', 1], [null, 1]]);
		expect(r.ratings[0].counts).toEqual([0, 1, 0, 1]);
	});

	it('every figure follows the platform and year filters', () => {
		const hulu = catalog_insights(t, { ...all, platform: 'hulu' });
		expect(hulu.rows).toBe(2);
		expect(hulu.years.map((y) => y.key)).toEqual([2019, 2020]);
		expect(hulu.genres.map((g) => g.key)).toEqual(['Drama', 'Comedy']);
		expect(hulu.films.box.n).toBe(1);
		expect(hulu.series.box.n).toBe(0);
		expect(hulu.duration_skipped).toBe(1);
		expect(hulu.ratings.map((x) => x.key)).toEqual(['PG', 'R']);
		const y2019 = catalog_insights(t, { ...all, year_from: 2019, year_to: 2019 });
		expect(y2019.rows).toBe(4);
		expect(y2019.platforms.map((p) => p.movies + p.series)).toEqual([2, 1, 0, 1]);
		expect(catalog_insights(t, { ...all, platform: 'disney', year_to: 2020 })).toMatchObject({ rows: 0, years: [], genres: [], ratings: [], genre_count: 0 });
	});

	it('a code outside its list in the shard is an error, not a silent drop', () => {
		expect(() => load_catalog({ ...SHARD, platform: [0, 0, 1, 1, 2, 3, 4] })).toThrow(/platform outside the platform list/);
		expect(() => load_catalog({ ...SHARD, rating: [4, 2, 1, null, 3, 1, 5] })).toThrow(/age rating outside the rating list/);
		expect(() => load_catalog({ ...SHARD, genre_ids: [[4, 1], [4], [3, 2], [3], [0], [3], [5]] })).toThrow(/genre outside the genre list/);
	});
});
