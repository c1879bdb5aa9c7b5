/**
 * The catalogue worker: the four queries over the catalogue shard, search over rated films and catalogue titles,
 * recommendations (fold-in of the visitor's ratings, then the ONNX scorer in onnxruntime-web with a mask for what
 * they rated or filtered out) and "titles like this". The page sends raw inputs and gets finished results.
 */
import * as ort from 'onnxruntime-web/wasm';
import { CatalogQueries } from '../../catalog/queries';
import { CatalogQueryError } from '../../catalog/params';
import { title_id, TYPE_CODES, type Catalog } from '../../catalog/shard';
import { PLATFORMS } from '../../catalog/platforms';
import { because_of, EXCLUDED, item_platform_bits, make_title_search, recommendation_mask, similar_by_factors, type CatalogItems } from '../../catalog/recommend';
import { fold_in, type FoldInItems } from '../../core/mf/fold_in';
import { MF_IO, read_mf_onnx } from '../../core/mf/onnx';
import { clip_rating } from '../../core/mf/svd';
import { AppError } from '../../runtime/errors';
import { ArtifactError, fetch_model_file, fetch_shard, find_model, find_shard } from '../../runtime/artifacts';
import { read_catalog_shard } from '../../runtime/catalog_shard';
import type { CatalogApi, ItemRef, TitleRef } from '../../runtime/catalog_protocol';
import { serve } from '../rpc';

const MODEL_ID = 'catalog_recommender';

interface Loaded {
	catalog: Catalog;
	queries: CatalogQueries;
	items: CatalogItems;
	mf: FoldInItems & { n_items: number };
	reg: number;
	reg_bias: number;
	popularity_weight: number;
	session: ort.InferenceSession;
	platform_bits: Uint8Array;
	item_of_movielens: Map<number, number>;
	search_items: ReturnType<typeof make_title_search>;
	search_titles: ReturnType<typeof make_title_search>;
	genres: string[];
}

let loaded: Promise<Loaded> | null = null;
let info: ReturnType<CatalogApi['load']> | null = null;

const json_of = <T>(bytes: Uint8Array, what: string, url: string): T => {
	try {
		return JSON.parse(new TextDecoder().decode(bytes)) as T;
	} catch {
		throw new ArtifactError('file_unreadable', { file: url }, `${what} is not valid JSON.`, url);
	}
};

function title_ref(l: Loaded, k: number): TitleRef {
	const c = l.catalog;
	const s = c.score[k];
	return {
		index: k, id: title_id(c, k), title: c.shard.title[k], platform: PLATFORMS[c.platform[k]], type: TYPE_CODES[c.type[k]], year: c.year[k],
		score: Number.isNaN(s) ? null : s, score_count: c.shard.score_count[k]
	};
}

function item_ref(l: Loaded, i: number): ItemRef {
	const it = l.items;
	return {
		item: i, movielens_id: it.movielens_id[i], title: it.title[i], year: it.year[i], genres: it.genres[i], mean: it.mean[i], count: it.count[i],
		streams: it.titles[i].map((k) => title_ref(l, k))
	};
}

function require_loaded(): Promise<Loaded> {
	if (!loaded) throw new AppError('not_loaded', {}, 'The catalogue is not loaded yet.');
	return loaded;
}

serve<CatalogApi>({
	async load({ manifest, manifest_url, wasm_url, mjs_url }, ctx) {
		const t0 = performance.now();
		loaded ??= (async () => {
			ort.env.wasm.numThreads = 1;
			ort.env.wasm.proxy = false;
			ort.env.wasm.wasmPaths = { mjs: mjs_url, wasm: wasm_url };
			const model = find_model(manifest, MODEL_ID, manifest_url);
			const titles_entry = find_shard(manifest, 'catalog_titles', manifest_url);
			const items_entry = find_shard(manifest, 'catalog_items', manifest_url);
			const [onnx, titles_bytes, items_bytes] = await Promise.all([
				fetch_model_file(manifest_url, model, 'model', 'the recommender', ctx.progress),
				fetch_shard(manifest_url, titles_entry, 'the catalogue', ctx.progress),
				fetch_shard(manifest_url, items_entry, 'the rated films', ctx.progress)
			]);
			const catalog = read_catalog_shard(titles_bytes, titles_entry.file);
			const items = json_of<CatalogItems>(items_bytes, 'The rated films', items_entry.file);
			const mf = read_mf_onnx(onnx);
			if (mf.n_items !== items.movielens_id.length) throw new ArtifactError('version_mismatch', { file: model.file }, 'The recommender and its list of films are from different versions; reload.', model.file);
			const session = await ort.InferenceSession.create(onnx, { executionProviders: ['wasm'] });
			const reg = Number(model.hyperparameters.reg);
			const reg_bias = Number(model.hyperparameters.reg_bias);
			const popularity_weight = Number(model.hyperparameters.popularity_weight ?? 0);
			const item_titles = items.title.map((t, i) => (items.year[i] ? `${t} ${items.year[i]}` : t));
			const l: Loaded = {
				catalog, queries: new CatalogQueries(catalog), items, mf, reg, reg_bias, popularity_weight, session,
				platform_bits: item_platform_bits(items, catalog),
				item_of_movielens: new Map(items.movielens_id.map((id, i) => [id, i])),
				search_items: make_title_search(item_titles, items.count),
				search_titles: make_title_search(catalog.shard.title, catalog.shard.score_count),
				genres: [...new Set(items.genres.flat())].sort()
			};
			info = {
				model, titles: catalog.n, items: items.movielens_id.length, year_min: catalog.shard.year_min, year_max: catalog.shard.year_max,
				genres: l.genres, load_ms: 0
			};
			return l;
		})().catch((error) => {
			loaded = null;
			throw error;
		});
		await loaded;
		return { ...info!, load_ms: performance.now() - t0 };
	},

	async query({ name, params }) {
		const l = await require_loaded();
		const t0 = performance.now();
		try {
			const q = l.queries;
			const result =
				name === 'max_duration' ? q.get_max_duration(params.year, params.platform, params.duration_type)
				: name === 'score_count' ? q.get_score_count(params.platform, params.scored, params.year)
				: name === 'count_platform' ? q.get_count_platform(params.platform)
				: name === 'actor' ? q.get_actor(params.platform, params.year)
				: null;
			if (result === null) throw new Error(`Unknown query "${name}".`);
			return { ok: true, result, ms: performance.now() - t0 };
		} catch (error) {
			if (error instanceof CatalogQueryError) return { ok: false, problems: error.problems };
			throw error;
		}
	},

	async search_items({ text, limit }) {
		const l = await require_loaded();
		return l.search_items(text, limit).map((i) => item_ref(l, i));
	},

	async search_titles({ text, limit }) {
		const l = await require_loaded();
		return l.search_titles(text, limit).map((k) => title_ref(l, k));
	},

	async items_by_id({ ids }) {
		const l = await require_loaded();
		return ids.map((id) => {
			const i = l.item_of_movielens.get(id);
			return i === undefined ? null : item_ref(l, i);
		});
	},

	async recommend({ ratings, filters, limit }) {
		const l = await require_loaded();
		const t0 = performance.now();
		const known = ratings.flatMap((r) => {
			const i = l.item_of_movielens.get(r.movielens_id);
			return i === undefined || !(r.rating >= 0.5 && r.rating <= 5) ? [] : [{ item: i, rating: r.rating, movielens_id: r.movielens_id }];
		});
		const rated = new Set(known.map((r) => r.item));
		const { mask, eligible } = recommendation_mask(l.items, l.platform_bits, rated, filters, l.popularity_weight);
		if (!known.length || !eligible) return { items: [], eligible, used: known.length, skipped: ratings.length - known.length, ms: performance.now() - t0 };
		const taste = fold_in(l.mf, known, l.reg, l.reg_bias);
		const k = l.mf.factors;
		const out = await l.session.run({
			[MF_IO.user]: new ort.Tensor('float32', Float32Array.from(taste.p), [1, k]),
			[MF_IO.mask]: new ort.Tensor('float32', mask, [1, l.mf.n_items])
		});
		const values = out[MF_IO.top_values].data as Float32Array;
		const indices = out[MF_IO.top_indices].data as BigInt64Array;
		const items = [];
		for (let r = 0; r < indices.length && items.length < Math.min(limit, eligible); r++) {
			const i = Number(indices[r]);
			if (mask[i] <= EXCLUDED / 2) break;
			items.push({
				...item_ref(l, i),
				// the scorer ranked by rating + prior; the prediction is the rating alone, with the visitor's bias
				predicted: clip_rating(values[r] - mask[i] + taste.bu),
				because: because_of(l.mf, taste, i).map((b) => {
					const src = known[b.rating_index];
					return { movielens_id: src.movielens_id, title: l.items.title[src.item], rating: src.rating, share: b.share };
				})
			});
		}
		return { items, eligible, used: known.length, skipped: ratings.length - known.length, ms: performance.now() - t0 };
	},

	async similar({ index, limit }) {
		const l = await require_loaded();
		const c = l.catalog;
		if (!(Number.isInteger(index) && index >= 0 && index < c.n)) throw new Error(`No title number ${index}.`);
		const item = c.shard.item[index];
		if (item >= 0) {
			// films that stream somewhere, nearest by item factors; each as its catalogue titles
			const near = similar_by_factors(l.mf, item, (j) => l.items.titles[j].length > 0, limit);
			const titles = near.flatMap((n) => l.items.titles[n.item].slice(0, 1)).map((k) => title_ref(l, k));
			return { source: title_ref(l, index), by: 'factors', titles };
		}
		return { source: title_ref(l, index), by: 'content', titles: c.shard.similar[index].slice(0, limit).map((k) => title_ref(l, k)) };
	}
});
