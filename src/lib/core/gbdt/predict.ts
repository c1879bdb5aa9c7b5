/**
 * Prediction from the JSON model. The routing rules are the ones documented on GbdtTree and must stay identical to
 * the ONNX export (BRANCH_LT, BRANCH_MEMBER, missing_value_tracks_true = default_left).
 */

import type { GbdtModel, GbdtTree } from './types';

/** Leaf value reached by the row of X starting at `offset`. */
export function predict_tree_raw(tree: GbdtTree, X: ArrayLike<number>, offset: number): number {
	const { feature, threshold, default_left, left, right, cat } = tree;
	let i = 0;
	while (left[i] !== -1) {
		const v = X[offset + feature[i]];
		let go_left: boolean;
		if (v !== v) go_left = default_left[i] === 1;
		else if (cat[i] >= 0) go_left = tree.categories[cat[i]].includes(v);
		else go_left = v < threshold[i];
		i = go_left ? left[i] : right[i];
	}
	return tree.value[i];
}

/** Leaf node id reached by the row (for tests and explanations). */
export function leaf_index(tree: GbdtTree, x: ArrayLike<number>): number {
	let i = 0;
	while (tree.left[i] !== -1) {
		const v = x[tree.feature[i]];
		const go_left = v !== v ? tree.default_left[i] === 1
			: tree.cat[i] >= 0 ? tree.categories[tree.cat[i]].includes(v)
			: v < tree.threshold[i];
		i = go_left ? tree.left[i] : tree.right[i];
	}
	return i;
}

export function sigmoid(m: number): number {
	return m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
}

/** Raw margin (before the logistic function) of the row at `offset`. */
export function predict_margin_at(model: GbdtModel, X: ArrayLike<number>, offset: number): number {
	let s = model.base_score;
	const trees = model.trees;
	for (let t = 0; t < trees.length; t++) s += predict_tree_raw(trees[t], X, offset);
	return s;
}

/** Rows per block in predict_margin: 128 rows of ~130 float32 features (66 KB) stay in cache across the trees. */
const ROW_BLOCK = 128;

/**
 * Raw margins of n_rows rows: regression values, or log-odds for logistic. Blocked: every tree runs over a block of
 * rows before the next tree, so a tree's nodes and the block's rows both stay in cache (a whole model, ~100k nodes,
 * does not); each row still adds its trees in order, so the sums are those of predict_margin_at to the bit.
 */
export function predict_margin(model: GbdtModel, X: Float32Array, n_rows: number): Float64Array {
	check_shape(model, X.length, n_rows);
	const out = new Float64Array(n_rows).fill(model.base_score);
	const nf = model.n_features;
	const trees = model.trees;
	for (let r0 = 0; r0 < n_rows; r0 += ROW_BLOCK) {
		const r1 = Math.min(n_rows, r0 + ROW_BLOCK);
		for (let t = 0; t < trees.length; t++) {
			const tree = trees[t];
			for (let r = r0; r < r1; r++) out[r] += predict_tree_raw(tree, X, r * nf);
		}
	}
	return out;
}

/** Regression value, or probability for the logistic objective. */
export function predict_gbdt(model: GbdtModel, X: Float32Array, n_rows: number): Float64Array {
	const out = predict_margin(model, X, n_rows);
	if (model.objective === 'logistic') for (let r = 0; r < n_rows; r++) out[r] = sigmoid(out[r]);
	return out;
}

export function predict_one(model: GbdtModel, x: Float32Array): number {
	if (x.length !== model.n_features) throw new RangeError(`expected ${model.n_features} features, got ${x.length}`);
	const m = predict_margin_at(model, x, 0);
	return model.objective === 'logistic' ? sigmoid(m) : m;
}

function check_shape(model: GbdtModel, len: number, n_rows: number) {
	if (len !== n_rows * model.n_features) {
		throw new RangeError(`X has ${len} values, expected ${n_rows} x ${model.n_features}`);
	}
}
