import { describe, expect, it } from 'vitest';
import { CatalogQueries } from '../../src/lib/catalog/queries';
import { load_catalog } from '../../src/lib/catalog/shard';
import { CatalogQueryError } from '../../src/lib/catalog/params';
import { parse_platform } from '../../src/lib/catalog/platforms';
import { build_catalog_shard, full_actor_answers } from '../../training/tasks/catalog_shard';
import type { CatalogTitle } from '../../src/lib/catalog/types';
import { PLATFORMS } from '../../src/lib/catalog/platforms';
import { make_rng } from '../../src/lib/core/random';
import { fixture_shard } from '../fixtures/catalog_fixture';

const q = new CatalogQueries(load_catalog(fixture_shard()));

function problems_of(f: () => unknown) {
	try {
		f();
	} catch (e) {
		if (e instanceof CatalogQueryError) return e.problems;
		throw e;
	}
	throw new Error('expected a CatalogQueryError');
}

describe('platform names', () => {
	it('accepts names and initials in any case', () => {
		expect(['netflix', 'N', 'NetFlix', ' n '].map(parse_platform)).toEqual(['netflix', 'netflix', 'netflix', 'netflix']);
		expect(['a', 'Amazon', 'amazon prime', 'd', 'DISNEY', 'Disney+', 'h', 'Hulu'].map(parse_platform)).toEqual(['amazon', 'amazon', 'amazon', 'disney', 'disney', 'disney', 'hulu', 'hulu']);
		expect(parse_platform('x')).toBeNull();
		expect(parse_platform('')).toBeNull();
	});
});

describe('get_max_duration (hand-computed on the fixture)', () => {
	it('breaks a tie in length by title order, case-insensitively', () => {
		// Netflix 2019 films: Alpha 120, beta 130, Gamma 130 -> beta ("beta" < "gamma")
		const r = q.get_max_duration(2019, 'n', 'min');
		expect(r.longest).toHaveLength(1);
		expect(r.longest[0].title!.title).toBe('beta');
		expect(r.longest[0].title!.duration).toBe(130);
		expect(r.longest[0].candidates).toBe(3);
	});
	it('with no filter, gives the longest film and the longest series', () => {
		const r = q.get_max_duration();
		expect(r.longest.map((x) => [x.duration_type, x.title?.title, x.title?.duration, x.candidates])).toEqual([
			['min', 'Zeta', 150, 6],
			['season', 'Kappa', 7, 3]
		]);
	});
	it('accepts text parameters and any case', () => {
		expect(q.get_max_duration('2019', 'NETFLIX', 'Season').longest[0].title!.title).toBe('Delta Show');
		expect(q.get_max_duration('', '', '').longest).toHaveLength(2);
	});
	it('answers "none" when nothing matches', () => {
		const r = q.get_max_duration(null, 'hulu', 'min');
		expect(r.longest[0].title).toBeNull();
		expect(r.longest[0].candidates).toBe(0);
	});
});

describe('get_score_count (hand-computed)', () => {
	it('counts films strictly above the score', () => {
		// Netflix 2019 films: 4.2, 3.5, unscored -> above 3.5: one
		expect(q.get_score_count('netflix', 3.5, 2019)).toEqual({ query: { platform: 'netflix', scored: 3.5, year: 2019 }, count: 1, films: 3, scored_films: 2 });
		expect(q.get_score_count('N', '3', '2019').count).toBe(2);
		expect(q.get_score_count('a', 0.5, 2019).count).toBe(2);
		expect(q.get_score_count('a', 5, 2019).count).toBe(0);
		// series are not films: Delta Show is not counted
		expect(q.get_score_count('n', 0, 2019).films).toBe(3);
	});
});

describe('get_count_platform (hand-computed)', () => {
	it('counts films, series and the total', () => {
		expect(q.get_count_platform('netflix')).toEqual({ query: { platform: 'netflix' }, movies: 4, series: 1, total: 5 });
		expect(q.get_count_platform('A')).toMatchObject({ movies: 2, series: 1, total: 3 });
		expect(q.get_count_platform('d')).toMatchObject({ movies: 1, series: 0, total: 1 });
		expect(q.get_count_platform('Hulu')).toMatchObject({ movies: 0, series: 1, total: 1 });
	});
});

describe('get_actor (hand-computed)', () => {
	it('finds the actor in the most titles of that platform and year', () => {
		// Netflix 2019: Ann 2, Bob 2, Cy 3
		expect(q.get_actor('netflix', 2019)).toMatchObject({ actor: 'Cy', count: 3, tied_with: [], titles: 4, titles_with_cast: 4 });
		// Amazon 2019: Dee 1, Eve 2
		expect(q.get_actor('a', 2019)).toMatchObject({ actor: 'Eve', count: 2 });
		expect(q.get_actor('n', 2020)).toMatchObject({ actor: 'Dee', count: 1 });
	});
	it('breaks ties by name', () => {
		const shard = fixture_shard();
		shard.actor_ids[1] = [1]; // beta loses Cy: Ann 2, Bob 2, Cy 2
		const r = new CatalogQueries(load_catalog(shard)).get_actor('netflix', 2019);
		expect(r).toMatchObject({ actor: 'Ann', count: 2, tied_with: ['Bob', 'Cy'] });
	});
	it('says so when no title lists a cast', () => {
		expect(q.get_actor('hulu', 2019)).toMatchObject({ actor: null, count: 0, titles: 1, titles_with_cast: 0 });
	});
});

describe('bad parameters', () => {
	it('names the accepted platforms', () => {
		const [p] = problems_of(() => q.get_count_platform('netflx'));
		expect(p.code).toBe('platform_unknown');
		expect(p.message).toContain('netflix/n, amazon/a, disney/d, hulu/h');
		expect(problems_of(() => q.get_count_platform(''))[0].code).toBe('platform_missing');
	});
	it('rejects years outside the catalogue and non-integers', () => {
		expect(problems_of(() => q.get_actor('n', 1800))[0]).toMatchObject({ code: 'year_out_of_range', params: { min: 2018, max: 2021 } });
		expect(problems_of(() => q.get_actor('n', '20x9'))[0].code).toBe('year_not_integer');
		expect(problems_of(() => q.get_actor('n', 2019.5))[0].code).toBe('year_not_integer');
		expect(problems_of(() => q.get_actor('n', undefined))[0].code).toBe('year_missing');
	});
	it('rejects non-numeric and out-of-scale scores', () => {
		expect(problems_of(() => q.get_score_count('n', 'high', 2019))[0].code).toBe('scored_not_number');
		expect(problems_of(() => q.get_score_count('n', 'NaN', 2019))[0].code).toBe('scored_not_number');
		expect(problems_of(() => q.get_score_count('n', '6', 2019))[0].code).toBe('scored_out_of_range');
		expect(problems_of(() => q.get_score_count('n', -1, 2019))[0].code).not.toBeUndefined();
	});
	it('rejects unknown duration types and reports every problem at once', () => {
		const ps = problems_of(() => q.get_max_duration('1700', 'z', 'hours'));
		expect(ps.map((p) => p.code)).toEqual(['year_out_of_range', 'platform_unknown', 'duration_type_unknown']);
	});
});

describe('the pruned cast lists give the answers of the full lists', () => {
	it('on a random catalogue with many ties', () => {
		const rng = make_rng(5);
		const names = Array.from({ length: 40 }, (_, i) => `Actor ${String.fromCharCode(65 + (i % 26))}${i}`);
		const titles: CatalogTitle[] = Array.from({ length: 400 }, (_, k) => ({
			id: `x:${k}`, platform: PLATFORMS[Math.floor(rng() * 4)], show_id: `s${k}`, type: rng() < 0.7 ? 'movie' : 'tv', title: `T${k}`,
			directors: [], cast: Array.from({ length: Math.floor(rng() * 4) }, () => names[Math.floor(rng() * names.length)]),
			genres: [], countries: [], date_added: null, release_year: 2000 + Math.floor(rng() * 12), age_rating: null, duration: 90, duration_unit: 'min', description: ''
		}));
		const shard = build_catalog_shard(titles, new Int32Array(titles.length).fill(-1), [], new Int32Array(0), titles.map(() => []));
		expect(shard.actors.length).toBeLessThan(names.length + 1);
		const queries = new CatalogQueries(load_catalog(shard));
		let checked = 0;
		for (const [key, want] of full_actor_answers(titles)) {
			const [platform, year] = key.split('|');
			const got = queries.get_actor(platform, year);
			expect([got.actor, got.count]).toEqual([want.actor, want.count]);
			checked++;
		}
		expect(checked).toBeGreaterThan(30);
	});
});
