/**
 * Rotate a trained factorisation onto the principal axes of its item factors and keep the first d: P' = P V_d,
 * Q' = Q V_d, where V are the eigenvectors of QᵀQ. For an orthogonal V, P Qᵀ = (P V)(Q V)ᵀ exactly; dropping the
 * low-variance axes changes predictions little (the pipeline measures how little on held-out ratings) and shrinks
 * what the browser downloads by k/d.
 */
import { symmetric_eigen } from './eigen';
import type { SvdModel } from './svd';

export function compress_svd(m: SvdModel, d: number): SvdModel & { energy: number } {
	const k = m.factors;
	if (d >= k) return { ...m, energy: 1 };
	const C = new Float64Array(k * k);
	const n_items = m.bi.length;
	for (let i = 0; i < n_items; i++) {
		const o = i * k;
		for (let a = 0; a < k; a++) {
			const qa = m.Q[o + a];
			if (qa === 0) continue;
			for (let b = a; b < k; b++) C[a * k + b] += qa * m.Q[o + b];
		}
	}
	for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) C[a * k + b] = C[b * k + a];
	const { values, vectors } = symmetric_eigen(C, k);
	const project = (X: Float64Array, rows: number) => {
		const out = new Float64Array(rows * d);
		for (let r = 0; r < rows; r++) {
			for (let c = 0; c < d; c++) {
				let s = 0;
				for (let a = 0; a < k; a++) s += X[r * k + a] * vectors[a * k + c];
				out[r * d + c] = s;
			}
		}
		return out;
	};
	let kept = 0;
	let total = 0;
	values.forEach((v, i) => {
		total += v;
		if (i < d) kept += v;
	});
	return { factors: d, mu: m.mu, bu: m.bu, bi: m.bi, P: project(m.P, m.bu.length), Q: project(m.Q, n_items), energy: total > 0 ? kept / total : 1 };
}
