/**
 * Exact TreeSHAP contributions in O(nodes) per tree and row: Linear TreeSHAP (Yu, Bao, Bai & Wang 2022), on the
 * same value function as the reference (shap.ts: E[f(x) | x_S] follows x on features in S and splits the mass by
 * node cover elsewhere), so both give the same numbers up to rounding.
 *
 * For a leaf l with value v, distinct path features U (d = |U|) and, per feature k in U, o_k (1 iff x satisfies
 * every split on k along the path) and z_k (product of the cover fractions of the edges on k along the path):
 *
 *   phi_j += v (o_j - z_j) sum_{S subset of U\j} |S|!(d-1-|S|)!/d! prod_{k in S} o_k prod_{k in U\S\j} z_k
 *          = v (o_j - z_j) integral_0^1 prod_{k in U\j} q_k(y) dy,           q_k(y) = z_k + (o_k - z_k) y
 *
 * (the Shapley weight is the Beta integral of y^|S| (1-y)^(d-1-|S|)). With G_l(y) = prod_{k in U} q_k(y) that is
 * v integral G_l(y) h_j(y) dy with h_j = (o_j - z_j) / q_j: a polynomial of degree d-1, so Gauss-Legendre
 * quadrature on n = ceil(D/2) points (D = most distinct features on any path) is exact. Per row and tree:
 *   - down (preorder): G at every node, at the n points: G_child = G_parent * q_new / q_old (q_old = 1 when the
 *     edge's feature is new on the path, else the factor of its previous occurrence, which this edge replaces);
 *   - up (reverse preorder): S_node = sum over leaves below of v G_leaf; each edge on feature j adds
 *     sum_i w_i S_child(y_i) (h_edge(y_i) - h_previous_occurrence(y_i)) to phi_j: leaves where the edge is the last
 *     occurrence of j keep h_edge, the others get it cancelled by the deeper occurrence.
 * h is w_i (1 - z) / q for o = 1 (precomputed per edge) and -w_i / (1 - y_i) for o = 0 (independent of z); the
 * row-dependent choices are arithmetic on o in {0, 1}, not branches, and there is no division except on repeated
 * features. Kernels unrolled for 3 lanes (D <= 6) and 4 lanes (D <= 8), a loop for more.
 *
 * The compiled form is cached per model object (WeakMap); `prepare_contributions` builds it ahead of time.
 * Trees with a path of more than MAX_UNIQUE distinct features (only possible with unlimited depth) are left to the
 * reference algorithm: the quadrature would need many points and the products could underflow.
 */

import { add_reference_contributions } from './shap';
import type { GbdtModel } from './types';

/** Trees with a path of more distinct features than this use the reference algorithm. */
export const MAX_UNIQUE = 16;

export interface FastShapPlan {
	n_features: number;
	/** expected raw prediction, computed exactly as the reference does */
	base_value: number;
	/** quadrature points used (ceil(D / 2), D = most distinct features on a path of a fast tree) */
	points: number;
	/** lanes (values per edge): 3 when points <= 3 (extra lanes are zero-weight points), else points */
	n: number;
	/** floats per internal node record: 5 + 2n */
	R: number;
	/**
	 * Internal nodes of the fast trees, each tree's in preorder (a parent precedes its children), trees concatenated.
	 * Leaves have no record: their values sit in their parent's. The two edges out of internal node g (local index
	 * j = g - tree_begin) have local edge ids 2j (left) and 2j + 1 (right). Record of R floats at g * R:
	 *   [0] threshold; [1], [2] z of the left / right edge (product of the cover fractions of the splits on this
	 *   feature along the path, down to the edge's child); [3], [4] left / right leaf value (1 where the child is an
	 *   internal node); [5 + i], [5 + n + i] a1d_i of the left / right edge = w_i (1 - z) / (z + (1 - z) y_i) +
	 *   w_i / (1 - y_i), the difference of h between o = 1 and o = 0.
	 */
	fnode: Float64Array;
	/**
	 * inode[g * 4] = split feature; [+1] = local id of the edge into g (2 * internal nodes of the tree for the
	 * root); [+2] = local id of the edge of the previous split on the same feature on the path to g (-1 if none);
	 * [+3] = (cat + 1) * 2 + default_left, cat = index into member for categorical splits, -1 otherwise.
	 */
	inode: Int32Array;
	/** per fast tree: first internal node, one past its last */
	tree_begin: Int32Array;
	tree_end: Int32Array;
	/** model indices of the trees left to the reference algorithm */
	fallback: Int32Array;
	/** categorical sets: bitmaps where codes are small non-negative integers, else the listed codes */
	member: (Uint8Array | Set<number>)[];
	/** quadrature points and weights (padded lanes: y 0.5, w 0) */
	Y: Float64Array;
	W: Float64Array;
	/** 1 - Y */
	OMY: Float64Array;
	/** h for o = 0: -w_i / (1 - y_i) */
	B0: Float64Array;
	/** per-row work: G then S of each edge's child (n per edge, plus the root's slot), o per edge, routing per node */
	buf: Float64Array;
	o: Uint8Array;
	left: Uint8Array;
	/** bytes held by the typed arrays above */
	bytes: number;
}

/** Gauss-Legendre points and weights on [0, 1] (Newton iteration on P_n, to full double precision). */
export function gauss_legendre01(n: number): { y: Float64Array; w: Float64Array } {
	const y = new Float64Array(n), w = new Float64Array(n);
	for (let i = 0; i < Math.ceil(n / 2); i++) {
		let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
		let dp = 0;
		for (let iter = 0; iter < 100; iter++) {
			let p0 = 1, p1 = x;
			for (let k = 2; k <= n; k++) { const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
			if (n === 1) { p1 = x; p0 = 1; }
			dp = (n * (x * p1 - p0)) / (x * x - 1);
			const dx = p1 / dp;
			x -= dx;
			if (Math.abs(dx) < 1e-17 && iter > 2) break;
		}
		// recompute the derivative at the converged root for the weight
		let p0 = 1, p1 = x;
		for (let k = 2; k <= n; k++) { const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
		if (n === 1) { p1 = x; p0 = 1; }
		dp = (n * (x * p1 - p0)) / (x * x - 1);
		const weight = 2 / ((1 - x * x) * dp * dp);
		// x_i descending in [-1, 1]; map both symmetric roots to [0, 1]
		y[i] = (1 - x) / 2;
		w[i] = weight / 2;
		y[n - 1 - i] = (1 + x) / 2;
		w[n - 1 - i] = weight / 2;
	}
	return { y, w };
}

function member_set(codes: number[]): Uint8Array | Set<number> {
	let max = -1;
	for (const c of codes) {
		if (!(Number.isInteger(c) && c >= 0 && c < 65536)) return new Set(codes);
		if (c > max) max = c;
	}
	const bm = new Uint8Array(max + 1);
	for (const c of codes) bm[c] = 1;
	return bm;
}

/** Compiles a model for the fast path (not cached; `max_unique` is exposed for tests of the fallback). */
export function compile_fast_shap(model: GbdtModel, max_unique = MAX_UNIQUE): FastShapPlan {
	const trees = model.trees;
	let total = 0;
	let largest = 1;
	// distinct features on the longest path of each tree
	const tree_unique = new Int32Array(trees.length);
	const last = new Int32Array(model.n_features).fill(-1);
	for (let ti = 0; ti < trees.length; ti++) {
		const t = trees[ti];
		let best = 0;
		const walk = (node: number, uniq: number): void => {
			if (t.left[node] === -1) { if (uniq > best) best = uniq; return; }
			const f = t.feature[node];
			const seen = last[f];
			last[f] = 1;
			const u = seen === -1 ? uniq + 1 : uniq;
			walk(t.left[node], u);
			walk(t.right[node], u);
			last[f] = seen;
		};
		walk(0, 0);
		tree_unique[ti] = best;
	}
	const fast: number[] = [], fallback: number[] = [];
	let D = 0;
	for (let ti = 0; ti < trees.length; ti++) {
		const t = trees[ti];
		if (t.left.length <= 1) continue; // a single leaf only moves the base value
		if (tree_unique[ti] > max_unique) { fallback.push(ti); continue; }
		fast.push(ti);
		let internal = 0;
		for (const l of t.left) if (l !== -1) internal++;
		total += internal;
		if (internal > largest) largest = internal;
		if (tree_unique[ti] > D) D = tree_unique[ti];
	}
	// G_leaf / q_j has degree <= D - 1: Gauss-Legendre on ceil(D / 2) points integrates it exactly
	const points = Math.max(1, Math.ceil(D / 2));
	const n = points <= 3 ? 3 : points;
	const Y = new Float64Array(n).fill(0.5), W = new Float64Array(n);
	const q = gauss_legendre01(points);
	Y.set(q.y);
	W.set(q.w);
	const OMY = Y.map((v) => 1 - v);
	const B0 = new Float64Array(n);
	for (let i = 0; i < n; i++) B0[i] = -W[i] / OMY[i];
	const R = 5 + 2 * n;

	const p: FastShapPlan = {
		n_features: model.n_features, base_value: 0, points, n, R,
		fnode: new Float64Array(total * R), inode: new Int32Array(total * 4),
		tree_begin: new Int32Array(fast.length), tree_end: new Int32Array(fast.length),
		fallback: Int32Array.from(fallback), member: [], Y, W, OMY, B0,
		buf: new Float64Array((2 * largest + 1) * n), o: new Uint8Array(2 * largest + 1), left: new Uint8Array(largest), bytes: 0
	};
	const { fnode, inode } = p;
	const a1d = (z: number, at: number) => {
		for (let i = 0; i < n; i++) fnode[at + i] = (W[i] * (1 - z)) / (z + (1 - z) * Y[i]) - B0[i];
	};
	let begin = 0;
	for (let k = 0; k < fast.length; k++) {
		const t = trees[fast[k]];
		const cat_base = p.member.length;
		for (const codes of t.categories) p.member.push(member_set(codes));
		let next = begin;
		// last[f]: local id of the deepest edge splitting f on the current path; zs[edge]: its z
		const zs: number[] = [];
		const visit = (node: number, in_edge: number): void => {
			const g = next++;
			const j = g - begin;
			const f = t.feature[node];
			const pv = last[f];
			const l = t.left[node], r = t.right[node];
			const z0 = pv < 0 ? 1 : zs[pv];
			const zl = z0 * (t.cover[l] / t.cover[node]), zr = z0 * (t.cover[r] / t.cover[node]);
			zs[2 * j] = zl;
			zs[2 * j + 1] = zr;
			const at = g * R;
			fnode[at] = t.threshold[node];
			fnode[at + 1] = zl;
			fnode[at + 2] = zr;
			fnode[at + 3] = t.left[l] === -1 ? t.value[l] : 1;
			fnode[at + 4] = t.left[r] === -1 ? t.value[r] : 1;
			a1d(zl, at + 5);
			a1d(zr, at + 5 + n);
			inode[g * 4] = f;
			inode[g * 4 + 1] = in_edge;
			inode[g * 4 + 2] = pv;
			inode[g * 4 + 3] = (t.cat[node] >= 0 ? cat_base + t.cat[node] + 1 : 0) * 2 + (t.default_left[node] === 1 ? 1 : 0);
			last[f] = 2 * j;
			if (t.left[l] !== -1) visit(l, 2 * j);
			last[f] = 2 * j + 1;
			if (t.left[r] !== -1) visit(r, 2 * j + 1);
			last[f] = pv;
		};
		p.tree_begin[k] = begin;
		let internal = 0;
		for (const l of t.left) if (l !== -1) internal++;
		visit(0, 2 * internal);
		begin = next;
		p.tree_end[k] = begin;
	}
	// base value exactly as the reference computes it (same operations in the same order)
	let base = model.base_score;
	for (const t of trees) {
		const expectation = (g: number): number => {
			if (t.left[g] === -1) return t.value[g];
			const l = t.left[g], r = t.right[g];
			return (t.cover[l] / t.cover[g]) * expectation(l) + (t.cover[r] / t.cover[g]) * expectation(r);
		};
		base += expectation(0);
	}
	p.base_value = base;
	let bytes = 0;
	for (const a of [p.fnode, p.inode, p.tree_begin, p.tree_end, p.fallback, p.buf, p.o, p.left, Y, W, OMY, B0]) bytes += a.byteLength;
	for (const m of p.member) bytes += m instanceof Uint8Array ? m.byteLength : 16 * m.size;
	p.bytes = bytes;
	return p;
}

const plans = new WeakMap<GbdtModel, FastShapPlan>();

/**
 * Builds (once per model object) what `contributions` needs, so that the first explanation is not slower than the
 * next ones; returns the plan (its `bytes` is the memory it holds).
 */
export function prepare_contributions(model: GbdtModel): FastShapPlan {
	let p = plans.get(model);
	if (!p) {
		p = compile_fast_shap(model);
		plans.set(model, p);
	}
	return p;
}

/** Expected raw prediction (the base value of every explanation). */
export function expected_value(model: GbdtModel): number {
	return prepare_contributions(model).base_value;
}

/** Routing of x at internal node g (see GbdtTree): 1 (left) or 0. */
function goes_left(p: FastShapPlan, g: number, x: ArrayLike<number>): number {
	const v = x[p.inode[g * 4]];
	const info = p.inode[g * 4 + 3];
	if (v !== v) return info & 1;
	const c = (info >> 1) - 1;
	if (c < 0) return +(v < p.fnode[g * p.R]);
	const m = p.member[c];
	return +(m instanceof Uint8Array ? m[v] === 1 : m.has(v));
}

/**
 * Adds the contributions of the plan's fast trees for row x to phi[0..n_features); any lane count.
 *
 * Down (internal nodes in preorder), from G of the node (buf at its incoming edge): with no previous split on the
 * node's feature, edge e gets o_e = 1 if x takes it, else 0, and G_e = G (z_e (1 - y) + o_e y) (times the leaf
 * value for a leaf child, which makes it S); after a previous split with o = 1, the same over that split's
 * q = z_p (1 - y) + y (the edge replaces its factor); after one with o = 0, o_e = 0 and G_e = G z_e / z_p.
 * Up (internal nodes in reverse preorder): S = S_left + S_right goes to the node's incoming edge, and both edges
 * split the node's feature f (h = B0 + o a1d; only the taken edge has o = 1):
 *   no previous split:     phi_f += sum_i B0_i S_i + a1d_taken,i S_taken,i
 *   previous with o = 1:   phi_f += sum_i a1d_taken,i S_taken,i - a1d_prev,i S_i
 *   previous with o = 0:   nothing (h - h_prev = 0 on both edges).
 */
function add_fast_generic(p: FastShapPlan, x: ArrayLike<number>, phi: Float64Array): void {
	const { n, R, fnode, inode, Y, OMY, B0, buf, o, left } = p;
	const nt = p.tree_begin.length;
	for (let k = 0; k < nt; k++) {
		const begin = p.tree_begin[k], end = p.tree_end[k];
		const root = 2 * (end - begin) * n;
		for (let i = 0; i < n; i++) buf[root + i] = 1;
		for (let g = begin; g < end; g++) {
			const j = g - begin;
			const gl = goes_left(p, g, x);
			left[j] = gl;
			const pv = inode[g * 4 + 2];
			const op = pv < 0 ? 1 : o[pv];
			o[2 * j] = op & gl;
			o[2 * j + 1] = op & (1 - gl);
			const at = inode[g * 4 + 1] * n, la = 2 * j * n, ra = la + n;
			const a = g * R;
			const zl = fnode[a + 1], zr = fnode[a + 2], vl = fnode[a + 3], vr = fnode[a + 4];
			if (pv < 0) {
				const gr = 1 - gl;
				for (let i = 0; i < n; i++) {
					buf[la + i] = buf[at + i] * (zl * OMY[i] + gl * Y[i]) * vl;
					buf[ra + i] = buf[at + i] * (zr * OMY[i] + gr * Y[i]) * vr;
				}
			} else {
				const pa = (begin + (pv >> 1)) * R + 1 + (pv & 1);
				const zp = fnode[pa];
				if (op === 1) {
					const gr = 1 - gl;
					for (let i = 0; i < n; i++) {
						const qp = zp + (1 - zp) * Y[i];
						buf[la + i] = ((buf[at + i] * (zl * OMY[i] + gl * Y[i])) / qp) * vl;
						buf[ra + i] = ((buf[at + i] * (zr * OMY[i] + gr * Y[i])) / qp) * vr;
					}
				} else {
					const rl = zp > 0 ? zl / zp : 0, rr = zp > 0 ? zr / zp : 0;
					for (let i = 0; i < n; i++) {
						buf[la + i] = buf[at + i] * rl * vl;
						buf[ra + i] = buf[at + i] * rr * vr;
					}
				}
			}
		}
		for (let g = end - 1; g >= begin; g--) {
			const j = g - begin;
			const at = inode[g * 4 + 1] * n, la = 2 * j * n, ra = la + n;
			const a = g * R + 5;
			const off = (1 - left[j]) * n, ta = a + off, tb = la + off;
			let taken = 0, b = 0;
			for (let i = 0; i < n; i++) {
				const s = buf[la + i] + buf[ra + i];
				buf[at + i] = s;
				taken += fnode[ta + i] * buf[tb + i];
				b += B0[i] * s;
			}
			const pv = inode[g * 4 + 2];
			if (pv < 0) phi[inode[g * 4]] += taken + b;
			else if (o[pv] === 1) {
				const pa = (begin + (pv >> 1)) * R + 5 + (pv & 1) * n;
				let dp = 0;
				for (let i = 0; i < n; i++) dp += fnode[pa + i] * buf[at + i];
				phi[inode[g * 4]] += taken - dp;
			}
		}
	}
}

/** add_fast_generic unrolled for 3 lanes (paths with at most 6 distinct features, e.g. max_depth <= 6). */
function add_fast3(p: FastShapPlan, x: ArrayLike<number>, phi: Float64Array): void {
	const { fnode, inode, buf, o, left } = p;
	const y0 = p.Y[0], y1 = p.Y[1], y2 = p.Y[2];
	const m0 = p.OMY[0], m1 = p.OMY[1], m2 = p.OMY[2];
	const b0 = p.B0[0], b1 = p.B0[1], b2 = p.B0[2];
	const nt = p.tree_begin.length;
	for (let k = 0; k < nt; k++) {
		const begin = p.tree_begin[k], end = p.tree_end[k];
		const root = 6 * (end - begin);
		buf[root] = 1; buf[root + 1] = 1; buf[root + 2] = 1;
		for (let g = begin; g < end; g++) {
			const j = g - begin;
			const a = g * 11;
			const v = x[inode[g * 4]];
			const info = inode[g * 4 + 3];
			const gl = v !== v ? info & 1 : info < 2 ? +(v < fnode[a]) : goes_left(p, g, x);
			const gr = 1 - gl;
			left[j] = gl;
			const pv = inode[g * 4 + 2];
			const at = inode[g * 4 + 1] * 3, la = 6 * j;
			const G0 = buf[at], G1 = buf[at + 1], G2 = buf[at + 2];
			const zl = fnode[a + 1], zr = fnode[a + 2], vl = fnode[a + 3], vr = fnode[a + 4];
			if (pv < 0) {
				o[2 * j] = gl;
				o[2 * j + 1] = gr;
				buf[la] = G0 * (zl * m0 + gl * y0) * vl; buf[la + 1] = G1 * (zl * m1 + gl * y1) * vl; buf[la + 2] = G2 * (zl * m2 + gl * y2) * vl;
				buf[la + 3] = G0 * (zr * m0 + gr * y0) * vr; buf[la + 4] = G1 * (zr * m1 + gr * y1) * vr; buf[la + 5] = G2 * (zr * m2 + gr * y2) * vr;
			} else {
				const zp = fnode[(begin + (pv >> 1)) * 11 + 1 + (pv & 1)];
				if (o[pv] === 1) {
					o[2 * j] = gl;
					o[2 * j + 1] = gr;
					const wp = 1 - zp;
					const i0 = 1 / (zp + wp * y0), i1 = 1 / (zp + wp * y1), i2 = 1 / (zp + wp * y2);
					buf[la] = G0 * (zl * m0 + gl * y0) * i0 * vl; buf[la + 1] = G1 * (zl * m1 + gl * y1) * i1 * vl; buf[la + 2] = G2 * (zl * m2 + gl * y2) * i2 * vl;
					buf[la + 3] = G0 * (zr * m0 + gr * y0) * i0 * vr; buf[la + 4] = G1 * (zr * m1 + gr * y1) * i1 * vr; buf[la + 5] = G2 * (zr * m2 + gr * y2) * i2 * vr;
				} else {
					o[2 * j] = 0;
					o[2 * j + 1] = 0;
					const rl = zp > 0 ? (zl / zp) * vl : 0, rr = zp > 0 ? (zr / zp) * vr : 0;
					buf[la] = G0 * rl; buf[la + 1] = G1 * rl; buf[la + 2] = G2 * rl;
					buf[la + 3] = G0 * rr; buf[la + 4] = G1 * rr; buf[la + 5] = G2 * rr;
				}
			}
		}
		for (let g = end - 1; g >= begin; g--) {
			const j = g - begin;
			const at = inode[g * 4 + 1] * 3, la = 6 * j;
			const a = g * 11 + 5;
			const l0 = buf[la], l1 = buf[la + 1], l2 = buf[la + 2], r0 = buf[la + 3], r1 = buf[la + 4], r2 = buf[la + 5];
			const s0 = l0 + r0, s1 = l1 + r1, s2 = l2 + r2;
			buf[at] = s0; buf[at + 1] = s1; buf[at + 2] = s2;
			// the taken edge's share, its offset chosen by arithmetic (no branch on the row)
			const off = 3 - 3 * left[j], ta = a + off, tb = la + off;
			const taken = fnode[ta] * buf[tb] + fnode[ta + 1] * buf[tb + 1] + fnode[ta + 2] * buf[tb + 2];
			const pv = inode[g * 4 + 2];
			if (pv < 0) phi[inode[g * 4]] += taken + (b0 * s0 + b1 * s1 + b2 * s2);
			else if (o[pv] === 1) {
				const pa = (begin + (pv >> 1)) * 11 + 5 + (pv & 1) * 3;
				phi[inode[g * 4]] += taken - (fnode[pa] * s0 + fnode[pa + 1] * s1 + fnode[pa + 2] * s2);
			}
		}
	}
}

/** add_fast_generic unrolled for 4 lanes (paths with 7 or 8 distinct features, e.g. max_depth 8). */
function add_fast4(p: FastShapPlan, x: ArrayLike<number>, phi: Float64Array): void {
	const { fnode, inode, buf, o, left } = p;
	const y0 = p.Y[0], y1 = p.Y[1], y2 = p.Y[2], y3 = p.Y[3];
	const m0 = p.OMY[0], m1 = p.OMY[1], m2 = p.OMY[2], m3 = p.OMY[3];
	const b0 = p.B0[0], b1 = p.B0[1], b2 = p.B0[2], b3 = p.B0[3];
	const nt = p.tree_begin.length;
	for (let k = 0; k < nt; k++) {
		const begin = p.tree_begin[k], end = p.tree_end[k];
		const root = 8 * (end - begin);
		buf[root] = 1; buf[root + 1] = 1; buf[root + 2] = 1; buf[root + 3] = 1;
		for (let g = begin; g < end; g++) {
			const j = g - begin;
			const a = g * 13;
			const v = x[inode[g * 4]];
			const info = inode[g * 4 + 3];
			const gl = v !== v ? info & 1 : info < 2 ? +(v < fnode[a]) : goes_left(p, g, x);
			const gr = 1 - gl;
			left[j] = gl;
			const pv = inode[g * 4 + 2];
			const at = inode[g * 4 + 1] * 4, la = 8 * j;
			const G0 = buf[at], G1 = buf[at + 1], G2 = buf[at + 2], G3 = buf[at + 3];
			const zl = fnode[a + 1], zr = fnode[a + 2], vl = fnode[a + 3], vr = fnode[a + 4];
			if (pv < 0) {
				o[2 * j] = gl;
				o[2 * j + 1] = gr;
				buf[la] = G0 * (zl * m0 + gl * y0) * vl; buf[la + 1] = G1 * (zl * m1 + gl * y1) * vl;
				buf[la + 2] = G2 * (zl * m2 + gl * y2) * vl; buf[la + 3] = G3 * (zl * m3 + gl * y3) * vl;
				buf[la + 4] = G0 * (zr * m0 + gr * y0) * vr; buf[la + 5] = G1 * (zr * m1 + gr * y1) * vr;
				buf[la + 6] = G2 * (zr * m2 + gr * y2) * vr; buf[la + 7] = G3 * (zr * m3 + gr * y3) * vr;
			} else {
				const zp = fnode[(begin + (pv >> 1)) * 13 + 1 + (pv & 1)];
				if (o[pv] === 1) {
					o[2 * j] = gl;
					o[2 * j + 1] = gr;
					const wp = 1 - zp;
					const i0 = 1 / (zp + wp * y0), i1 = 1 / (zp + wp * y1), i2 = 1 / (zp + wp * y2), i3 = 1 / (zp + wp * y3);
					buf[la] = G0 * (zl * m0 + gl * y0) * i0 * vl; buf[la + 1] = G1 * (zl * m1 + gl * y1) * i1 * vl;
					buf[la + 2] = G2 * (zl * m2 + gl * y2) * i2 * vl; buf[la + 3] = G3 * (zl * m3 + gl * y3) * i3 * vl;
					buf[la + 4] = G0 * (zr * m0 + gr * y0) * i0 * vr; buf[la + 5] = G1 * (zr * m1 + gr * y1) * i1 * vr;
					buf[la + 6] = G2 * (zr * m2 + gr * y2) * i2 * vr; buf[la + 7] = G3 * (zr * m3 + gr * y3) * i3 * vr;
				} else {
					o[2 * j] = 0;
					o[2 * j + 1] = 0;
					const rl = zp > 0 ? (zl / zp) * vl : 0, rr = zp > 0 ? (zr / zp) * vr : 0;
					buf[la] = G0 * rl; buf[la + 1] = G1 * rl; buf[la + 2] = G2 * rl; buf[la + 3] = G3 * rl;
					buf[la + 4] = G0 * rr; buf[la + 5] = G1 * rr; buf[la + 6] = G2 * rr; buf[la + 7] = G3 * rr;
				}
			}
		}
		for (let g = end - 1; g >= begin; g--) {
			const j = g - begin;
			const at = inode[g * 4 + 1] * 4, la = 8 * j;
			const a = g * 13 + 5;
			const l0 = buf[la], l1 = buf[la + 1], l2 = buf[la + 2], l3 = buf[la + 3];
			const r0 = buf[la + 4], r1 = buf[la + 5], r2 = buf[la + 6], r3 = buf[la + 7];
			const s0 = l0 + r0, s1 = l1 + r1, s2 = l2 + r2, s3 = l3 + r3;
			buf[at] = s0; buf[at + 1] = s1; buf[at + 2] = s2; buf[at + 3] = s3;
			const off = 4 - 4 * left[j], ta = a + off, tb = la + off;
			const taken = fnode[ta] * buf[tb] + fnode[ta + 1] * buf[tb + 1] + fnode[ta + 2] * buf[tb + 2] + fnode[ta + 3] * buf[tb + 3];
			const pv = inode[g * 4 + 2];
			if (pv < 0) phi[inode[g * 4]] += taken + (b0 * s0 + b1 * s1 + b2 * s2 + b3 * s3);
			else if (o[pv] === 1) {
				const pa = (begin + (pv >> 1)) * 13 + 5 + (pv & 1) * 4;
				phi[inode[g * 4]] += taken - (fnode[pa] * s0 + fnode[pa + 1] * s1 + fnode[pa + 2] * s2 + fnode[pa + 3] * s3);
			}
		}
	}
}

/**
 * TreeSHAP contributions of one row: length n_features + 1, the last entry is the base value (expected raw
 * prediction); the sum equals the raw prediction (the log-odds for logistic). Exact (the reference's values up to
 * rounding).
 */
export function contributions(model: GbdtModel, x: Float32Array): Float64Array {
	if (x.length !== model.n_features) throw new RangeError(`expected ${model.n_features} features, got ${x.length}`);
	return contributions_with_plan(model, prepare_contributions(model), x);
}

/** `contributions` with an explicit plan (from compile_fast_shap; for tests of the fallback). */
export function contributions_with_plan(model: GbdtModel, plan: FastShapPlan, x: Float32Array): Float64Array {
	const phi = new Float64Array(plan.n_features + 1);
	if (plan.n === 3) add_fast3(plan, x, phi);
	else if (plan.n === 4) add_fast4(plan, x, phi);
	else add_fast_generic(plan, x, phi);
	if (plan.fallback.length > 0) add_reference_contributions(model, plan.fallback, x, phi);
	phi[plan.n_features] = plan.base_value;
	return phi;
}
