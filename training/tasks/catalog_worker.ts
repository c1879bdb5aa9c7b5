/** Worker-thread side of the recommender fits: one fold (scores + ranking) or the final fit per job. */
import { parentPort, workerData } from 'node:worker_threads';
import { clip_rating, predict_biases, train_biases, train_svd, type Ratings, type SvdOptions } from '../../src/lib/core/mf/svd';
import { compress_svd } from '../../src/lib/core/mf/compress';
import { ranking_at_k, top_k_indices } from '../../src/lib/core/mf/ranking';

export interface CatalogWorkerInit {
	ratings: Ratings;
	fold: Int32Array;
	serve_factors: number;
	serve_min_ratings: number;
	relevant_threshold: number;
	top_k: number;
	/** weights of the popularity prior tried in the ranking: score = predicted rating + w·ln(1 + training ratings) */
	popularity_weights: number[];
}

export type CatalogJob = { kind: 'fold'; options: SvdOptions; fold: number; ranking: boolean } | { kind: 'final'; options: SvdOptions };
export type CatalogJobResult = unknown;

function run_fold(w: CatalogWorkerInit, options: SvdOptions, fold: number, ranking: boolean) {
	const r = w.ratings;
	const train: number[] = [];
	const test: number[] = [];
	for (let k = 0; k < w.fold.length; k++) (w.fold[k] === fold ? test : train).push(k);
	const train_rows = Int32Array.from(train);
	const t0 = performance.now();
	const m = train_svd(r, options, train_rows);
	const fit_ms = performance.now() - t0;
	const served = compress_svd(m, w.serve_factors);
	const b = train_biases(r, train_rows);
	let se = 0, ae = 0, se_s = 0, ae_s = 0, se_b = 0, ae_b = 0;
	const dot = (P: Float64Array, Q: Float64Array, k: number, u: number, i: number) => {
		let s = 0;
		for (let f = 0; f < k; f++) s += P[u * k + f] * Q[i * k + f];
		return s;
	};
	for (const row of test) {
		const u = r.user[row], i = r.item[row], y = r.value[row];
		const base = m.mu + m.bu[u] + m.bi[i];
		const p = clip_rating(base + dot(m.P, m.Q, m.factors, u, i));
		const ps = clip_rating(base + dot(served.P, served.Q, served.factors, u, i));
		const pb = clip_rating(predict_biases(b, u, i));
		se += (p - y) ** 2; ae += Math.abs(p - y);
		se_s += (ps - y) ** 2; ae_s += Math.abs(ps - y);
		se_b += (pb - y) ** 2; ae_b += Math.abs(pb - y);
	}
	const n = test.length;
	const out: Record<string, unknown> = {
		rmse: Math.sqrt(se / n), mae: ae / n, rmse_served: Math.sqrt(se_s / n), mae_served: ae_s / n,
		bias_rmse: Math.sqrt(se_b / n), bias_mae: ae_b / n, fit_ms
	};
	if (ranking) out.ranking = rank_fold(w, train_rows, test, served);
	return out;
}

/** Per-user top-k over the served candidates, for the served model and for popularity (training counts). */
function rank_fold(w: CatalogWorkerInit, train: Int32Array, test: number[], m: ReturnType<typeof compress_svd>) {
	const r = w.ratings;
	const counts = new Int32Array(r.n_items);
	const seen: Set<number>[] = Array.from({ length: r.n_users }, () => new Set());
	for (const row of train) {
		counts[r.item[row]]++;
		seen[r.user[row]].add(r.item[row]);
	}
	const relevant: Set<number>[] = Array.from({ length: r.n_users }, () => new Set());
	const candidate = (i: number) => counts[i] >= w.serve_min_ratings;
	for (const row of test) if (r.value[row] >= w.relevant_threshold && candidate(r.item[row])) relevant[r.user[row]].add(r.item[row]);
	const k = m.factors;
	const rating = new Float64Array(r.n_items);
	const scores = new Float64Array(r.n_items);
	const popularity = Float64Array.from(counts);
	const log_count = Float64Array.from(counts, (c) => Math.log1p(c));
	const zero = () => ({ precision: 0, recall: 0, ndcg: 0 });
	const by_weight = w.popularity_weights.map(zero);
	const pop = zero();
	let users = 0;
	const add = (acc: ReturnType<typeof zero>, top: Int32Array, rel: Set<number>) => {
		const q = ranking_at_k(top, rel, w.top_k);
		acc.precision += q.precision;
		acc.recall += q.recall;
		acc.ndcg += q.ndcg;
	};
	for (let u = 0; u < r.n_users; u++) {
		if (!relevant[u].size) continue;
		users++;
		for (let i = 0; i < r.n_items; i++) {
			let s = m.mu + m.bi[i];
			for (let f = 0; f < k; f++) s += m.P[u * k + f] * m.Q[i * k + f];
			rating[i] = s;
		}
		const skip = (i: number) => !candidate(i) || seen[u].has(i);
		w.popularity_weights.forEach((pw, g) => {
			for (let i = 0; i < r.n_items; i++) scores[i] = rating[i] + pw * log_count[i];
			add(by_weight[g], top_k_indices(scores, w.top_k, skip), relevant[u]);
		});
		add(pop, top_k_indices(popularity, w.top_k, skip), relevant[u]);
	}
	for (const s of [...by_weight, pop]) {
		s.precision /= users;
		s.recall /= users;
		s.ndcg /= users;
	}
	return { by_weight, popularity: pop, users };
}

function run_final(w: CatalogWorkerInit, options: SvdOptions) {
	const t0 = performance.now();
	const m = train_svd(w.ratings, options);
	const fit_ms = performance.now() - t0;
	const s = compress_svd(m, w.serve_factors);
	const item_counts = new Int32Array(w.ratings.n_items);
	for (const i of w.ratings.item) item_counts[i]++;
	return { mu: s.mu, bi: s.bi, Q: s.Q, factors: s.factors, energy: s.energy, item_counts, fit_ms };
}

if (parentPort && workerData?.init) {
	const init = workerData.init as CatalogWorkerInit;
	parentPort.on('message', ({ id, job }: { id: number; job: CatalogJob }) => {
		try {
			const result = job.kind === 'fold' ? run_fold(init, job.options, job.fold, job.ranking) : run_final(init, job.options);
			parentPort!.postMessage({ id, result });
		} catch (error) {
			parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
		}
	});
}
