/**
 * The standardised design shared by the linear models: NaN imputed with the training mean, each feature centred
 * and scaled to unit variance (z = (x - mean) / scale), plus an unpenalised intercept column.
 *
 * Centring would turn the mostly-zero genre indicators dense, so rows are stored sparsely as u = x - c, where the
 * shift c is 0 for columns that are mostly zero and the mean otherwise (so u is mostly zero either way). Weighted
 * Gram matrices and gradients are accumulated over the non-zeros of u and mapped to z-coordinates exactly
 * afterwards; for dense columns the shift is the mean itself, so no large numbers cancel.
 */

import type { GbdtDataset } from '../gbdt/types';

export interface Standardisation {
	means: Float64Array;
	scales: Float64Array;
	/** per-column shift of the sparse rows (0 or the mean) */
	shift: Float64Array;
}

export interface SparseDesign {
	n_rows: number;
	p: number;
	std: Standardisation;
	row_ptr: Int32Array;
	cols: Int32Array;
	vals: Float64Array;
}

export function check_linear_dataset(d: GbdtDataset) {
	if (!(d.n_rows > 0 && d.n_features > 0)) throw new RangeError('linear model: empty dataset');
	if (d.X.length !== d.n_rows * d.n_features) throw new RangeError('linear model: X length != n_rows * n_features');
	if (d.y.length !== d.n_rows) throw new RangeError('linear model: y length != n_rows');
	for (let i = 0; i < d.n_rows; i++) if (!Number.isFinite(d.y[i])) throw new RangeError(`linear model: y[${i}] is not finite`);
}

export function build_design(d: GbdtDataset): SparseDesign {
	const { X, n_rows: n, n_features: p } = d;
	const means = new Float64Array(p), scales = new Float64Array(p), shift = new Float64Array(p);
	const known = new Float64Array(p), zeros = new Float64Array(p);
	for (let r = 0; r < n; r++) {
		const o = r * p;
		for (let j = 0; j < p; j++) {
			const v = X[o + j];
			if (v === v) { means[j] += v; known[j]++; if (v === 0) zeros[j]++; }
		}
	}
	for (let j = 0; j < p; j++) {
		means[j] = known[j] > 0 ? means[j] / known[j] : 0;
		shift[j] = zeros[j] > n / 2 ? 0 : means[j];
	}
	// variance of the imputed column (imputed rows sit at the mean and add nothing)
	const ss = new Float64Array(p);
	let nnz = 0;
	for (let r = 0; r < n; r++) {
		const o = r * p;
		for (let j = 0; j < p; j++) {
			const v = X[o + j];
			const x = v === v ? v : means[j];
			ss[j] += (x - means[j]) ** 2;
			if (x - shift[j] !== 0) nnz++;
		}
	}
	for (let j = 0; j < p; j++) {
		const sd = Math.sqrt(ss[j] / n);
		// a constant column gets scale 1: its z is 0 everywhere and its coefficient stays 0
		scales[j] = sd > 1e-12 * Math.max(1, Math.abs(means[j])) ? sd : 1;
	}
	const row_ptr = new Int32Array(n + 1);
	const cols = new Int32Array(nnz);
	const vals = new Float64Array(nnz);
	let k = 0;
	for (let r = 0; r < n; r++) {
		const o = r * p;
		for (let j = 0; j < p; j++) {
			const v = X[o + j];
			const u = (v === v ? v : means[j]) - shift[j];
			if (u !== 0) { cols[k] = j; vals[k] = u; k++; }
		}
		row_ptr[r + 1] = k;
	}
	return { n_rows: n, p, std: { means, scales, shift }, row_ptr, cols, vals };
}

/**
 * Gram matrix sum_r w_r a_r a_r^T of the standardised rows a = [1, z_1..z_p], as a dense (p+1)^2 row-major array,
 * and the vector sum_r t_r a_r. `w` null means all weights 1.
 */
export function weighted_gram(des: SparseDesign, w: ArrayLike<number> | null, t: ArrayLike<number>): { G: Float64Array; b: Float64Array } {
	const { n_rows: n, p, row_ptr, cols, vals } = des;
	const q = p + 1;
	// Accumulate in u-coordinates (index 0 = intercept, j + 1 = feature j), upper triangle only.
	const U = new Float64Array(q * q);
	const bu = new Float64Array(q);
	for (let r = 0; r < n; r++) {
		const wr = w ? w[r] : 1;
		const tr = t[r];
		U[0] += wr;
		bu[0] += tr;
		const e = row_ptr[r + 1];
		for (let k = row_ptr[r]; k < e; k++) {
			const j = cols[k] + 1;
			const wu = wr * vals[k];
			U[j] += wu; // row 0, column j
			bu[j] += tr * vals[k];
			const row = j * q;
			for (let l = k; l < e; l++) U[row + cols[l] + 1] += wu * vals[l];
		}
	}
	for (let i = 0; i < q; i++) for (let j = 0; j < i; j++) U[i * q + j] = U[j * q + i];
	// Map to z = (u - d) / s with d = mean - shift.
	const { means, scales, shift } = des.std;
	const d = new Float64Array(q), s = new Float64Array(q);
	s[0] = 1;
	for (let j = 0; j < p; j++) { d[j + 1] = means[j] - shift[j]; s[j + 1] = scales[j]; }
	const G = new Float64Array(q * q);
	for (let i = 0; i < q; i++) {
		for (let j = 0; j < q; j++) {
			const v = U[i * q + j] - d[i] * U[j] - d[j] * U[i] + d[i] * d[j] * U[0];
			G[i * q + j] = v / (s[i] * s[j]);
		}
	}
	// d[0] = 0, so row/column 0 keep their plain intercept sums
	const b = new Float64Array(q);
	for (let i = 0; i < q; i++) b[i] = (bu[i] - d[i] * bu[0]) / s[i];
	return { G, b };
}

/** Linear predictor beta_0 + sum_j beta_j z_j for every training row, over the sparse rows. */
export function linear_predictor(des: SparseDesign, beta: Float64Array, out: Float64Array) {
	const { n_rows: n, p, row_ptr, cols, vals } = des;
	const { means, scales, shift } = des.std;
	// beta_j z_j = (beta_j / s_j) u_j - beta_j d_j / s_j
	let constant = beta[0];
	const slope = new Float64Array(p);
	for (let j = 0; j < p; j++) {
		slope[j] = beta[j + 1] / scales[j];
		constant -= slope[j] * (means[j] - shift[j]);
	}
	for (let r = 0; r < n; r++) {
		let s = constant;
		for (let k = row_ptr[r]; k < row_ptr[r + 1]; k++) s += slope[cols[k]] * vals[k];
		out[r] = s;
	}
}
