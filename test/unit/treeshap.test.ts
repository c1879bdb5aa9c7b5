import { describe, expect, it } from 'vitest';
import {
	contributions, contributions_reference, expected_value, predict_margin, prepare_contributions, train_gbdt,
	type GbdtModel, type GbdtTree, type GbdtTreeDraft
} from '../../src/lib/core/gbdt/index';
import { compile_fast_shap, contributions_with_plan } from '../../src/lib/core/gbdt/shap_fast';
import { make_rng } from '../../src/lib/core/random';
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
		const used = new Set(model.trees.flatMap((t) => Array.from(t.feature).filter((f) => f >= 0)));
		const phi = contributions(model, data.X.subarray(0, data.n_features));
		for (let f = 0; f < data.n_features; f++) if (!used.has(f)) expect(phi[f]).toBe(0);
	});
});

/**
 * A random tree in the JSON format: features drawn from a few (so features repeat along paths), numeric splits with
 * float32 thresholds and categorical splits, random missing-value directions, children covers that split the parent's.
 */
function random_tree(rng: () => number, n_features: number, depth: number, p_leaf: number, categorical: Set<number>): GbdtTreeDraft {
	const t: GbdtTreeDraft = { feature: [], threshold: [], default_left: [], left: [], right: [], value: [], cover: [], cat: [], categories: [] };
	const grow = (d: number, cover: number): number => {
		const id = t.feature.length;
		t.feature.push(-1); t.threshold.push(0); t.default_left.push(0); t.left.push(-1); t.right.push(-1);
		t.value.push(0); t.cover.push(cover); t.cat.push(-1);
		if (d === depth || (d > 0 && rng() < p_leaf)) {
			t.value[id] = Math.round((rng() * 2 - 1) * 1e6) / 1e6;
			return id;
		}
		const f = Math.floor(rng() * n_features);
		t.feature[id] = f;
		t.default_left[id] = rng() < 0.5 ? 1 : 0;
		if (categorical.has(f)) {
			const set = [0, 1, 2, 3, 4, 5].filter(() => rng() < 0.5);
			t.cat[id] = t.categories.length;
			t.categories.push(set.length > 0 ? set : [2]);
		} else {
			t.threshold[id] = Math.fround(rng() * 2 - 1);
		}
		const share = 0.05 + 0.9 * rng();
		const l = grow(d + 1, cover * share);
		const r = grow(d + 1, cover * (1 - share));
		t.left[id] = l;
		t.right[id] = r;
		return id;
	};
	grow(0, 10 + 100 * rng());
	return t;
}

function random_model(seed: number, n_features: number, n_trees: number, depth: number, p_leaf: number, categorical: number[] = []): GbdtModel {
	const rng = make_rng(seed);
	const cats = new Set(categorical);
	return {
		format: 'hitcast-gbdt', version: 1, objective: 'squared_error', base_score: 0.25, n_features,
		feature_names: Array.from({ length: n_features }, (_, i) => `f${i}`), categorical, best_iteration: n_trees - 1,
		params: { objective: 'squared_error', n_estimators: n_trees, learning_rate: 1, max_depth: depth },
		trees: Array.from({ length: n_trees }, () => random_tree(rng, n_features, depth, p_leaf, cats))
	};
}

/** Rows with values around the thresholds, some NaN, category codes (and a non-member code, 7) on categorical features. */
function random_rows(seed: number, n_rows: number, n_features: number, categorical: number[] = []): Float32Array {
	const rng = make_rng(seed);
	const X = new Float32Array(n_rows * n_features);
	for (let i = 0; i < X.length; i++) {
		const f = i % n_features;
		X[i] = rng() < 0.1 ? NaN : categorical.includes(f) ? [0, 1, 2, 3, 4, 5, 7][Math.floor(rng() * 7)] : rng() * 2.2 - 1.1;
	}
	return X;
}

/** |a - b| <= tol * (largest |b| of the row): the contributions of a row agree to `tol` relative. */
function expect_close(a: Float64Array, b: Float64Array, tol: number) {
	expect(a.length).toBe(b.length);
	let scale = 0;
	for (const v of b) scale = Math.max(scale, Math.abs(v));
	for (let i = 0; i < a.length; i++) {
		if (!(Math.abs(a[i] - b[i]) <= tol * scale)) expect.fail(`entry ${i}: ${a[i]} vs ${b[i]} (scale ${scale})`);
	}
}

describe('fast TreeSHAP (Linear TreeSHAP) against the reference algorithm', () => {
	const cases = [
		{ name: 'depth 3, repeated features', seed: 1, nf: 3, trees: 40, depth: 3, p_leaf: 0.1, cat: [] as number[] },
		{ name: 'depth 6, NaN and categorical', seed: 2, nf: 12, trees: 60, depth: 6, p_leaf: 0.15, cat: [1, 5] },
		{ name: 'depth 6, few features (many repeats)', seed: 3, nf: 4, trees: 60, depth: 6, p_leaf: 0.05, cat: [2] },
		{ name: 'depth 8', seed: 4, nf: 20, trees: 30, depth: 8, p_leaf: 0.1, cat: [3] },
		{ name: 'depth 11 (6 quadrature points)', seed: 5, nf: 30, trees: 8, depth: 11, p_leaf: 0.25, cat: [] as number[] }
	];
	for (const c of cases) {
		it(`${c.name}: equal to 1e-9 on 1000 rows`, () => {
			const model = random_model(c.seed, c.nf, c.trees, c.depth, c.p_leaf, c.cat);
			const X = random_rows(c.seed + 100, 1000, c.nf, c.cat);
			for (let r = 0; r < 1000; r++) {
				const x = X.subarray(r * c.nf, (r + 1) * c.nf);
				expect_close(contributions(model, x), contributions_reference(model, x), 1e-9);
			}
		});
	}

	it('trained models (squared error and logistic, depth 6, subsampled) agree on 1000 rows each', () => {
		for (const objective of ['squared_error', 'logistic'] as const) {
			const d = make_synthetic(2000, 11, objective);
			const model = train_gbdt(d, { objective, n_estimators: 60, learning_rate: 0.1, max_depth: 6, subsample: 0.8, colsample: 0.8, seed: 3 });
			const nf = d.n_features;
			const rows = random_rows(12, 500, nf, d.categorical);
			for (let r = 0; r < 1000; r++) {
				const x = r < 500 ? d.X.subarray(r * nf, (r + 1) * nf) : rows.subarray((r - 500) * nf, (r - 499) * nf);
				expect_close(contributions(model, x), contributions_reference(model, x), 1e-9);
			}
		}
	});

	it('matches brute-force Shapley values on small random trees (NaN, categorical, repeated features)', () => {
		const nf = 6, cat = [4];
		const model = random_model(21, nf, 12, 5, 0.1, cat);
		const X = random_rows(22, 60, nf, cat);
		for (let r = 0; r < 60; r++) {
			const x = X.subarray(r * nf, (r + 1) * nf);
			expect_close(contributions(model, x), brute_force_shapley(model, x), 1e-9);
		}
	});

	it('leaves trees with too many distinct path features to the reference algorithm, with the same result', () => {
		// depth-8 trees (fall back with a limit of 4 distinct features) mixed with depth-3 ones (stay on the fast path)
		const model = random_model(31, 24, 25, 8, 0.1, [2]);
		model.trees.push(...random_model(33, 24, 25, 3, 0.1, [2]).trees);
		const plan = compile_fast_shap(model, 4);
		expect(plan.fallback.length).toBeGreaterThan(0);
		expect(plan.fallback.length).toBeLessThan(model.trees.length);
		const all_reference = compile_fast_shap(model, 0);
		expect(all_reference.fallback.length).toBe(model.trees.length);
		const X = random_rows(32, 500, 24, [2]);
		for (let r = 0; r < 500; r++) {
			const x = X.subarray(r * 24, (r + 1) * 24);
			const ref = contributions_reference(model, x);
			expect_close(contributions_with_plan(model, plan, x), ref, 1e-9);
			expect_close(contributions_with_plan(model, all_reference, x), ref, 1e-12);
		}
	});

	it('handles single-leaf trees, and the plan is built once per model', () => {
		const model = random_model(41, 5, 10, 4, 0.2);
		model.trees.push({ feature: [-1], threshold: [0], default_left: [0], left: [-1], right: [-1], value: [0.75], cover: [3], cat: [-1], categories: [] });
		const plan = prepare_contributions(model);
		expect(prepare_contributions(model)).toBe(plan);
		expect(plan.bytes).toBeGreaterThan(0);
		const x = random_rows(42, 1, 5);
		const phi = contributions(model, x);
		expect(phi[5]).toBe(expected_value(model));
		expect(phi[5]).toBe(contributions_reference(model, x)[5]);
		expect_close(phi, contributions_reference(model, x), 1e-9);
		expect(() => contributions(model, new Float32Array(4))).toThrow(RangeError);
	});
});
