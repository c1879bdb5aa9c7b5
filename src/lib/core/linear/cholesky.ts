/** Dense symmetric positive-definite solves for the small (~130 x 130) normal equations of the linear models. */

/** In-place lower Cholesky factor of the q x q row-major matrix A; returns false if A is not positive definite. */
export function cholesky_in_place(A: Float64Array, q: number): boolean {
	for (let j = 0; j < q; j++) {
		let d = A[j * q + j];
		for (let k = 0; k < j; k++) d -= A[j * q + k] ** 2;
		if (!(d > 0)) return false;
		const l = Math.sqrt(d);
		A[j * q + j] = l;
		for (let i = j + 1; i < q; i++) {
			let s = A[i * q + j];
			for (let k = 0; k < j; k++) s -= A[i * q + k] * A[j * q + k];
			A[i * q + j] = s / l;
		}
	}
	return true;
}

/** Solve L L^T x = b given the factor from cholesky_in_place. */
export function cholesky_solve(L: Float64Array, q: number, b: ArrayLike<number>): Float64Array {
	const x = Float64Array.from(b);
	for (let i = 0; i < q; i++) {
		let s = x[i];
		for (let k = 0; k < i; k++) s -= L[i * q + k] * x[k];
		x[i] = s / L[i * q + i];
	}
	for (let i = q - 1; i >= 0; i--) {
		let s = x[i];
		for (let k = i + 1; k < q; k++) s -= L[k * q + i] * x[k];
		x[i] = s / L[i * q + i];
	}
	return x;
}

/**
 * Solve (A) x = b for symmetric positive semi-definite A. If A is singular (e.g. lambda = 0 with collinear or
 * constant columns) a jitter proportional to its mean diagonal is added until the factorisation succeeds, which
 * picks a minimum-norm-like solution instead of failing.
 */
export function solve_spd(A: Float64Array, q: number, b: ArrayLike<number>): Float64Array {
	let mean_diag = 0;
	for (let i = 0; i < q; i++) mean_diag += A[i * q + i];
	mean_diag = Math.max(mean_diag / q, 1e-300);
	for (let jitter = 0, attempt = 0; attempt < 8; attempt++, jitter = jitter === 0 ? 1e-12 * mean_diag : jitter * 100) {
		const L = A.slice();
		for (let i = 0; i < q; i++) L[i * q + i] += jitter;
		if (cholesky_in_place(L, q)) return cholesky_solve(L, q, b);
	}
	throw new Error('solve_spd: matrix is not positive semi-definite');
}
