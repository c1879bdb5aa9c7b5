/**
 * The video studio's training: YouTube trending sets -> one row per video -> views / likes / dislikes models
 * (evaluated on 5 folds by channel and by video, with and without subscribers, next to the mean and the
 * subscribers-only log-log OLS) -> ONNX + trees -> page shards (rows for filters and retraining, tag statistics).
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { gbdt_to_onnx } from '../../src/lib/core/onnx';
import { conformal_offsets, interval_coverage, mean_std } from '../../src/lib/core/metrics';
import { VIDEO_FEATURE_NAMES, VIDEO_N_FEATURES, VIDEO_TARGETS, type TagStats, type VideoTarget } from '../../src/lib/core/features/video';
import { rows_matrix, VIDEO_GBDT, INNER_FOLDS, type CvResult } from '../../src/lib/core/video/model';
import { LINEAR_BITS, LINEAR_LAMBDA, LINEAR_TOKEN_SCALE, video_tokens } from '../../src/lib/core/video/linear';
import type { Evaluation, Metric, ModelEntry, ShardEntry, SourceEntry } from '../../src/lib/core/manifest';
import type { GbdtModel } from '../../src/lib/core/gbdt';
import { write_file_atomic } from '../lib/cache';
import { code_hash, file_sha256, hash_of } from '../lib/hash';
import { ThreadPool, to_shared } from '../lib/pool';
import { pm, format_table } from '../lib/table';
import { load_youtube, YOUTUBE_DATA_FILES, type YoutubeEtlResult, type YoutubeEtlStats } from '../etl/youtube';
import { base_matrix } from '../tasks/video_data';
import { tag_ids_of, VIDEO_FOLDS, type SetName, type SplitName, type VideoJob, type VideoJobResult, type VideoSets } from '../tasks/video_models';
import { check_onnx_parity } from '../export/onnx_check';
import { repository_snapshots } from '../export/manifest';
import { feature_reference } from '../../src/lib/core/drift';
import { PERCENTILES, quantiles } from '../../src/lib/core/stats/quantiles';
import { video_rows_arrow, video_tags_arrow, tag_vocabulary } from '../export/video_shards';
import type { Studio, StudioContext, StudioOutput } from './types';

export const VIDEO_IO = { input: 'features', output: 'log_count' };
const SEED = 4242;
const LEVEL = 0.8;
const ROWS_SHARD = 'video_rows.arrow';
const TAGS_SHARD = 'video_tags.arrow';

export const model_id = (target: VideoTarget, set: SetName) => (set === 'sub' ? `video_${target}` : `video_${target}_nosubs`);

/** TARGETS.md, YouTube table (XGBoost 1.7, 4,545 subscriber-table videos, log1p targets). */
const REFERENCE: Record<VideoTarget, { channel: { with: number; without: number; ols: number; target: number; mean_rmse?: number; with_rmse?: number }; video?: { with: number; without: number; ols: number } }> = {
	views: { channel: { with: 0.307, without: 0.104, ols: 0.233, target: 0.31, mean_rmse: 1.863, with_rmse: 1.55 }, video: { with: 0.385, without: 0.252, ols: 0.235 } },
	likes: { channel: { with: 0.519, without: 0.296, ols: 0.348, target: 0.53 } },
	dislikes: { channel: { with: 0.332, without: 0.135, ols: 0.265, target: 0.34 } }
};

interface CvSummary {
	set: SetName;
	target: VideoTarget;
	split: SplitName;
	without_subscribers: boolean;
	metrics: Metric[];
	baselines: { mean: Metric[]; subscribers_ols: Metric[] };
	ols_slope: Metric;
	interval: { lower: number; upper: number; coverage: number; coverage_std: number };
	ms: number;
}

interface TrainResult {
	cv: CvSummary[];
	exported: { id: string; target: VideoTarget; set: SetName; gbdt_weight: number; trees: number; nodes: number; onnx_bytes: number; parity: number; parity_rows: number }[];
	trained_at: string;
	rows: Record<SetName, number>;
	etl: YoutubeEtlStats;
}

const metric = (name: string, values: number[]): Metric => ({ name, ...mean_std(values) });

/** Split-conformal interval from out-of-fold residuals; coverage measured fold by fold (calibrated on the others). */
function conformal(y: Float64Array, cv: CvResult): CvSummary['interval'] {
	const res = Float64Array.from(y, (v, i) => v - cv.oof[i]);
	const k = Math.max(...cv.fold) + 1;
	const cov: number[] = [];
	for (let f = 0; f < k; f++) {
		const cal = res.filter((_, i) => cv.fold[i] !== f);
		const o = conformal_offsets(cal, LEVEL);
		const held = [...cv.fold.keys()].filter((i) => cv.fold[i] === f);
		cov.push(interval_coverage(held.map((i) => y[i]), held.map((i) => cv.oof[i]), o.lower, o.upper));
	}
	const o = conformal_offsets(res, LEVEL);
	const c = mean_std(cov);
	return { lower: o.lower, upper: o.upper, coverage: c.mean, coverage_std: c.std };
}

function build_sets(e: YoutubeEtlResult): { sets: VideoSets; sub_rows: number[] } {
	const all = e.videos;
	const sub_rows = all.flatMap((v, i) => (v.in_subscriber_table ? [i] : []));
	const make = (vs: typeof all) => {
		const b = base_matrix(vs);
		return {
			n: vs.length,
			X: to_shared(b.X),
			tags: b.tags,
			tag_ids: tag_ids_of(b.tags),
			tokens: vs.map((v, i) => video_tokens(v.title, b.tags[i])),
			y: Object.fromEntries(VIDEO_TARGETS.map((t) => [t, to_shared(Float64Array.from(vs, (v) => Math.log1p(v[t])))])) as Record<VideoTarget, Float64Array>,
			channel: vs.map((v) => v.channel),
			video_id: vs.map((v) => v.video_id)
		};
	};
	return { sets: { sub: make(sub_rows.map((i) => all[i])), all: make(all) }, sub_rows };
}

export const video_studio: Studio = {
	id: 'video',
	data_files: YOUTUBE_DATA_FILES,
	async run(ctx: StudioContext): Promise<StudioOutput> {
		const { cache, progress, paths, models_dir, data_dir } = ctx;
		const data_hash = hash_of(YOUTUBE_DATA_FILES.map((f) => file_sha256(join(paths.data_root, f))));
		const etl_code = code_hash(['training/etl/youtube.ts', 'training/etl/youtube_sets.ts', 'src/lib/core/csv.ts']);
		const core_code = code_hash(['src/lib/core/features/video.ts', 'src/lib/core/video', 'src/lib/core/gbdt', 'src/lib/core/metrics', 'src/lib/core/onnx', 'training/tasks/video_models.ts', 'training/tasks/video_data.ts', 'training/tasks/video_worker.ts', 'training/export/onnx_check.ts']);
		const studio_code = code_hash(['training/studios/video.ts']);
		let etl: YoutubeEtlResult | null = null;
		const get_etl = async () =>
			(etl ??= await progress.step('video ETL (YouTube trending sets)', (note) => {
				const r = load_youtube(paths.data_root);
				const s = r.stats;
				note(`${s.appearances} appearances (${Object.entries(s.appearances_by_set).map(([k, v]) => `${k} ${v}`).join(', ')}) -> ${s.videos} videos; ${s.multi_country} trended in several countries; ${s.repeated_day_pairs} repeated (video, day) pairs`);
				note(`subscribers known for ${s.with_subscribers} videos (subscriber table ${s.subscriber_table_rows} rows, ${s.subscriber_table_missing} missing there); ${s.without_publish_time} without publish time (2017 Sep-Oct set)`);
				return r;
			}));

		const train_hash = hash_of('video_train', data_hash, etl_code, core_code, studio_code, VIDEO_GBDT, SEED, LEVEL);
		const paths_of = (id: string) => ({ onnx: join(models_dir, `${id}.onnx`), trees: join(models_dir, `${id}.trees.json`) });
		const oof_path = join(cache.cache_dir, 'video_oof.json');
		const train = await cache.step<TrainResult>(progress, 'video_train', `${VIDEO_FOLDS}-fold evaluations, final fits, ONNX export`, train_hash, async (note) => {
			const e = await get_etl();
			const { sets } = build_sets(e);
			note(`training sets: subscriber table ${sets.sub.n} videos, all trending ${sets.all.n} videos; ${ctx.threads} thread(s)`);
			const pool = new ThreadPool<VideoJob, VideoJobResult>(new URL('../tasks/video_worker.ts', import.meta.url), ctx.threads, sets);
			try {
				const cv_jobs: Extract<VideoJob, { kind: 'cv' }>[] = [];
				for (const target of VIDEO_TARGETS) {
					for (const split of ['channel', 'video'] as const) for (const without_subscribers of [false, true]) cv_jobs.push({ kind: 'cv', set: 'sub', target, split, without_subscribers, seed: SEED });
					cv_jobs.push({ kind: 'cv', set: 'all', target, split: 'channel', without_subscribers: true, seed: SEED });
				}
				const fit_jobs: Extract<VideoJob, { kind: 'fit' }>[] = VIDEO_TARGETS.flatMap((target) => [
					{ kind: 'fit' as const, set: 'sub' as const, target, without_subscribers: false, seed: SEED },
					{ kind: 'fit' as const, set: 'all' as const, target, without_subscribers: true, seed: SEED }
				]);
				const cv_results = await Promise.all(cv_jobs.map((j) => pool.run(j)));
				const fit_results = await Promise.all(fit_jobs.map((j) => pool.run(j)));
				const oof: Record<string, number[]> = {};
				const cv: CvSummary[] = cv_jobs.map((j, k) => {
					const r = cv_results[k] as Extract<VideoJobResult, { kind: 'cv' }>;
					const y = sets[j.set].y[j.target];
					if (j.split === 'channel' && (j.set === 'all' || !j.without_subscribers)) oof[model_id(j.target, j.set)] = Array.from(r.cv.oof);
					const s: CvSummary = {
						set: j.set, target: j.target, split: j.split, without_subscribers: j.without_subscribers,
						metrics: [metric('r2', r.cv.scores.r2), metric('rmse', r.cv.scores.rmse), metric('mae', r.cv.scores.mae)],
						baselines: {
							mean: [metric('r2', r.cv.baselines.mean.r2), metric('rmse', r.cv.baselines.mean.rmse)],
							subscribers_ols: [metric('r2', r.cv.baselines.subscribers_ols.r2), metric('rmse', r.cv.baselines.subscribers_ols.rmse)]
						},
						ols_slope: metric('slope', r.cv.ols_slopes.filter(Number.isFinite)),
						interval: conformal(y, r.cv),
						ms: r.ms
					};
					note(`${j.target} ${j.set} by ${j.split} ${j.without_subscribers ? 'without' : 'with'} subscribers: R² ${pm(s.metrics[0].mean, s.metrics[0].std)} (mean ${s.baselines.mean[0].mean.toFixed(3)}, OLS ${s.baselines.subscribers_ols[0].mean.toFixed(3)}) ${(r.ms / 1000).toFixed(1)} s`);
					return s;
				});
				write_file_atomic(oof_path, JSON.stringify(oof));
				const outputs: string[] = [oof_path];
				const exported: TrainResult['exported'] = [];
				for (let k = 0; k < fit_jobs.length; k++) {
					const j = fit_jobs[k];
					const r = fit_results[k] as Extract<VideoJobResult, { kind: 'fit' }>;
					const id = model_id(j.target, j.set);
					const s = sets[j.set];
					// the served model is the compact one: the trees file holds it and the browser rebuilds the ONNX from it
					const model = compact_model(r.model);
					const onnx = gbdt_to_onnx(model, { input_name: VIDEO_IO.input, output_name: VIDEO_IO.output });
					const n_check = Math.min(1000, s.n);
					const rows = Int32Array.from({ length: n_check }, (_, q) => Math.floor((q * s.n) / n_check));
					const X = rows_matrix({ n: s.n, X: s.X, tags: s.tag_ids, y: s.y[j.target] }, rows, r.tag_stats, j.without_subscribers);
					const parity = await check_onnx_parity(onnx, model, X, n_check, VIDEO_IO);
					const p = paths_of(id);
					write_file_atomic(p.onnx, onnx);
					// the trees file also carries the word ridge the worker blends with the trees' prediction (linear.ts)
					const trees_json = JSON.stringify(r.linear ? { ...model, linear: r.linear } : model);
					// the browser rebuilds these ONNX bytes from the trees file (workers/onnx_from_trees): they must match
					if (!Buffer.from(gbdt_to_onnx(JSON.parse(trees_json) as GbdtModel, { input_name: VIDEO_IO.input, output_name: VIDEO_IO.output })).equals(Buffer.from(onnx))) {
						throw new Error(`${id}: the ONNX rebuilt from the trees file differs from the exported one`);
					}
					write_file_atomic(p.trees, trees_json);
					outputs.push(p.onnx, p.trees);
					const nodes = model.trees.reduce((a, t) => a + t.left.length, 0);
					exported.push({ id, target: j.target, set: j.set, gbdt_weight: r.linear ? r.linear.gbdt_weight : 1, trees: r.model.trees.length, nodes, onnx_bytes: onnx.length, parity: parity.max_abs_diff, parity_rows: parity.rows });
					note(`${id}: ${r.model.trees.length} trees, ${nodes} nodes, ONNX ${(onnx.length / 1024).toFixed(0)} KB (${(gzipSync(onnx).length / 1024).toFixed(0)} KB gzip), trees ${(gzipSync(readFileSync(p.trees)).length / 1024).toFixed(0)} KB gzip; parity max |diff| ${parity.max_abs_diff.toExponential(2)} on ${parity.rows} rows (${(r.ms / 1000).toFixed(1)} s)`);
				}
				return { outputs, result: { cv, exported, trained_at: new Date().toISOString(), rows: { sub: sets.sub.n, all: sets.all.n }, etl: e.stats } };
			} finally {
				await pool.close();
			}
		});

		const shard_hash = hash_of('video_shards', data_hash, etl_code, core_code, train.outputs, code_hash(['training/export/video_shards.ts']), studio_code);
		type Reference = { drift: NonNullable<ModelEntry['drift']>; output_quantiles: number[]; rows: number };
		const shards = await cache.step<{ rows: number; tags: number; bytes: Record<string, number>; gzip: Record<string, number>; references: Record<string, Reference> }>(progress, 'video_shards', 'rows + tag statistics (Arrow)', shard_hash, async (note) => {
			const e = await get_etl();
			const { sets, sub_rows } = build_sets(e);
			const oof = JSON.parse(readFileSync(oof_path, 'utf8')) as Record<string, number[]>;
			const vocab = tag_vocabulary(sets.all.tags);
			const stats = (set: SetName) => Object.fromEntries(VIDEO_TARGETS.map((t) => [t, stats_of(sets[set].tags, sets[set].y[t])])) as Record<VideoTarget, TagStats>;
			const tags_bytes = video_tags_arrow(vocab, stats('all'), stats('sub'));
			// the general models' cross-validated (by channel) prediction of each row, as the app serves it:
			// the subscriber model where the count is known, else the no-subscriber model
			const sub_pos = new Map(sub_rows.map((i, q) => [i, q]));
			const served = Object.fromEntries(VIDEO_TARGETS.map((t) => [t, Float32Array.from(e.videos, (v, i) => {
				const q = sub_pos.get(i);
				return q !== undefined && v.subscribers !== null ? oof[model_id(t, 'sub')][q] : oof[model_id(t, 'all')][i];
			})])) as Record<VideoTarget, Float32Array>;
			const rows_bytes = video_rows_arrow(e.videos, sets.all.X, sets.all.tags, vocab, served);
			const rows_path = join(data_dir, ROWS_SHARD);
			const tags_path = join(data_dir, TAGS_SHARD);
			write_file_atomic(rows_path, rows_bytes);
			write_file_atomic(tags_path, tags_bytes);
			const gz = { rows: gzipSync(rows_bytes, { level: 9 }).length, tags: gzipSync(tags_bytes, { level: 9 }).length };
			note(`${ROWS_SHARD}: ${e.videos.length} rows, ${(rows_bytes.length / 1e6).toFixed(2)} MB raw, ${(gz.rows / 1e6).toFixed(2)} MB gzip`);
			note(`${TAGS_SHARD}: ${vocab.length} tags (carried by >= 3 videos), ${(tags_bytes.length / 1e6).toFixed(2)} MB raw, ${(gz.tags / 1e6).toFixed(2)} MB gzip`);
			// for /monitor (input drift of the history's video records, by the names history_kinds.ts gives them) and
			// /score (a prediction ranked against the model's cross-validated predictions over its training rows)
			const references: Record<string, Reference> = {};
			for (const set of ['sub', 'all'] as const) {
				const vs = set === 'sub' ? sub_rows.map((i) => e.videos[i]) : e.videos;
				const finite = (xs: number[]) => xs.filter(Number.isFinite);
				const features = [
					...(set === 'sub' ? [feature_reference('log_subscribers', 'Subscribers (ln)', finite(vs.map((v) => (v.subscribers ? Math.log(v.subscribers) : NaN))))] : []),
					feature_reference('tag_count', 'Tags', vs.map((v) => new Set(v.tags).size)),
					feature_reference('title_length', 'Title length', vs.map((v) => [...v.title].length)),
					feature_reference('publish_hour', 'Publish hour (UTC)', finite(vs.map((v) => (v.publish_time ? new Date(v.publish_time).getUTCHours() : NaN))))
				];
				for (const t of VIDEO_TARGETS) {
					const id = model_id(t, set);
					references[id] = { drift: { rows: vs.length, features }, output_quantiles: quantiles(oof[id], PERCENTILES), rows: vs.length };
				}
			}
			return { outputs: [rows_path, tags_path], result: { rows: e.videos.length, tags: vocab.length, bytes: { rows: rows_bytes.length, tags: tags_bytes.length }, gzip: gz, references } };
		});

		const file_info = (p: string) => ({ sha256: train.outputs[p] ?? shards.outputs[p], bytes: readFileSync(p).length });
		const sources = video_sources(train.result.etl, join(paths.data_root, 'youtube/SOURCES.md'));
		const models = train.result.exported.map((x) => {
			const ref = shards.result.references[x.id];
			return {
				...video_model_entry(x, train.result, file_info(paths_of(x.id).onnx), file_info(paths_of(x.id).trees), sources.map((s) => s.id)),
				drift: ref.drift,
				output_quantiles: { rows: ref.rows, description: `cross-validated (by channel) predictions of log1p ${x.target} over the model's ${ref.rows} training videos`, values: ref.output_quantiles }
			};
		});
		const shard_entries: ShardEntry[] = [
			{
				id: 'video_rows', file: ROWS_SHARD, ...file_info(join(data_dir, ROWS_SHARD)), rows: shards.result.rows, format: 'arrow',
				description: 'One row per trending video (last appearance): category id, country code, set, channel code, log1p views/likes/dislikes, subscribers (NaN when unknown), the base feature columns of src/lib/core/features/video.ts (tag statistics excluded: they are learnt per fold), tag ids into video_tags, and the general models\' cross-validated (by channel) log predictions as served.'
			},
			{
				id: 'video_tags', file: TAGS_SHARD, ...file_info(join(data_dir, TAGS_SHARD)), rows: shards.result.tags, format: 'arrow',
				description: 'Tags carried by at least 3 trending videos: per tag, videos and mean log1p views/likes/dislikes over all trending videos (n_all, *_all) and over the subscriber table (n_sub, *_sub): the served models\' tag statistics.'
			}
		];
		const summary = video_summary(train.result, shards.result);
		return { models, shards: shard_entries, sources, summary };
	}
};

function stats_of(tags: string[][], y: Float64Array): TagStats {
	const acc = new Map<string, [number, number]>();
	let sum = 0;
	for (let i = 0; i < tags.length; i++) {
		sum += y[i];
		for (const t of tags[i]) {
			const a = acc.get(t);
			if (a) { a[0]++; a[1] += y[i]; } else acc.set(t, [1, y[i]]);
		}
	}
	return { prior: sum / tags.length, k: 5, min_count: 3, tags: new Map([...acc].map(([t, [n, s]]) => [t, [n, s / n]])) };
}

/** Trees for TreeSHAP in the worker, with values rounded to float32 precision (smaller JSON, same routing). */
function compact_model(m: GbdtModel): GbdtModel {
	// leaf values at float32 precision (what ONNX computes with); covers only weigh TreeSHAP's paths, 4 digits do
	const f = (x: number) => Number(Math.fround(x).toPrecision(7));
	const c = (x: number) => Number(x.toPrecision(4));
	return { ...m, trees: m.trees.map((t) => ({ ...t, value: t.value.map(f), cover: t.cover.map(c) })) };
}

/**
 * The four YouTube sources. Their origins are the repository snapshots youtube/SOURCES.md gives for their files
 * ("owner/repo @ commit"; that file also lists each file's git blob). The 2020 set's snapshot is written in the
 * prose of its section rather than in the table, so it is repeated here.
 */
function video_sources(s: YoutubeEtlStats, sources_md: string): SourceEntry[] {
	const files = (part: string) => YOUTUBE_DATA_FILES.filter((f) => f.includes(part));
	const from = (names: readonly string[], fallback: string) => repository_snapshots(sources_md, names).join('; ') || fallback;
	const repaired_from = from(['youtube/youtube-trend-with-subscriber/USvideos_table.csv.gz'], 'DavidCrgh/YT-Trending-Trends');
	return [
		{ id: 'youtube_subscriber_table', title: 'Kaggle sgonkaggle/youtube-trend-with-subscriber (USvideos_modified, repaired)', origin: `${from(files('with-subscriber'), 'tgore03/ClassiTube')}; dates and ids repaired from ${repaired_from}`, license: 'unknown', rows: s.subscriber_table_rows, files: files('with-subscriber'), notes: [`Subscriber counts collected once (apparently early 2018); ${s.subscriber_table_missing} rows have NaN or 0 (read as missing).`] },
		{ id: 'youtube_new_heads', title: 'Kaggle datasnaek/youtube-new, first trending days (US, FR, CA, GB, IN)', origin: from(files('youtube-new'), 'several GitHub copies'), license: 'unknown', rows: s.appearances_by_set.new ?? 0, files: files('youtube-new'), notes: ['Only the first 4-17 trending days of each country (the full files were not obtainable).'] },
		{ id: 'youtube_2017_sep_oct', title: 'Kaggle datasnaek/youtube (US, GB, 13 Sep - 22 Oct 2017)', origin: from(files('sep-oct'), 'valkoz/YoutubeTrendsAnalysis'), license: 'unknown', rows: s.appearances_by_set.sepoct ?? 0, files: files('sep-oct'), notes: ['No publish time, description or disabled flags: those features are missing for its videos.'] },
		{ id: 'youtube_2020_partial', title: 'Kaggle rsrishav/youtube-trending-video-dataset, first ~1.28 MB per country (Aug 2020)', origin: 'mdilin/Python_HW @ acd3eab8', license: 'CC0 1.0 (per another copy of the dataset)', rows: s.appearances_by_set['2020'] ?? 0, files: files('2020'), notes: ['First 4-8 trending days from 2020-08-12, 11 countries.'] }
	];
}

const r2m = (ms: Metric[]) => ms.find((m) => m.name === 'r2')!;

function evaluation(c: CvSummary): Evaluation {
	const ref = REFERENCE[c.target];
	const split = `${c.split}-5fold${c.set === 'all' ? '-all-trending' : ''}${c.without_subscribers && c.set === 'sub' ? '-without-subscribers' : ''}`;
	const who = c.set === 'sub' ? 'the subscriber-table videos (US, 2017-18)' : 'every unified trending video (11 countries, 2017-2020)';
	const reference =
		c.set === 'sub' && c.split === 'channel'
			? { name: `XGBoost 1.7 ${c.without_subscribers ? 'without' : 'with'} subscribers (TARGETS.md)`, metrics: [{ name: 'r2', mean: c.without_subscribers ? ref.channel.without : ref.channel.with }], ...(c.without_subscribers ? {} : { target: [{ name: 'r2', mean: ref.channel.target }] }) }
			: c.set === 'sub' && c.split === 'video' && ref.video
				? { name: `XGBoost 1.7 ${c.without_subscribers ? 'without' : 'with'} subscribers (TARGETS.md)`, metrics: [{ name: 'r2', mean: c.without_subscribers ? ref.video.without : ref.video.with }] }
				: undefined;
	return {
		split,
		description: `5 folds over ${who}, grouped by ${c.split === 'channel' ? 'channel (every video of a test channel is unseen: a new channel)' : 'video'}; ${c.without_subscribers ? 'subscribers withheld' : 'with subscribers'}; tag statistics out-of-fold (inner ${INNER_FOLDS} folds). Log1p ${c.target}.`,
		folds: VIDEO_FOLDS,
		metrics: [...c.metrics, { name: 'coverage', mean: c.interval.coverage, std: c.interval.coverage_std }],
		baselines: [
			{ name: 'mean', description: 'training-fold mean of log1p ' + c.target, metrics: c.baselines.mean },
			{ name: 'subscribers_ols', description: `subscribers only: log1p ${c.target} = a + b ln(subscribers), least squares on the training fold (slope b ${c.ols_slope.mean.toFixed(3)}); training mean where the count is unknown`, metrics: c.baselines.subscribers_ols }
		],
		...(reference ? { reference } : {})
	};
}

function video_model_entry(
	x: TrainResult['exported'][number],
	t: TrainResult,
	onnx: { sha256: string; bytes: number },
	trees: { sha256: string; bytes: number },
	source_ids: string[]
): ModelEntry {
	const mine = t.cv.filter((c) => c.target === x.target && (x.set === 'sub' ? c.set === 'sub' && !c.without_subscribers : c.without_subscribers));
	// headline first: the split whose residuals calibrate the served interval
	mine.sort((a, b) => Number(b.split === 'channel' && b.set === x.set) - Number(a.split === 'channel' && a.set === x.set));
	const head = mine[0];
	const with_c = t.cv.find((c) => c.target === x.target && c.set === 'sub' && c.split === 'channel' && !c.without_subscribers)!;
	const without_c = t.cv.find((c) => c.target === x.target && c.set === 'sub' && c.split === 'channel' && c.without_subscribers)!;
	return {
		id: x.id,
		version: onnx.sha256.slice(0, 16),
		title: `YouTube ${x.target} (log1p), ${x.set === 'sub' ? 'subscribers known' : 'subscribers unknown'}`,
		task: 'regression',
		file: `${x.id}.onnx`,
		sha256: onnx.sha256,
		bytes: onnx.bytes,
		trees_file: `${x.id}.trees.json`,
		trees_sha256: trees.sha256,
		trees_bytes: trees.bytes,
		// written by gbdt_to_onnx from the model the trees file holds (JSON keeps every double exactly)
		onnx_from_trees: true,
		input: { name: VIDEO_IO.input, shape: [-1, VIDEO_N_FEATURES], features: [...VIDEO_FEATURE_NAMES] },
		output: { name: VIDEO_IO.output, meaning: `the trees' part of the predicted log1p(${x.target}) on the video's last trending day: the served value blends it with the word ridge of the trees file (see the notes); expm1 of the served value for the count. Shape [N, 1]` },
		evaluations: mine.map(evaluation),
		interval: { level: LEVEL, lower_offset: -head.interval.lower, upper_offset: head.interval.upper, coverage: head.interval.coverage, coverage_std: head.interval.coverage_std, split: evaluation(head).split },
		training_rows: t.rows[x.set],
		hyperparameters: { ...VIDEO_GBDT, seed: SEED, trees: x.trees, gbdt_weight: x.gbdt_weight, ridge_lambda: LINEAR_LAMBDA, ridge_word_buckets: 2 ** LINEAR_BITS, ridge_word_scale: LINEAR_TOKEN_SCALE, tag_inner_folds: INNER_FOLDS, tag_min_count: 3, tag_shrinkage: 5, subscribers_gain_r2_by_channel: Number((r2m(with_c.metrics).mean - r2m(without_c.metrics).mean).toFixed(4)) },
		sources: source_ids,
		trained_at: t.trained_at,
		notes: [
			x.set === 'sub'
				? `Served when the visitor gives a subscriber count. Trained on the ${t.rows.sub} subscriber-table videos (US trending, Nov 2017 - Mar 2018); subscribers add ${(r2m(with_c.metrics).mean - r2m(without_c.metrics).mean).toFixed(3)} R² by channel (${r2m(without_c.metrics).mean.toFixed(3)} -> ${r2m(with_c.metrics).mean.toFixed(3)}).`
				: `Served when the subscriber count is unknown. Trained on all ${t.rows.all} unified trending videos (11 countries, 2017-2020) with subscribers withheld, so country and the other features carry the prediction.`,
			'Only videos that trended: a typical upload gets far fewer views than any of these. Counts are those of the video\'s last trending day; subscriber counts were collected once, after the videos trended.',
			x.target === 'dislikes'
				? 'Dislikes describe the era when they were public (these videos are from 2017-2020; YouTube hid dislike counts in late 2021), so they say nothing about dislikes on today\'s YouTube.'
				: 'Likes and views from 2017-2020 trending videos.',
			...(x.gbdt_weight < 1 ? [`Served as a blend: ${x.gbdt_weight} × the trees (the ONNX file, whose parity is below) + ${Number((1 - x.gbdt_weight).toFixed(3))} × a ridge regression on the words of the title and the tags (${2 ** LINEAR_BITS} hashed buckets) and the numeric features, added in the browser; the out-of-fold figures and the interval are the blend's.`] : []),
			`ONNX parity: max |onnx - in-memory| = ${x.parity.toExponential(2)} on ${x.parity_rows} real rows in onnxruntime-web.`,
			`Interval: split-conformal at ${LEVEL * 100}% from the ${evaluation(head).split} out-of-fold residuals; held-out coverage ${head.interval.coverage.toFixed(3)}.`
		]
	};
}

function video_summary(t: TrainResult, s: { rows: number; tags: number; gzip: Record<string, number> }): string[] {
	const rows: string[][] = [];
	for (const c of t.cv) {
		const ref = REFERENCE[c.target];
		const reference = c.set === 'sub' && c.split === 'channel' ? (c.without_subscribers ? ref.channel.without : ref.channel.with) : c.set === 'sub' && c.split === 'video' && ref.video ? (c.without_subscribers ? ref.video.without : ref.video.with) : NaN;
		rows.push([
			c.target, c.set === 'sub' ? 'subscriber table' : 'all trending', c.split, c.without_subscribers ? 'no' : 'yes',
			pm(c.metrics[0].mean, c.metrics[0].std), c.baselines.mean[0].mean.toFixed(3), c.baselines.subscribers_ols[0].mean.toFixed(3),
			Number.isNaN(reference) ? '-' : reference.toFixed(3),
			c.set === 'sub' && c.split === 'channel' && !c.without_subscribers ? `>= ${ref.channel.target}` : '-',
			c.interval.coverage.toFixed(3)
		]);
	}
	const gz = t.exported.reduce((a, x) => a + x.onnx_bytes, 0);
	return [
		'Video models (R² of log1p counts, 5 folds):',
		format_table(['target', 'rows', 'grouped by', 'subscribers', 'GBDT', 'mean', 'subs OLS', 'XGBoost ref', 'target', `${LEVEL * 100}% coverage`], rows),
		`video shards: rows ${(s.gzip.rows / 1e3).toFixed(0)} KB gzip, tags ${(s.gzip.tags / 1e3).toFixed(0)} KB gzip (${s.tags} tags); ONNX files ${(gz / 1e3).toFixed(0)} KB raw`
	];
}
