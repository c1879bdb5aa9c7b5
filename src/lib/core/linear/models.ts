/**
 * Ridge regression and L2-penalised logistic regression on standardised features (see design.ts).
 *
 * Both minimise  loss + lambda * sum_j beta_j^2  over standardised coefficients (the intercept is not penalised):
 * squared error summed over rows for ridge (scikit-learn's Ridge(alpha = lambda) on standardised X), negative
 * log-likelihood summed over rows for logistic. Ridge is solved in closed form (Cholesky on the normal equations),
 * logistic by Newton's method (IRLS) with step halving.
 *
 * The fitted model is a JSON-serialisable object; prediction needs only `means` (imputation of NaN), `coef` and
 * `intercept`, which are on the original feature scale. `coef_std` are the standardised coefficients (comparable
 * effect sizes across features).
 */

import type { GbdtDataset } from '../gbdt/types';
import { solve_spd } from './cholesky';
import { build_design, check_linear_dataset, linear_predictor, weighted_gram, type SparseDesign } from './design';

export interface LinearModel {
	kind: 'ridge' | 'logistic';
	n_features: number;
	feature_names: string[];
	lambda: number;
	/** training means: a NaN input is replaced by its feature's mean */
	means: number[];
	/** training standard deviations (1 for constant features) */
	scales: number[];
	/** coefficients on standardised features */
	coef_std: number[];
	/** coefficients on the original scale: prediction = intercept + sum_j coef[j] * x_j (after imputation) */
	coef: number[];
	intercept: number;
	/** logistic only: Newton iterations used */
	iterations?: number;
}

function finish(kind: LinearModel['kind'], d: GbdtDataset, des: SparseDesign, lambda: number, beta: Float64Array): LinearModel {
	const p = des.p;
	const { means, scales } = des.std;
	const coef: number[] = [];
	let intercept = beta[0];
	for (let j = 0; j < p; j++) {
		const c = beta[j + 1] / scales[j];
		coef.push(c);
		intercept -= c * means[j];
	}
	return {
		kind,
		n_features: p,
		feature_names: d.feature_names ? [...d.feature_names] : Array.from({ length: p }, (_, i) => `f${i}`),
		lambda,
		means: Array.from(means),
		scales: Array.from(scales),
		coef_std: Array.from(beta.subarray(1)),
		coef,
		intercept
	};
}

function penalise(G: Float64Array, q: number, lambda: number) {
	for (let j = 1; j < q; j++) G[j * q + j] += lambda;
}

export function fit_ridge(dataset: GbdtDataset, lambda: number): LinearModel {
	check_linear_dataset(dataset);
	if (!(lambda >= 0)) throw new RangeError('fit_ridge: lambda must be >= 0');
	const des = build_design(dataset);
	const q = des.p + 1;
	const { G, b } = weighted_gram(des, null, dataset.y);
	penalise(G, q, lambda);
	return finish('ridge', dataset, des, lambda, solve_spd(G, q, b));
}

/** Raw linear score intercept + coef . x of each row (NaN imputed with the training mean). */
export function linear_scores(model: LinearModel, X: Float32Array, n_rows: number): Float64Array {
	const p = model.n_features;
	if (X.length !== n_rows * p) throw new RangeError(`X has ${X.length} values, expected ${n_rows} x ${p}`);
	const out = new Float64Array(n_rows);
	const { coef, means, intercept } = model;
	for (let r = 0; r < n_rows; r++) {
		let s = intercept;
		const o = r * p;
		for (let j = 0; j < p; j++) {
			const v = X[o + j];
			s += coef[j] * (v === v ? v : means[j]);
		}
		out[r] = s;
	}
	return out;
}

export function predict_ridge(model: LinearModel, X: Float32Array, n_rows: number): Float64Array {
	return linear_scores(model, X, n_rows);
}

function log1pexp(m: number) {
	return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
}

export interface LogisticOptions {
	max_iter?: number;
	/** stop when the penalised loss improves by less than tol * n_rows */
	tol?: number;
}

export function fit_logistic(dataset: GbdtDataset, lambda: number, opts: LogisticOptions = {}): LinearModel {
	check_linear_dataset(dataset);
	if (!(lambda >= 0)) throw new RangeError('fit_logistic: lambda must be >= 0');
	const y = dataset.y;
	const n = dataset.n_rows;
	let pos = 0;
	for (let i = 0; i < n; i++) {
		if (y[i] !== 0 && y[i] !== 1) throw new RangeError('fit_logistic: y must be 0 or 1');
		pos += y[i];
	}
	const des = build_design(dataset);
	const q = des.p + 1;
	const max_iter = opts.max_iter ?? 50;
	const tol = opts.tol ?? 1e-10;
	const beta = new Float64Array(q);
	// start at the base rate, so a model with no signal is right from iteration 0
	const rate = Math.min(Math.max(pos / n, 1e-6), 1 - 1e-6);
	beta[0] = Math.log(rate / (1 - rate));
	const eta = new Float64Array(n), w = new Float64Array(n), r = new Float64Array(n);
	const objective = (b: Float64Array) => {
		linear_predictor(des, b, eta);
		let s = 0;
		for (let i = 0; i < n; i++) s += log1pexp(eta[i]) - y[i] * eta[i];
		for (let j = 1; j < q; j++) s += lambda * b[j] * b[j];
		return s;
	};
	let f = objective(beta);
	let it = 0;
	for (; it < max_iter; it++) {
		// gradient = sum (p - y) a + 2 lambda beta; Hessian = sum p(1-p) a a^T + 2 lambda I
		for (let i = 0; i < n; i++) {
			const p = 1 / (1 + Math.exp(-eta[i]));
			w[i] = Math.max(p * (1 - p), 1e-12);
			r[i] = p - y[i];
		}
		const { G, b: g } = weighted_gram(des, w, r);
		penalise(G, q, 2 * lambda);
		for (let j = 1; j < q; j++) g[j] += 2 * lambda * beta[j];
		const step = solve_spd(G, q, g);
		let t = 1;
		let next = beta.slice();
		let f_next = f;
		for (let halvings = 0; halvings < 30; halvings++, t /= 2) {
			for (let j = 0; j < q; j++) next[j] = beta[j] - t * step[j];
			f_next = objective(next);
			if (f_next <= f) break;
		}
		if (!(f_next <= f)) { linear_predictor(des, beta, eta); break; }
		const improvement = f - f_next;
		beta.set(next);
		f = f_next;
		if (improvement < tol * n) { it++; break; }
	}
	const model = finish('logistic', dataset, des, lambda, beta);
	model.iterations = it;
	return model;
}

export function predict_logistic(model: LinearModel, X: Float32Array, n_rows: number): Float64Array {
	const s = linear_scores(model, X, n_rows);
	for (let i = 0; i < n_rows; i++) s[i] = s[i] >= 0 ? 1 / (1 + Math.exp(-s[i])) : Math.exp(s[i]) / (1 + Math.exp(s[i]));
	return s;
}
