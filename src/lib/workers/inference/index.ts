/**
 * Inference worker: the music models in onnxruntime-web (wasm, one thread) plus exact TreeSHAP contributions from the
 * same trees. Every predict encodes the raw input with the shared feature code, so the page never touches features
 * or onnxruntime.
 *
 * Two models share one input vector: music_popularity (with the artist's track record) answers when the input has
 * an artist record, music_popularity_new_artist (trained without it; far better for an unknown artist) when
 * input.artist is null. Each has its own session, trees, interval and id/version in the answer. The load prepares one
 * model (the main one, or the new-artist one when the page says its first request will need it) and the hit-score
 * reference; the other model is prepared on first need, or in idle time right after the first prediction, so the
 * cold load pays for one model only.
 *
 * The first answers do not wait for onnxruntime: compiling its 14 MB wasm takes most of a second even from the cache,
 * while the trees file (the same trees, for the drivers) is ready in a few milliseconds. Until a model's ONNX session
 * is ready (and has matched the trees on a probe row), that model answers with predict_one over its trees, the
 * in-memory form the ONNX file was exported from (the pipeline and a unit test check the two agree to ~4e-6, far below
 * the one decimal shown); every answer says which engine produced it. Once the session is ready it answers every
 * later request: onnxruntime-web stays the served runtime. The session is created after the first answer (or a moment
 * after the load), so its creation never holds up that answer on this thread.
 */
import * as ort from 'onnxruntime-web/wasm';
import { AUDIO_FEATURES, encode_music, genre_index_of, music_feature_names } from '../../core/features/music';
import { contributions, decode_gbdt_binary, predict_one } from '../../core/gbdt';
import type { GbdtModel } from '../../core/gbdt/types';
import type { ModelEntry } from '../../core/manifest';
import type { LoadProgress, MusicEstimate, MusicPrediction } from '../../core/music/types';
import type { MusicInput } from '../../core/features/music';
import { AppError } from '../../runtime/errors';
import { ArtifactError, fetch_model_file, fetch_shard, find_model, find_shard } from '../../runtime/artifacts';
import { genres_of, require_music_input } from '../../runtime/music_input';
import type { Engine, InferenceApi, InferencePartials } from '../../runtime/protocol';
import { serve } from '../rpc';
import { start_ort, type RuntimeUrls } from '../ort_runtime';
import { onnx_from_trees } from '../onnx_from_trees';
import { mark } from '../../runtime/marks';

mark('inference:script');
import { group_contributions, percentile, prediction_interval } from './explain';

/** served when the input has an artist record */
const MODEL_ID = 'music_popularity';
/** served when input.artist is null */
const NEW_ARTIST_MODEL_ID = 'music_popularity_new_artist';
const REFERENCE_ID = 'music_hit_reference';

/** A model's ONNX session, once created and checked against the trees. */
interface Session {
	session: ort.InferenceSession;
	input_name: string;
	output_name: string;
}

/**
 * One model ready to predict: the trees that explain it (and answer until the session is ready), and its session,
 * which follows in the background.
 */
interface ModelState {
	model: ModelEntry;
	trees: GbdtModel;
	/** set once the ONNX session is ready; from then on it answers */
	session: Session | null;
	/** the session's preparation (rejects with what failed) */
	session_ready: Promise<Session>;
	/** why the session could not be made: the next request reports it and prepares the model again */
	session_error: Error | null;
}

interface Loaded {
	/** the main (artist-record) model's manifest entry */
	main: ModelEntry;
	/** the new-artist model's entry (null in an older manifest: the main model then answers every input) */
	new_artist: ModelEntry | null;
	manifest_url: string;
	genres: string[];
	genre_index: Map<string, number>;
	/** the served prediction of every distinct track, ascending: the reference of the hit score */
	reference: Float32Array;
}

let loaded: Promise<Loaded> | null = null;

/**
 * Resolves once the first prediction has been answered (or a moment after the load, or after the worker started, if
 * none comes). onnxruntime waits for it: compiling and initialising its wasm keeps a core and this thread busy for the
 * better part of a second, which would otherwise delay the first answer that the trees can give at once.
 */
let first_answer_done: () => void = () => undefined;
const first_answer = new Promise<void>((resolve) => (first_answer_done = resolve));
/** after the load, how long the runtime waits for a first prediction before it starts anyway */
const SESSION_DELAY_MS = 1500;
/** the same from the worker's start, for a page that starts the runtime and never loads a model */
const RUNTIME_DELAY_MS = 5000;
setTimeout(() => first_answer_done(), RUNTIME_DELAY_MS);
/** 'id@version' -> the model's preparation (download, session, probe); forgotten when it fails, so the next use retries */
const prepared = new Map<string, Promise<ModelState>>();
let runtime: Promise<void> | null = null;

/**
 * onnxruntime-web in this worker (workers/ort_runtime.ts), once; it waits for the first answer (see first_answer).
 */
function start_runtime(urls: RuntimeUrls, on_progress?: (p: LoadProgress) => void): Promise<void> {
	runtime ??= (async () => {
		await first_answer;
		mark('inference:runtime-start');
		await start_ort(urls, on_progress);
		mark('inference:runtime-ready');
	})().catch((error) => {
		runtime = null;
		throw error;
	});
	// whoever awaits it reports the failure; a copy nobody awaits must not log an unhandled rejection
	runtime.catch(() => undefined);
	return runtime;
}

let first_predicted = false;

const labels: Record<string, string> = { [MODEL_ID]: 'the music model', [NEW_ARTIST_MODEL_ID]: 'the new-artist music model' };
const label_of = (model: ModelEntry) => labels[model.id] ?? `the model ${model.id}`;

/** The manifest entry must list exactly the features this app encodes, in its order. */
function check_features(model: ModelEntry, expected: readonly string[], manifest_url: string): void {
	if (model.input.features.length !== expected.length || model.input.features.some((f, i) => f !== expected[i])) {
		throw new ArtifactError(
			'version_mismatch',
			{ file: model.file },
			`${capitalise(label_of(model))} expects features in an order this app does not encode (${model.input.features.slice(0, 3).join(', ')}…); the model and the app are from different versions.`,
			manifest_url
		);
	}
}


/**
 * Download one model's trees (for the drivers, and the first answers) and decode them; its ONNX session is made in
 * the background (prepare_session), from the published file or from the same trees (onnx_from_trees). Resolves once
 * the trees can answer.
 */
async function prepare_model(
	model: ModelEntry,
	manifest_url: string,
	genres: readonly string[],
	runtime: Promise<void>,
	on_progress?: (p: LoadProgress) => void
): Promise<ModelState> {
	const label = label_of(model);
	const n_features = model.input.features.length;
	// both downloads start now (the ONNX file is only needed once the runtime is up), unless the ONNX bytes can be
	// rebuilt from the trees
	const published = model.onnx_from_trees ? null : fetch_model_file(manifest_url, model, 'model', label, on_progress);
	published?.catch(() => undefined);
	const tree_bytes = await fetch_model_file(manifest_url, model, 'trees', label, on_progress);
	let trees: GbdtModel;
	try {
		trees = decode_gbdt_binary(tree_bytes);
	} catch (error) {
		throw new ArtifactError('file_unreadable', { file: model.trees_file ?? model.file }, `The explanation trees of ${label} cannot be read (${error instanceof Error ? error.message : String(error)}); reload to fetch the current version.`, manifest_url, error);
	}
	if (trees.n_features !== n_features) {
		throw new ArtifactError('version_mismatch', { file: model.trees_file ?? model.file }, `The explanation trees of ${label} have ${trees.n_features} features where the model has ${n_features}; the two files are from different versions.`, manifest_url);
	}
	mark(`inference:trees:${model.id}`);
	const state: ModelState = { model, trees, session: null, session_ready: Promise.resolve(null as unknown as Session), session_error: null };
	// rebuilt after the first answer, while onnxruntime's wasm compiles
	const model_bytes = published ?? first_answer.then(() => onnx_from_trees(model, trees, label, manifest_url));
	state.session_ready = prepare_session(state, model_bytes, manifest_url, genres, runtime);
	state.session_ready.then(
		(s) => (state.session = s),
		(error) => (state.session_error = error instanceof Error ? error : new Error(String(error)))
	);
	return state;
}

/**
 * The model's ONNX session, once the runtime is up and the first answer is out: created, then checked against the
 * trees on one probe row (the explanation must describe the model that predicts; the first run also warms ORT up).
 */
async function prepare_session(state: ModelState, model_bytes: Promise<Uint8Array>, manifest_url: string, genres: readonly string[], runtime: Promise<void>): Promise<Session> {
	const { model, trees } = state;
	const label = label_of(model);
	const n_features = model.input.features.length;
	const bytes = await model_bytes;
	mark(`inference:fetched:${model.id}`);
	await runtime;
	let session: ort.InferenceSession;
	try {
		session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
	} catch (error) {
		throw new AppError('runtime_start', {}, `Could not start ${label} in onnxruntime-web: ${error instanceof Error ? error.message : String(error)}`, error);
	}
	mark(`inference:session:${model.id}`);
	const input_name = session.inputNames.includes(model.input.name) ? model.input.name : session.inputNames[0];
	const output_name = session.outputNames.includes(model.output.name) ? model.output.name : session.outputNames[0];

	const probe = new Float32Array(n_features);
	AUDIO_FEATURES.forEach((f, i) => (probe[i] = (f.min + f.max) / 2));
	// the first genre's indicator: genres come last in the vector
	if (genres.length > 0) probe[n_features - genres.length] = 1;
	const ort_value = await run_once(session, input_name, output_name, probe);
	const tree_value = predict_one(trees, probe);
	if (!(Math.abs(ort_value - tree_value) < 1e-3)) {
		throw new ArtifactError(
			'version_mismatch',
			{ file: model.file },
			`${capitalise(label)} and its explanation trees disagree (${ort_value.toFixed(3)} vs ${tree_value.toFixed(3)}); they are from different versions.`,
			manifest_url
		);
	}
	mark(`inference:ready:${model.id}`);
	return { session, input_name, output_name };
}

/** The hit-score reference: float32, ascending (models/music_hit_reference.bin). */
async function fetch_reference(manifest: Parameters<InferenceApi['load']>[0]['manifest'], manifest_url: string, on_progress: (p: LoadProgress) => void): Promise<Float32Array> {
	const shard = find_shard(manifest, REFERENCE_ID, manifest_url);
	const bytes = await fetch_shard(manifest_url, shard, 'the hit-score reference', on_progress);
	const bad = (why: string) => new ArtifactError('file_unreadable', { file: shard.file }, `The hit-score reference (${shard.file}) ${why}; reload to fetch the current version.`, manifest_url);
	if (bytes.length === 0 || bytes.length % 4 !== 0) throw bad(`has ${bytes.length} bytes, not a list of float32 values`);
	// a view when aligned (the usual case), else a copy
	const values = bytes.byteOffset % 4 === 0 ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Float32Array(bytes.slice().buffer);
	if (shard.rows !== undefined && values.length !== shard.rows) throw bad(`holds ${values.length} values where the manifest says ${shard.rows}`);
	for (let i = 0; i < values.length; i++) {
		if (!(values[i] >= (i > 0 ? values[i - 1] : -Infinity))) throw bad('is not a sorted list of numbers');
	}
	mark('inference:reference');
	return values;
}

async function load(
	args: Parameters<InferenceApi['load']>[0],
	on_progress: (p: LoadProgress) => void
): Promise<Loaded> {
	mark('inference:load');
	const { manifest, manifest_url, wasm_url, mjs_url } = args;
	const model = find_model(manifest, MODEL_ID, manifest_url);
	const genres = genres_of(model);
	const expected = music_feature_names(genres);
	check_features(model, expected, manifest_url);
	// Both entries are checked now, so a version mismatch fails the load rather than a later prediction. An older
	// manifest without the new-artist model serves every input with the main model (what the app did before).
	const new_artist = manifest.models.find((m) => m.id === NEW_ARTIST_MODEL_ID) ?? null;
	if (new_artist) check_features(new_artist, expected, manifest_url);

	// The runtime was started by start_runtime (normally long before this load: it needs no manifest); the model,
	// its trees and the reference download meanwhile.
	const runtime = start_runtime({ wasm_url, mjs_url }, on_progress);
	const first = args.first === NEW_ARTIST_MODEL_ID && new_artist ? new_artist : model;
	const [, reference] = await Promise.all([
		model_state(first, manifest_url, genres, runtime, on_progress),
		fetch_reference(manifest, manifest_url, on_progress)
	]);
	mark('inference:shap-ready');
	setTimeout(first_answer_done, SESSION_DELAY_MS);
	return { main: model, new_artist, manifest_url, genres, genre_index: genre_index_of(genres), reference };
}

/** One model, prepared once per worker (a failure is forgotten, so the next request retries). */
function model_state(
	model: ModelEntry,
	manifest_url: string,
	genres: readonly string[],
	runtime: Promise<void>,
	on_progress?: (p: LoadProgress) => void
): Promise<ModelState> {
	// by version too: a retried load may bring a newer manifest
	const key = `${model.id}@${model.version}`;
	let state = prepared.get(key);
	if (!state) {
		const made = prepare_model(model, manifest_url, genres, runtime, on_progress);
		prepared.set(key, made);
		made.catch(() => {
			if (prepared.get(key) === made) prepared.delete(key);
		});
		state = made;
	}
	return state;
}

/** The entry of the model that answers this input: no artist record -> the new-artist model (when there is one). */
function entry_for(state: Loaded, input: MusicInput): ModelEntry {
	return input.artist === null && state.new_artist ? state.new_artist : state.main;
}

/** The runtime, started by the load that made `state` (this only hands back its promise). */
function runtime_started(): Promise<void> {
	return runtime ?? Promise.reject(new AppError('not_loaded', {}, 'The model runtime is not started.'));
}

function state_for(state: Loaded, entry: ModelEntry): Promise<ModelState> {
	return model_state(entry, state.manifest_url, state.genres, runtime_started());
}

async function run_once(session: ort.InferenceSession, input_name: string, output_name: string, x: Float32Array): Promise<number> {
	const outputs = await session.run({ [input_name]: new ort.Tensor('float32', x, [1, x.length]) });
	return Number((outputs[output_name].data as Float32Array)[0]);
}

/**
 * Two phases: the estimate (popularity, interval, hit score) goes to `on_estimate` as soon as onnxruntime answers,
 * so the page can show it while the drivers (exact TreeSHAP, about as long again) are computed for the result.
 */
async function predict(state: Loaded, raw: unknown, on_estimate: (estimate: MusicEstimate & Engine) => void): Promise<MusicPrediction & Engine> {
	const input = require_music_input(raw, state.genres);
	// a first use of the new-artist model waits for it to load: that is loading, not prediction time
	const entry = entry_for(state, input);
	const which = await state_for(state, entry);
	if (!first_predicted) mark('inference:predict-start');
	if (which.session_error) {
		// forget the model so that the next request (a retry) downloads and starts it again
		prepared.delete(`${entry.id}@${entry.version}`);
		throw which.session_error;
	}
	const start = performance.now();
	// a row per request: another request may run while this one awaits onnxruntime, and the contributions below
	// must explain this row
	const x = encode_music(input, state.genre_index, new Float32Array(which.model.input.features.length));
	const session = which.session;
	// the trees answer until the session is ready (see the module comment)
	const value = session ? await run_once(session.session, session.input_name, session.output_name, x) : predict_one(which.trees, x);
	if (!Number.isFinite(value)) throw new AppError('no_number', {}, 'The music model returned no number for this input.');
	const engine: Engine['engine'] = session ? 'onnxruntime' : 'trees';

	const estimate: MusicEstimate & Engine = {
		model_id: which.model.id,
		model_version: which.model.version,
		engine,
		popularity: Math.min(100, Math.max(0, value)),
		interval: prediction_interval(which.model, value),
		hit_score: percentile(state.reference, value),
		prediction_ms: 0
	};
	estimate.prediction_ms = performance.now() - start;
	on_estimate(estimate);
	if (!first_predicted) mark('inference:estimate');

	const phi = contributions(which.trees, x);
	const base_value = phi[phi.length - 1];
	const names = which.model.input.features;
	return {
		model_id: estimate.model_id,
		model_version: estimate.model_version,
		engine,
		popularity: estimate.popularity,
		interval: estimate.interval,
		hit_score: estimate.hit_score,
		base_value,
		contributions: group_contributions(names, phi),
		latency_ms: performance.now() - start,
		prediction_ms: estimate.prediction_ms
	};
}

/** After the first answer, when the thread is idle: prepare the other model so its first use does not wait. */
function prepare_in_idle(state: Loaded): void {
	for (const entry of [state.main, state.new_artist]) {
		if (entry && !prepared.has(`${entry.id}@${entry.version}`)) setTimeout(() => void state_for(state, entry).catch(() => undefined), IDLE_DELAY_MS);
	}
}
const IDLE_DELAY_MS = 200;

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

serve<InferenceApi, InferencePartials>({
	async start_runtime(args, ctx) {
		await start_runtime(args, ctx.progress);
		return { ready: true };
	},

	async load(args, ctx) {
		loaded ??= load(args, ctx.progress).catch((error) => {
			loaded = null;
			throw error;
		});
		const state = await loaded;
		return { model: state.main, models: [state.main, ...(state.new_artist ? [state.new_artist] : [])], genres: state.genres, reference: state.reference.length };
	},

	async predict({ input }, ctx) {
		if (!loaded) throw new AppError('not_loaded', {}, 'The music model is not loaded yet.');
		const state = await loaded;
		const result = await predict(state, input, ctx.partial);
		if (!first_predicted) {
			first_predicted = true;
			// after this answer has been posted (a task later): what waits for it (onnxruntime's start, the ONNX bytes
			// rebuilt from the trees) runs synchronously for a few hundred ms and must not hold the answer back
			setTimeout(first_answer_done, 0);
			mark('inference:first-predict');
			prepare_in_idle(state);
		}
		return result;
	}
});
