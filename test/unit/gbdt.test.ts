import { describe, expect, it } from 'vitest';
import { leaf_index, predict_gbdt, predict_one, train_gbdt, type GbdtDataset, type GbdtOptions } from '../../src/lib/core/gbdt/index';
import { auc, rmse } from '../../src/lib/core/metrics/index';
import { make_synthetic, slice_rows } from '../fixtures/synthetic_tabular';

function dataset(rows: number[][], y: number[], extra: Partial<GbdtDataset> = {}): GbdtDataset {
	const nf = rows[0].length;
	return { X: Float32Array.from(rows.flat()), y: Float64Array.from(y), n_rows: rows.length, n_features: nf, ...extra };
}

const one_stump: GbdtOptions = {
	objective: 'squared_error', n_estimators: 1, learning_rate: 1, max_depth: 1, lambda: 1, min_child_weight: 0
};

describe('train_gbdt: hand-checked stumps', () => {
	it('finds the single best split and the L2-shrunk leaf values', () => {
		// base = mean(y) = 2; gradients pred - y = [1, 1, -1, -1], hessians 1.
		// Best split x < 2.5: left G = 2, H = 2 -> -2 / (2 + 1) = -2/3; right +2/3.
		const model = train_gbdt(dataset([[1], [2], [3], [4]], [1, 1, 3, 3]), one_stump);
		expect(model.base_score).toBe(2);
		const t = model.trees[0];
		expect(t.feature).toEqual([0, -1, -1]);
		expect(t.threshold[0]).toBe(2.5);
		expect(t.left).toEqual([1, -1, -1]);
		expect(t.right).toEqual([2, -1, -1]);
		expect(t.value[1]).toBeCloseTo(-2 / 3, 12);
		expect(t.value[2]).toBeCloseTo(2 / 3, 12);
		expect(t.cover).toEqual([4, 2, 2]);
		const p = predict_gbdt(model, Float32Array.from([1, 2, 2.4999, 2.5, 3, 4]), 6);
		expect(Array.from(p)).toEqual([4 / 3, 4 / 3, 4 / 3, 8 / 3, 8 / 3, 8 / 3].map((v) => expect.closeTo(v, 12)));
	});

	it('applies the learning rate and lambda to the leaf value', () => {
		// lambda 0.5, learning rate 0.1: right leaf = -(-2) / (2 + 0.5) * 0.1 = 0.08
		const model = train_gbdt(dataset([[1], [2], [3], [4]], [1, 1, 3, 3]), { ...one_stump, lambda: 0.5, learning_rate: 0.1 });
		expect(model.trees[0].value[2]).toBeCloseTo(0.08, 12);
	});

	it('thresholds are float32 values that separate neighbouring float32 inputs', () => {
		const a = Math.fround(0.1), b = Math.fround(0.10000001);
		expect(a).not.toBe(b);
		const model = train_gbdt(dataset([[a], [a], [b], [b]], [0, 0, 1, 1]), one_stump);
		const thr = model.trees[0].threshold[0];
		expect(Math.fround(thr)).toBe(thr);
		expect(a < thr && !(b < thr)).toBe(true);
	});

	it('learns where missing values go: right when they look like the right side', () => {
		const d = dataset([[1], [2], [3], [4], [NaN], [NaN]], [0, 0, 10, 10, 10, 10]);
		const model = train_gbdt(d, one_stump);
		expect(model.trees[0].default_left[0]).toBe(0);
		expect(predict_one(model, Float32Array.of(NaN))).toBeCloseTo(predict_one(model, Float32Array.of(4)), 12);
	});

	it('learns where missing values go: left when they look like the left side', () => {
		const d = dataset([[1], [2], [3], [4], [NaN], [NaN]], [0, 0, 10, 10, 0, 0]);
		const model = train_gbdt(d, one_stump);
		expect(model.trees[0].default_left[0]).toBe(1);
		expect(predict_one(model, Float32Array.of(NaN))).toBeCloseTo(predict_one(model, Float32Array.of(1)), 12);
	});

	it('can split on "is the value known" alone', () => {
		// all known values share one y, missing rows another: only a values-vs-missing split separates them
		const d = dataset([[1], [2], [3], [NaN], [NaN], [NaN]], [0, 0, 0, 6, 6, 6]);
		const model = train_gbdt(d, one_stump);
		const t = model.trees[0];
		expect(t.feature[0]).toBe(0);
		expect(t.default_left[0]).toBe(0);
		expect(predict_one(model, Float32Array.of(1000))).toBeLessThan(predict_one(model, Float32Array.of(NaN)));
	});

	it('finds a categorical partition that no threshold can express', () => {
		// categories 1, 3 and 4 have y = 5, the others y = 0: one set split separates them perfectly
		const rows: number[][] = [], y: number[] = [];
		for (let rep = 0; rep < 10; rep++) for (let c = 0; c < 6; c++) { rows.push([c]); y.push([1, 3, 4].includes(c) ? 5 : 0); }
		const model = train_gbdt(dataset(rows, y, { categorical: [0] }), one_stump);
		const t = model.trees[0];
		expect(t.cat[0]).toBe(0);
		const left = t.categories[0];
		expect([[1, 3, 4], [0, 2, 5]]).toContainEqual(left);
		const high = predict_one(model, Float32Array.of(3));
		const low = predict_one(model, Float32Array.of(2));
		expect(high).toBeGreaterThan(low + 2);
		// an unseen category goes to the right child, like in ONNX's BRANCH_MEMBER
		expect(leaf_index(t, [7])).toBe(t.right[0]);
	});

	it('rejects categorical values that are not small non-negative integers', () => {
		expect(() => train_gbdt(dataset([[0], [1.5]], [0, 1], { categorical: [0] }), one_stump)).toThrow(RangeError);
		expect(() => train_gbdt(dataset([[0], [300]], [0, 1], { categorical: [0] }), one_stump)).toThrow(RangeError);
	});
});

describe('train_gbdt: boosting behaviour', () => {
	const data = make_synthetic(3000, 7);
	const train = slice_rows(data, 0, 2000);
	const valid = slice_rows(data, 2000, 3000);
	const base: GbdtOptions = { objective: 'squared_error', n_estimators: 60, learning_rate: 0.1, max_depth: 4, seed: 3 };

	it('fits the synthetic signal far better than the mean', () => {
		const model = train_gbdt(train, base);
		const p = predict_gbdt(model, valid.X, valid.n_rows);
		const mean = new Float64Array(valid.n_rows).fill(model.base_score);
		expect(rmse(valid.y, p)).toBeLessThan(0.6 * rmse(valid.y, mean));
	});

	it('respects max_depth, max_leaves and min_samples_leaf', () => {
		const model = train_gbdt(train, { ...base, max_depth: 3, max_leaves: 5, min_samples_leaf: 40 });
		for (const t of model.trees) {
			const leaves = t.left.filter((l) => l === -1).length;
			expect(leaves).toBeLessThanOrEqual(5);
			const depth = (i: number): number => (t.left[i] === -1 ? 0 : 1 + Math.max(depth(t.left[i]), depth(t.right[i])));
			expect(depth(0)).toBeLessThanOrEqual(3);
			// squared error: cover = number of training rows in the node
			t.left.forEach((l, i) => { if (l === -1) expect(t.cover[i]).toBeGreaterThanOrEqual(40); });
		}
	});

	it('early stopping stops, keeps the best round and reports losses', () => {
		const losses: number[] = [];
		const model = train_gbdt(train, { ...base, n_estimators: 2000, learning_rate: 0.5, max_depth: 6, early_stopping_rounds: 10,
			on_progress: (_it, _train, v) => losses.push(v as number) }, valid);
		expect(losses.length).toBeLessThan(2000);
		expect(model.trees.length).toBe(model.best_iteration + 1);
		expect(losses.length).toBe(model.best_iteration + 1 + 10);
		const best = Math.min(...losses);
		expect(losses[model.best_iteration]).toBe(best);
		// the truncated model reproduces the best validation loss
		expect(rmse(valid.y, predict_gbdt(model, valid.X, valid.n_rows))).toBeCloseTo(best, 9);
	});

	it('is deterministic for a seed, and subsampling changes the model', () => {
		const opts = { ...base, subsample: 0.7, colsample: 0.6 };
		// compare the trees only (params hold the seed); booleans keep failure messages short
		const trees = (o: GbdtOptions) => JSON.stringify(train_gbdt(train, o).trees);
		const a = trees(opts);
		expect(a === trees(opts)).toBe(true);
		expect(a === trees({ ...opts, seed: 4 })).toBe(false);
		const full = trees(base);
		expect(a === full).toBe(false);
		// without sampling the seed has nothing to change
		expect(trees({ ...base, seed: 99 }) === full).toBe(true);
	});

	it('round-trips through JSON with identical predictions', () => {
		const model = train_gbdt(train, base);
		const copy = JSON.parse(JSON.stringify(model));
		expect(predict_gbdt(copy, valid.X, valid.n_rows)).toEqual(predict_gbdt(model, valid.X, valid.n_rows));
	});

	it('predicts many rows (in blocks) exactly as it predicts each row alone', () => {
		const model = train_gbdt(train, base);
		const X = valid.X.slice();
		for (let k = 5; k < X.length; k += 97) X[k] = NaN; // missing values take their default branches
		const many = predict_gbdt(model, X, valid.n_rows);
		const nf = valid.n_features;
		for (let r = 0; r < valid.n_rows; r++) expect(many[r]).toBe(predict_one(model, X.subarray(r * nf, (r + 1) * nf)));
	});

	it('logistic: separates a separable toy problem with calibrated-looking probabilities', () => {
		const rows: number[][] = [], y: number[] = [];
		for (let i = 0; i < 400; i++) { const x = -1 + (2 * i) / 399; rows.push([x, (i * 7919) % 13]); y.push(x > 0.2 ? 1 : 0); }
		const d = dataset(rows, y);
		const model = train_gbdt(d, { objective: 'logistic', n_estimators: 50, learning_rate: 0.3, max_depth: 2 });
		const p = predict_gbdt(model, d.X, d.n_rows);
		expect(auc(y, p)).toBe(1);
		p.forEach((v, i) => (y[i] ? expect(v).toBeGreaterThan(0.9) : expect(v).toBeLessThan(0.1)));
		expect(model.base_score).toBeCloseTo(Math.log(y.filter(Boolean).length / y.filter((v) => !v).length), 12);
	});

	it('validates its inputs', () => {
		expect(() => train_gbdt({ ...train, y: train.y.slice(1) }, base)).toThrow(RangeError);
		expect(() => train_gbdt(train, { ...base, max_bins: 300 })).toThrow(RangeError);
		expect(() => train_gbdt(train, { ...base, objective: 'logistic' })).toThrow(/y in \{0, 1\}/);
	});
});
