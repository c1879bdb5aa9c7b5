import { describe, expect, it } from 'vitest';
import {
	auc, conformal_offsets, grouped_kfold, interval_coverage, mae, mean_std, r2, rmse, spearman
} from '../../src/lib/core/metrics/index';
import { make_rng, normal } from '../../src/lib/core/random';

describe('regression metrics', () => {
	it('computes RMSE, MAE and R² by hand', () => {
		const y = [1, 2, 3], p = [1, 2, 5];
		expect(rmse(y, p)).toBeCloseTo(Math.sqrt(4 / 3), 14);
		expect(mae(y, p)).toBeCloseTo(2 / 3, 14);
		// SST = 2, SSE = 4
		expect(r2(y, p)).toBeCloseTo(-1, 14);
		expect(r2(y, [2, 2, 2])).toBe(0);
		expect(r2(Float64Array.of(1, 2, 3), Float32Array.of(1, 2, 3))).toBe(1);
	});

	it('rejects mismatched or empty input', () => {
		expect(() => rmse([1, 2], [1])).toThrow(RangeError);
		expect(() => mae([], [])).toThrow(RangeError);
	});

	it('AUC counts tied scores as half', () => {
		expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 14);
		// pairs (pos, neg): (0.5, 0.5) tie = 0.5, the other three pairs ordered: 3.5 / 4
		expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 14);
		expect(auc([1, 0, 1, 0], [1, 1, 1, 1])).toBe(0.5);
		expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
		expect(() => auc([2, 0], [0.1, 0.2])).toThrow(RangeError);
	});

	it('Spearman uses average ranks for ties', () => {
		expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 14);
		expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 14);
		// ranks a = [1, 2.5, 2.5, 4], b = [1, 3, 2, 4]: 4.5 / sqrt(4.5 * 5)
		expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 14);
	});

	it('mean_std uses the sample standard deviation', () => {
		const { mean, std } = mean_std([1, 2, 3, 4]);
		expect(mean).toBe(2.5);
		expect(std).toBeCloseTo(Math.sqrt(5 / 3), 14);
		expect(mean_std([7])).toEqual({ mean: 7, std: 0 });
	});
});

describe('grouped_kfold', () => {
	const rng = make_rng(5);
	const groups: string[] = [];
	for (let g = 0; g < 300; g++) {
		const size = 1 + Math.floor(rng() ** 3 * 12); // skewed group sizes
		for (let i = 0; i < size; i++) groups.push(`g${g}`);
	}
	// interleave so a group's rows are not contiguous
	const order = groups.map((_, i) => i).sort((a, b) => ((a * 7919) % 1013) - ((b * 7919) % 1013));
	const shuffled = order.map((i) => groups[i]);

	it('never splits a group and balances fold sizes', () => {
		const fold = grouped_kfold(shuffled, 5, 1);
		const seen = new Map<string, number>();
		shuffled.forEach((g, i) => {
			const f = seen.get(g);
			if (f === undefined) seen.set(g, fold[i]);
			else expect(fold[i]).toBe(f);
		});
		const sizes = [0, 0, 0, 0, 0];
		for (const f of fold) sizes[f]++;
		expect(Math.min(...sizes)).toBeGreaterThan(0);
		expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(12);
	});

	it('is deterministic per seed and differs across seeds', () => {
		const a = grouped_kfold(shuffled, 5, 1);
		expect(grouped_kfold(shuffled, 5, 1)).toEqual(a);
		expect(Array.from(grouped_kfold(shuffled, 5, 2))).not.toEqual(Array.from(a));
	});

	it('accepts numeric groups and rejects impossible requests', () => {
		const fold = grouped_kfold([3, 3, 1, 2, 2, 2], 3, 0);
		expect(fold[0]).toBe(fold[1]);
		expect(fold[3]).toBe(fold[4]);
		expect(new Set(fold).size).toBe(3);
		expect(() => grouped_kfold([1, 1, 2], 3, 0)).toThrow(RangeError);
		expect(() => grouped_kfold([1, 2], 1, 0)).toThrow(RangeError);
	});
});

describe('split-conformal intervals', () => {
	it('picks the finite-sample-corrected order statistics', () => {
		const r = Array.from({ length: 19 }, (_, i) => i + 1); // 1..19
		// level 0.9: ranks floor(20 * 0.05) = 1 and ceil(20 * 0.95) = 19
		expect(conformal_offsets(r, 0.9)).toEqual({ lower: 1, upper: 19 });
		// level 0.8: ranks 2 and 18
		expect(conformal_offsets(r.slice().reverse(), 0.8)).toEqual({ lower: 2, upper: 18 });
		// too few residuals for a 90% guarantee: unbounded rather than a false interval
		expect(conformal_offsets([1, 2, 3, 4, 5], 0.9)).toEqual({ lower: -Infinity, upper: Infinity });
	});

	it('measures coverage with scalar or per-row offsets', () => {
		expect(interval_coverage([1, 2, 3], [1, 1, 1], -0.5, 1)).toBeCloseTo(2 / 3, 14);
		expect(interval_coverage([1, 2, 3], [1, 1, 1], [0, 0, 0], [0, 1, 2])).toBe(1);
	});

	it('reaches the nominal coverage on held-out synthetic data', () => {
		const rng = make_rng(9);
		// skewed noise: the interval must be asymmetric to cover well
		const draw = () => Math.exp(normal(rng) * 0.6) - 1;
		const calib = Array.from({ length: 2000 }, draw);
		for (const level of [0.8, 0.9]) {
			const { lower, upper } = conformal_offsets(calib, level);
			expect(lower).toBeLessThan(0);
			expect(upper).toBeGreaterThan(-lower); // right-skewed
			const n = 20000;
			const yhat = Array.from({ length: n }, () => normal(rng) * 3);
			const y = yhat.map((v) => v + draw());
			expect(Math.abs(interval_coverage(y, yhat, lower, upper) - level)).toBeLessThan(0.02);
		}
	});
});
