/**
 * Histogram gradient boosting (second-order, XGBoost-style gains) grown best-first.
 *
 * Speed comes from three things: uint8 bin codes, histogram subtraction (only the smaller child's histogram is
 * accumulated; the larger one is parent minus smaller, computed in the parent's buffer), and the sparse layout of
 * binning.ts (only non-default bins are accumulated; each feature's default bin is node total minus the rest).
 *
 * Growth is best-first: the open leaf with the highest gain is split next, until max_leaves leaves or no positive
 * gain. With the default max_leaves = 2^max_depth every positive-gain split within max_depth is made, which is the
 * same tree depth-wise growth (XGBoost's default) produces; a smaller max_leaves gives LightGBM-style leaf-wise trees.
 */

import { make_rng } from '../random';
import { bin_matrix, type BinnedMatrix } from './binning';
import { predict_tree_raw } from './predict';
import type { GbdtDataset, GbdtModel, GbdtOptions, GbdtTree, GbdtTreeDraft } from './types';

/** Largest float32: the threshold of a "values left, missing right" split (every finite float32 is below it). */
const MISSING_ONLY_THRESHOLD = 3.4028234663852886e38;

interface Settings {
	lambda: number;
	min_child_weight: number;
	min_samples_leaf: number;
	max_depth: number;
	max_leaves: number;
	learning_rate: number;
}

/** Per-tree working state, allocated once per training run and reused by every tree. */
class TreeGrower {
	readonly m: BinnedMatrix;
	readonly s: Settings;
	/** row ids; every node owns the contiguous segment [begin, end) */
	readonly rows: Int32Array;
	private readonly tmp: Int32Array;
	private readonly pool: Float64Array[] = [];
	private readonly free: number[] = [];
	/** categories sorted by gradient ratio, scratch for categorical scans */
	private readonly cat_order = new Int32Array(256);
	private readonly cat_ratio = new Float64Array(256);

	// node state (capacity 2 * max_leaves - 1)
	begin: Int32Array; end: Int32Array; depth: Int32Array; slot: Int32Array;
	G: Float64Array; H: Float64Array; C: Float64Array;
	left: Int32Array; right: Int32Array;
	// best split found for the node (gain <= 0: none)
	gain: Float64Array; feat: Int32Array; bin: Int32Array; dleft: Uint8Array;
	GL: Float64Array; HL: Float64Array; CL: Float64Array;
	cat_mask: (Uint8Array | null)[];
	n_nodes = 0;

	/** every row's hessian is 1 (squared error): see build_hist */
	private readonly unit_hess: boolean;

	constructor(m: BinnedMatrix, s: Settings, unit_hess: boolean) {
		this.m = m;
		this.s = s;
		this.unit_hess = unit_hess;
		this.rows = new Int32Array(m.n_rows);
		this.tmp = new Int32Array(m.n_rows);
		const cap = 2 * s.max_leaves - 1;
		this.begin = new Int32Array(cap); this.end = new Int32Array(cap); this.depth = new Int32Array(cap);
		this.slot = new Int32Array(cap);
		this.G = new Float64Array(cap); this.H = new Float64Array(cap); this.C = new Float64Array(cap);
		this.left = new Int32Array(cap); this.right = new Int32Array(cap);
		this.gain = new Float64Array(cap); this.feat = new Int32Array(cap); this.bin = new Int32Array(cap);
		this.dleft = new Uint8Array(cap);
		this.GL = new Float64Array(cap); this.HL = new Float64Array(cap); this.CL = new Float64Array(cap);
		this.cat_mask = new Array(cap).fill(null);
	}

	private acquire(): number {
		const free = this.free.pop();
		if (free !== undefined) return free;
		this.pool.push(new Float64Array(3 * this.m.total_bins));
		return this.pool.length - 1;
	}

	private release(slot: number) {
		if (slot >= 0) this.free.push(slot);
	}

	/**
	 * Accumulate the non-default bins of the node's rows, then derive every feature's default bin. With a unit
	 * hessian (squared error) each bin's hessian sum is its row count, so the hot loop skips it and copies the
	 * counts afterwards: one read-modify-write less per entry, and the same sums to the bit (sums of ones are exact).
	 */
	private build_hist(node: number, grad: Float64Array, hess: Float64Array) {
		const hist = this.pool[this.slot[node]];
		hist.fill(0);
		const rows = this.rows;
		const row_ptr = this.m.row_ptr;
		const entries = this.m.entries;
		let G = 0, H = 0;
		const b = this.begin[node], e = this.end[node];
		if (this.unit_hess) {
			for (let i = b; i < e; i++) {
				const r = rows[i];
				const g = grad[r];
				G += g;
				const stop = row_ptr[r + 1];
				for (let k = row_ptr[r]; k < stop; k++) {
					const j = entries[k] * 3;
					hist[j] += g;
					hist[j + 2] += 1;
				}
			}
			H = e - b;
			for (let j = 0; j < hist.length; j += 3) hist[j + 1] = hist[j + 2];
		} else {
			for (let i = b; i < e; i++) {
				const r = rows[i];
				const g = grad[r], h = hess[r];
				G += g; H += h;
				const stop = row_ptr[r + 1];
				for (let k = row_ptr[r]; k < stop; k++) {
					const j = entries[k] * 3;
					hist[j] += g;
					hist[j + 1] += h;
					hist[j + 2] += 1;
				}
			}
		}
		this.G[node] = G; this.H[node] = H; this.C[node] = e - b;
		this.complete_hist(hist, G, H, e - b);
	}

	private complete_hist(hist: Float64Array, G: number, H: number, C: number) {
		const { n_features, offsets, default_bin } = this.m;
		for (let f = 0; f < n_features; f++) {
			const start = offsets[f] * 3, stop = offsets[f + 1] * 3;
			let g = 0, h = 0, c = 0;
			for (let j = start; j < stop; j += 3) { g += hist[j]; h += hist[j + 1]; c += hist[j + 2]; }
			const d = start + default_bin[f] * 3;
			hist[d] = G - g; hist[d + 1] = H - h; hist[d + 2] = C - c;
		}
	}

	/** Best split of `node` over the allowed features; stores it in the node's best-split fields. */
	private evaluate(node: number, features: Int32Array) {
		this.gain[node] = 0;
		const { lambda, min_child_weight: mcw, min_samples_leaf: msl, max_depth } = this.s;
		const G = this.G[node], H = this.H[node], C = this.C[node];
		if (max_depth > 0 && this.depth[node] >= max_depth) return;
		if (C < 2 * msl || H < 2 * mcw) return;
		const hist = this.pool[this.slot[node]];
		const parent_score = (G * G) / (H + lambda);
		const { offsets, n_bins, is_cat } = this.m;
		let best = 1e-12; // a split must improve the objective by more than rounding noise
		for (let fi = 0; fi < features.length; fi++) {
			const f = features[fi];
			const base = offsets[f] * 3;
			const nb = n_bins[f];
			const mj = base + nb * 3;
			const Gm = hist[mj], Hm = hist[mj + 1], Cm = hist[mj + 2];
			if (is_cat[f]) {
				best = this.evaluate_categorical(node, f, hist, base, nb, Gm, Hm, Cm, G, H, C, parent_score, best);
				continue;
			}
			let gl = 0, hl = 0, cl = 0;
			// Thresholds between value bins: left = bins 0..b (+ missing when it goes left).
			for (let b = 0; b < nb - 1; b++) {
				const j = base + b * 3;
				const cb = hist[j + 2];
				if (cb === 0) continue; // same partition as the previous bin; keep the lower threshold
				gl += hist[j]; hl += hist[j + 1]; cl += cb;
				// missing goes right
				{
					const gr = G - gl, hr = H - hl, cr = C - cl;
					if (cl >= msl && cr >= msl && hl >= mcw && hr >= mcw) {
						const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent_score;
						if (gain > best) {
							best = gain;
							// with no missing rows in the node, send future missing values to the larger side
							this.set_best(node, gain, f, b, Cm > 0 ? 0 : hl >= hr ? 1 : 0, gl, hl, cl);
						}
					}
				}
				if (Cm > 0) {
					const gL = gl + Gm, hL = hl + Hm, cL = cl + Cm;
					const gr = G - gL, hr = H - hL, cr = C - cL;
					if (cL >= msl && cr >= msl && hL >= mcw && hr >= mcw) {
						const gain = (gL * gL) / (hL + lambda) + (gr * gr) / (hr + lambda) - parent_score;
						if (gain > best) {
							best = gain;
							this.set_best(node, gain, f, b, 1, gL, hL, cL);
						}
					}
				}
			}
			// Values left, missing right ("is this feature known?").
			if (Cm > 0) {
				const gl2 = G - Gm, hl2 = H - Hm, cl2 = C - Cm;
				if (cl2 >= msl && Cm >= msl && hl2 >= mcw && Hm >= mcw) {
					const gain = (gl2 * gl2) / (hl2 + lambda) + (Gm * Gm) / (Hm + lambda) - parent_score;
					if (gain > best) {
						best = gain;
						this.set_best(node, gain, f, nb - 1, 0, gl2, hl2, cl2);
					}
				}
			}
		}
	}

	/**
	 * LightGBM-style categorical split: order the categories present in the node by G / (H + lambda) (their own
	 * optimal leaf value) and try every prefix of that order as the left set; for a gain of the form
	 * G_L^2/H_L + G_R^2/H_R the best binary partition is such a prefix (Fisher 1958). Missing rows try both sides.
	 */
	private evaluate_categorical(
		node: number, f: number, hist: Float64Array, base: number, nb: number,
		Gm: number, Hm: number, Cm: number, G: number, H: number, C: number, parent_score: number, best: number
	): number {
		const { lambda, min_child_weight: mcw, min_samples_leaf: msl } = this.s;
		const order = this.cat_order, ratio = this.cat_ratio;
		let k = 0;
		for (let c = 0; c < nb; c++) {
			const j = base + c * 3;
			if (hist[j + 2] > 0) {
				order[k] = c;
				ratio[c] = hist[j] / (hist[j + 1] + lambda);
				k++;
			}
		}
		if (k === 0) return best;
		const sorted = order.subarray(0, k).sort((a, b) => ratio[a] - ratio[b] || a - b);
		let gl = 0, hl = 0, cl = 0;
		let best_prefix = -1, best_dl = 0;
		let bgl = 0, bhl = 0, bcl = 0;
		// prefix length p = i + 1; p === k (all present categories left) only makes sense against missing
		for (let i = 0; i < k; i++) {
			const j = base + sorted[i] * 3;
			gl += hist[j]; hl += hist[j + 1]; cl += hist[j + 2];
			for (let dl = 0; dl < 2; dl++) {
				if (dl === 1 && Cm === 0) break;
				const gL = dl ? gl + Gm : gl, hL = dl ? hl + Hm : hl, cL = dl ? cl + Cm : cl;
				const gr = G - gL, hr = H - hL, cr = C - cL;
				if (cL < msl || cr < msl || hL < mcw || hr < mcw) continue;
				const gain = (gL * gL) / (hL + lambda) + (gr * gr) / (hr + lambda) - parent_score;
				if (gain > best) {
					best = gain;
					best_prefix = i + 1;
					best_dl = Cm > 0 ? dl : hL >= hr ? 1 : 0;
					bgl = gL; bhl = hL; bcl = cL;
				}
			}
		}
		if (best_prefix > 0) {
			const mask = this.cat_mask[node] ?? new Uint8Array(256);
			mask.fill(0);
			for (let i = 0; i < best_prefix; i++) mask[sorted[i]] = 1;
			this.cat_mask[node] = mask;
			this.set_best(node, best, f, -1, best_dl, bgl, bhl, bcl);
		}
		return best;
	}

	private set_best(node: number, gain: number, f: number, b: number, dl: number, gl: number, hl: number, cl: number) {
		this.gain[node] = gain; this.feat[node] = f; this.bin[node] = b; this.dleft[node] = dl;
		this.GL[node] = gl; this.HL[node] = hl; this.CL[node] = cl;
	}

	/** Does a row with bin `code` of the split feature go left at `node`? */
	goes_left(node: number, code: number): boolean {
		const f = this.feat[node];
		if (code === this.m.n_bins[f]) return this.dleft[node] === 1;
		if (this.m.is_cat[f]) return (this.cat_mask[node] as Uint8Array)[code] === 1;
		return code <= this.bin[node];
	}

	/** Stable in-place partition of the node's rows into left then right. Returns the left count. */
	private partition(node: number): number {
		const f = this.feat[node];
		const n = this.m.n_rows;
		const codes = this.m.codes.subarray(f * n, (f + 1) * n);
		const rows = this.rows, tmp = this.tmp;
		const b = this.begin[node], e = this.end[node];
		const missing = this.m.n_bins[f];
		const miss_left = this.dleft[node] === 1;
		let nl = b, nr = 0;
		if (this.m.is_cat[f]) {
			const mask = this.cat_mask[node] as Uint8Array;
			for (let i = b; i < e; i++) {
				const r = rows[i];
				const c = codes[r];
				if (c === missing ? miss_left : mask[c] === 1) rows[nl++] = r;
				else tmp[nr++] = r;
			}
		} else {
			const split = this.bin[node];
			for (let i = b; i < e; i++) {
				const r = rows[i];
				const c = codes[r];
				if (c === missing ? miss_left : c <= split) rows[nl++] = r;
				else tmp[nr++] = r;
			}
		}
		rows.set(tmp.subarray(0, nr), nl);
		return nl - b;
	}

	/** Grow one tree over rows[0..n_sampled). Node ids are assigned in creation order. */
	grow(n_sampled: number, grad: Float64Array, hess: Float64Array, features: Int32Array) {
		const { max_leaves, max_depth, min_samples_leaf: msl, min_child_weight: mcw } = this.s;
		this.n_nodes = 1;
		this.begin[0] = 0; this.end[0] = n_sampled; this.depth[0] = 0;
		this.left[0] = -1; this.right[0] = -1;
		this.slot[0] = this.acquire();
		this.build_hist(0, grad, hess);
		this.evaluate(0, features);
		const open: number[] = [0];
		let leaves = 1;
		while (leaves < max_leaves && open.length > 0) {
			let pick = 0;
			for (let i = 1; i < open.length; i++) if (this.gain[open[i]] > this.gain[open[pick]]) pick = i;
			const node = open[pick];
			if (!(this.gain[node] > 0)) break;
			open.splice(pick, 1);
			const nl = this.partition(node);
			const l = this.n_nodes++, r = this.n_nodes++;
			this.left[node] = l; this.right[node] = r;
			const d = this.depth[node] + 1;
			for (const c of [l, r]) {
				this.depth[c] = d; this.left[c] = -1; this.right[c] = -1; this.slot[c] = -1; this.gain[c] = 0;
			}
			this.begin[l] = this.begin[node]; this.end[l] = this.begin[node] + nl;
			this.begin[r] = this.begin[node] + nl; this.end[r] = this.end[node];
			this.G[l] = this.GL[node]; this.H[l] = this.HL[node]; this.C[l] = nl;
			this.G[r] = this.G[node] - this.GL[node]; this.H[r] = this.H[node] - this.HL[node];
			this.C[r] = this.C[node] - nl;
			leaves++;
			const splittable = (c: number) =>
				(max_depth <= 0 || d < max_depth) && this.C[c] >= 2 * msl && this.H[c] >= 2 * mcw;
			if (leaves >= max_leaves || (!splittable(l) && !splittable(r))) {
				this.release(this.slot[node]);
				this.slot[node] = -1;
				continue;
			}
			// Accumulate the smaller child; the larger one is parent minus smaller, in the parent's buffer.
			const small = nl <= this.C[node] - nl ? l : r;
			const large = small === l ? r : l;
			this.slot[small] = this.acquire();
			this.build_hist(small, grad, hess);
			const ph = this.pool[this.slot[node]], sh = this.pool[this.slot[small]];
			for (let j = 0; j < ph.length; j++) ph[j] -= sh[j];
			this.slot[large] = this.slot[node];
			this.slot[node] = -1;
			// Exact node sums for the large child (build_hist recomputed the small one's from its rows).
			this.G[large] = this.G[node] - this.G[small]; this.H[large] = this.H[node] - this.H[small];
			for (const c of [small, large]) {
				this.evaluate(c, features);
				if (this.gain[c] > 0) open.push(c);
				else { this.release(this.slot[c]); this.slot[c] = -1; }
			}
		}
		for (const node of open) { this.release(this.slot[node]); this.slot[node] = -1; }
	}

	/** Leaf reached by training row r, following bin codes (used for rows left out by subsampling). */
	leaf_of_row(r: number): number {
		const n = this.m.n_rows;
		let node = 0;
		while (this.left[node] !== -1) {
			const code = this.m.codes[this.feat[node] * n + r];
			node = this.goes_left(node, code) ? this.left[node] : this.right[node];
		}
		return node;
	}

	/** The grown tree in the JSON model format. */
	to_tree(lambda: number, learning_rate: number): GbdtTree {
		const n = this.n_nodes;
		const t: GbdtTreeDraft = {
			feature: [], threshold: [], default_left: [], left: [], right: [], value: [], cover: [], cat: [], categories: []
		};
		for (let i = 0; i < n; i++) {
			const leaf = this.left[i] === -1;
			const f = this.feat[i];
			t.left.push(this.left[i]);
			t.right.push(this.right[i]);
			t.cover.push(this.H[i]);
			if (leaf) {
				t.feature.push(-1); t.threshold.push(0); t.default_left.push(0); t.cat.push(-1);
				t.value.push((-this.G[i] / (this.H[i] + lambda)) * learning_rate);
				continue;
			}
			t.feature.push(f);
			t.default_left.push(this.dleft[i]);
			t.value.push(0);
			if (this.m.is_cat[f]) {
				const mask = this.cat_mask[i] as Uint8Array;
				const set: number[] = [];
				for (let c = 0; c < this.m.n_bins[f]; c++) if (mask[c]) set.push(c);
				t.cat.push(t.categories.length);
				t.categories.push(set);
				t.threshold.push(0);
			} else {
				const b = this.bin[i];
				t.cat.push(-1);
				t.threshold.push(b < this.m.cuts[f].length ? this.m.cuts[f][b] : MISSING_ONLY_THRESHOLD);
			}
		}
		return t;
	}
}

function validate_dataset(d: GbdtDataset, what: string) {
	if (!(Number.isInteger(d.n_rows) && d.n_rows > 0)) throw new RangeError(`${what}: n_rows must be a positive integer`);
	if (!(Number.isInteger(d.n_features) && d.n_features > 0)) throw new RangeError(`${what}: n_features must be a positive integer`);
	if (d.X.length !== d.n_rows * d.n_features) throw new RangeError(`${what}: X length ${d.X.length} != n_rows * n_features`);
	if (d.y.length !== d.n_rows) throw new RangeError(`${what}: y length ${d.y.length} != n_rows`);
	for (let i = 0; i < d.n_rows; i++) if (!Number.isFinite(d.y[i])) throw new RangeError(`${what}: y[${i}] is not finite`);
}

function loss(objective: GbdtOptions['objective'], y: ArrayLike<number>, margin: Float64Array): number {
	let s = 0;
	const n = y.length;
	if (objective === 'squared_error') {
		for (let i = 0; i < n; i++) { const d = margin[i] - y[i]; s += d * d; }
		return Math.sqrt(s / n);
	}
	for (let i = 0; i < n; i++) {
		// log(1 + e^m) - y m, computed stably
		const m = margin[i];
		s += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - y[i] * m;
	}
	return s / n;
}

export function train_gbdt(train: GbdtDataset, options: GbdtOptions, valid?: GbdtDataset): GbdtModel {
	validate_dataset(train, 'train');
	if (valid) {
		validate_dataset(valid, 'valid');
		if (valid.n_features !== train.n_features) throw new RangeError('valid.n_features differs from train');
	}
	const { objective, n_estimators, learning_rate } = options;
	if (objective !== 'squared_error' && objective !== 'logistic') throw new RangeError(`unknown objective ${objective}`);
	if (!(Number.isInteger(n_estimators) && n_estimators >= 1)) throw new RangeError('n_estimators must be an integer >= 1');
	if (!(learning_rate > 0)) throw new RangeError('learning_rate must be > 0');
	const max_depth = options.max_depth > 0 ? Math.floor(options.max_depth) : 0;
	const max_leaves = options.max_leaves ?? (max_depth > 0 ? 2 ** Math.min(max_depth, 16) : 31);
	if (!(max_leaves >= 2)) throw new RangeError('max_leaves must be >= 2');
	const lambda = options.lambda ?? 1;
	const subsample = options.subsample ?? 1;
	const colsample = options.colsample ?? 1;
	if (!(subsample > 0 && subsample <= 1)) throw new RangeError('subsample must be in (0, 1]');
	if (!(colsample > 0 && colsample <= 1)) throw new RangeError('colsample must be in (0, 1]');
	if (!(lambda >= 0)) throw new RangeError('lambda must be >= 0');
	const settings: Settings = {
		lambda,
		min_child_weight: options.min_child_weight ?? 1,
		min_samples_leaf: Math.max(1, options.min_samples_leaf ?? 1),
		max_depth,
		max_leaves,
		learning_rate
	};
	const { n_rows: n, n_features: nf, y } = train;
	if (objective === 'logistic') {
		for (let i = 0; i < n; i++) if (y[i] !== 0 && y[i] !== 1) throw new RangeError('logistic objective needs y in {0, 1}');
	}
	const categorical = [...new Set(train.categorical ?? [])].sort((a, b) => a - b);
	const m = bin_matrix(train.X, n, nf, categorical, options.max_bins ?? 255);
	const grower = new TreeGrower(m, settings, objective === 'squared_error');
	const rng = make_rng(options.seed ?? 0);

	let y_mean = 0;
	for (let i = 0; i < n; i++) y_mean += y[i];
	y_mean /= n;
	const base_score = objective === 'squared_error'
		? y_mean
		: Math.log(Math.min(Math.max(y_mean, 1e-6), 1 - 1e-6) / (1 - Math.min(Math.max(y_mean, 1e-6), 1 - 1e-6)));

	const margin = new Float64Array(n).fill(base_score);
	const grad = new Float64Array(n);
	const hess = new Float64Array(n).fill(1);
	const valid_margin = valid ? new Float64Array(valid.n_rows).fill(base_score) : null;
	const in_sample = new Uint8Array(n);
	const all_features = Int32Array.from({ length: nf }, (_, i) => i);
	const n_cols = Math.max(1, Math.round(colsample * nf));

	const trees: GbdtTree[] = [];
	let best_loss = Infinity;
	let best_iteration = -1;
	const patience = valid && options.early_stopping_rounds && options.early_stopping_rounds > 0 ? options.early_stopping_rounds : 0;

	for (let it = 0; it < n_estimators; it++) {
		if (objective === 'squared_error') {
			for (let i = 0; i < n; i++) grad[i] = margin[i] - y[i];
		} else {
			for (let i = 0; i < n; i++) {
				const p = 1 / (1 + Math.exp(-margin[i]));
				grad[i] = p - y[i];
				hess[i] = Math.max(p * (1 - p), 1e-16);
			}
		}
		// Row subsample (Bernoulli, seeded); rows keep ascending order, which keeps CSR reads sequential.
		let n_sampled = 0;
		if (subsample < 1) {
			for (let i = 0; i < n; i++) {
				const take = rng() < subsample ? 1 : 0;
				in_sample[i] = take;
				if (take) grower.rows[n_sampled++] = i;
			}
			if (n_sampled === 0) { grower.rows[0] = 0; in_sample[0] = 1; n_sampled = 1; }
		} else {
			for (let i = 0; i < n; i++) grower.rows[i] = i;
			n_sampled = n;
		}
		let features = all_features;
		if (n_cols < nf) {
			const perm = all_features.slice();
			for (let i = 0; i < n_cols; i++) {
				const j = i + Math.floor(rng() * (nf - i));
				const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
			}
			features = perm.subarray(0, n_cols).sort();
		}

		grower.grow(n_sampled, grad, hess, features);
		const tree = grower.to_tree(lambda, learning_rate);
		trees.push(tree);

		// Update training margins: sampled rows through the node segments, the others through the bin codes.
		for (let node = 0; node < grower.n_nodes; node++) {
			if (grower.left[node] !== -1) continue;
			const v = tree.value[node];
			for (let i = grower.begin[node]; i < grower.end[node]; i++) margin[grower.rows[i]] += v;
		}
		if (subsample < 1) {
			for (let r = 0; r < n; r++) if (!in_sample[r]) margin[r] += tree.value[grower.leaf_of_row(r)];
		}

		let valid_loss: number | undefined;
		if (valid && valid_margin) {
			for (let r = 0; r < valid.n_rows; r++) valid_margin[r] += predict_tree_raw(tree, valid.X, r * nf);
			valid_loss = loss(objective, valid.y, valid_margin);
		}
		options.on_progress?.(it, loss(objective, y, margin), valid_loss);
		if (patience > 0 && valid_loss !== undefined) {
			if (valid_loss < best_loss) { best_loss = valid_loss; best_iteration = it; }
			else if (it - best_iteration >= patience) break;
		}
	}
	if (patience > 0 && best_iteration >= 0) trees.length = best_iteration + 1;
	else best_iteration = trees.length - 1;

	const { on_progress: _unused, ...params } = options;
	return {
		format: 'hitcast-gbdt',
		version: 1,
		objective,
		base_score,
		n_features: nf,
		feature_names: train.feature_names ? [...train.feature_names] : Array.from({ length: nf }, (_, i) => `f${i}`),
		categorical,
		best_iteration,
		params,
		trees
	};
}
