/**
 * Fold-in: a new visitor's taste vector from their ratings, with the item factors held fixed. It solves the same
 * objective SGD minimises for a training user (surprise's SVD: squared error plus reg·|p|² and reg_bias·b² per
 * rating), which for fixed items is a ridge regression in closed form:
 *   x = [p; b_u] = argmin Σ_j (y_j − z_j·x)² + n (reg |p|² + reg_bias b_u²),   z_j = [q_j; 1],  y_j = r_j − μ − b_j
 *   A x = Zᵀ y,  A = Zᵀ Z + n·diag(reg, …, reg, reg_bias)
 * The personal part of any item's score is z_i·x = Σ_j (z_iᵀ A⁻¹ z_j) y_j: a sum over the visitor's ratings, which
 * is how each recommendation names the ratings it comes from.
 */
import { cholesky_in_place, cholesky_solve } from '../linear/cholesky';

export interface FoldInItems {
	factors: number;
	/** n_items x factors, row-major */
	Q: ArrayLike<number>;
	/** μ + b_i */
	item_bias: ArrayLike<number>;
}

export interface VisitorRating {
	item: number;
	rating: number;
}

export interface TasteVector {
	/** the visitor's factors (k) */
	p: Float64Array;
	/** the visitor's bias */
	bu: number;
	/** Cholesky factor of A ((k+1) x (k+1)), kept to explain scores */
	L: Float64Array;
	/** y_j per rating, in the order given */
	residual: Float64Array;
	ratings: VisitorRating[];
}

export function fold_in(items: FoldInItems, ratings: VisitorRating[], reg: number, reg_bias: number): TasteVector {
	const k = items.factors;
	const q = k + 1;
	const n = ratings.length;
	const A = new Float64Array(q * q);
	const b = new Float64Array(q);
	const residual = new Float64Array(n);
	const z = new Float64Array(q);
	ratings.forEach((r, j) => {
		const o = r.item * k;
		for (let f = 0; f < k; f++) z[f] = items.Q[o + f];
		z[k] = 1;
		const y = r.rating - items.item_bias[r.item];
		residual[j] = y;
		for (let a = 0; a < q; a++) {
			b[a] += z[a] * y;
			for (let c = a; c < q; c++) A[a * q + c] += z[a] * z[c];
		}
	});
	const scale = Math.max(n, 1);
	for (let a = 0; a < q; a++) {
		A[a * q + a] += scale * (a < k ? reg : reg_bias);
		for (let c = 0; c < a; c++) A[a * q + c] = A[c * q + a];
	}
	if (!cholesky_in_place(A, q)) throw new Error('fold-in: the system is not positive definite (reg must be > 0)');
	const x = cholesky_solve(A, q, b);
	return { p: x.slice(0, k), bu: x[k], L: A, residual, ratings };
}

/** Predicted rating of item i for the visitor (before clipping to the scale). */
export function predict_folded(items: FoldInItems, t: TasteVector, i: number): number {
	const k = items.factors;
	let s = items.item_bias[i] + t.bu;
	for (let f = 0; f < k; f++) s += t.p[f] * items.Q[i * k + f];
	return s;
}

/**
 * How much each of the visitor's ratings adds to item i's personal score (z_i·x); the parts sum to exactly that.
 * Same order as t.ratings.
 */
export function explain_folded(items: FoldInItems, t: TasteVector, i: number): Float64Array {
	const k = items.factors;
	const q = k + 1;
	const zi = new Float64Array(q);
	for (let f = 0; f < k; f++) zi[f] = items.Q[i * k + f];
	zi[k] = 1;
	const v = cholesky_solve(t.L, q, zi);
	return Float64Array.from(t.ratings, (r, j) => {
		let s = v[k];
		for (let f = 0; f < k; f++) s += v[f] * items.Q[r.item * k + f];
		return s * t.residual[j];
	});
}
