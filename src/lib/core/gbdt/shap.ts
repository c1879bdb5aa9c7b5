/**
 * Reference exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): per-feature contributions of one row, in raw-margin
 * units, with E[f(x) | x_S] defined by following x on features in S and splitting the mass by node cover elsewhere.
 * Property relied on by the UI: phi[0..n_features) + phi[n_features] (base value) = raw prediction.
 *
 * Port of the reference recursion (shap's tree_shap.h) onto flat typed arrays, made fast for the worker:
 *   - the model is compiled once (WeakMap cache) into concatenated typed arrays with per-node cover fractions;
 *   - the "unique path" of each recursion level is a copy of its parent's stored right after it in one buffer,
 *     so a call allocates nothing besides the returned array;
 *   - divisions by small integers come from reciprocal tables;
 *   - at a leaf, the unwound sums of all "cold" path elements (one_fraction 0) share one O(depth) sum, so only the
 *     hot elements pay the O(depth) recurrence (one_fraction is always 0 or 1 here, since there are no
 *     interaction conditions).
 *
 * This is the reference implementation: `contributions` (shap_fast.ts) uses Linear TreeSHAP, O(nodes) per tree and
 * row, and calls into this file only for trees it does not take (paths with very many distinct features). The tests
 * compare the two.
 */

import type { GbdtModel } from './types';

interface Compiled {
	feature: Int32Array;
	threshold: Float64Array;
	default_left: Uint8Array;
	/** global node ids; -1 for leaves */
	left: Int32Array;
	right: Int32Array;
	value: Float64Array;
	/** cover[node] / cover[parent] (1 for roots) */
	fraction: Float64Array;
	/** index into sets for categorical splits, -1 otherwise */
	cat: Int32Array;
	sets: number[][];
	/** root node of each tree that has a split */
	roots: Int32Array;
	/** global id of node 0 of every tree (trees in model order, single-leaf trees included) */
	tree_start: Int32Array;
	base_value: number;
	max_depth: number;
}

const compiled_cache = new WeakMap<GbdtModel, Compiled>();

function compile(model: GbdtModel): Compiled {
	const cached = compiled_cache.get(model);
	if (cached) return cached;
	let total = 0;
	for (const t of model.trees) total += t.left.length;
	const c: Compiled = {
		feature: new Int32Array(total), threshold: new Float64Array(total), default_left: new Uint8Array(total),
		left: new Int32Array(total), right: new Int32Array(total), value: new Float64Array(total),
		fraction: new Float64Array(total), cat: new Int32Array(total), sets: [], roots: new Int32Array(0), tree_start: new Int32Array(model.trees.length),
		base_value: model.base_score, max_depth: 0
	};
	const roots: number[] = [];
	let at = 0;
	for (let ti = 0; ti < model.trees.length; ti++) {
		const t = model.trees[ti];
		c.tree_start[ti] = at;
		const n = t.left.length;
		for (let i = 0; i < n; i++) {
			const g = at + i;
			c.feature[g] = t.feature[i];
			c.threshold[g] = t.threshold[i];
			c.default_left[g] = t.default_left[i];
			c.value[g] = t.value[i];
			const leaf = t.left[i] === -1;
			c.left[g] = leaf ? -1 : at + t.left[i];
			c.right[g] = leaf ? -1 : at + t.right[i];
			if (!leaf) {
				c.fraction[at + t.left[i]] = t.cover[t.left[i]] / t.cover[i];
				c.fraction[at + t.right[i]] = t.cover[t.right[i]] / t.cover[i];
			}
			c.cat[g] = t.cat[i] >= 0 ? c.sets.length + t.cat[i] : -1;
		}
		c.fraction[at] = 1;
		c.sets.push(...t.categories);
		if (n > 1) roots.push(at);
		at += n;
	}
	c.roots = Int32Array.from(roots);
	// E[tree] with the same cover fractions TreeSHAP uses, so that contributions add up exactly
	const expectation = (g: number): number =>
		c.left[g] === -1 ? c.value[g]
			: c.fraction[c.left[g]] * expectation(c.left[g]) + c.fraction[c.right[g]] * expectation(c.right[g]);
	const depth = (g: number): number => (c.left[g] === -1 ? 0 : 1 + Math.max(depth(c.left[g]), depth(c.right[g])));
	at = 0;
	for (const t of model.trees) {
		c.base_value += expectation(at);
		c.max_depth = Math.max(c.max_depth, depth(at));
		at += t.left.length;
	}
	compiled_cache.set(model, c);
	return c;
}

/** Expected raw prediction (the base value of every explanation). */
export function expected_value(model: GbdtModel): number {
	return compile(model).base_value;
}

// ---- path buffers and reciprocal tables, grown once to the deepest model seen ----
let cap_depth = -1;
let p_feature = new Int32Array(0);
let p_zero = new Float64Array(0);
let p_one = new Float64Array(0);
let p_weight = new Float64Array(0);
/** inv[k] = 1 / k */
let inv = new Float64Array(0);

function ensure_capacity(max_depth: number) {
	if (max_depth <= cap_depth) return;
	cap_depth = max_depth;
	// levels 0..max_depth; level L starts at L(L+1)/2 + L and holds at most L+1 elements
	const need = ((max_depth + 2) * (max_depth + 3)) / 2;
	p_feature = new Int32Array(need);
	p_zero = new Float64Array(need);
	p_one = new Float64Array(need);
	p_weight = new Float64Array(need);
	inv = new Float64Array(max_depth + 3);
	for (let k = 1; k < inv.length; k++) inv[k] = 1 / k;
}

// the model and row being explained (module state keeps the recursion's argument list short)
let M: Compiled;
let X: ArrayLike<number>;
let PHI: Float64Array;

function extend_path(start: number, depth: number, zero: number, one: number, feature: number) {
	const at = start + depth;
	p_feature[at] = feature;
	p_zero[at] = zero;
	p_one[at] = one;
	p_weight[at] = depth === 0 ? 1 : 0;
	const r = inv[depth + 1];
	for (let i = depth - 1; i >= 0; i--) {
		const w = p_weight[start + i];
		p_weight[start + i + 1] += one * w * (i + 1) * r;
		p_weight[start + i] = zero * w * (depth - i) * r;
	}
}

function unwind_path(start: number, depth: number, index: number) {
	const one = p_one[start + index];
	const zero = p_zero[start + index];
	let next = p_weight[start + depth];
	const d1 = depth + 1;
	const r = inv[d1];
	if (one !== 0) {
		const r_one = 1 / one;
		for (let i = depth - 1; i >= 0; i--) {
			const tmp = p_weight[start + i];
			const w = next * d1 * inv[i + 1] * r_one;
			p_weight[start + i] = w;
			next = tmp - w * zero * (depth - i) * r;
		}
	} else {
		const r_zero = 1 / zero;
		for (let i = depth - 1; i >= 0; i--) p_weight[start + i] = p_weight[start + i] * d1 * inv[depth - i] * r_zero;
	}
	for (let i = index; i < depth; i++) {
		p_feature[start + i] = p_feature[start + i + 1];
		p_zero[start + i] = p_zero[start + i + 1];
		p_one[start + i] = p_one[start + i + 1];
	}
}

/** Add the leaf's share to every feature on the path (elements 1..depth; element 0 is the root's dummy). */
function leaf_contributions(start: number, depth: number, v: number) {
	const d1 = depth + 1;
	const r = inv[d1];
	// shared part of the unwound sum of cold elements: sum_j w_j (d+1)/(d-j); an element's sum is that / zero
	let cold_sum = -1;
	for (let k = 1; k <= depth; k++) {
		const one = p_one[start + k];
		const zero = p_zero[start + k];
		let total = 0;
		if (one !== 0) {
			const r_one = 1 / one;
			let next = p_weight[start + depth];
			for (let i = depth - 1; i >= 0; i--) {
				const tmp = next * d1 * inv[i + 1] * r_one;
				total += tmp;
				next = p_weight[start + i] - tmp * zero * (depth - i) * r;
			}
		} else if (zero !== 0) {
			if (cold_sum < 0) {
				cold_sum = 0;
				for (let i = depth - 1; i >= 0; i--) cold_sum += p_weight[start + i] * d1 * inv[depth - i];
			}
			total = cold_sum / zero;
		}
		PHI[p_feature[start + k]] += total * (one - zero) * v;
	}
}

function goes_left(g: number): boolean {
	const v = X[M.feature[g]];
	if (v !== v) return M.default_left[g] === 1;
	const c = M.cat[g];
	if (c >= 0) return M.sets[c].includes(v);
	return v < M.threshold[g];
}

function recurse(node: number, parent_start: number, depth: number, parent_zero: number, parent_one: number, parent_feature: number) {
	// This level's path starts right after the parent's, which holds `depth` elements; extend_path writes the
	// element at index `depth`, so only the first `depth` are copied.
	const start = parent_start + depth + 1;
	for (let i = 0; i < depth; i++) {
		p_feature[start + i] = p_feature[parent_start + i];
		p_zero[start + i] = p_zero[parent_start + i];
		p_one[start + i] = p_one[parent_start + i];
		p_weight[start + i] = p_weight[parent_start + i];
	}
	extend_path(start, depth, parent_zero, parent_one, parent_feature);

	const l = M.left[node];
	if (l === -1) {
		leaf_contributions(start, depth, M.value[node]);
		return;
	}
	const r = M.right[node];
	const split = M.feature[node];
	const hot = goes_left(node) ? l : r;
	const cold = hot === l ? r : l;
	let incoming_zero = 1;
	let incoming_one = 1;
	// A feature already on the path is unwound and re-extended with combined fractions.
	let k = 0;
	for (; k <= depth; k++) if (p_feature[start + k] === split) break;
	if (k !== depth + 1) {
		incoming_zero = p_zero[start + k];
		incoming_one = p_one[start + k];
		unwind_path(start, depth, k);
		depth -= 1;
	}
	recurse(hot, start, depth + 1, M.fraction[hot] * incoming_zero, incoming_one, split);
	recurse(cold, start, depth + 1, M.fraction[cold] * incoming_zero, 0, split);
}

/**
 * TreeSHAP contributions of one row: length n_features + 1, the last entry is the base value (expected raw
 * prediction); the sum equals the raw prediction (the log-odds for logistic).
 */
export function contributions_reference(model: GbdtModel, x: Float32Array): Float64Array {
	if (x.length !== model.n_features) throw new RangeError(`expected ${model.n_features} features, got ${x.length}`);
	const c = compile(model);
	ensure_capacity(c.max_depth);
	const phi = new Float64Array(model.n_features + 1);
	M = c;
	X = x;
	PHI = phi;
	// The root call extends a dummy element (feature -1) at depth 0, as the reference does; its parent "path" is a
	// virtual level at -1 so that the root's level starts at 0. Single-leaf trees only move the base value.
	for (let t = 0; t < c.roots.length; t++) recurse(c.roots[t], -1, 0, 1, 1, -1);
	phi[model.n_features] = c.base_value;
	return phi;
}

/**
 * Adds the reference TreeSHAP contributions of the listed trees (indices into model.trees) to phi[0..n_features);
 * the base value is not touched. Used by the fast path for the trees it leaves to this algorithm.
 */
export function add_reference_contributions(model: GbdtModel, trees: ArrayLike<number>, x: ArrayLike<number>, phi: Float64Array): void {
	if (trees.length === 0) return;
	const c = compile(model);
	ensure_capacity(c.max_depth);
	M = c;
	X = x;
	PHI = phi;
	for (let i = 0; i < trees.length; i++) {
		const g = c.tree_start[trees[i]];
		if (c.left[g] !== -1) recurse(g, -1, 0, 1, 1, -1);
	}
}
