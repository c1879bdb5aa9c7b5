import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web/wasm';
import { clip_rating, predict_biases, predict_svd, train_biases, train_svd, type Ratings } from '../../src/lib/core/mf/svd';
import { explain_folded, fold_in, predict_folded } from '../../src/lib/core/mf/fold_in';
import { compress_svd } from '../../src/lib/core/mf/compress';
import { symmetric_eigen } from '../../src/lib/core/mf/eigen';
import { from_half, mf_to_onnx, read_mf_onnx, to_half, MF_IO } from '../../src/lib/core/mf/onnx';
import { ranking_at_k, top_k_indices } from '../../src/lib/core/mf/ranking';
import { make_rng, normal } from '../../src/lib/core/random';
import { DEFAULT_CATALOG_MF_OPTIONS, run_catalog_mf, type CatalogMfOptions } from '../../training/tasks/catalog_mf';

/** Ratings from a known rank-2 model plus biases, every user rating every item (a small dense case). */
function low_rank(n_users: number, n_items: number, seed: number) {
	const rng = make_rng(seed);
	const P = Array.from({ length: n_users }, () => [normal(rng), normal(rng)]);
	const Q = Array.from({ length: n_items }, () => [normal(rng) * 0.5, normal(rng) * 0.5]);
	const bi = Array.from({ length: n_items }, () => normal(rng) * 0.3);
	const rows: [number, number, number][] = [];
	for (let u = 0; u < n_users; u++) for (let i = 0; i < n_items; i++) rows.push([u, i, 3 + bi[i] + P[u][0] * Q[i][0] + P[u][1] * Q[i][1]]);
	const r: Ratings = { user: Int32Array.from(rows, (x) => x[0]), item: Int32Array.from(rows, (x) => x[1]), value: Float32Array.from(rows, (x) => x[2]), n_users, n_items };
	return { r, P, Q, bi };
}

describe('biased MF by SGD', () => {
	it('fits a known low-rank matrix far better than biases alone', () => {
		const { r } = low_rank(30, 20, 3);
		const m = train_svd(r, { factors: 4, epochs: 200, lr: 0.02, reg: 0.001, reg_bias: 0.001, init_std: 0.1, seed: 1, lr_decay: 1 });
		const b = train_biases(r, undefined, 0, 0);
		let se = 0;
		let se_b = 0;
		for (let k = 0; k < r.value.length; k++) {
			se += (predict_svd(m, r.user[k], r.item[k]) - r.value[k]) ** 2;
			se_b += (predict_biases(b, r.user[k], r.item[k]) - r.value[k]) ** 2;
		}
		const rmse = Math.sqrt(se / r.value.length);
		expect(rmse).toBeLessThan(0.05);
		expect(Math.sqrt(se_b / r.value.length)).toBeGreaterThan(5 * rmse);
	});
	it('is deterministic for a seed, and an average of runs keeps the model form', () => {
		const { r } = low_rank(10, 8, 4);
		const o = { factors: 3, epochs: 5, lr: 0.01, reg: 0.02, reg_bias: 0.02, init_std: 0.1, seed: 9, lr_decay: 1 };
		expect(train_svd(r, o).Q).toEqual(train_svd(r, o).Q);
		const runs = [train_svd(r, o), train_svd(r, { ...o, seed: 10 })];
		const avg = train_svd(r, { ...o, seeds: 2 });
		expect(avg.factors).toBe(6);
		const want = (runs[0].mu + runs[0].bu[2] + runs[0].bi[5] + runs[1].mu + runs[1].bu[2] + runs[1].bi[5]) / 2 +
			(predict_svd(runs[0], 2, 5) - runs[0].mu - runs[0].bu[2] - runs[0].bi[5] + predict_svd(runs[1], 2, 5) - runs[1].mu - runs[1].bu[2] - runs[1].bi[5]) / 2;
		expect(predict_svd(avg, 2, 5)).toBeCloseTo(want, 12);
	});
	it('biases by ALS: with no shrinkage, item means on a balanced table', () => {
		// two users rate both items: item 0 gets 4 and 2, item 1 gets 5 and 3 -> mu 3.5, bi -0.5 / +0.5
		const r: Ratings = { user: Int32Array.from([0, 0, 1, 1]), item: Int32Array.from([0, 1, 0, 1]), value: Float32Array.from([4, 5, 2, 3]), n_users: 2, n_items: 2 };
		const b = train_biases(r, undefined, 0, 0);
		expect(b.mu).toBe(3.5);
		expect(b.bi[1] - b.bi[0]).toBeCloseTo(1, 10);
		expect(b.bu[0] - b.bu[1]).toBeCloseTo(2, 10);
		expect(clip_rating(7)).toBe(5);
		expect(clip_rating(-1)).toBe(0.5);
	});
});

describe('fold-in', () => {
	it('solves the one-factor case by hand', () => {
		// items: q = [1], [2]; item_bias 3 and 3. ratings 4 and 5 -> y = 1, 2; z = [1,1], [2,1]; n = 2, reg 0.5, reg_bias 0.5
		// A = [[1+4, 1+2], [1+2, 1+1]] + 2*0.5*I = [[6, 3], [3, 3]], b = [1+4, 1+2] = [5, 3]
		// x = A^-1 b: det 9; x = [(3*5 - 3*3)/9, (6*3 - 3*5)/9] = [2/3, 1/3]
		const items = { factors: 1, Q: [1, 2], item_bias: [3, 3] };
		const t = fold_in(items, [{ item: 0, rating: 4 }, { item: 1, rating: 5 }], 0.5, 0.5);
		expect(t.p[0]).toBeCloseTo(2 / 3, 12);
		expect(t.bu).toBeCloseTo(1 / 3, 12);
		expect(predict_folded(items, t, 1)).toBeCloseTo(3 + 1 / 3 + 4 / 3, 12);
	});
	it('recovers a known taste vector from exact ratings with tiny regularisation', () => {
		const rng = make_rng(8);
		const k = 3;
		const n = 12;
		const Q = Array.from({ length: n * k }, () => normal(rng));
		const item_bias = Array.from({ length: n }, () => 3 + normal(rng) * 0.2);
		const p = [0.5, -0.3, 0.8];
		const bu = 0.2;
		const ratings = Array.from({ length: 8 }, (_, i) => ({ item: i, rating: item_bias[i] + bu + p.reduce((s, v, f) => s + v * Q[i * k + f], 0) }));
		const t = fold_in({ factors: k, Q, item_bias }, ratings, 1e-9, 1e-9);
		for (let f = 0; f < k; f++) expect(t.p[f]).toBeCloseTo(p[f], 6);
		expect(t.bu).toBeCloseTo(bu, 6);
	});
	it('explains each score as a sum over the visitor ratings', () => {
		const rng = make_rng(2);
		const k = 4;
		const Q = Array.from({ length: 10 * k }, () => normal(rng) * 0.5);
		const item_bias = Array.from({ length: 10 }, () => 3.5);
		const items = { factors: k, Q, item_bias };
		const t = fold_in(items, [{ item: 0, rating: 5 }, { item: 3, rating: 1 }, { item: 7, rating: 4 }], 0.1, 0.02);
		for (const i of [1, 2, 9]) {
			const parts = explain_folded(items, t, i);
			expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(predict_folded(items, t, i) - item_bias[i], 10);
		}
	});
});

describe('compression onto principal axes', () => {
	it('keeps predictions exactly when no axis is dropped, and the eigenvectors are orthonormal', () => {
		const { r } = low_rank(12, 9, 6);
		const m = train_svd(r, { factors: 4, epochs: 20, lr: 0.01, reg: 0.02, reg_bias: 0.02, init_std: 0.1, seed: 1, lr_decay: 1 });
		const c = compress_svd(m, 4);
		expect(predict_svd(c, 3, 5)).toBeCloseTo(predict_svd(m, 3, 5), 10);
		const A = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
		const { values, vectors } = symmetric_eigen(A, 3);
		expect(values[0]).toBeGreaterThan(values[1]);
		for (let a = 0; a < 3; a++) {
			let norm = 0;
			for (let i = 0; i < 3; i++) norm += vectors[i * 3 + a] ** 2;
			expect(norm).toBeCloseTo(1, 10);
		}
		expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(9, 10);
	});
	it('eigenpairs of a random symmetric matrix satisfy A v = λ v, largest first', () => {
		const q = 12;
		const rng = make_rng(5);
		const A = new Float64Array(q * q);
		for (let i = 0; i < q; i++) for (let j = i; j < q; j++) A[i * q + j] = A[j * q + i] = normal(rng);
		const { values, vectors } = symmetric_eigen(A, q);
		for (let c = 1; c < q; c++) expect(values[c]).toBeLessThanOrEqual(values[c - 1]);
		for (let c = 0; c < q; c++) {
			for (let i = 0; i < q; i++) {
				let av = 0;
				for (let k = 0; k < q; k++) av += A[i * q + k] * vectors[k * q + c];
				expect(av).toBeCloseTo(values[c] * vectors[i * q + c], 9);
			}
		}
	});
	it('with a rank-2 truth, two axes keep almost every prediction', () => {
		const { r } = low_rank(30, 20, 3);
		const m = train_svd(r, { factors: 8, epochs: 150, lr: 0.02, reg: 0.001, reg_bias: 0.001, init_std: 0.01, seed: 1, lr_decay: 1 });
		const c = compress_svd(m, 2);
		let max = 0;
		for (let k = 0; k < r.value.length; k++) max = Math.max(max, Math.abs(predict_svd(c, r.user[k], r.item[k]) - predict_svd(m, r.user[k], r.item[k])));
		expect(max).toBeLessThan(0.1);
		expect(c.energy).toBeGreaterThan(0.95);
	});
});

describe('the ONNX scorer', () => {
	it('round-trips its initializers and matches plain arithmetic in onnxruntime-web, mask and TopK included', async () => {
		const rng = make_rng(4);
		const k = 3;
		const n = 7;
		const Q = Float32Array.from({ length: n * k }, () => normal(rng));
		const item_bias = Float32Array.from({ length: n }, () => 3 + normal(rng) * 0.3);
		const bytes = mf_to_onnx({ factors: k, n_items: n, Q, item_bias, mu: 3.1 }, 3);
		const back = read_mf_onnx(bytes);
		// factors travel as float16: within half a unit in the last place (2^-11 relative)
		for (let j = 0; j < Q.length; j++) expect(Math.abs(back.Q[j] - Q[j])).toBeLessThanOrEqual(Math.abs(Q[j]) * 2 ** -11 + 1e-7);
		expect(back.item_bias).toEqual(item_bias);
		expect([back.factors, back.n_items, back.top_k, back.mu]).toEqual([k, n, 3, 3.1]);
		ort.env.wasm.numThreads = 1;
		const session = await ort.InferenceSession.create(bytes);
		const user = Float32Array.from([0.5, -1, 0.25]);
		const mask = new Float32Array(n);
		const R = back.Q;
		const want = Array.from({ length: n }, (_, i) => item_bias[i] + user[0] * R[i * k] + user[1] * R[i * k + 1] + user[2] * R[i * k + 2]);
		const best = want.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]);
		mask[best[0][1]] = -1e9; // exclude the best: TopK must return the next three
		const out = await session.run({ [MF_IO.user]: new ort.Tensor('float32', user, [1, k]), [MF_IO.mask]: new ort.Tensor('float32', mask, [1, n]) });
		const rating = out[MF_IO.rating].data as Float32Array;
		for (let i = 0; i < n; i++) expect(rating[i]).toBeCloseTo(want[i], 5);
		expect(Array.from(out[MF_IO.top_indices].data as BigInt64Array, Number)).toEqual(best.slice(1, 4).map((x) => x[1]));
		await session.release();
	});
});

describe('float16', () => {
	it('round-trips exactly representable values and rounds to nearest', () => {
		for (const x of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, -0.375]) expect(from_half(to_half(x))).toBe(x);
		expect(from_half(to_half(1 + 2 ** -11))).toBe(1); // a tie rounds to even
		expect(from_half(to_half(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
		expect(from_half(to_half(1e6))).toBe(Infinity);
	});
});

describe('ranking metrics', () => {
	it('precision, recall and NDCG at k by hand', () => {
		// ranked 5,3,9 with relevant {3, 7}: one hit at rank 2
		const r = ranking_at_k([5, 3, 9], new Set([3, 7]), 3);
		expect(r.precision).toBeCloseTo(1 / 3, 12);
		expect(r.recall).toBeCloseTo(1 / 2, 12);
		expect(r.ndcg).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 12);
		expect(ranking_at_k([3, 7], new Set([3, 7]), 2).ndcg).toBeCloseTo(1, 12);
	});
	it('top_k_indices: largest first, ties by index, skipping excluded', () => {
		expect(Array.from(top_k_indices([1, 5, 3, 5, 4], 3))).toEqual([1, 3, 4]);
		expect(Array.from(top_k_indices([1, 5, 3, 5, 4], 3, (i) => i === 1))).toEqual([3, 4, 2]);
	});
});

describe('the recommender search and cross-validation (worker threads)', () => {
	const small = (factors: number, reg: number) => ({ factors, epochs: 15, lr: 0.02, reg, reg_bias: 0.02, init_std: 0.1, seed: 1, lr_decay: 1 });
	const options = (grid: ReturnType<typeof small>[]): CatalogMfOptions => ({ ...DEFAULT_CATALOG_MF_OPTIONS, grid, serve_factors: 2, serve_min_ratings: 1 });

	it('chooses the lowest fold-1 RMSE and reports that setting on every fold, fold 1 reused from the search', async () => {
		const { r } = low_rank(40, 30, 11);
		const good = small(4, 0.01);
		const poor = small(1, 2);
		const searched = await run_catalog_mf(r, options([poor, good]), 2, () => {});
		expect(searched.chosen).toEqual(good);
		expect(searched.search.map((s) => s.options)).toEqual([poor, good]);
		expect(searched.folds).toHaveLength(5);
		expect(searched.folds[0].rmse).toBe(searched.search[1].rmse);
		// the chosen setting's scores do not depend on what else the grid tried
		const alone = await run_catalog_mf(r, options([good]), 2, () => {});
		expect(alone.folds).toEqual(searched.folds.map((f, k) => ({ ...f, fit_ms: alone.folds[k].fit_ms })));
		expect(searched.folds.every((f) => f.ranking !== undefined && f.rmse < f.bias_rmse)).toBe(true);
	}, 60_000);
});
