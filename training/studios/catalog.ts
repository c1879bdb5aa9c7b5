/**
 * The catalogue studio's part of the pipeline (issue 5):
 *   catalog_data: ETL of the four catalogues + MovieLens, the title link, content neighbours, the shards
 *                 (catalog_titles.json, catalog_items.json) and the clean-table CSV download (catalog_clean.csv,
 *                 not in the manifest: a download, not an offline artifact);
 *   catalog_mf:   5-fold evaluation, hyperparameter search and final fit of the recommender, its ONNX scorer and
 *                 a parity check of that file in onnxruntime-web against the in-memory model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as ort from 'onnxruntime-web/wasm';
import type { Evaluation, Metric, ModelEntry, ShardEntry, SourceEntry } from '../../src/lib/core/manifest';
import { mf_to_onnx, read_mf_onnx, MF_IO } from '../../src/lib/core/mf/onnx';
import { load_catalog } from '../../src/lib/catalog/shard';
import { CatalogQueries } from '../../src/lib/catalog/queries';
import { PLATFORMS } from '../../src/lib/catalog/platforms';
import { make_rng, normal } from '../../src/lib/core/random';
import { write_file_atomic } from '../lib/cache';
import { code_hash, file_sha256, hash_of } from '../lib/hash';
import { format_table } from '../lib/table';
import { source_from_sources_md } from '../export/manifest';
import { clean_table_csv, load_streaming_titles, STREAMING_TITLE_FILES, type StreamingEtlStats } from '../etl/streaming';
import { link_titles, load_movielens, MOVIELENS_FILES, type TitleLink } from '../etl/streaming_movielens';
import { build_catalog_items, build_catalog_shard, full_actor_answers, served_items } from '../tasks/catalog_shard';
import { content_neighbours } from '../tasks/catalog_content';
import { DEFAULT_CATALOG_MF_OPTIONS, describe_svd, run_catalog_mf, type CatalogMfOptions, type FoldScores } from '../tasks/catalog_mf';
import type { SvdOptions } from '../../src/lib/core/mf/svd';
import type { Studio, StudioContext, StudioOutput } from './types';

export const CATALOG_TITLES_SHARD = 'catalog_titles.json';
export const CATALOG_ITEMS_SHARD = 'catalog_items.json';
export const CATALOG_CSV = 'catalog_clean.csv';
export const CATALOG_MODEL_ID = 'catalog_recommender';
const SIMILAR_PER_TITLE = 4;
const TOP_K = 200;

/** The hand check of the title link (see the README, catalogue studio): 60 random linked films, seed 2026. */
export const LINK_HAND_CHECK = {
	sample: 60,
	correct: 60,
	how: 'title, year, director and description of the catalogue row against the MovieLens title and genres, for 60 links drawn at random (seed 2026) from the films linked by normalised title + year',
	series_note: 'Series are not linked: of the 13 series that matched a MovieLens title and year, at least 3 were different works (The House, Behind Enemy Lines and The Bachelor are films in MovieLens and series in the catalogues); the catalogues give a series the year of its latest season.'
};

interface DataResult {
	stats: StreamingEtlStats;
	link: TitleLink['stats'];
	titles: number;
	items: number;
	movies: number;
	ratings: number;
	users: number;
	actors_kept: number;
	actor_answers_checked: number;
	bytes: Record<string, { raw: number; gzip: number }>;
}

interface MfResult {
	search: { options: SvdOptions; rmse: number; mae: number; fit_ms: number }[];
	chosen: SvdOptions;
	folds: FoldScores[];
	popularity_weight: number;
	energy: number;
	served_factors: number;
	items: number;
	fit_ms: number;
	parity: number;
	rounding: number;
	onnx_bytes: number;
	onnx_gzip: number;
	trained_at: string;
	train_ms: number;
}

function mean_std(xs: number[]): { mean: number; std: number } {
	const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
	const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
	return { mean, std };
}

const metric = (name: string, xs: number[]): Metric => ({ name, ...mean_std(xs) });

export const catalog_studio: Studio = {
	id: 'catalog',
	data_files: [...Object.values(STREAMING_TITLE_FILES), MOVIELENS_FILES.ratings, MOVIELENS_FILES.movies],
	async run(ctx: StudioContext): Promise<StudioOutput> {
		return run_catalog(ctx, DEFAULT_CATALOG_MF_OPTIONS);
	}
};

export async function run_catalog(ctx: StudioContext, o: CatalogMfOptions): Promise<StudioOutput> {
	const root = ctx.paths.data_root;
	const data_sha = [...Object.values(STREAMING_TITLE_FILES), MOVIELENS_FILES.ratings, MOVIELENS_FILES.movies].map((f) => file_sha256(join(root, f)));
	// the import closure of the ETL (src/lib/catalog/platforms.ts, types.ts, core/text...), not all of src/lib/catalog:
	// a change to the queries or the page's helpers must not retrain the recommender
	const etl_code = code_hash(['training/etl/streaming.ts', 'training/etl/streaming_movielens.ts']);
	const data_hash = hash_of('catalog_data', data_sha, etl_code, code_hash(['training/tasks/catalog_shard.ts', 'training/tasks/catalog_content.ts', 'training/studios/catalog.ts']), o.serve_min_ratings, SIMILAR_PER_TITLE);
	const p = {
		titles: join(ctx.data_dir, CATALOG_TITLES_SHARD),
		items: join(ctx.data_dir, CATALOG_ITEMS_SHARD),
		csv: join(ctx.data_dir, CATALOG_CSV),
		onnx: join(ctx.models_dir, `${CATALOG_MODEL_ID}.onnx`)
	};

	let ml: ReturnType<typeof load_movielens> | null = null;
	const get_ml = () => (ml ??= load_movielens(root));

	const data = await ctx.cache.step<DataResult>(ctx.progress, 'catalog_data', 'catalogue ETL, MovieLens link, shards, CSV', data_hash, (note) => {
		const etl = load_streaming_titles(root);
		const m = get_ml();
		// films only: series carry the year of their latest season and linked to the wrong work (LINK_HAND_CHECK)
		const link = link_titles(etl.titles, m);
		const s = etl.stats;
		note(`${etl.titles.length} titles (${PLATFORMS.map((q) => `${q} ${s.rows[q]}`).join(', ')}); duration repaired from the rating column: ${PLATFORMS.map((q) => `${q} ${s.repaired_duration[q]}`).join(', ')}; fields with line breaks: ${PLATFORMS.map((q) => `${q} ${s.fields_with_line_breaks[q]}`).join(', ')}`);
		note(`MovieLens: ${m.ratings.value.length} ratings, ${m.ratings.n_users} users, ${m.movies.length} movies; linked films: ${PLATFORMS.map((q) => `${q} ${link.stats.linked_titles[q]}`).join(', ')} (${link.stats.linked_movies} movies, ${(link.stats.ratings_share * 100).toFixed(1)}% of the ratings)`);
		const { item_of_movie, served } = served_items(m.movies, link.movie_of_title, o.serve_min_ratings);
		const t0 = performance.now();
		const similar = content_neighbours(etl.titles, SIMILAR_PER_TITLE);
		note(`content neighbours: ${SIMILAR_PER_TITLE} per title in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		const shard = build_catalog_shard(etl.titles, link.movie_of_title, m.movies, item_of_movie, similar);
		// the pruned cast lists must give every get_actor answer the full lists give
		const queries = new CatalogQueries(load_catalog(shard));
		let checked = 0;
		for (const [key, want] of full_actor_answers(etl.titles)) {
			const [platform, year] = key.split('|');
			const got = queries.get_actor(platform, year);
			if (got.actor !== want.actor || got.count !== want.count) throw new Error(`get_actor(${platform}, ${year}) on the pruned shard gives ${got.actor} (${got.count}), the full cast lists ${want.actor} (${want.count})`);
			checked++;
		}
		note(`cast pruned to ${shard.actors.length} actors; all ${checked} (platform, year) get_actor answers equal the full lists'`);
		const items = build_catalog_items(m.movies, served, link.movie_of_title);
		const movie_of = link.movie_of_title;
		const csv = clean_table_csv(etl.titles, (_t, k) => {
			const mv = movie_of[k] >= 0 ? m.movies[movie_of[k]] : null;
			return mv ? { movielens_id: mv.movielens_id, score: mv.mean, count: mv.count } : null;
		});
		const bytes: DataResult['bytes'] = {};
		for (const [path, text] of [[p.titles, JSON.stringify(shard)], [p.items, JSON.stringify(items)], [p.csv, csv]] as const) {
			write_file_atomic(path, text);
			const buf = Buffer.from(text);
			bytes[path.split('/').pop()!] = { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
		}
		for (const [f, b] of Object.entries(bytes)) note(`${f}: ${(b.raw / 1e6).toFixed(2)} MB raw, ${(b.gzip / 1e6).toFixed(3)} MB gzip`);
		return {
			outputs: [p.titles, p.items, p.csv],
			result: {
				stats: s, link: link.stats, titles: etl.titles.length, items: served.length, movies: m.movies.length, ratings: m.ratings.value.length,
				users: m.ratings.n_users, actors_kept: shard.actors.length, actor_answers_checked: checked, bytes
			}
		};
	});

	const mf_code = code_hash(['training/tasks/catalog_mf.ts', 'training/tasks/catalog_worker.ts', 'src/lib/core/mf', 'src/lib/core/linear', 'src/lib/core/onnx/proto.ts', 'training/lib/pool.ts', 'training/lib/worker_boot.mjs']);
	const mf_hash = hash_of('catalog_mf', data_sha, etl_code, mf_code, o, file_sha256(p.items, false), TOP_K);
	const mf = await ctx.cache.step<MfResult>(ctx.progress, 'catalog_mf', `recommender: ${o.folds}-fold CV, search, final fit, ONNX`, mf_hash, async (note) => {
		const m = get_ml();
		const t0 = performance.now();
		const r = await run_catalog_mf(m.ratings, o, ctx.threads, note);
		const train_ms = performance.now() - t0;
		const items = JSON.parse(readFileSync(p.items, 'utf8')) as { movielens_id: number[] };
		const index = new Map(m.movies.map((mv, k) => [mv.movielens_id, k]));
		const f = r.final;
		const n = items.movielens_id.length;
		const Q = new Float32Array(n * f.factors);
		const item_bias = new Float32Array(n);
		items.movielens_id.forEach((id, j) => {
			const k = index.get(id)!;
			item_bias[j] = f.mu + f.bi[k];
			for (let c = 0; c < f.factors; c++) Q[j * f.factors + c] = f.Q[k * f.factors + c];
		});
		const onnx = mf_to_onnx({ factors: f.factors, n_items: n, Q, item_bias, mu: f.mu }, TOP_K, { reg: String(r.chosen.reg), reg_bias: String(r.chosen.reg_bias) });
		// parity against the values the file stores (float16 factors) and, apart, what the float16 rounding costs
		const stored = read_mf_onnx(onnx);
		const parity = await mf_parity(onnx, stored.Q, item_bias, f.factors, n);
		const rounding = max_score_change(Q, stored.Q, item_bias, f.factors, n);
		note(`ONNX parity on 20 random taste vectors: max |diff| ${parity.toExponential(2)}; float16 storage moves a score by at most ${rounding.toExponential(2)}`);
		if (!(parity <= 1e-4)) throw new Error(`recommender ONNX parity ${parity} above 1e-4`);
		write_file_atomic(p.onnx, onnx);
		const gz = gzipSync(onnx, { level: 9 }).length;
		note(`${CATALOG_MODEL_ID}.onnx: ${n} items x ${f.factors} factors, ${(onnx.length / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(3)} MB gzip; training ${(train_ms / 1000).toFixed(1)} s`);
		return {
			outputs: [p.onnx],
			result: {
				rounding,
				search: r.search, chosen: r.chosen, folds: r.folds, popularity_weight: r.popularity_weight, energy: f.energy, served_factors: f.factors, items: n, fit_ms: f.fit_ms,
				parity, onnx_bytes: onnx.length, onnx_gzip: gz, trained_at: new Date().toISOString(), train_ms
			}
		};
	});

	return assemble(ctx, data.result, mf.result, o, data.outputs, mf.outputs, p);
}

/** The largest change of any item's score, over 20 random taste vectors, between two copies of the factors. */
function max_score_change(A: Float32Array, B: Float32Array, item_bias: Float32Array, k: number, n: number): number {
	const rng = make_rng(12);
	let max = 0;
	for (let t = 0; t < 20; t++) {
		const user = Array.from({ length: k }, () => normal(rng) * 0.3);
		for (let i = 0; i < n; i++) {
			let d = 0;
			for (let f = 0; f < k; f++) d += user[f] * (A[i * k + f] - B[i * k + f]);
			max = Math.max(max, Math.abs(d));
		}
	}
	return max;
}

/** Run the scorer in onnxruntime-web on random taste vectors and compare every item's rating with plain JS. */
async function mf_parity(onnx: Uint8Array, Q: Float32Array, item_bias: Float32Array, k: number, n: number): Promise<number> {
	ort.env.wasm.numThreads = 1;
	const session = await ort.InferenceSession.create(onnx);
	const rng = make_rng(11);
	let max = 0;
	try {
		for (let t = 0; t < 20; t++) {
			const user = Float32Array.from({ length: k }, () => normal(rng) * 0.3);
			const out = await session.run({ [MF_IO.user]: new ort.Tensor('float32', user, [1, k]), [MF_IO.mask]: new ort.Tensor('float32', new Float32Array(n), [1, n]) });
			const got = out[MF_IO.rating].data as Float32Array;
			for (let i = 0; i < n; i++) {
				let s = item_bias[i];
				for (let f = 0; f < k; f++) s += user[f] * Q[i * k + f];
				max = Math.max(max, Math.abs(s - got[i]));
			}
		}
	} finally {
		await session.release();
	}
	return max;
}

function assemble(ctx: StudioContext, d: DataResult, mf: MfResult, o: CatalogMfOptions, data_out: Record<string, string>, mf_out: Record<string, string>, p: Record<string, string>): StudioOutput {
	const root = ctx.paths.data_root;
	const sources_md = join(root, 'streaming/SOURCES.md');
	const sources: SourceEntry[] = PLATFORMS.map((q) => {
		const s = source_from_sources_md(sources_md, STREAMING_TITLE_FILES[q], `streaming_${q}`, d.stats.rows[q], ['duration is', 'Lines end in', 'date_added', 'Missing:']);
		s.notes.push(`ETL: ${d.stats.repaired_duration[q]} durations moved back from the rating column; ${d.stats.fields_with_line_breaks[q]} fields with line breaks or carriage returns cleaned; ${d.link.linked_titles[q]} films linked to MovieLens by normalised title + release year.`);
		return s;
	});
	const ml = source_from_sources_md(sources_md, 'movielens/ml-latest-small/{ratings,movies,links,tags}.csv.gz and README.txt', 'movielens_small', d.ratings, []);
	ml.files = [MOVIELENS_FILES.ratings, MOVIELENS_FILES.movies];
	ml.notes.push(
		`Link to the catalogues: normalised title (either MovieLens name) + release year, films only: ${d.link.linked_movies} movies link to ${PLATFORMS.reduce((a, q) => a + d.link.linked_titles[q], 0)} catalogue films (${PLATFORMS.map((q) => `${q} ${d.link.linked_titles[q]}`).join(', ')}), ${(d.link.ratings_share * 100).toFixed(1)}% of the ratings. Hand check: ${LINK_HAND_CHECK.correct}/${LINK_HAND_CHECK.sample} correct (${LINK_HAND_CHECK.how}).`,
		LINK_HAND_CHECK.series_note
	);
	sources.push(ml);

	const f = mf.folds;
	const col = (get: (x: FoldScores) => number) => f.map(get);
	const w_index = o.popularity_weights.indexOf(mf.popularity_weight);
	const rank = (which: 'model' | 'rating_only' | 'popularity', m: 'precision' | 'recall' | 'ndcg') =>
		col((x) => (which === 'popularity' ? x.ranking!.popularity : x.ranking!.by_weight[which === 'model' ? w_index : 0])[m]);
	const later = f.slice(1);
	const evaluations: Evaluation[] = [
		{
			split: 'rating-5fold',
			// fixed English (the app translates manifest text by exact match); run-dependent figures go into the notes
			description: 'MovieLens ratings, 5-fold cross-validation over ratings (seeded); the served model: biased MF compressed to its principal dimensions; setting chosen on fold 1',
			folds: f.length,
			metrics: [metric('rmse', col((x) => x.rmse_served)), metric('mae', col((x) => x.mae_served))],
			baselines: [
				{ name: 'the same MF before compression', description: 'all factors of the averaged runs, on the same folds', metrics: [metric('rmse', col((x) => x.rmse)), metric('mae', col((x) => x.mae))] },
				{ name: 'user + item biases', description: "surprise's BaselineOnly (ALS, reg_i 10, reg_u 15, 10 epochs) on the same folds", metrics: [metric('rmse', col((x) => x.bias_rmse)), metric('mae', col((x) => x.bias_mae))] },
				...mf.search.slice(0, 1).map((s) => ({ name: "surprise's default SVD", description: 'k 100, 20 epochs, lr 0.005, reg 0.02; fold 1 only (the search)', metrics: [{ name: 'rmse', mean: s.rmse }, { name: 'mae', mean: s.mae }] }))
			],
			reference: { name: 'biased MF tuned (TARGETS.md)', metrics: [{ name: 'rmse', mean: 0.849 }, { name: 'mae', mean: 0.65 }], target: [{ name: 'rmse', mean: 0.845 }] }
		},
		{
			split: 'rating-5fold-ranking',
			description: 'MovieLens ratings, the same folds, per user: top 10 of the served films against the held-out ratings of 4 or more; ranked by predicted rating plus a popularity prior chosen on fold 1',
			folds: f.length,
			metrics: [metric('precision@10', rank('model', 'precision')), metric('recall@10', rank('model', 'recall')), metric('ndcg@10', rank('model', 'ndcg'))],
			baselines: [
				{ name: 'popularity', description: 'the most-rated films in the training folds', metrics: [metric('precision@10', rank('popularity', 'precision')), metric('recall@10', rank('popularity', 'recall')), metric('ndcg@10', rank('popularity', 'ndcg'))] },
				{ name: 'predicted rating alone', description: 'the same model ranked without the popularity prior', metrics: [metric('precision@10', rank('rating_only', 'precision')), metric('recall@10', rank('rating_only', 'recall')), metric('ndcg@10', rank('rating_only', 'ndcg'))] }
			]
		}
	];
	const info = (path: string, outs: Record<string, string>) => ({ sha256: outs[path], bytes: readFileSync(path).length });
	const model: ModelEntry = {
		id: CATALOG_MODEL_ID,
		version: mf_out[p.onnx].slice(0, 12),
		title: 'Catalogue recommender (biased matrix factorisation)',
		// the texts below are fixed too (translated by exact match in src/lib/i18n/manifest_text.ts)
		task: 'regression',
		file: `${CATALOG_MODEL_ID}.onnx`,
		...info(p.onnx, mf_out),
		input: { name: MF_IO.user, shape: [1, mf.served_factors], features: Array.from({ length: mf.served_factors }, (_, c) => `taste_${c + 1}`) },
		output: { name: MF_IO.rating, meaning: "predicted rating of every film before the visitor's own bias, and the best ones after the mask", range: [0.5, 5] },
		evaluations,
		training_rows: d.ratings,
		hyperparameters: { ...Object.fromEntries(Object.entries(mf.chosen).map(([k, v]) => [k, v as number])), popularity_weight: mf.popularity_weight, served_factors: mf.served_factors, energy_kept: Math.round(mf.energy * 1000) / 1000, items: mf.items },
		sources: ['movielens_small'],
		trained_at: mf.trained_at,
		notes: [
			`5-fold over ${d.ratings} ratings. Served: ${describe_svd(mf.chosen)}, rotated onto the first ${mf.served_factors} principal axes of its item factors, float16. Setting chosen on fold 1; folds 2-5 alone give RMSE ${mean_std(later.map((x) => x.rmse_served)).mean.toFixed(4)}.`,
			`Ranking: per user, top ${o.top_k} of the served candidates (movies with >= ${o.serve_min_ratings} training ratings not rated by the user in training) against held-out ratings >= ${o.relevant_threshold} (${f[0].ranking!.users} users in fold 1); ranked by predicted rating + ${mf.popularity_weight}·ln(1 + ratings), the weight chosen on fold 1 from ${o.popularity_weights.join(', ')} (5-fold NDCG@10: ${o.popularity_weights.map((w, g) => `${w} -> ${mean_std(col((x) => x.ranking!.by_weight[g].ndcg)).mean.toFixed(4)}`).join(', ')}).`,
			`Hyperparameter search on fold 1: ${mf.search.map((s) => `${describe_svd(s.options)} -> ${s.rmse.toFixed(4)}`).join('; ')}.`,
			`Served with ${mf.served_factors} of ${mf.chosen.factors * (mf.chosen.seeds ?? 1)} factor dimensions (${(mf.energy * 100).toFixed(0)}% of the item factors' variance); the visitor's taste vector is solved in the browser from their ratings (fold-in with the training regularisation).`,
			`Training on ${ctx.threads} thread(s): ${(mf.train_ms / 1000).toFixed(1)} s for search, 5 folds and the final fit.`
		]
	};
	const shard = (id: string, path: string, rows: number, description: string): ShardEntry => ({ id, file: path.split('/').pop()!, ...info(path, data_out), rows, format: 'json', description });
	const shards = [
		shard('catalog_titles', p.titles, d.titles, 'Every title of the four catalogues (Netflix, Amazon Prime Video, Disney+, Hulu) column by column: show number (show_id without its s), title, platform, type, release year, age rating (index into a sorted list), duration and unit, MovieLens score and count (films linked by title + year), recommender item, genre ids, actor ids (cast pruned to the actors that can answer get_actor), similar titles by content.'),
		shard('catalog_items', p.items, d.items, `The recommender's ${d.items} items (MovieLens movies with >= ${o.serve_min_ratings} ratings or streaming somewhere), in the scorer's order: MovieLens id, title, year, genres, mean rating, rating count, catalogue titles.`)
	];
	const b = d.bytes;
	const total_gzip = mf.onnx_gzip + b[CATALOG_TITLES_SHARD].gzip + b[CATALOG_ITEMS_SHARD].gzip;
	const s = (x: { mean: number; std: number }) => `${x.mean.toFixed(4)} ± ${x.std.toFixed(4)}`;
	const summary = [
		'catalogue recommender: 5-fold over ratings (RMSE / MAE mean ± std); target from TARGETS.md',
		format_table(['model', 'RMSE', 'MAE'], [
			['user + item biases', s(mean_std(col((x) => x.bias_rmse))), s(mean_std(col((x) => x.bias_mae)))],
			[`MF ${describe_svd(mf.chosen)}`, s(mean_std(col((x) => x.rmse))), s(mean_std(col((x) => x.mae)))],
			[`served (${mf.served_factors} dims)`, s(mean_std(col((x) => x.rmse_served))), s(mean_std(col((x) => x.mae_served)))],
			['tuned reference / target', '0.849 / <= 0.845', '0.650']
		]),
		`ranking@10 (P / R / NDCG): served (popularity weight ${mf.popularity_weight}) ${s(mean_std(rank('model', 'precision')))} / ${s(mean_std(rank('model', 'recall')))} / ${s(mean_std(rank('model', 'ndcg')))}; rating alone ${s(mean_std(rank('rating_only', 'precision')))} / ${s(mean_std(rank('rating_only', 'recall')))} / ${s(mean_std(rank('rating_only', 'ndcg')))}; popularity ${s(mean_std(rank('popularity', 'precision')))} / ${s(mean_std(rank('popularity', 'recall')))} / ${s(mean_std(rank('popularity', 'ndcg')))}`,
		`ranking NDCG@10 by popularity weight (5-fold): ${o.popularity_weights.map((w, g) => `${w}: ${mean_std(col((x) => x.ranking!.by_weight[g].ndcg)).mean.toFixed(4)}`).join(', ')}`,
		`catalogue offline download: ONNX ${(mf.onnx_gzip / 1e3).toFixed(0)} KB + titles ${(b[CATALOG_TITLES_SHARD].gzip / 1e3).toFixed(0)} KB + items ${(b[CATALOG_ITEMS_SHARD].gzip / 1e3).toFixed(0)} KB = ${(total_gzip / 1e6).toFixed(2)} MB gzip (CSV download ${(b[CATALOG_CSV].gzip / 1e6).toFixed(2)} MB gzip, not cached offline); recommender training ${(mf.train_ms / 1000).toFixed(1)} s`
	];
	return { models: [model], shards, sources, summary };
}
