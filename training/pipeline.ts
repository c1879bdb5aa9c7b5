/**
 * The training pipeline: data -> ETL -> cross-validated evaluation + final fits -> ONNX / trees / shards -> manifest.
 * Every step is skipped when the hash of its inputs (data, code import closure, options, upstream artifacts) is
 * unchanged. Every seed is fixed, so the same data gives byte-identical models and shards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ShardEntry } from '../src/lib/core/manifest';
import { gbdt_to_onnx } from '../src/lib/core/onnx';
import { decode_gbdt_binary, encode_gbdt_binary, type GbdtModel } from '../src/lib/core/gbdt';
import { fit_artist_stats } from '../src/lib/core/music/artist_stats';
import { serving_artist_columns, served_predictions } from './tasks/music_serving';
import { ArtifactCache, write_file_atomic } from './lib/cache';
import { code_hash, file_sha256, hash_of } from './lib/hash';
import { default_paths, require_data_files, REPO_ROOT, type PipelinePaths } from './lib/paths';
import { default_threads } from './lib/pool';
import { format_ms, Progress, console_reporter, type Reporter } from './lib/progress';
import { format_table, pm } from './lib/table';
import { load_spotify_tracks, SPOTIFY_TRACKS_FILE, type SpotifyEtlResult } from './etl/spotify_tracks';
import {
	build_music_matrix, subset, DEFAULT_MUSIC_OPTIONS, MUSIC_MODEL_ID, MUSIC_NEW_ARTIST_MODEL_ID,
	type MusicMatrix, type MusicTaskOptions
} from './tasks/music_popularity';
import { run_music_fits, type EvalResult, type IntervalResult } from './tasks/music_cv';
import { check_onnx_parity, ONNX_PARITY_TOLERANCE } from './export/onnx_check';
import { hit_reference_bin, music_tracks_arrow, OOF_SCALE, REFERENCE_SCALE, TRACK_ID_BYTES } from './export/shards';
import { build_manifest, source_from_sources_md } from './export/manifest';
import { model_entry, IO, type CvStepResult, type ExportedModel, type ModelStepResult, type ShardStepResult } from './export/music_manifest';
import { music_drift, music_output_quantiles } from './export/music_drift';
import { STUDIOS } from './studios';
import type { Studio, StudioOutput } from './studios/types';

export interface PipelineOptions {
	paths: PipelinePaths;
	force: boolean;
	threads: number;
	music: MusicTaskOptions;
	/** the studios trained after music (all of them by default; tests pick theirs) */
	studios: Studio[];
	reporter: Reporter;
}

export function default_pipeline_options(): PipelineOptions {
	return { paths: default_paths(), force: false, threads: default_threads(), music: DEFAULT_MUSIC_OPTIONS, studios: STUDIOS, reporter: console_reporter };
}

export const DATA_FILES = [SPOTIFY_TRACKS_FILE] as const;

export interface PipelineSummary {
	manifest_path: string;
	steps: { step: string; ms: number; skipped: boolean }[];
	total_ms: number;
	evaluations: EvalResult[];
	interval: IntervalResult;
	/** what each studio after music reported, by studio id */
	studios: Record<string, StudioOutput>;
}

const TRACKS_SHARD = 'music_tracks.arrow';
/** in models/: the inference worker fetches it with the models (the manifest names it with its folder) */
const HIT_REFERENCE_FILE = 'music_hit_reference.bin';

function read_f64(path: string): Float64Array {
	const b = readFileSync(path);
	return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export async function run_pipeline(o: PipelineOptions): Promise<PipelineSummary> {
	const progress = new Progress(o.reporter);
	const { data_root, out_root, cache_dir } = o.paths;
	// every studio's files are checked before anything runs, so a missing dataset is named at once
	const [csv_path] = require_data_files(data_root, [...DATA_FILES, ...o.studios.flatMap((st) => st.data_files)]);
	const cache = new ArtifactCache(cache_dir, out_root, o.force);
	const models_dir = join(out_root, 'models');
	const data_dir = join(out_root, 'data');

	// ---- input hashes --------------------------------------------------------------------------------------------
	const data_sha = file_sha256(csv_path);
	// pipeline.ts holds the bodies of the export and shard steps: its own content (not its import closure, which is
	// everything) is part of those steps' hashes
	const pipeline_code = file_sha256(join(REPO_ROOT, 'training/pipeline.ts'), false);
	const etl_hash = hash_of('etl', data_sha, code_hash(['training/etl/spotify_tracks.ts']));
	// Whole directories of the ML core as well as the import closure: a file the import scan could miss (a dynamic or
	// re-exported import) still counts. The closure adds whatever else the entries import.
	const CORE_DIRS = ['src/lib/core/gbdt', 'src/lib/core/metrics', 'src/lib/core/linear', 'src/lib/core/music', 'src/lib/core/features/music.ts', 'src/lib/core/random.ts'];
	const fit_code = code_hash(['training/tasks/music_cv.ts', 'training/tasks/music_worker.ts', 'training/lib/pool.ts', 'training/lib/worker_boot.mjs', ...CORE_DIRS]);
	const { parity_rows, parity_tolerance: option_tolerance, ...fit_options } = o.music;
	// the 1e-4 is the ceiling: an option may only tighten it
	const parity_tolerance = Math.min(option_tolerance, ONNX_PARITY_TOLERANCE);
	const cv_hash = hash_of('music_cv', etl_hash, fit_code, fit_options);
	const model_hash = hash_of('music_model', etl_hash, fit_code, fit_options, parity_rows, parity_tolerance, code_hash(['training/export/onnx_check.ts', 'src/lib/core/onnx', 'src/lib/core/gbdt', 'training/tasks/music_serving.ts', ...CORE_DIRS]), pipeline_code);
	// pipeline.ts holds the step bodies that export models and assemble shards; a change to it rebuilds those steps
	// (the fits themselves are cached by cv_hash / the model step and are not redone for shard-only changes)
	const oof_path = join(cache_dir, 'music_oof.f64');
	const paths_of = (id: string) => ({ onnx: join(models_dir, `${id}.onnx`), trees: join(models_dir, `${id}.trees.bin`) });

	// ---- ETL (in memory; cheap enough to redo whenever a later step needs it) ------------------------------------------
	let etl: SpotifyEtlResult | null = null;
	let matrix: MusicMatrix | null = null;
	const get_etl = async () => {
		if (!etl) {
			etl = await progress.step('music ETL (spotify 114k tracks)', (note) => {
				const r = load_spotify_tracks(csv_path);
				const s = r.stats;
				note(`${s.raw_rows} rows -> ${s.exact_duplicates} exact duplicates dropped -> ${s.distinct_tracks} distinct track ids (${s.multi_genre_tracks} under several genres, ${s.popularity_conflicts} with conflicting popularity -> max)`);
				note(`${s.recordings} recordings (connected title+artists / audio-vector groups); ${s.genres} genres; tempo missing ${s.tempo_missing}, time signature missing ${s.time_signature_missing}, duration missing ${s.duration_missing}, empty names ${s.empty_name_tracks}`);
				return r;
			});
		}
		return etl;
	};
	const get_matrix = async () => (matrix ??= build_music_matrix(await get_etl()));

	// ---- fits: evaluation folds and the final models share one thread pool --------------------------------------------
	const cv_stale = cache.stale_reason('music_cv', cv_hash);
	const model_stale = cache.stale_reason('music_model', model_hash);
	let fits: Awaited<ReturnType<typeof run_music_fits>> | null = null;
	if (cv_stale !== null || model_stale !== null) {
		const m = await get_matrix();
		const what = [cv_stale !== null ? `${o.music.folds}-fold evaluations` : '', model_stale !== null ? 'final models' : ''].filter(Boolean).join(' + ');
		o.reporter.log(`  fitting on ${o.threads} thread(s): ${what}`);
		fits = await run_music_fits(m, o.music, { cv: cv_stale !== null, final: model_stale !== null, threads: o.threads, log: (l) => o.reporter.log(`    ${l}`) });
	}
	// The studios share nothing with music, so they run beside it: their single-threaded steps (ETL, export, parity)
	// use the core that music's fits leave idle at times, and music's export and shards overlap the studios' fits.
	const studios_run = run_studios(o, { models_dir, data_dir, cache });
	const music_run = (async () => {
		const cv = await cache.step<CvStepResult>(progress, 'music_cv', '5-fold evaluations + baselines + intervals', cv_hash, async (note) => {
			const r = await fits!.cv!;
			write_file_atomic(oof_path, new Uint8Array(r.oof.buffer));
			for (const e of r.evaluations) note(`${e.id}: R² ${pm(e.metrics[0].mean, e.metrics[0].std)}`);
			for (const iv of [r.interval, r.new_artist_interval]) {
				note(`interval ${iv.level} (${iv.split}): [-${(-iv.lower_offset).toFixed(1)}, +${iv.upper_offset.toFixed(1)}], held-out coverage ${pm(iv.coverage, iv.coverage_std)}`);
			}
			return { outputs: [oof_path], result: { evaluations: r.evaluations, interval: r.interval, new_artist_interval: r.new_artist_interval } };
		});
		const model = await cache.step<ModelStepResult>(progress, 'music_model', 'final fits, ONNX export, parity checks', model_hash, async (note) => {
			const gbdt = await fits!.final!;
			const m = await get_matrix();
			// parity on real rows, with the inputs each model is served
			const serving = serving_artist_columns(m, o.music.artist_prior_weight);
			const n_check = Math.min(parity_rows, m.n);
			const rows = Int32Array.from({ length: n_check }, (_, k) => Math.floor((k * m.n) / n_check));
			const outputs: string[] = [];
			const export_one = async (id: string, g: GbdtModel, X: Float32Array): Promise<ExportedModel> => {
				const onnx = gbdt_to_onnx(g, { input_name: IO.input, output_name: IO.output });
				const parity = await check_onnx_parity(onnx, g, X, n_check, IO, parity_tolerance);
				const p = paths_of(id);
				const trees_bytes = encode_gbdt_binary(g);
				write_file_atomic(p.trees, trees_bytes);
				write_file_atomic(p.onnx, onnx);
				outputs.push(p.onnx, p.trees);
				const nodes = g.trees.reduce((s, t) => s + t.left.length, 0);
				note(`${id}: ${g.trees.length} trees, ${nodes} nodes, ONNX ${(onnx.length / 1024).toFixed(0)} KB (${(gzipSync(onnx, { level: 9 }).length / 1024).toFixed(0)} KB gzip), trees file ${(trees_bytes.length / 1024).toFixed(0)} KB (${(gzipSync(trees_bytes, { level: 9 }).length / 1024).toFixed(0)} KB gzip); parity on ${parity.rows} real rows: max |diff| ${parity.max_abs_diff.toExponential(2)} (tolerance ${parity_tolerance.toExponential(0)})`);
				return { id, file: `${id}.onnx`, trees_file: `${id}.trees.bin`, trees: g.trees.length, nodes, parity, feature_names: g.feature_names };
			};
			const C = await export_one(MUSIC_MODEL_ID, gbdt.C, subset(m, rows, 'C', serving, o.music.artist_fields).X);
			const B = await export_one(MUSIC_NEW_ARTIST_MODEL_ID, gbdt.B, subset(m, rows, 'B', null).X);
			return { outputs, result: { models: { C, B }, trained_at: new Date().toISOString(), training_rows: m.n } };
		});
		if (fits) await fits.close();
		fits = null;

		const shard_hash = hash_of('music_shards', etl_hash, cv.outputs, model.outputs, code_hash(['training/export/shards.ts', 'training/tasks/music_serving.ts', ...CORE_DIRS]), pipeline_code, fit_options);
		const shards = await cache.step<ShardStepResult>(progress, 'music_shards', 'tracks (Arrow), hit-score reference', shard_hash, async (note) => {
			const m = await get_matrix();
			const e = await get_etl();
			const load = (id: string) => decode_gbdt_binary(readFileSync(paths_of(id).trees));
			const serving = serving_artist_columns(m, o.music.artist_prior_weight);
			const prediction = served_predictions(m, serving, load(MUSIC_MODEL_ID), load(MUSIC_NEW_ARTIST_MODEL_ID), o.music.artist_fields);
			const tracks_bytes = music_tracks_arrow(e.tracks, read_f64(oof_path));
			const tracks_path = join(data_dir, TRACKS_SHARD);
			write_file_atomic(tracks_path, tracks_bytes);
			// the hit-score reference on its own, so the inference worker need not wait for the tracks shard
			const reference_bytes = hit_reference_bin(prediction);
			const reference_path = join(models_dir, HIT_REFERENCE_FILE);
			write_file_atomic(reference_path, reference_bytes);
			const reference_rows = reference_bytes.length / 4;
			const rg = gzipSync(reference_bytes, { level: 9 }).length;
			note(`${HIT_REFERENCE_FILE}: ${reference_rows} served predictions (float32 rounded to 1/${REFERENCE_SCALE}, ascending), ${(reference_bytes.length / 1e6).toFixed(2)} MB raw, ${(rg / 1e6).toFixed(2)} MB gzip`);
			const tg = gzipSync(tracks_bytes, { level: 9 }).length;
			const with_record = serving.mean.reduce((k, v) => k + (Number.isNaN(v) ? 0 : 1), 0);
			// the one all-rows constant of the artist record the search worker cannot get from a single track's rows
			const all = Int32Array.from({ length: m.n }, (_, i) => i);
			const artist_zero_share_prior = fit_artist_stats(m.artists, m.recording, m.y, all).prior_zero;
			note(`${TRACKS_SHARD}: ${m.n} rows (${with_record} with an artist record, recomputed by the search worker), ${(tracks_bytes.length / 1e6).toFixed(2)} MB raw, ${(tg / 1e6).toFixed(2)} MB gzip`);
			return {
				outputs: [tracks_path, reference_path],
				result: {
					tracks_rows: m.n, tracks_bytes: tracks_bytes.length, tracks_gzip_bytes: tg, reference_rows, reference_gzip_bytes: rg,
					tracks_with_artist_record: with_record, artist_zero_share_prior, etl: e.stats
				}
			};
		});

		return { cv, model, shards };
	})();
	try {
		// both run to the end before an error of either is reported, so neither leaves threads working behind it
		const [music_result, studios_result] = await Promise.allSettled([music_run, studios_run]);
		if (music_result.status === 'rejected') throw music_result.reason;
		if (studios_result.status === 'rejected') throw studios_result.reason;
		const { cv, model, shards } = music_result.value;
		const { outputs: studio_outputs, timings: studio_timings } = studios_result.value;
		progress.timings.push(...studio_timings);
		const studio_parts = Object.values(studio_outputs);

		const manifest_path = join(models_dir, 'manifest.json');
		const sources_md = join(data_root, 'spotify/SOURCES.md');
		const sources_sha = existsSync(sources_md) ? file_sha256(sources_md) : 'none';
		const manifest_hash = hash_of('manifest', cv.outputs, cv.result, model.outputs, model.result, shards.outputs, shards.result, o.music, studio_parts, pipeline_code, code_hash(['training/export/music_manifest.ts', 'training/export/manifest.ts', 'training/export/music_drift.ts']), sources_sha);
		await cache.step(progress, 'manifest', 'manifest.json', manifest_hash, async () => {
			const file_info = (p: string) => ({ sha256: model.outputs[p] ?? shards.outputs[p], bytes: readFileSync(p).length });
			const s = shards.result.etl;
			const source = source_from_sources_md(sources_md, SPOTIFY_TRACKS_FILE, 'spotify_tracks_114k', s.raw_rows, ['114k set:', 'Re-releases:']);
			source.notes.push(
				`ETL: ${s.exact_duplicates} exact duplicate rows dropped; ${s.distinct_tracks} distinct track ids, genres merged; ${s.popularity_conflicts} ids with conflicting popularity take the max of their snapshots; tempo 0 (${s.tempo_missing}) and time_signature 0 (${s.time_signature_missing}) read as missing; ${s.recordings} recordings.`
			);
			// drift references (the audio features as a history record holds them) and the served predictions' quantiles
			const drift = music_drift((await get_etl()).tracks);
			const reference = readFileSync(join(models_dir, HIT_REFERENCE_FILE));
			const output_quantiles = music_output_quantiles(new Float32Array(reference.buffer.slice(reference.byteOffset, reference.byteOffset + reference.byteLength)));
			const model_entries = (['C', 'B'] as const).map((which) => ({ ...model_entry(which, model.result, cv.result, shards.result, o, file_info, paths_of, source.id), drift, output_quantiles }));
			const tracks_path = join(data_dir, TRACKS_SHARD);
			const shard_entries: ShardEntry[] = [
				{
					id: 'music_tracks', file: TRACKS_SHARD, ...file_info(tracks_path), rows: shards.result.tracks_rows, format: 'arrow',
					params: { artist_prior_weight: o.music.artist_prior_weight, oof_scale: OOF_SCALE, artist_zero_share_prior: shards.result.artist_zero_share_prior },
					description: `One row per distinct Spotify track, in ETL order. Strings: track_id (${TRACK_ID_BYTES} ASCII bytes, FixedSizeBinary), title, artists (";"-separated; dictionary), album (dictionary; null when it equals the title), genres (";"-joined; dictionary). Integers at the source's precision (src/lib/core/music/track_codec.ts): popularity (uint8); recording (re-release group id as rows back to the previous row of the same recording, 0 = a new recording, ids numbered by first appearance); danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence (uint16 decimal code: mantissa * 10 + exponent, value = mantissa / 10^exponent; the source has 3 significant digits); key, mode, time_signature, explicit (uint8); loudness (int32 thousandths of a dB); tempo (uint32 thousandths of a BPM); duration_ms (uint32); tempo, time_signature and duration_ms 0 = not measured, as in the source; oof_prediction (int16, tenths of a popularity point: the set-C model's prediction from recording-split cross-validation). Not stored, derived by the search worker with the training code: the artist record of each track (its lead artist's OTHER recordings: mean popularity shrunk toward the overall mean by params.artist_prior_weight = ${o.music.artist_prior_weight} pseudo-recordings, how many, the highest, the spread, the share at 0; params.artist_zero_share_prior is the all-rows share of (artist, recording) pairs at 0 toward which that share is shrunk) and the artist table of "describe your own song" (every artist over all its recordings, shrunk the same way).`
				},
				{
					id: 'music_hit_reference', file: `models/${HIT_REFERENCE_FILE}`, ...file_info(join(models_dir, HIT_REFERENCE_FILE)), rows: shards.result.reference_rows, format: 'bin',
					description: `The hit-score reference: the served prediction of every distinct track (the music_tracks shard's 'prediction' column: ${MUSIC_MODEL_ID} when the track has an artist record, else ${MUSIC_NEW_ARTIST_MODEL_ID}), as little-endian float32, sorted ascending, no header. The hit score of a prediction is the share of these at or below it.`
				}
			];
			const manifest = build_manifest(
				[...model_entries, ...studio_parts.flatMap((p) => p.models)],
				[...shard_entries, ...studio_parts.flatMap((p) => p.shards)],
				[source, ...studio_parts.flatMap((p) => p.sources)],
				new Date().toISOString()
			);
			write_file_atomic(manifest_path, JSON.stringify(manifest, null, 2) + '\n');
			return { outputs: [manifest_path], result: { version: manifest.version } };
		});

		print_summary(progress, cv.result, model.result, shards.result, o, studio_parts, progress.total_ms());
		return { manifest_path, steps: progress.timings, total_ms: progress.total_ms(), evaluations: cv.result.evaluations, interval: cv.result.interval, studios: studio_outputs };
	} finally {
		if (fits) await fits.close();
	}
}

/**
 * Every studio after music, in order, on a Progress of their own: they run beside music, so their lines carry a
 * prefix that tells the two apart in the log.
 */
async function run_studios(o: PipelineOptions, dirs: { models_dir: string; data_dir: string; cache: ArtifactCache }): Promise<{ outputs: Record<string, StudioOutput>; timings: Progress['timings'] }> {
	const reporter: Reporter = { log: (line) => o.reporter.log(line === '' ? line : `[studios] ${line}`) };
	const progress = new Progress(reporter);
	const outputs: Record<string, StudioOutput> = {};
	for (const studio of o.studios) {
		outputs[studio.id] = await studio.run({ paths: o.paths, ...dirs, progress, reporter, threads: o.threads, force: o.force });
	}
	return { outputs, timings: progress.timings };
}

function print_summary(progress: Progress, cv: CvStepResult, models: ModelStepResult, shards: ShardStepResult, o: PipelineOptions, studios: StudioOutput[], total_ms: number): void {
	const rows: string[][] = [];
	for (const e of cv.evaluations) {
		const get = (ms: { name: string; mean: number; std?: number }[], n: string) => ms.find((x) => x.name === n);
		const r2 = get(e.metrics, 'r2')!;
		const rm = get(e.metrics, 'rmse')!;
		const b = (name: string) => get(e.baselines.find((x) => x.name === name)!.metrics, 'r2')!;
		const ref = e.reference ? get(e.reference.metrics, 'r2') : undefined;
		const target = e.reference?.target ? get(e.reference.target, 'r2') : undefined;
		rows.push([
			e.id, models.models[e.model].id, e.set, pm(r2.mean, r2.std), pm(rm.mean, rm.std, 2), pm(b('mean').mean, b('mean').std),
			pm(b('genre mean').mean, b('genre mean').std), pm(b('ridge').mean, b('ridge').std), ref ? ref.mean.toFixed(3) : '-',
			target ? `>= ${target.mean.toFixed(2)}` : '-', target ? (r2.mean >= target.mean ? 'met' : 'MISSED') : '-'
		]);
	}
	progress.log('');
	progress.log(`R² / RMSE mean ± std over ${o.music.folds} folds (GBDT); baselines: R² on the same folds; XGBoost ref and target from TARGETS.md`);
	progress.log(format_table(['split', 'model', 'set', 'GBDT R²', 'GBDT RMSE', 'mean', 'genre mean', 'ridge', 'XGBoost', 'target', ''], rows));
	for (const iv of [cv.interval, cv.new_artist_interval]) {
		progress.log(`interval ${iv.level} (${iv.split}): [p - ${(-iv.lower_offset).toFixed(1)}, p + ${iv.upper_offset.toFixed(1)}], coverage on held-out folds ${pm(iv.coverage, iv.coverage_std)}`);
	}
	for (const m of Object.values(models.models)) {
		progress.log(`${m.id}: ${m.trees} trees, ${m.nodes} nodes, ONNX parity ${m.parity.max_abs_diff.toExponential(1)} on ${m.parity.rows} rows`);
	}
	progress.log(`shards: ${TRACKS_SHARD} ${(shards.tracks_bytes / 1e6).toFixed(2)} MB (${(shards.tracks_gzip_bytes / 1e6).toFixed(2)} MB gzip), ${HIT_REFERENCE_FILE} ${(shards.reference_rows * 4 / 1e6).toFixed(2)} MB (${(shards.reference_gzip_bytes / 1e6).toFixed(2)} MB gzip)`);
	for (const part of studios) {
		progress.log('');
		for (const line of part.summary) progress.log(line);
	}
	progress.log(`total ${format_ms(total_ms)}`);
}
