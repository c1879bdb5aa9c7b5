import { describe, expect, it } from 'vitest';
import { fit_logistic, fit_ridge, predict_logistic, predict_ridge } from '../../src/lib/core/linear/index';
import { make_rng, normal } from '../../src/lib/core/random';
import type { GbdtDataset } from '../../src/lib/core/gbdt/index';

/** Dense, obviously-correct reference: standardise explicitly, then solve by Gaussian elimination. */
function naive_ridge(d: GbdtDataset, lambda: number) {
	const { n_rows: n, n_features: p, X, y } = d;
	const mean = new Array(p).fill(0), cnt = new Array(p).fill(0);
	for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) { const v = X[r * p + j]; if (!Number.isNaN(v)) { mean[j] += v; cnt[j]++; } }
	for (let j = 0; j < p; j++) mean[j] /= cnt[j];
	const Z = Array.from({ length: n }, (_, r) => Array.from({ length: p }, (_, j) => (Number.isNaN(X[r * p + j]) ? mean[j] : X[r * p + j]) - mean[j]));
	const sd = mean.map((_, j) => Math.sqrt(Z.reduce((s, row) => s + row[j] ** 2, 0) / n));
	for (const row of Z) for (let j = 0; j < p; j++) row[j] /= sd[j];
	const ybar = Array.from(y).reduce((a, b) => a + b, 0) / n;
	const A = Array.from({ length: p }, (_, i) => Array.from({ length: p + 1 }, (_, j) =>
		j < p ? Z.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? lambda : 0) : Z.reduce((s, row, r) => s + row[i] * (y[r] - ybar), 0)));
	for (let c = 0; c < p; c++) {
		let piv = c;
		for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
		[A[c], A[piv]] = [A[piv], A[c]];
		for (let r = 0; r < p; r++) {
			if (r === c) continue;
			const f = A[r][c] / A[c][c];
			for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
		}
	}
	return { coef_std: A.map((row, i) => row[p] / A[i][i]), intercept_std: ybar };
}

function make_data(n: number, seed: number): GbdtDataset {
	const rng = make_rng(seed);
	const p = 5;
	const X = new Float32Array(n * p), y = new Float64Array(n);
	for (let r = 0; r < n; r++) {
		const o = r * p;
		X[o] = normal(rng) * 10 + 200_000; // large offset: exercises the shifted accumulation
		X[o + 1] = normal(rng);
		X[o + 2] = rng() < 0.1 ? 1 : 0; // sparse indicator
		X[o + 3] = rng() < 0.15 ? NaN : normal(rng) * 3;
		X[o + 4] = rng() < 0.05 ? 2 : 0;
		y[r] = 0.3 * (X[o] - 200_000) - 2 * X[o + 1] + 4 * X[o + 2] + (Number.isNaN(X[o + 3]) ? 0 : 0.5 * X[o + 3]) + normal(rng);
	}
	return { X, y, n_rows: n, n_features: p };
}

describe('ridge regression', () => {
	it('matches a dense textbook solution (NaN imputation, sparse and offset columns)', () => {
		const d = make_data(400, 3);
		for (const lambda of [0, 1, 50]) {
			const model = fit_ridge(d, lambda);
			const ref = naive_ridge(d, lambda);
			model.coef_std.forEach((c, j) => expect(c).toBeCloseTo(ref.coef_std[j], 6));
		}
	});

	it('recovers an exact linear relation with lambda 0 and predicts NaN as the mean', () => {
		const n = 50, X = new Float32Array(n * 2), y = new Float64Array(n);
		for (let i = 0; i < n; i++) { X[2 * i] = i; X[2 * i + 1] = (i * 7) % 5; y[i] = 2 * i - 3 * X[2 * i + 1] + 5; }
		const model = fit_ridge({ X, y, n_rows: n, n_features: 2 }, 0);
		expect(model.coef[0]).toBeCloseTo(2, 8);
		expect(model.coef[1]).toBeCloseTo(-3, 8);
		expect(model.intercept).toBeCloseTo(5, 6);
		const p = predict_ridge(model, Float32Array.of(10, 1, NaN, 1), 2);
		expect(p[0]).toBeCloseTo(22, 6);
		expect(p[1]).toBeCloseTo(2 * model.means[0] - 3 + 5, 6);
	});

	it('shrinks coefficients as lambda grows and survives constant columns', () => {
		const d = make_data(300, 4);
		const X = new Float32Array(d.n_rows * 6);
		for (let r = 0; r < d.n_rows; r++) { X.set(d.X.subarray(r * 5, r * 5 + 5), r * 6); X[r * 6 + 5] = 7; }
		const wide = { ...d, X, n_features: 6 };
		const norm = (l: number) => fit_ridge(wide, l).coef_std.reduce((s, c) => s + c * c, 0);
		expect(norm(1000)).toBeLessThan(norm(10));
		expect(norm(10)).toBeLessThan(norm(0.1));
		expect(fit_ridge(wide, 0).coef_std[5]).toBeCloseTo(0, 6);
	});
});

describe('logistic regression', () => {
	function make_binary(n: number, seed: number): GbdtDataset {
		const rng = make_rng(seed);
		const X = new Float32Array(n * 3), y = new Float64Array(n);
		for (let r = 0; r < n; r++) {
			X[3 * r] = normal(rng); X[3 * r + 1] = rng() < 0.2 ? 1 : 0; X[3 * r + 2] = rng() < 0.1 ? NaN : normal(rng);
			const eta = -0.5 + 1.5 * X[3 * r] - 1 * X[3 * r + 1];
			y[r] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
		}
		return { X, y, n_rows: n, n_features: 3 };
	}

	it('reaches the penalised optimum (gradient ~ 0) and recovers the generating coefficients', () => {
		const d = make_binary(4000, 6);
		const lambda = 2;
		const model = fit_logistic(d, lambda);
		const p = predict_logistic(model, d.X, d.n_rows);
		// gradient of the penalised loss in standardised coordinates
		const grad = new Array(4).fill(0);
		for (let r = 0; r < d.n_rows; r++) {
			const e = p[r] - d.y[r];
			grad[0] += e;
			for (let j = 0; j < 3; j++) {
				const v = d.X[3 * r + j];
				grad[j + 1] += (e * ((Number.isNaN(v) ? model.means[j] : v) - model.means[j])) / model.scales[j];
			}
		}
		for (let j = 0; j < 3; j++) grad[j + 1] += 2 * lambda * model.coef_std[j];
		for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-5);
		expect(model.coef[0]).toBeCloseTo(1.5, 0);
		expect(model.coef[1]).toBeCloseTo(-1, 0);
		expect(Math.abs(model.coef[2])).toBeLessThan(0.15);
	});

	it('starts from the base rate and rejects non-binary labels', () => {
		const X = Float32Array.from({ length: 100 }, () => 1);
		const y = Float64Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
		const model = fit_logistic({ X, y, n_rows: 100, n_features: 1 }, 1);
		expect(predict_logistic(model, Float32Array.of(1), 1)[0]).toBeCloseTo(0.3, 10);
		expect(() => fit_logistic({ X, y: y.map((v) => v * 2), n_rows: 100, n_features: 1 }, 1)).toThrow(RangeError);
	});
});
