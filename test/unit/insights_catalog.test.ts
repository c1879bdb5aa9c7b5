import { describe, expect, it } from 'vitest';
import { catalog_insights, catalog_years, read_catalog_csv } from '../../src/lib/core/insights/catalog';

// seven titles in the clean table's CSV format (training/etl/streaming.ts: lists joined with "; ", empty fields for
// missing values), written out so every expected figure below can be checked by hand
const CSV = [
	'id,platform,show_id,type,title,directors,cast,genres,countries,date_added,release_year,age_rating,duration,duration_unit,description,movielens_id,score,score_count',
	'n:s1,netflix,s1,movie,A,,,Dramas; Comedies,,2021-01-01,2019,TV-MA,90,min,"A film, with a comma",,,',
	'n:s2,netflix,s2,tv,B,,,Dramas,,,2019,TV-14,2,season,,,,',
	'a:s1,amazon,s1,movie,C,,,Drama; Comedy,,,2017,R,120,min,"He said ""go""",12,3.500,40',
	'a:s2,amazon,s2,movie,D,,,Drama,,,2019,,,,,,,',
	'd:s1,disney,s1,tv,E,,,Animation,,,2021,TV-G,12,season,,,,',
	'h:s1,hulu,s1,movie,F,,,Drama,,,2019,R,1,season,,,,',
	'h:s2,hulu,s2,movie,G,,,Drama; Comedy,,,2020,PG,250,min,,,,'
].join('\n') + '\n';

const all = { platform: '' as const, year_from: 1900, year_to: 2100 };

describe('catalogue insights, hand-computed', () => {
	const t = read_catalog_csv(CSV);

	it('reads the clean table: years and durations as numbers, genres as lists, blanks as missing', () => {
		expect(t.numRows()).toBe(7);
		expect(t.array('year')).toEqual([2019, 2019, 2017, 2019, 2021, 2019, 2020]);
		expect(t.array('duration')).toEqual([90, 2, 120, null, 12, 1, 250]);
		expect(t.array('age_rating')[3]).toBeNull();
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

	it('an unknown platform in the table is an error, not a silent drop', () => {
		expect(() => read_catalog_csv(CSV.replace('hulu,s2', 'peacock,s2'))).toThrow(/unknown platform "peacock"/);
	});
});
