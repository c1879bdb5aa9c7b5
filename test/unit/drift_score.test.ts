import { describe, expect, it } from 'vitest';
import { bin_of, feature_drift, feature_reference, model_drift, psi } from '../../src/lib/core/drift';
import { combine_score, part_percentile } from '../../src/lib/core/score';
import { percentile_rank, PERCENTILES, quantiles } from '../../src/lib/core/stats/quantiles';
import { make_rng } from '../../src/lib/core/random';

describe('population stability', () => {
	const rng = make_rng(5);
	const training = Array.from({ length: 5000 }, () => rng());
	const ref = feature_reference('x', 'X', training);

	it('stores deciles with a tenth of the training rows in each bin', () => {
		expect(ref.edges.length).toBe(9);
		expect(ref.shares.length).toBe(10);
		for (const s of ref.shares) expect(s).toBeCloseTo(0.1, 2);
		expect(bin_of(ref.edges, -1)).toBe(0);
		expect(bin_of(ref.edges, 2)).toBe(9);
		expect(bin_of(ref.edges, ref.edges[0])).toBe(0);
	});

	it('is near zero for the same distribution and large for a shifted one', () => {
		const same = feature_drift(ref, Array.from({ length: 2000 }, () => rng()));
		expect(same.psi).toBeLessThan(0.02);
		expect(same.level).toBe('none');
		const shifted = feature_drift(ref, Array.from({ length: 2000 }, () => 0.7 + 0.3 * rng()));
		expect(shifted.psi).toBeGreaterThan(0.25);
		expect(shifted.level).toBe('large');
	});

	it('does not flag a handful of values, and merges duplicate edges of a point mass', () => {
		expect(feature_drift(ref, [0.99, 0.98]).level).toBe('too_few');
		const zeros = feature_reference('z', 'Z', [...new Array(90).fill(0), ...Array.from({ length: 10 }, (_, i) => i + 1)]);
		expect(zeros.edges[0]).toBe(0);
		expect(new Set(zeros.edges).size).toBe(zeros.edges.length);
		expect(zeros.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
		expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
	});

	it('reads named values from rows; a missing name counts as missing', () => {
		const d = model_drift([ref], [{ x: 0.5 }, { y: 1 }]);
		expect(d[0].n).toBe(1);
	});
});

describe('percentile ranks and the combined score', () => {
	const q = quantiles(Array.from({ length: 1001 }, (_, i) => i / 10), PERCENTILES);
	it('ranks against 101 quantiles', () => {
		expect(percentile_rank(50, q)).toBeCloseTo(50, 6);
		expect(percentile_rank(-5, q)).toBe(0);
		expect(percentile_rank(500, q)).toBe(100);
		expect(percentile_rank(25.05, q)).toBeCloseTo(25.05, 6);
		expect(part_percentile(10, undefined)).toBeNaN();
		// a point mass takes the middle of its stretch
		const mass = quantiles([...new Array(50).fill(0), ...Array.from({ length: 50 }, (_, i) => i + 1)], PERCENTILES);
		expect(percentile_rank(0, mass)).toBeGreaterThan(20);
		expect(percentile_rank(0, mass)).toBeLessThan(30);
	});

	it('is the weighted mean of the percentiles, leaves out what is missing, and says what would raise it most', () => {
		const c = combine_score([{ kind: 'music', percentile: 80 }, { kind: 'caption', percentile: 20 }], { music: 1, caption: 1 });
		expect(c.score).toBeCloseTo(50, 10);
		expect(c.raise_most).toBe('caption');
		const w = combine_score([{ kind: 'music', percentile: 80 }, { kind: 'caption', percentile: 20 }], { music: 3, caption: 1 });
		expect(w.score).toBeCloseTo(65, 10);
		// music: 0.75 * 20 = 15 headroom; caption: 0.25 * 80 = 20
		expect(w.raise_most).toBe('caption');
		const only = combine_score([{ kind: 'music', percentile: 80 }, { kind: 'video', percentile: NaN }], { music: 1, video: 1 });
		expect(only.score).toBeCloseTo(80, 10);
		expect(only.parts.find((p) => p.kind === 'video')!.share).toBe(0);
		expect(combine_score([], {}).score).toBeNaN();
		expect(combine_score([{ kind: 'music', percentile: 40 }], { music: 0 }).score).toBeNaN();
	});
});
