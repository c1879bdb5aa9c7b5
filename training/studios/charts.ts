/**
 * The chart-chance studio: from the weekly Top-200 charts of 10 regions and the charted tracks' audio features, one
 * binary GBDT per (region, Top 200 | Top 50), evaluated on artist and recording folds next to the base rate, a
 * logistic regression, the untuned GBDT and TARGETS.md's XGBoost; exported as one multi-output ONNX file; plus the
 * charted-tracks shard for the similar-charted-songs lookup and the insights page.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as ort from 'onnxruntime-web/wasm';
import type { Evaluation, Metric, ModelEntry, ModelOutput, ShardEntry } from '../../src/lib/core/manifest';
import { predict_gbdt, type GbdtModel } from '../../src/lib/core/gbdt';
import { gbdt_multi_to_onnx } from '../../src/lib/core/onnx';
import { CHART_FEATURES, CHART_REGIONS, type ChartRegion } from '../../src/lib/core/charts/regions';
import { write_file_atomic } from '../lib/cache';
import { code_hash, file_sha256, hash_of } from '../lib/hash';
import { require_data_files } from '../lib/paths';
import { format_table } from '../lib/table';
import { load_charted_tracks, CHARTS_FILE, CHART_FEATURES_FILE, type ChartsEtlResult } from '../etl/spotify_charts';
import { build_charts_matrix, label_name, rows_of, CHARTS_MODEL_ID, N_LABELS, type ChartsMatrix, type GbdtParams } from '../tasks/charts_models';
import { run_chart_fits, DEFAULT_CHARTS_OPTIONS, type ChartsCvResult, type LabelEvaluation, type ChartsTaskOptions } from '../tasks/charts_cv';
import { source_from_sources_md } from '../export/manifest';
import { charts_tracks_arrow } from '../export/charts_shard';
import type { Studio, StudioContext, StudioOutput } from './types';

const SHARD_FILE = 'charts_tracks.arrow';
const IO = { input: 'features', output: 'probabilities' };
const PARITY_TOLERANCE = 1e-5;
/** Part of the model and shard steps' hashes: their bodies live in this file, among texts that do not change them. */
const STEP_BODY_VERSION = 1;

/** TARGETS.md: XGBoost (about 200 rounds, depth 6) AUC of "entered the region's Top 200", by chart artist; by track in brackets where given. */
export const CHART_REFERENCE: Record<ChartRegion, { artist: number; track?: number }> = {
	us: { artist: 0.712, track: 0.745 }, gb: { artist: 0.647, track: 0.707 }, de: { artist: 0.634, track: 0.697 }, fr: { artist: 0.734, track: 0.775 },
	nl: { artist: 0.643 }, ca: { artist: 0.702 }, au: { artist: 0.689 }, jp: { artist: 0.826 }, at: { artist: 0.612 }, global: { artist: 0.69 }
};

interface ModelStep {
	file: string;
	trees: number[];
	nodes: number;
	parity: { rows: number; max_abs_diff: number };
	params: GbdtParams;
	training_rows: number;
	trained_at: string;
}

interface ShardStep {
	rows: number;
	bytes: number;
	gzip_bytes: number;
	etl: ChartsEtlResult['stats'];
	outputs: ModelOutput[];
}

function hyper(p: GbdtParams): Record<string, number> {
	return Object.fromEntries(Object.entries(p).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
}

const split_text = {
	artist: 'grouped by chart artist (headline): every track of an artist in the test fold is unseen in training (recordings kept whole)',
	recording: 'grouped by recording: a track id and its re-releases (same lower-cased title + artist or identical audio vector) never split'
};

function evaluation_of(e: LabelEvaluation, cv: ChartsCvResult, o: ChartsTaskOptions): Evaluation {
	const auc = (s: { mean: number; std: number }): Metric[] => [{ name: 'auc', mean: s.mean, std: s.std }];
	const ref = CHART_REFERENCE[e.region];
	const ev: Evaluation = {
		split: `${e.split}-${o.folds}fold`,
		output: label_name(e.label),
		// the same text for every output of a split (the output and its base rate are fields of their own), so the app
		// can translate it by its exact English text
		description: `${o.folds} folds ${split_text[e.split]}; one label per region and chart depth: entered that chart`,
		folds: o.folds,
		metrics: auc(e.tuned),
		baselines: [
			{ name: 'base rate', description: 'predict the base rate (share of charting songs that entered this chart) for every song: AUC 0.5 by definition', metrics: [{ name: 'auc', mean: 0.5 }, { name: 'base_rate', mean: e.base_rate }] },
			{ name: 'logistic regression', description: `L2 logistic regression (lambda ${o.logistic_lambda}) on the standardised audio features, same folds`, metrics: auc(e.logistic) }
		]
	};
	if (e.untuned) ev.untuned = { description: 'the same GBDT with XGBoost\'s defaults at the reference size (200 rounds, depth 6, eta 0.3, lambda 1), same folds', metrics: auc(e.untuned), hyperparameters: hyper(o.untuned) };
	if (e.level === 'top200' && e.split === 'artist') {
		ev.reference = { name: 'XGBoost 1.7, about 200 rounds, depth 6, by chart artist (TARGETS.md)', metrics: [{ name: 'auc', mean: ref.artist }], target: [{ name: 'auc', mean: ref.artist }] };
	} else if (e.level === 'top200' && e.split === 'recording' && ref.track !== undefined) {
		ev.reference = { name: 'XGBoost 1.7, by track id (TARGETS.md; a looser split than by recording)', metrics: [{ name: 'auc', mean: ref.track }] };
	}
	void cv;
	return ev;
}

async function check_parity(onnx: Uint8Array, models: GbdtModel[], X: Float32Array, n: number, p: number): Promise<{ rows: number; max_abs_diff: number }> {
	ort.env.wasm.numThreads = 1;
	const session = await ort.InferenceSession.create(onnx);
	try {
		const out = (await session.run({ [IO.input]: new ort.Tensor('float32', X.subarray(0, n * p), [n, p]) }))[IO.output];
		if (!out || out.dims[0] !== n || out.dims[1] !== models.length) throw new Error(`chart ONNX output shape [${out?.dims.join(', ')}], expected [${n}, ${models.length}]`);
		const data = out.data as Float32Array;
		let max = 0;
		models.forEach((m, k) => {
			const want = predict_gbdt(m, X, n);
			for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(data[i * models.length + k] - want[i]));
		});
		if (!(max <= PARITY_TOLERANCE)) throw new Error(`chart ONNX parity failed: max |onnx - in-memory| = ${max} (tolerance ${PARITY_TOLERANCE})`);
		return { rows: n, max_abs_diff: max };
	} finally {
		await session.release();
	}
}

export function make_charts_studio(o: ChartsTaskOptions = DEFAULT_CHARTS_OPTIONS): Studio {
	return {
		id: 'charts',
		data_files: [CHARTS_FILE, CHART_FEATURES_FILE],
		async run(ctx: StudioContext): Promise<StudioOutput> {
			const [charts_path, features_path] = require_data_files(ctx.paths.data_root, [CHARTS_FILE, CHART_FEATURES_FILE]);
			const data_sha = hash_of(file_sha256(charts_path), file_sha256(features_path));
			// The ML core as whole directories (as music does) plus each entry's import closure; not all of core/charts,
			// whose lookup and UI types do not change what is trained.
			const CORE = ['src/lib/core/gbdt', 'src/lib/core/linear', 'src/lib/core/metrics', 'src/lib/core/random.ts'];
			const etl_hash = hash_of('charts_etl', data_sha, code_hash(['training/etl/spotify_charts.ts']));
			const fit_code = code_hash(['training/tasks/charts_models.ts', 'training/tasks/charts_cv.ts', 'training/tasks/charts_worker.ts', 'training/lib/pool.ts', ...CORE]);
			const cv_hash = hash_of('charts_cv', etl_hash, fit_code, o);
			// bump when the bodies of the model or shard steps below change (the manifest texts may change freely)
			const studio_code = STEP_BODY_VERSION;
			const onnx_path = join(ctx.models_dir, `${CHARTS_MODEL_ID}.onnx`);
			const shard_path = join(ctx.data_dir, SHARD_FILE);

			let etl: ChartsEtlResult | null = null;
			let matrix: ChartsMatrix | null = null;
			const get_etl = async () => (etl ??= await ctx.progress.step('charts ETL (weekly Top 200 x 10 regions + audio features)', (note) => {
				const r = load_charted_tracks(charts_path, features_path);
				const s = r.stats;
				note(`${s.chart_rows} chart rows, ${s.weeks} weeks (${s.first_week} .. ${s.last_week}), ${s.chart_tracks} track ids (${s.chart_rows_without_name} rows without a name)`);
				note(`${s.feature_rows} audio-feature rows -> ${s.copied_feature_rows} copied from another track (name matches none of the id's chart names) dropped -> ${s.tracks} tracks (SOURCES.md: 17,950; its count lost the track titled "NA" to pandas' NA parsing); ${s.tracks_without_features} chart ids have no feature row`);
				note(`${s.recordings} recordings, ${s.artists} chart artists; e.g. dropped ${s.copied_examples.slice(0, 2).map((x) => `${x.track_id} "${x.feature_name}" (charts: "${x.chart_names[0] ?? ''}")`).join(', ')}`);
				return r;
			}));
			const get_matrix = async () => (matrix ??= build_charts_matrix((await get_etl()).tracks));

			const cv = await ctx.cache.step<ChartsCvResult>(ctx.progress, 'charts_cv', `tuning + ${o.folds}-fold AUC per region (artist and recording folds)`, cv_hash, async (note) => {
				const m = await get_matrix();
				const fits = run_chart_fits(m, o, { cv: true, final: null, threads: ctx.threads, log: (l) => note(l) });
				try {
					const r = await fits.cv!;
					note(`chosen: grid[${r.chosen}] ${JSON.stringify(o.grid[r.chosen])}`);
					return { outputs: [], result: r };
				} finally {
					await fits.close();
				}
			});
			const tuned = o.grid[cv.result.chosen];

			const model_hash = hash_of('charts_model', etl_hash, fit_code, tuned, o.seed, code_hash(['src/lib/core/onnx']), studio_code);
			const model = await ctx.cache.step<ModelStep>(ctx.progress, 'charts_model', `final fits (${N_LABELS} labels), multi-output ONNX, parity`, model_hash, async (note) => {
				const m = await get_matrix();
				const fits = run_chart_fits(m, o, { cv: false, final: tuned, threads: ctx.threads, log: (l) => note(l) });
				let models: GbdtModel[];
				try {
					models = await fits.final!;
				} finally {
					await fits.close();
				}
				const onnx = gbdt_multi_to_onnx(models, { input_name: IO.input, output_name: IO.output, doc: `chart chances: ${Array.from({ length: N_LABELS }, (_, k) => label_name(k)).join(', ')}` });
				const all = Int32Array.from({ length: m.n }, (_, i) => i);
				const parity = await check_parity(onnx, models, rows_of(m, all), m.n, m.p);
				write_file_atomic(onnx_path, onnx);
				const nodes = models.reduce((s, g) => s + g.trees.reduce((t, tr) => t + tr.left.length, 0), 0);
				note(`${CHARTS_MODEL_ID}.onnx: ${N_LABELS} models, ${nodes} nodes, ${(onnx.length / 1024).toFixed(0)} KB raw, ${(gzipSync(onnx, { level: 9 }).length / 1024).toFixed(0)} KB gzip; parity on all ${parity.rows} rows x ${N_LABELS} columns: max |diff| ${parity.max_abs_diff.toExponential(2)}`);
				return { outputs: [onnx_path], result: { file: `${CHARTS_MODEL_ID}.onnx`, trees: models.map((g) => g.trees.length), nodes, parity, params: tuned, training_rows: new Set(m.recording).size, trained_at: new Date().toISOString() } };
			});

			const shard_hash = hash_of('charts_shard', etl_hash, code_hash(['training/export/charts_shard.ts']), studio_code);
			const shard = await ctx.cache.step<ShardStep>(ctx.progress, 'charts_shard', 'charted tracks (Arrow)', shard_hash, async (note) => {
				const e = await get_etl();
				const m = await get_matrix();
				const bytes = charts_tracks_arrow(e.tracks);
				write_file_atomic(shard_path, bytes);
				const gz = gzipSync(bytes, { level: 9 }).length;
				note(`${SHARD_FILE}: ${e.tracks.length} rows, ${(bytes.length / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzip`);
				const outputs: ModelOutput[] = Array.from({ length: N_LABELS }, (_, k) => {
					let pos = 0;
					for (let i = 0; i < m.n; i++) pos += m.Y[k * m.n + i];
					return { name: label_name(k), index: k, base_rate: pos / m.n, positives: pos };
				});
				return { outputs: [shard_path], result: { rows: e.tracks.length, bytes: bytes.length, gzip_bytes: gz, etl: e.stats, outputs } };
			});

			const info = (p: string, outputs: Record<string, string>) => ({ sha256: outputs[p], bytes: readFileSync(p).length });
			const onnx_info = info(onnx_path, model.outputs);
			const s = shard.result.etl;
			const sources_md = join(ctx.paths.data_root, 'spotify/SOURCES.md');
			const charts_source = source_from_sources_md(sources_md, CHARTS_FILE, 'spotify_weekly_charts', s.chart_rows, ['Weekly charts:']);
			const features_source = source_from_sources_md(sources_md, CHART_FEATURES_FILE, 'spotify_charted_audio_features', s.feature_rows, ['The charted-tracks audio-features file:', 'Joins are thin:']);
			features_source.notes.push(`ETL: ${s.copied_feature_rows} rows whose track_name matches none of the chart names of their id were dropped (copied features); ${s.tracks} tracks remain.`);
			const evaluations = cv.result.evaluations.map((e) => evaluation_of(e, cv.result, o));
			const entry: ModelEntry = {
				id: CHARTS_MODEL_ID,
				version: onnx_info.sha256.slice(0, 16),
				title: 'Chart chances per region (Top 200 and Top 50)',
				task: 'binary',
				file: model.result.file,
				sha256: onnx_info.sha256,
				bytes: onnx_info.bytes,
				input: { name: IO.input, shape: [-1, CHART_FEATURES.length], features: [...CHART_FEATURES] },
				output: {
					name: IO.output,
					meaning: `P(the song enters the region's chart | it charts somewhere), shape [N, ${N_LABELS}]: columns 0-9 Top 200 of ${CHART_REGIONS.join(', ')}, columns 10-19 Top 50 of the same regions`,
					range: [0, 1],
					columns: shard.result.outputs
				},
				evaluations,
				training_rows: model.result.training_rows,
				hyperparameters: {
					objective: 'logistic', ...hyper(tuned), seed: o.seed, models: N_LABELS,
					tuning: `grid of ${o.grid.length} on ${o.tune_folds} artist folds (seed ${o.tune_seed}), mean top-200 AUC over regions: ${cv.result.tuning.map((t) => t.mean_auc.toFixed(4)).join(' / ')}; chosen: setting ${cv.result.chosen + 1} of ${o.grid.length}`
				},
				sources: [charts_source.id, features_source.id],
				trained_at: model.result.trained_at,
				notes: [
					'Population: songs that charted in at least one of the 10 regions between Dec 2016 and Apr 2021. A probability is "given that it charts somewhere", not a chance of charting at all.',
					`Input: the 11 audio features of the charted-tracks file (no key, duration or explicit flag there); tempo and time signature 0 read as unmeasured.`,
					`ETL: ${s.copied_feature_rows} of ${s.feature_rows} audio-feature rows carried another track's features (their name matches none of the chart names of the id) and were dropped before training.`,
					`Training rows of the GBDTs: one per recording (${model.result.training_rows} recordings from ${s.tracks} tracks; re-releases together), labelled 1 when any of its releases entered the chart. The untuned GBDT and the logistic regression train on every track.`,
					'JP charts start in Aug 2017 and AT has 67 weeks only: their base rates are lower partly because of shorter cover.',
					`ONNX: one TreeEnsemble with ${N_LABELS} targets and a Sigmoid; parity with the in-memory models max |diff| ${model.result.parity.max_abs_diff.toExponential(2)} on ${model.result.parity.rows} rows x ${N_LABELS} columns.`
				]
			};
			const shard_entry: ShardEntry = {
				id: 'charts_tracks', file: SHARD_FILE, ...info(shard_path, shard.outputs), rows: shard.result.rows, format: 'arrow',
				description: `One row per cleaned charted track: title, artist (chart artist), first_week (ISO date of its first chart week in any region), the 11 audio features (${CHART_FEATURES.join(', ')}) as integer steps (value = stored x step: 1/250 for the 0-1 features, 0.1 dB loudness, 0.1 BPM tempo, 1 for mode and time signature; src/lib/core/charts/shard.ts), and per region r in ${CHART_REGIONS.join(', ')}: peak_r (best position, 0 = never charted there) and weeks_r (weeks on that chart, capped at 255).`
			};

			const rows = CHART_REGIONS.map((region, ri) => {
				const a = cv.result.evaluations.find((e) => e.split === 'artist' && e.label === ri)!;
				const r = cv.result.evaluations.find((e) => e.split === 'recording' && e.label === ri)!;
				const t50 = cv.result.evaluations.find((e) => e.split === 'artist' && e.label === ri + CHART_REGIONS.length)!;
				const ref = CHART_REFERENCE[region];
				const f = (x: number) => x.toFixed(3);
				return [region, f(a.base_rate), f(a.logistic.mean), a.untuned ? f(a.untuned.mean) : '-', `${f(a.tuned.mean)} ± ${a.tuned.std.toFixed(3)}`, f(ref.artist), a.tuned.mean >= ref.artist ? 'ok' : 'below', f(r.tuned.mean), ref.track ? f(ref.track) : '-', f(t50.base_rate), f(t50.tuned.mean)];
			});
			const summary = [
				`chart chances (AUC, ${o.folds} folds; top 200 unless stated):`,
				format_table(['region', 'base', 'logistic (artist)', 'untuned GBDT', 'GBDT (artist)', 'XGBoost ref', 'target', 'GBDT (recording)', 'XGBoost (track)', 'top-50 base', 'top-50 GBDT (artist)'], rows),
				`sizes: ${CHARTS_MODEL_ID}.onnx ${(onnx_info.bytes / 1024).toFixed(0)} KB (${(gzipSync(readFileSync(onnx_path), { level: 9 }).length / 1024).toFixed(0)} KB gzip), ${SHARD_FILE} ${(shard.result.gzip_bytes / 1024).toFixed(0)} KB gzip`
			];
			return { models: [entry], shards: [shard_entry], sources: [charts_source, features_source], summary };
		}
	};
}

export const CHARTS_STUDIO = make_charts_studio();
