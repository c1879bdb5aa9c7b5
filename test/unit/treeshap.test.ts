import { describe, expect, it } from 'vitest';
import { contributions, expected_value, predict_margin, train_gbdt, type GbdtModel, type GbdtTree } from '../../src/lib/core/gbdt/index';
import { make_synthetic } from '../fixtures/synthetic_tabular';

/**
 * E[f(x) | x_S] as TreeSHAP defines it: at a split on a feature in S follow x; otherwise average the children
 * weighted by their cover.
 */
function conditional_expectation(tree: GbdtTree, x: ArrayLike<number>, S: Set<number>, node = 0): number {
	const l = tree.left[node];
	if (l === -1) return tree.value[node];
	const r = tree.right[node];
	const f = tree.feature[node];
	if (S.has(f)) {
		const v = x[f];
		const go_left = v !== v ? tree.default_left[node] === 1
			: tree.cat[node] >= 0 ? tree.categories[tree.cat[node]].includes(v) : v < tree.threshold[node];
		return conditional_expectation(tree, x, S, go_left ? l : r);
	}
	const w = tree.cover[node];
	return (tree.cover[l] / w) * conditional_expectation(tree, x, S, l) + (tree.cover[r] / w) * conditional_expectation(tree, x, S, r);
}

/** Exact Shapley values by enumerating every subset of features. */
function brute_force_shapley(model: GbdtModel, x: ArrayLike<number>): Float64Array {
	const M = model.n_features;
	const value = (mask: number) => {
		const S = new Set<number>();
		for (let f = 0; f < M; f++) if (mask & (1 << f)) S.add(f);
		let s = model.base_score;
		for (const t of model.trees) s += conditional_expectation(t, x, S);
		return s;
	};
	const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
	const phi = new Float64Array(M + 1);
	const cache = new Float64Array(1 << M).map((_, mask) => value(mask));
	for (let i = 0; i < M; i++) {
		for (let mask = 0; mask < 1 << M; mask++) {
			if (mask & (1 << i)) continue;
			let size = 0;
			for (let f = 0; f < M; f++) if (mask & (1 << f)) size++;
			const weight = (fact(size) * fact(M - size - 1)) / fact(M);
			phi[i] += weight * (cache[mask | (1 << i)] - cache[mask]);
		}
	}
	phi[M] = cache[0];
	return phi;
}

describe('TreeSHAP contributions', () => {
	const data = make_synthetic(800, 21);

	it('matches brute-force Shapley values on small trees (NaN and categorical rows included)', () => {
		// depth 4 lets a feature appear twice on a path, which exercises the unwind step
		const model = train_gbdt(data, { objective: 'squared_error', n_estimators: 6, learning_rate: 0.3, max_depth: 4, seed: 2 });
		const nf = data.n_features;
		let checked_nan = false;
		for (let r = 0; r < 25; r++) {
			const x = data.X.subarray(r * nf, (r + 1) * nf);
			checked_nan ||= x.some((v) => Number.isNaN(v));
			const fast = contributions(model, x);
			const slow = brute_force_shapley(model, x);
			for (let i = 0; i <= nf; i++) expect(fast[i]).toBeCloseTo(slow[i], 10);
		}
		expect(checked_nan).toBe(true);
	});

	it('handles a feature split twice on one path', () => {
		// y depends on x0 in a bump, so trees split x0 repeatedly along paths
		const n = 400;
		const X = new Float32Array(n * 2), y = new Float64Array(n);
		for (let i = 0; i < n; i++) { X[2 * i] = i / n; X[2 * i + 1] = (i * 37) % 11; y[i] = (i > 100 && i < 300 ? 5 : 0) + X[2 * i + 1] * 0.1; }
		const model = train_gbdt({ X, y, n_rows: n, n_features: 2 }, { objective: 'squared_error', n_estimators: 3, learning_rate: 1, max_depth: 3 });
		const repeated = model.trees.some((t) => t.feature[0] === 0 && (t.feature[t.left[0]] === 0 || t.feature[t.right[0]] === 0));
		expect(repeated).toBe(true);
		for (const r of [0, 150, 350]) {
			const x = X.subarray(2 * r, 2 * r + 2);
			const fast = contributions(model, x), slow = brute_force_shapley(model, x);
			for (let i = 0; i < 3; i++) expect(fast[i]).toBeCloseTo(slow[i], 10);
		}
	});

	for (const objective of ['squared_error', 'logistic'] as const) {
		it(`${objective}: contributions plus base value add up to the raw prediction`, () => {
			const d = make_synthetic(1500, 4, objective);
			const model = train_gbdt(d, { objective, n_estimators: 80, learning_rate: 0.1, max_depth: 6, subsample: 0.8, seed: 1 });
			const margins = predict_margin(model, d.X, d.n_rows);
			const nf = d.n_features;
			for (let r = 0; r < 200; r++) {
				const phi = contributions(model, d.X.subarray(r * nf, (r + 1) * nf));
				expect(phi.length).toBe(nf + 1);
				expect(phi[nf]).toBe(expected_value(model));
				let s = 0;
				for (const v of phi) s += v;
				expect(Math.abs(s - margins[r])).toBeLessThan(1e-6);
			}
		});
	}

	it('gives zero to features the model never splits on', () => {
		const model = train_gbdt(data, { objective: 'squared_error', n_estimators: 20, learning_rate: 0.2, max_depth: 3, colsample: 0.5, seed: 8 });
		const used = new Set(model.trees.flatMap((t) => t.feature.filter((f) => f >= 0)));
		const phi = contributions(model, data.X.subarray(0, data.n_features));
		for (let f = 0; f < data.n_features; f++) if (!used.has(f)) expect(phi[f]).toBe(0);
	});
});
