/**
 * The catalogue studio's runtime: the only module /catalog calls. One worker (queries, search, recommendations,
 * titles like this), started lazily in the browser, loaded once with byte progress; recommend is latest-wins so a
 * burst of ratings never builds a backlog.
 */
import { asset } from '$app/paths';
import ort_wasm_url from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ort_mjs_url from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { LoadProgress } from '../core/music/types';
import type { QueryName } from '../catalog/api';
import type { RecommendFilters } from '../catalog/recommend';
import { fetch_manifest } from './artifacts';
import type { CatalogApi, CatalogInfo, RecommendResult, StoredRating } from './catalog_protocol';
import { latest_wins, WorkerClient } from './worker_client';

export { ArtifactError } from './artifacts';
export type * from './catalog_protocol';

let load_promise: Promise<CatalogInfo> | null = null;

const client = new WorkerClient<CatalogApi>(
	'the catalogue worker',
	() => new Worker(new URL('../workers/catalog/index.ts', import.meta.url), { type: 'module', name: 'hitcast-catalog' }),
	() => (load_promise = null)
);

const absolute = (url: string) => new URL(url, location.href).href;

export function load_catalog_studio(on_progress?: (p: LoadProgress) => void): Promise<CatalogInfo> {
	load_promise ??= (async () => {
		const manifest_url = absolute(asset('/models/manifest.json'));
		const manifest = await fetch_manifest(manifest_url);
		return client.request('load', { manifest, manifest_url, wasm_url: absolute(ort_wasm_url), mjs_url: absolute(ort_mjs_url) }, { on_progress });
	})().catch((error) => {
		load_promise = null;
		throw error;
	});
	return load_promise;
}

export const run_query = (name: QueryName, params: Record<string, string>) => client.request('query', { name, params });
export const search_items = (text: string, limit = 12) => client.request('search_items', { text, limit });
export const search_titles = (text: string, limit = 12) => client.request('search_titles', { text, limit });
export const items_by_id = (ids: number[]) => client.request('items_by_id', { ids });
export const similar_titles = (index: number, limit = 8) => client.request('similar', { index, limit });

export const recommend = latest_wins<{ ratings: StoredRating[]; filters: RecommendFilters; limit: number }, RecommendResult>((args) =>
	client.request('recommend', args)
);
