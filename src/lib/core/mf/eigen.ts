/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. Used to rotate matrix-factorisation
 * factors onto their principal axes (src/lib/core/mf/compress.ts); q is at most a few hundred.
 */
export function symmetric_eigen(A_in: Float64Array, q: number, sweeps = 60): { values: Float64Array; vectors: Float64Array } {
	const A = Float64Array.from(A_in);
	// V holds the eigenvectors as columns (row-major q x q)
	const V = new Float64Array(q * q);
	for (let i = 0; i < q; i++) V[i * q + i] = 1;
	for (let sweep = 0; sweep < sweeps; sweep++) {
		let off = 0;
		for (let i = 0; i < q; i++) for (let j = i + 1; j < q; j++) off += A[i * q + j] ** 2;
		if (off < 1e-22) break;
		for (let p = 0; p < q; p++) {
			for (let r = p + 1; r < q; r++) {
				const apr = A[p * q + r];
				if (Math.abs(apr) < 1e-300) continue;
				const theta = (A[r * q + r] - A[p * q + p]) / (2 * apr);
				const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < q; k++) {
					const akp = A[k * q + p];
					const akr = A[k * q + r];
					A[k * q + p] = c * akp - s * akr;
					A[k * q + r] = s * akp + c * akr;
				}
				for (let k = 0; k < q; k++) {
					const apk = A[p * q + k];
					const ark = A[r * q + k];
					A[p * q + k] = c * apk - s * ark;
					A[r * q + k] = s * apk + c * ark;
				}
				for (let k = 0; k < q; k++) {
					const vkp = V[k * q + p];
					const vkr = V[k * q + r];
					V[k * q + p] = c * vkp - s * vkr;
					V[k * q + r] = s * vkp + c * vkr;
				}
			}
		}
	}
	// sort by eigenvalue, largest first
	const order = Array.from({ length: q }, (_, i) => i).sort((a, b) => A[b * q + b] - A[a * q + a]);
	const values = Float64Array.from(order, (i) => A[i * q + i]);
	const vectors = new Float64Array(q * q);
	for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) vectors[k * q + c] = V[k * q + order[c]];
	return { values, vectors };
}
