/**
 * The catalogue for the prerendered JSON endpoints: the same shard and the same query module the page uses, read
 * once from static/data at build time (the training pipeline writes it before `vite build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CatalogQueries } from '$lib/catalog/queries';
import { load_catalog, type CatalogShard } from '$lib/catalog/shard';

let queries: CatalogQueries | null = null;

export function server_queries(): CatalogQueries {
	if (queries) return queries;
	const path = resolve('static/data/catalog_titles.json');
	if (!existsSync(path)) throw new Error(`${path} is missing: run the training pipeline (npm run train) before building`);
	queries = new CatalogQueries(load_catalog(JSON.parse(readFileSync(path, 'utf8')) as CatalogShard));
	return queries;
}
