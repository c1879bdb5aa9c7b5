/** The catalogue worker's API (see runtime/protocol.ts for the message shapes): requests, results, partials. */
import type { ModelEntry } from '../core/manifest';
import type { ManifestRef } from './protocol';
import type { ParamProblem } from '../catalog/params';
import type { Platform } from '../catalog/platforms';
import type { RecommendFilters } from '../catalog/recommend';
import type { TitleType } from '../catalog/types';
import type { QueryName } from '../catalog/api';

export interface CatalogInfo {
	model: ModelEntry;
	titles: number;
	items: number;
	year_min: number;
	year_max: number;
	/** MovieLens genres of the recommender's items, sorted */
	genres: string[];
	load_ms: number;
}

export interface TitleRef {
	/** index into catalog_titles.json */
	index: number;
	id: string;
	title: string;
	platform: Platform;
	type: TitleType;
	year: number;
	/** MovieLens mean rating and count, when linked */
	score: number | null;
	score_count: number;
}

export interface ItemRef {
	/** index into the recommender's items */
	item: number;
	movielens_id: number;
	title: string;
	year: number | null;
	genres: string[];
	mean: number;
	count: number;
	/** the catalogue titles it streams as (none: not on any of the four platforms) */
	streams: TitleRef[];
}

export interface StoredRating {
	movielens_id: number;
	/** 0.5 to 5 in half points */
	rating: number;
}

export interface Recommendation extends ItemRef {
	/** predicted rating for the visitor, clipped to 0.5-5 */
	predicted: number;
	/** the visitor's ratings it comes from (movielens ids), with their share of the pull */
	because: { movielens_id: number; title: string; rating: number; share: number }[];
}

export interface RecommendResult {
	items: Recommendation[];
	/** items the filters allow (before the top) */
	eligible: number;
	/** ratings used (unknown movie ids are skipped and counted) */
	used: number;
	skipped: number;
	/** time in the worker: fold-in + scorer + explanations */
	ms: number;
}

export type QueryReply = { ok: true; result: unknown; ms: number } | { ok: false; problems: ParamProblem[] };

export interface SimilarResult {
	source: TitleRef;
	/** 'factors' when the title's film has MovieLens ratings, else 'content' */
	by: 'factors' | 'content';
	titles: TitleRef[];
}

export type CatalogApi = {
	load(args: ManifestRef & { wasm_url: string; mjs_url: string }): CatalogInfo;
	query(args: { name: QueryName; params: Record<string, string> }): QueryReply;
	search_items(args: { text: string; limit: number }): ItemRef[];
	search_titles(args: { text: string; limit: number }): TitleRef[];
	items_by_id(args: { ids: number[] }): (ItemRef | null)[];
	recommend(args: { ratings: StoredRating[]; filters: RecommendFilters; limit: number }): RecommendResult;
	similar(args: { index: number; limit: number }): SimilarResult;
};
