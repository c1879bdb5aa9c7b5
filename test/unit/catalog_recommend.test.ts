import { describe, expect, it } from 'vitest';
import { because_of, EXCLUDED, item_platform_bits, make_title_search, recommendation_mask, similar_by_factors, type CatalogItems } from '../../src/lib/catalog/recommend';
import { fold_in } from '../../src/lib/core/mf/fold_in';
import { load_catalog } from '../../src/lib/catalog/shard';
import { check_record, is_valid_rating } from '../../src/lib/runtime/catalog_ratings';
import { parse_query_url, query_search } from '../../src/routes/catalog/url';
import { actor_entries, max_duration_entries, max_duration_path, score_count_entries, score_count_path, SCORED_STEPS } from '../../src/lib/catalog/api';
import { fixture_shard } from '../fixtures/catalog_fixture';

// items: 0 streams on netflix (title 0) and amazon (title 5); 1 on disney (title 8); 2 nowhere
const items: CatalogItems = {
	format: 'hitcast-catalog-items-1',
	movielens_id: [10, 20, 30],
	title: ['Alpha', 'Iota', 'Nowhere Film'],
	year: [2019, 2021, 1999],
	genres: [['Drama'], ['Comedy'], ['Drama', 'Comedy']],
	mean: [4, 3.5, 3],
	count: [10, 5, 2],
	titles: [[0, 5], [8], []]
};
const catalog = load_catalog(fixture_shard());
const bits = item_platform_bits(items, catalog);

describe('recommendation mask', () => {
	it('knows where each item streams', () => {
		expect(Array.from(bits)).toEqual([0b11, 0b100, 0]);
	});
	it('keeps every unrated item without filters, and excludes rated ones', () => {
		const { mask, eligible } = recommendation_mask(items, bits, new Set([1]), { platforms: [], type: null, genre: null });
		expect(Array.from(mask)).toEqual([0, EXCLUDED, 0]);
		expect(eligible).toBe(2);
	});
	it('limits to the visitor platforms and a genre', () => {
		expect(Array.from(recommendation_mask(items, bits, new Set(), { platforms: ['disney', 'amazon'], type: null, genre: null }).mask)).toEqual([0, 0, EXCLUDED]);
		expect(Array.from(recommendation_mask(items, bits, new Set(), { platforms: ['hulu'], type: null, genre: null }).mask)).toEqual([EXCLUDED, EXCLUDED, EXCLUDED]);
		expect(Array.from(recommendation_mask(items, bits, new Set(), { platforms: [], type: null, genre: 'Comedy' }).mask)).toEqual([EXCLUDED, 0, 0]);
		// MovieLens rates films only: asking for series leaves nothing
		expect(recommendation_mask(items, bits, new Set(), { platforms: [], type: 'tv', genre: null }).eligible).toBe(0);
		expect(recommendation_mask(items, bits, new Set(), { platforms: [], type: 'movie', genre: null }).eligible).toBe(3);
	});
	it('carries the ranking popularity prior for allowed items only', () => {
		const { mask } = recommendation_mask(items, bits, new Set([0]), { platforms: [], type: null, genre: null }, 0.5);
		expect(mask[0]).toBe(EXCLUDED);
		expect(mask[1]).toBeCloseTo(0.5 * Math.log1p(5), 6);
		expect(mask[2]).toBeCloseTo(0.5 * Math.log1p(2), 6);
	});
});

describe('because_of and similar_by_factors', () => {
	// two factors; item 2 points the same way as item 0
	const mf = { factors: 2, Q: [1, 0, 0, 1, 0.9, 0.1, -1, 0], item_bias: [3, 3, 3, 3] };
	it('credits the rating that pulls an item up', () => {
		const taste = fold_in(mf, [{ item: 0, rating: 5 }, { item: 1, rating: 2 }], 0.1, 0.1);
		const b = because_of(mf, taste, 2);
		expect(b[0].rating_index).toBe(0);
		expect(b.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 10);
	});
	it('finds the nearest item by cosine, among the allowed', () => {
		expect(similar_by_factors(mf, 0, () => true, 2).map((s) => s.item)).toEqual([2, 1]);
		expect(similar_by_factors(mf, 0, (j) => j !== 2, 1).map((s) => s.item)).toEqual([1]);
	});
});

describe('title search', () => {
	const search = make_title_search(['Toy Story', 'Toy Story 2', 'Amélie', 'The Story of Us'], [100, 50, 30, 5]);
	it('matches word prefixes, accents and articles aside, most rated first', () => {
		expect(search('toy', 5)).toEqual([0, 1]);
		expect(search('story', 5)).toEqual([0, 1, 3]);
		expect(search('amelie', 5)).toEqual([2]);
		expect(search('toy story 2', 5)).toEqual([1]);
		expect(search('   ', 5)).toEqual([]);
	});
});

describe('stored ratings are checked when read', () => {
	it('accepts half points from 0.5 to 5 only', () => {
		expect([0.5, 3, 4.5, 5].every(is_valid_rating)).toBe(true);
		expect([0, 5.5, 3.3, NaN, '4', null].some((v) => is_valid_rating(v))).toBe(false);
	});
	it('rejects malformed records', () => {
		expect(check_record({ movielens_id: 1, rating: 4, time: 1 })).toEqual({ movielens_id: 1, rating: 4 });
		for (const bad of [null, 'x', {}, { movielens_id: '1', rating: 4 }, { movielens_id: 1.5, rating: 4 }, { movielens_id: 1, rating: 9 }]) expect(check_record(bad)).toBeNull();
	});
});

describe('the query in the address', () => {
	it('round-trips a query', () => {
		const q = { name: 'score_count' as const, params: { platform: 'n', scored: '3.5', year: '2019' } };
		expect(parse_query_url(new URLSearchParams(query_search(q)))).toEqual({ query: q, problems: [] });
	});
	it('reports tampered parameters and keeps the rest', () => {
		expect(parse_query_url(new URLSearchParams('q=drop_tables'))).toEqual({ query: null, problems: [{ code: 'unknown_query', value: 'drop_tables' }] });
		const r = parse_query_url(new URLSearchParams('q=actor&platform=x&year=2019&evil=1&lang=tr'));
		expect(r.query).toEqual({ name: 'actor', params: { platform: 'x', year: '2019' } });
		expect(r.problems).toEqual([{ code: 'unknown_param', value: 'evil' }]);
		expect(parse_query_url(new URLSearchParams(`q=actor&platform=${'n'.repeat(100)}`)).problems[0].code).toBe('too_long');
	});
});

describe('the JSON API domain', () => {
	const range = { min: 2018, max: 2021 };
	it('covers every combination, with scores in half points', () => {
		expect(SCORED_STEPS).toEqual(['0.5', '1', '1.5', '2', '2.5', '3', '3.5', '4', '4.5', '5']);
		expect(max_duration_entries(range)).toHaveLength(5 * 5 * 3);
		expect(score_count_entries(range)).toHaveLength(4 * 10 * 4);
		expect(actor_entries(range)).toContainEqual({ platform: 'hulu', year: '2021' });
		expect(max_duration_path(null, 'netflix', null)).toBe('api/catalog/max_duration/any/netflix/any.json');
		expect(score_count_path('hulu', 3.5, 2019)).toBe('api/catalog/score_count/hulu/3.5/2019.json');
		expect(score_count_path('hulu', 3.7, 2019)).toBeNull();
	});
});
