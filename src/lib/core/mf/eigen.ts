/**
 * Eigen-decomposition of a small symmetric matrix (q up to several hundred), used to rotate matrix-factorisation
 * factors onto their principal axes (src/lib/core/mf/compress.ts). ml-matrix's EigenvalueDecomposition (JAMA's
 * Householder tridiagonalisation + implicit QL) does the work: O(q³) once, where the cyclic Jacobi rotations this
 * module used to run cost several sweeps of it (q = 600, the recommender's six averaged runs: 6.5 s -> 1.4 s).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A is row-major q x q and symmetric; eigenvalues largest first, eigenvectors as the columns of `vectors`. */
export function symmetric_eigen(A: Float64Array, q: number): { values: Float64Array; vectors: Float64Array } {
	const rows = Array.from({ length: q }, (_, r) => Array.from(A.subarray(r * q, r * q + q)));
	const e = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
	const found = e.realEigenvalues;
	const V = e.eigenvectorMatrix;
	const order = Array.from({ length: q }, (_, i) => i).sort((a, b) => found[b] - found[a]);
	const values = Float64Array.from(order, (i) => found[i]);
	const vectors = new Float64Array(q * q);
	for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) vectors[k * q + c] = V.get(k, order[c]);
	return { values, vectors };
}
