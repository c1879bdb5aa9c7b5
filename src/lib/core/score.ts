/**
 * The combined hit score (/score): the parts a visitor analysed (a song, a video, an expected-likes estimate...) each
 * ranked as a percentile against its own model's training distribution (ModelEntry.output_quantiles), combined as a
 * weighted mean 0-100. Generic: a studio adds a part by turning its history record into a ScorePart
 * (src/lib/runtime/score_parts.ts); parts not analysed are simply absent, never filled with a default.
 */
import { percentile_rank } from './stats/quantiles';

export interface ScorePart {
	/** the history kind, e.g. 'music', 'video', 'caption' */
	kind: string;
	model_id: string;
	/** the prediction on the model's output scale (the scale of output_quantiles) */
	value: number;
	/** 0..100 against the model's training distribution */
	percentile: number;
	/** when the part was analysed (epoch ms) */
	time: number;
	/** the model's headline accuracy from its manifest card, when it has one */
	accuracy: { metric: string; mean: number; std?: number; split: string } | null;
}

/** A part's percentile from its prediction and its model's 101 output quantiles; NaN when it cannot be ranked. */
export function part_percentile(value: number, quantiles: readonly number[] | undefined): number {
	return quantiles ? percentile_rank(value, quantiles) : NaN;
}

export interface CombinedScore {
	/** 0..100; NaN when no part has weight */
	score: number;
	parts: { kind: string; percentile: number; weight: number; share: number; contribution: number; headroom: number }[];
	/** the part whose rise to the top percentile would lift the score most (its weight share x its headroom) */
	raise_most: string | null;
}

/**
 * Weighted mean of the parts' percentiles. Weights are non-negative numbers (any scale); a part with weight 0 or a
 * percentile that is not finite counts for nothing, and the others are renormalised.
 */
export function combine_score(parts: readonly Pick<ScorePart, 'kind' | 'percentile'>[], weights: Record<string, number>): CombinedScore {
	const usable = parts.filter((p) => Number.isFinite(p.percentile) && (weights[p.kind] ?? 0) > 0);
	const total = usable.reduce((s, p) => s + weights[p.kind], 0);
	const rows = parts.map((p) => {
		const w = Number.isFinite(p.percentile) ? Math.max(0, weights[p.kind] ?? 0) : 0;
		const share = total > 0 ? w / total : 0;
		const pct = Number.isFinite(p.percentile) ? Math.min(100, Math.max(0, p.percentile)) : NaN;
		return { kind: p.kind, percentile: pct, weight: w, share, contribution: share * (Number.isFinite(pct) ? pct : 0), headroom: share * (Number.isFinite(pct) ? 100 - pct : 0) };
	});
	const score = total > 0 ? rows.reduce((s, r) => s + r.contribution, 0) : NaN;
	let raise_most: string | null = null;
	let best = 0;
	for (const r of rows) if (r.headroom > best + 1e-12) (best = r.headroom), (raise_most = r.kind);
	return { score, parts: rows, raise_most };
}
