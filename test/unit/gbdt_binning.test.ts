import { describe, expect, it } from 'vitest';
import { bin_matrix, bin_of, numeric_cuts } from '../../src/lib/core/gbdt/binning';
import { make_rng } from '../../src/lib/core/random';

/** Columns of every kind bin_matrix meets: flags, small integer codes, just too many values, continuous, gaps. */
function columns(n: number, seed: number): Float32Array[] {
	const rng = make_rng(seed);
	const pick = (values: number[]) => values[Math.floor(rng() * values.length)];
	return [
		Float32Array.from({ length: n }, () => (rng() < 0.9 ? 0 : 1)), // a genre flag
		Float32Array.from({ length: n }, () => Math.floor(rng() * 12)), // key
		Float32Array.from({ length: n }, () => (rng() < 0.1 ? NaN : pick([-1, -0, 0, 0.5, 3]))), // missing values, both zeros
		Float32Array.from({ length: n }, () => Math.floor(rng() * 17)), // one more distinct value than the fast path takes
		Float32Array.from({ length: n }, () => rng() * 100 - 50), // continuous
		Float32Array.from({ length: n }, () => NaN), // nothing known
		Float32Array.from({ length: n }, () => 7) // constant
	];
}

function row_major(cols: Float32Array[]): Float32Array {
	const n = cols[0].length, f = cols.length;
	const X = new Float32Array(n * f);
	for (let r = 0; r < n; r++) for (let k = 0; k < f; k++) X[r * f + k] = cols[k][r];
	return X;
}

describe('bin_matrix', () => {
	// The reference: every numeric column's cuts placed by numeric_cuts over all its sorted known values (the rows
	// are below the sampling limit), codes by binary search; bin_matrix reads columns in blocks and skips the sort
	// for columns of few values, which must change nothing.
	it.each([255, 64, 4])('gives every column the cuts and codes of sorting it (max_bins %i)', (max_bins) => {
		const cols = columns(3000, max_bins);
		// more features than one copied block, so block edges are crossed
		const all = [...cols, ...columns(3000, max_bins + 1), ...columns(3000, max_bins + 2)];
		const n = all[0].length, nf = all.length;
		const m = bin_matrix(row_major(all), n, nf, [], max_bins);
		for (let f = 0; f < nf; f++) {
			const known = all[f].filter((v) => v === v).sort();
			const cuts = numeric_cuts(known, max_bins);
			expect([...m.cuts[f]], `feature ${f}`).toEqual([...cuts]);
			expect(m.n_bins[f]).toBe(cuts.length + 1);
			for (let r = 0; r < n; r++) {
				const v = all[f][r];
				expect(m.codes[f * n + r]).toBe(v !== v ? cuts.length + 1 : bin_of(cuts, v));
			}
		}
	});

	it('lists exactly the non-default codes of each row in its sparse layout', () => {
		const cols = columns(500, 3);
		const n = 500, nf = cols.length;
		const m = bin_matrix(row_major(cols), n, nf, [1], 255);
		for (let r = 0; r < n; r++) {
			const expected: number[] = [];
			for (let f = 0; f < nf; f++) {
				const code = m.codes[f * n + r];
				if (code !== m.default_bin[f]) expected.push(m.offsets[f] + code);
			}
			expect([...m.entries.subarray(m.row_ptr[r], m.row_ptr[r + 1])]).toEqual(expected);
		}
		// the categorical feature keeps its codes as bins
		expect(m.is_cat[1]).toBe(1);
		expect(m.n_bins[1]).toBe(12);
		for (let r = 0; r < n; r++) expect(m.codes[n + r]).toBe(cols[1][r]);
	});
});
