/**
 * Biased matrix factorisation trained by stochastic gradient descent, as the surprise library's SVD:
 *   r̂(u, i) = μ + b_u + b_i + p_u · q_i
 * Exact per-rating SGD over the training ratings, visited in a fresh seeded shuffle every epoch (the order matters:
 * a fixed order lets the last users of each epoch dominate). Factors start as N(0, init_std²). Pure TypeScript,
 * shared by the training pipeline and the tests.
 */
import { make_rng, normal } from '../random';
import { dot } from './dot';

export interface Ratings {
	/** dense user index 0..n_users-1 */
	user: Int32Array;
	/** dense item index 0..n_items-1 */
	item: Int32Array;
	value: Float32Array;
	n_users: number;
	n_items: number;
}

export interface SvdOptions {
	factors: number;
	epochs: number;
	/** learning rate of factors and biases */
	lr: number;
	/** L2 weight of factors */
	reg: number;
	/** L2 weight of biases (surprise uses one reg for all; a separate one is allowed) */
	reg_bias: number;
	init_std: number;
	seed: number;
	/** learning rate multiplied by this after every epoch (1 = constant, as surprise) */
	lr_decay: number;
	/**
	 * independent SGD runs (seeds seed, seed+1, ...) averaged. The average of S biased MFs is itself one biased MF
	 * with S·factors factors (each run's factors scaled by 1/√S, concatenated) and averaged biases, so the result
	 * keeps the model's form; averaging removes much of each run's SGD noise (about -0.003 RMSE here for 3 runs).
	 */
	seeds?: number;
}

export const SURPRISE_DEFAULTS: SvdOptions = { factors: 100, epochs: 20, lr: 0.005, reg: 0.02, reg_bias: 0.02, init_std: 0.1, seed: 1, lr_decay: 1 };

export interface SvdModel {
	factors: number;
	mu: number;
	bu: Float64Array;
	bi: Float64Array;
	/** n_users x factors, row-major */
	P: Float64Array;
	/** n_items x factors, row-major */
	Q: Float64Array;
}

export function mean_rating(r: Ratings, rows?: Int32Array): number {
	let s = 0;
	const n = rows ? rows.length : r.value.length;
	for (let k = 0; k < n; k++) s += r.value[rows ? rows[k] : k];
	return n ? s / n : 0;
}

/** Fit on `rows` of `r` (every rating when omitted); an average of o.seeds runs when it is above 1. */
export function train_svd(r: Ratings, o: SvdOptions, rows?: Int32Array): SvdModel {
	const S = o.seeds ?? 1;
	if (S <= 1) return train_svd_once(r, o, rows);
	const runs = Array.from({ length: S }, (_, s) => train_svd_once(r, { ...o, seed: o.seed + s }, rows));
	const k = o.factors;
	const K = S * k;
	const scale = 1 / Math.sqrt(S);
	const concat = (get: (m: SvdModel) => Float64Array, rows_n: number) => {
		const out = new Float64Array(rows_n * K);
		runs.forEach((m, s) => {
			const X = get(m);
			for (let a = 0; a < rows_n; a++) for (let f = 0; f < k; f++) out[a * K + s * k + f] = X[a * k + f] * scale;
		});
		return out;
	};
	const mean = (get: (m: SvdModel) => Float64Array) => {
		const out = new Float64Array(get(runs[0]).length);
		for (const m of runs) get(m).forEach((v, i) => (out[i] += v / S));
		return out;
	};
	return { factors: K, mu: runs[0].mu, bu: mean((m) => m.bu), bi: mean((m) => m.bi), P: concat((m) => m.P, r.n_users), Q: concat((m) => m.Q, r.n_items) };
}

function train_svd_once(r: Ratings, o: SvdOptions, rows?: Int32Array): SvdModel {
	const k = o.factors;
	const rng = make_rng(o.seed);
	const idx = rows ? Int32Array.from(rows) : Int32Array.from({ length: r.value.length }, (_, i) => i);
	const mu = mean_rating(r, idx);
	const bu = new Float64Array(r.n_users);
	const bi = new Float64Array(r.n_items);
	const P = new Float64Array(r.n_users * k);
	const Q = new Float64Array(r.n_items * k);
	for (let j = 0; j < P.length; j++) P[j] = normal(rng) * o.init_std;
	for (let j = 0; j < Q.length; j++) Q[j] = normal(rng) * o.init_std;
	const { user, item, value } = r;
	let lr = o.lr;
	const reg = o.reg;
	const reg_b = o.reg_bias;
	for (let epoch = 0; epoch < o.epochs; epoch++) {
		for (let a = idx.length - 1; a > 0; a--) {
			const b = Math.floor(rng() * (a + 1));
			const t = idx[a];
			idx[a] = idx[b];
			idx[b] = t;
		}
		// p <- p + lr (err q - reg p) written as p·shrink + lr·err·q: the same step with one multiply less per factor
		const shrink = 1 - lr * reg;
		for (let n = 0; n < idx.length; n++) {
			const row = idx[n];
			const u = user[row];
			const i = item[row];
			const pu = u * k;
			const qi = i * k;
			// The dot product and the update are this fit's whole cost (k multiply-adds each, per rating and epoch);
			// the update goes two factors per step.
			const err = value[row] - (mu + bu[u] + bi[i] + dot(P, pu, Q, qi, k));
			bu[u] += lr * (err - reg_b * bu[u]);
			bi[i] += lr * (err - reg_b * bi[i]);
			const step = lr * err;
			let g = 0;
			for (; g + 1 < k; g += 2) {
				const p0 = P[pu + g], q0 = Q[qi + g], p1 = P[pu + g + 1], q1 = Q[qi + g + 1];
				P[pu + g] = p0 * shrink + step * q0;
				Q[qi + g] = q0 * shrink + step * p0;
				P[pu + g + 1] = p1 * shrink + step * q1;
				Q[qi + g + 1] = q1 * shrink + step * p1;
			}
			if (g < k) {
				const p = P[pu + g], q = Q[qi + g];
				P[pu + g] = p * shrink + step * q;
				Q[qi + g] = q * shrink + step * p;
			}
		}
		lr *= o.lr_decay;
	}
	return { factors: k, mu, bu, bi, P, Q };
}

export function predict_svd(m: SvdModel, u: number, i: number): number {
	const k = m.factors;
	let dot = 0;
	for (let f = 0; f < k; f++) dot += m.P[u * k + f] * m.Q[i * k + f];
	return m.mu + m.bu[u] + m.bi[i] + dot;
}

export interface BiasModel {
	mu: number;
	bu: Float64Array;
	bi: Float64Array;
}

/**
 * The user + item bias baseline (surprise's BaselineOnly with ALS): alternately solve item then user biases in
 * closed form with shrinkage reg_i / reg_u (surprise's defaults: 10 and 15, 10 epochs).
 */
export function train_biases(r: Ratings, rows?: Int32Array, reg_i = 10, reg_u = 15, epochs = 10): BiasModel {
	const idx = rows ?? Int32Array.from({ length: r.value.length }, (_, i) => i);
	const mu = mean_rating(r, idx);
	const bu = new Float64Array(r.n_users);
	const bi = new Float64Array(r.n_items);
	const sum = new Float64Array(Math.max(r.n_users, r.n_items));
	const cnt = new Float64Array(sum.length);
	for (let e = 0; e < epochs; e++) {
		sum.fill(0);
		cnt.fill(0);
		for (const row of idx) {
			const i = r.item[row];
			sum[i] += r.value[row] - mu - bu[r.user[row]];
			cnt[i]++;
		}
		for (let i = 0; i < r.n_items; i++) bi[i] = sum[i] / (reg_i + cnt[i]);
		sum.fill(0);
		cnt.fill(0);
		for (const row of idx) {
			const u = r.user[row];
			sum[u] += r.value[row] - mu - bi[r.item[row]];
			cnt[u]++;
		}
		for (let u = 0; u < r.n_users; u++) bu[u] = sum[u] / (reg_u + cnt[u]);
	}
	return { mu, bu, bi };
}

export function predict_biases(m: BiasModel, u: number, i: number): number {
	return m.mu + m.bu[u] + m.bi[i];
}

/** Predictions are clipped to the rating scale before scoring, as surprise does. */
export function clip_rating(x: number, lo = 0.5, hi = 5): number {
	return x < lo ? lo : x > hi ? hi : x;
}
