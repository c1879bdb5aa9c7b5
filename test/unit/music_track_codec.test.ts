import { describe, expect, it } from 'vitest';
import { decode_decimal, decode_recordings, decode_thousandths, encode_decimal, encode_recordings, encode_thousandths } from '../../src/lib/core/music/track_codec';
import { build_artist_index, serving_artist_record_of, serving_artist_records, fit_artist_stats } from '../../src/lib/core/music/artist_stats';
import { make_rng } from '../../src/lib/core/random';

describe('tracks shard number codes', () => {
	it('decimal codes give back the very double the CSV parser read, for 3 significant digits at any scale', () => {
		const cases: [string, number][] = [['0.676', 6763], ['0.0763', 7634], ['1.01e-06', 1018], ['1.0', 10], ['0.0', 0], ['0.985', 9853], ['2.03e-05', 2037], ['1e-05', 15]];
		for (const [text, code] of cases) {
			expect(encode_decimal(Number(text))).toBe(code);
			expect(decode_decimal(code)).toBe(Number(text));
		}
		// every 3-digit mantissa at every exponent the source uses round-trips exactly
		for (let e = 0; e <= 8; e++) {
			for (let m = 0; m <= 999; m++) {
				const x = Number(`${m}e-${e}`);
				expect(decode_decimal(encode_decimal(x))).toBe(x);
			}
		}
	});

	it('refuses what a code cannot hold exactly instead of rounding it', () => {
		expect(() => encode_decimal(0.1234567)).toThrow(RangeError);
		expect(() => encode_decimal(-0.5)).toThrow(RangeError);
		expect(() => encode_decimal(Number.NaN)).toThrow(RangeError);
		expect(() => encode_thousandths(-6.7461)).toThrow(RangeError);
		expect(decode_thousandths(encode_thousandths(-6.746))).toBe(-6.746);
		expect(decode_thousandths(encode_thousandths(243.372))).toBe(243.372);
	});

	it('recording ids survive as back-references, and ids out of first-appearance order are refused', () => {
		const ids = [0, 1, 0, 2, 1, 1, 3, 0];
		const back = encode_recordings(ids);
		expect(Array.from(back)).toEqual([0, 0, 2, 0, 3, 1, 0, 5]);
		expect(Array.from(decode_recordings(back))).toEqual(ids);
		expect(() => encode_recordings([0, 2, 1])).toThrow(RangeError);
		expect(() => decode_recordings([0, 3])).toThrow(RangeError);
	});
});

describe('one track’s artist record without fitting every artist', () => {
	it('equals the all-rows serving record on every row of a random catalogue', () => {
		const rng = make_rng(11);
		const n = 400;
		const names = Array.from({ length: 40 }, (_, a) => `A${a}`);
		const artists = Array.from({ length: n }, () => {
			const k = rng() < 0.25 ? 2 : rng() < 0.05 ? 0 : 1;
			return Array.from(new Set(Array.from({ length: k }, () => names[Math.floor(rng() * names.length)])));
		});
		// recordings numbered by first appearance; some rows are re-releases of an earlier one
		const recording = new Int32Array(n);
		let next = 0;
		for (let i = 0; i < n; i++) recording[i] = i > 0 && rng() < 0.2 ? recording[Math.floor(rng() * i)] : next++;
		const popularity = Float64Array.from({ length: n }, () => (rng() < 0.15 ? 0 : Math.floor(rng() * 100)));
		const index = build_artist_index(artists);
		const full = serving_artist_records(index, recording, popularity, 5);
		const all = Int32Array.from({ length: n }, (_, i) => i);
		const stats = fit_artist_stats(index, recording, popularity, all);
		const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b;
		for (let row = 0; row < n; row++) {
			const recs = new Set<number>([recording[row]]);
			for (let i = 0; i < n; i++) if (artists[i].some((a) => artists[row].includes(a))) recs.add(recording[i]);
			const fit = Int32Array.from(all.filter((i) => recs.has(recording[i])));
			const one = serving_artist_record_of(row, fit, (i) => artists[i], recording, popularity, { prior: stats.prior, prior_zero: stats.prior_zero }, 5);
			expect(same(one.mean, full.mean[row]) && one.tracks === full.tracks[row] && same(one.max, full.max[row]) && same(one.std, full.std[row]) && same(one.zero_share, full.zero_share[row]), `row ${row}`).toBe(true);
		}
	});
});
