/**
 * The recommender's pure parts, shared by the catalogue worker and the tests: which items a visitor's filters allow
 * (the ONNX scorer's mask), which of their ratings each recommendation comes from, "titles like this" by item factors,
 * and search over the rated films. Scoring itself runs in onnxruntime-web (src/lib/workers/catalog).
 */
import { explain_folded, type FoldInItems, type TasteVector } from '../core/mf/fold_in';
import { normalise_title } from '../core/text/normalise';
import { PLATFORMS, type Platform } from './platforms';
import type { Catalog } from './shard';
import type { TitleType } from './types';

/** catalog_items.json: the recommender's items (MovieLens movies) in the order of the scorer's outputs */
export interface CatalogItems {
	format: 'hitcast-catalog-items-1';
	movielens_id: number[];
	title: string[];
	year: (number | null)[];
	genres: string[][];
	mean: number[];
	count: number[];
	/** indices into catalog_titles.json of the titles this movie streams as */
	titles: number[][];
}

export interface RecommendFilters {
	/** only items streaming on one of these; empty = every item, streaming or not */
	platforms: Platform[];
	/** only titles of this type (MovieLens rates films, so 'tv' leaves nothing); null = any */
	type: TitleType | null;
	/** a MovieLens genre; null = any */
	genre: string | null;
}

export const EXCLUDED = -1e9;

/** The platforms each item streams on, as a bit set (bit p = PLATFORMS[p]). */
export function item_platform_bits(items: CatalogItems, catalog: Catalog): Uint8Array {
	return Uint8Array.from(items.titles, (ts) => ts.reduce((bits, t) => bits | (1 << catalog.platform[t]), 0));
}

/**
 * The scorer's mask: EXCLUDED for an item the visitor rated or their filters rule out; otherwise the ranking's
 * popularity prior w·ln(1 + ratings) (0 when w is 0). Ranked by predicted rating alone, MF puts little-known films
 * with a few high ratings first; the pipeline chose w on held-out ratings (training/tasks/catalog_mf.ts).
 */
export function recommendation_mask(items: CatalogItems, platform_bits: Uint8Array, rated: Set<number>, f: RecommendFilters, popularity_weight = 0): { mask: Float32Array; eligible: number } {
	const n = items.movielens_id.length;
	const mask = new Float32Array(n);
	const want = f.platforms.reduce((bits, p) => bits | (1 << PLATFORMS.indexOf(p)), 0);
	let eligible = 0;
	for (let i = 0; i < n; i++) {
		const ok = !rated.has(i) && (want === 0 || (platform_bits[i] & want) !== 0) && f.type !== 'tv' && (f.genre === null || items.genres[i].includes(f.genre));
		if (ok) {
			eligible++;
			mask[i] = popularity_weight * Math.log1p(items.count[i]);
		} else mask[i] = EXCLUDED;
	}
	return { mask, eligible };
}

export interface Because {
	/** index into the visitor's ratings */
	rating_index: number;
	/** share of the positive pull this rating gives the item (0-1) */
	share: number;
}

/**
 * The visitor's ratings that pull item i up the most: each rating's exact part of the personal score
 * (explain_folded), the positive parts as shares of their sum, largest first.
 */
export function because_of(items: FoldInItems, taste: TasteVector, i: number, limit = 2): Because[] {
	const parts = explain_folded(items, taste, i);
	let total = 0;
	for (const v of parts) if (v > 0) total += v;
	if (total <= 0) return [];
	return Array.from(parts, (v, j) => ({ rating_index: j, share: v / total }))
		.filter((b) => b.share > 0)
		.sort((a, b) => b.share - a.share || a.rating_index - b.rating_index)
		.slice(0, limit);
}

/** Items nearest to item i by cosine of their factors, among `allowed` (best first; ties by index). */
export function similar_by_factors(items: FoldInItems, i: number, allowed: (j: number) => boolean, limit: number): { item: number; similarity: number }[] {
	const k = items.factors;
	const n = items.item_bias.length;
	const norm = (j: number) => {
		let s = 0;
		for (let f = 0; f < k; f++) s += items.Q[j * k + f] ** 2;
		return Math.sqrt(s);
	};
	const ni = norm(i);
	const out: { item: number; similarity: number }[] = [];
	if (ni === 0) return out;
	for (let j = 0; j < n; j++) {
		if (j === i || !allowed(j)) continue;
		let dot = 0;
		for (let f = 0; f < k; f++) dot += items.Q[i * k + f] * items.Q[j * k + f];
		const nj = norm(j);
		if (nj > 0) out.push({ item: j, similarity: dot / (ni * nj) });
	}
	return out.sort((a, b) => b.similarity - a.similarity || a.item - b.item).slice(0, limit);
}

/**
 * A search index over titles: normalised text, matched by every word of the query as a prefix of some word of the
 * title; more ratings (or a shorter title) first. Normalisation is the link's, so "amelie" finds "Amélie".
 */
export function make_title_search(titles: string[], weight: ArrayLike<number>) {
	const words = titles.map((t) => normalise_title(t).split(' '));
	return (query: string, limit: number, allowed: (i: number) => boolean = () => true): number[] => {
		const q = normalise_title(query).split(' ').filter(Boolean);
		if (!q.length) return [];
		const hits: number[] = [];
		for (let i = 0; i < titles.length; i++) {
			if (!allowed(i)) continue;
			const w = words[i];
			if (q.every((p) => w.some((x) => x.startsWith(p)))) hits.push(i);
		}
		const exact = (i: number) => (words[i].join(' ') === q.join(' ') ? 1 : 0);
		return hits.sort((a, b) => exact(b) - exact(a) || weight[b] - weight[a] || titles[a].length - titles[b].length || a - b).slice(0, limit);
	};
}
