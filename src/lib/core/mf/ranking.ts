/**
 * (Here rather than in core/metrics: the recommender is its only user, and core/metrics is part of the music
 * models' input hash.)
 *
 * Top-k ranking quality for one user: precision@k, recall@k and NDCG@k with binary relevance (a held-out item is
 * relevant when the user rated it at or above a threshold). `ranked` is the user's recommendation list, best first.
 */
export interface RankingAtK {
	precision: number;
	recall: number;
	ndcg: number;
}

export function ranking_at_k(ranked: ArrayLike<number>, relevant: Set<number>, k: number): RankingAtK {
	const n = Math.min(k, ranked.length);
	let hits = 0;
	let dcg = 0;
	for (let r = 0; r < n; r++) {
		if (relevant.has(ranked[r])) {
			hits++;
			dcg += 1 / Math.log2(r + 2);
		}
	}
	let idcg = 0;
	for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
	return { precision: hits / k, recall: relevant.size ? hits / relevant.size : 0, ndcg: idcg ? dcg / idcg : 0 };
}

/** Indices of the k largest scores (ties: lower index first), skipping indices where `skip` is true. */
export function top_k_indices(scores: ArrayLike<number>, k: number, skip?: (i: number) => boolean): Int32Array {
	const best: number[] = [];
	for (let i = 0; i < scores.length; i++) {
		if (skip?.(i)) continue;
		const s = scores[i];
		if (best.length === k && !(s > scores[best[k - 1]])) continue;
		let pos = best.length === k ? k - 1 : best.length;
		if (best.length < k) best.push(i);
		while (pos > 0 && s > scores[best[pos - 1]]) {
			best[pos] = best[pos - 1];
			pos--;
		}
		best[pos] = i;
	}
	return Int32Array.from(best);
}
