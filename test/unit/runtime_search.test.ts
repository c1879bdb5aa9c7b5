import { describe, expect, it } from 'vitest';
import { fold, TextIndex, tokenize, top_by_integer_rank } from '../../src/lib/workers/search/text_index';
import { make_rng } from '../../src/lib/core/random';
import { AudioNeighbours } from '../../src/lib/workers/search/neighbours';

describe('text search', () => {
	it('folds accents, case and letters NFKD keeps', () => {
		expect(fold('Beyoncé ÆON Straße Łódź')).toBe('beyonce aeon strasse lodz');
		expect(tokenize("Don't Stop Me Now (2011 Remaster)")).toEqual(['don', 't', 'stop', 'me', 'now', '2011', 'remaster']);
	});

	const docs = [
		['Hello', 'Adele'],
		['Hello World', 'Someone'],
		['Say Hello', 'Other'],
		['Helium', 'Band'],
		['Goodbye', 'Hellogoodbye']
	];
	const popularity = [50, 90, 70, 99, 10];
	const building = TextIndex.build(docs, popularity);

	it('ranks exact, then prefix, then token matches, each by popularity', async () => {
		const index = await building;
		// exact "hello" (doc 0), prefix "hello world" (1) and artist "hellogoodbye" (4), token match "say hello" (2)
		expect(index.search('hello', 10)).toEqual([0, 1, 4, 2]);
	});

	it('matches every query token as a prefix of some token', async () => {
		const index = await building;
		expect(index.search('hel wor', 10)).toEqual([1]);
		// "say hello" has the token but no name starting with it, so it comes last despite its popularity
		expect(index.search('HÉL', 10)).toEqual([3, 1, 0, 4, 2]);
		expect(index.search('zzz', 10)).toEqual([]);
		expect(index.search('!!!', 10)).toEqual([]);
	});

	it('respects the limit and lists the most popular for the empty query', async () => {
		const index = await building;
		expect(index.search('hel', 2)).toHaveLength(2);
		expect(index.top(3)).toEqual([3, 1, 2]);
	});

	it('lists one copy of a recording, the most popular', async () => {
		const grouped = await TextIndex.build(docs, popularity, Int32Array.from([0, 1, 0, 2, 3]));
		// doc 2 ("Say Hello", 70) is a copy of doc 0 ("Hello", 50): only the more popular one is listed
		expect(grouped.search('hello', 10)).toEqual([1, 4, 2]);
		expect(grouped.top(10)).toEqual([3, 1, 2, 4]);
	});

	it('lists the same popular tracks without the index (the first page does not wait for it)', async () => {
		const rng = make_rng(3);
		const n = 2000;
		// many ties, re-releases sharing a group
		const rank = Float64Array.from({ length: n }, () => Math.floor(rng() * 30));
		const group = Int32Array.from({ length: n }, (_, i) => (rng() < 0.3 ? Math.floor(rng() * i) : i));
		const index = await TextIndex.build(Array.from({ length: n }, (_, i) => [`t${i}`]), rank, group);
		for (const limit of [1, 20, 100, n]) expect(top_by_integer_rank(rank, group, limit), `limit ${limit}`).toEqual(index.top(limit));
		expect(top_by_integer_rank(rank, null, 50)).toEqual((await TextIndex.build(Array.from({ length: n }, () => ['x']), rank)).top(50));
		// ranks that are not small integers are left to the index
		expect(top_by_integer_rank([1.5, 2], null, 1)).toBeNull();
	});
});

describe('audio neighbours', () => {
	it('returns the k nearest distinct recordings, excluding one', () => {
		const a = Float64Array.from([0, 1, 2.5, 3, 10, 1.1]);
		const b = Float64Array.from([0, 0, 0, 0, 0, NaN]);
		// rows 1 and 5 are the same recording
		const group = Int32Array.from([0, 1, 2, 3, 4, 1]);
		const nn = new AudioNeighbours([a, b], group);
		const found = nn.nearest([1, 0], 3, null, -1);
		expect(found.map((f) => f.row)).toEqual([1, 0, 2]);
		expect(found[0].distance).toBe(0);
		// excluding recording 1 drops both of its copies
		expect(nn.nearest([1, 0], 2, null, 1).map((f) => f.row)).toEqual([0, 2]);
		// only within given rows
		expect(nn.nearest([1, 0], 2, Int32Array.from([3, 4]), -1).map((f) => f.row)).toEqual([3, 4]);
	});

	it('keeps the closer copy of a recording', () => {
		const a = Float64Array.from([5, 0, 1]);
		const group = Int32Array.from([7, 8, 7]);
		const nn = new AudioNeighbours([a], group);
		expect(nn.nearest([0.9], 5, null, -1).map((f) => f.row)).toEqual([2, 1]);
	});

	it('searches 89,741 x 13 within a few milliseconds', () => {
		const n = 89_741;
		const columns = Array.from({ length: 13 }, (_, f) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * (f + 1) * 0.37) * (f + 1)));
		const nn = new AudioNeighbours(columns, Int32Array.from({ length: n }, (_, i) => i));
		const times: number[] = [];
		for (let r = 0; r < 25; r++) {
			const q = columns.map((c) => c[(r * 7919) % n]);
			const t = performance.now();
			nn.nearest(q, 10, null, -1);
			times.push(performance.now() - t);
		}
		times.sort((x, y) => x - y);
		console.log(`similar p50 ${times[12].toFixed(2)} ms over ${n} rows (node)`);
		expect(times[12]).toBeLessThan(50);
	});
});
