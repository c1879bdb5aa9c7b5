/**
 * Inference worker: the music model in onnxruntime-web (wasm, one thread) plus exact TreeSHAP contributions from the
 * same trees. Loaded once; every predict encodes the raw input with the shared feature code, so the page never
 * touches features or onnxruntime.
 */
import * as ort from 'onnxruntime-web/wasm';
import { AUDIO_FEATURES, encode_music, genre_index_of, music_feature_names } from '../../core/features/music';
import { contributions, predict_one } from '../../core/gbdt';
import type { GbdtModel } from '../../core/gbdt/types';
import type { ModelEntry } from '../../core/manifest';
import type { LoadProgress, MusicPrediction } from '../../core/music/types';
import { ArtifactError, fetch_artifact, fetch_model_file, find_model } from '../../runtime/artifacts';
import { genres_of, require_music_input } from '../../runtime/music_input';
import type { InferenceApi } from '../../runtime/protocol';
import { serve } from '../rpc';
import { group_contributions, percentile, prediction_interval } from './explain';

const MODEL_ID = 'music_popularity';

interface Loaded {
	model: ModelEntry;
	genres: string[];
	genre_index: Map<string, number>;
	session: ort.InferenceSession;
	trees: GbdtModel;
	input_name: string;
	output_name: string;
	/** reused for every request: one row */
	x: Float32Array;
}

let loaded: Promise<Loaded> | null = null;
let reference: Float64Array | null = null;

async function load(
	args: Parameters<InferenceApi['load']>[0],
	on_progress: (p: LoadProgress) => void
): Promise<Loaded> {
	const { manifest, manifest_url, wasm_url, mjs_url } = args;
	const model = find_model(manifest, MODEL_ID, manifest_url);
	const genres = genres_of(model);
	const expected = music_feature_names(genres);
	if (model.input.features.length !== expected.length || model.input.features.some((f, i) => f !== expected[i])) {
		throw new ArtifactError(
			`The music model expects features in an order this app does not encode (${model.input.features.slice(0, 3).join(', ')}…); the model and the app are from different versions.`,
			manifest_url
		);
	}

	// Fetching the runtime ourselves gives the loading bar its biggest file; ORT then skips its own fetch.
	const [wasm, model_bytes, tree_bytes] = await Promise.all([
		fetch_artifact({ url: wasm_url, what: 'the model runtime (onnxruntime-web)', on_progress }),
		fetch_model_file(manifest_url, model, 'model', 'the music model', on_progress),
		fetch_model_file(manifest_url, model, 'trees', 'the music model', on_progress)
	]);

	// One thread and no proxy: threads need cross-origin isolation and a proxy would spawn a blob worker, which the
	// CSP forbids. The .mjs glue comes from a hashed URL in the app build, so the service worker caches it.
	ort.env.wasm.numThreads = 1;
	ort.env.wasm.proxy = false;
	ort.env.wasm.wasmPaths = { mjs: mjs_url, wasm: wasm_url };
	ort.env.wasm.wasmBinary = wasm;
	let session: ort.InferenceSession;
	try {
		session = await ort.InferenceSession.create(model_bytes, { executionProviders: ['wasm'] });
	} catch (error) {
		throw new Error(`Could not start the music model in onnxruntime-web: ${error instanceof Error ? error.message : String(error)}`);
	}

	let trees: GbdtModel;
	try {
		trees = JSON.parse(new TextDecoder().decode(tree_bytes)) as GbdtModel;
	} catch {
		throw new ArtifactError("The music model's explanation trees are not valid JSON.", manifest_url);
	}
	if (trees.n_features !== expected.length) {
		throw new ArtifactError(`The music model's explanation trees have ${trees.n_features} features where the model has ${expected.length}; the two files are from different versions.`, manifest_url);
	}
	const input_name = session.inputNames.includes(model.input.name) ? model.input.name : session.inputNames[0];
	const output_name = session.outputNames.includes(model.output.name) ? model.output.name : session.outputNames[0];

	// One probe through both: the explanation must describe the model that predicts (and the first run warms ORT up).
	const probe = new Float32Array(expected.length);
	AUDIO_FEATURES.forEach((f, i) => (probe[i] = (f.min + f.max) / 2));
	// the first genre's indicator: genres come last in the vector
	if (genres.length > 0) probe[expected.length - genres.length] = 1;
	const ort_value = await run_once(session, input_name, output_name, probe);
	const tree_value = predict_one(trees, probe);
	if (!(Math.abs(ort_value - tree_value) < 1e-3)) {
		throw new ArtifactError(
			`The music model and its explanation trees disagree (${ort_value.toFixed(3)} vs ${tree_value.toFixed(3)}); they are from different versions.`,
			manifest_url
		);
	}
	// the first explanation compiles the trees into typed arrays; pay that now rather than on the first slider move
	contributions(trees, probe);
	return {
		model,
		genres,
		genre_index: genre_index_of(genres),
		session,
		trees,
		input_name,
		output_name,
		x: new Float32Array(expected.length)
	};
}

async function run_once(session: ort.InferenceSession, input_name: string, output_name: string, x: Float32Array): Promise<number> {
	const outputs = await session.run({ [input_name]: new ort.Tensor('float32', x, [1, x.length]) });
	return Number((outputs[output_name].data as Float32Array)[0]);
}

async function predict(state: Loaded, reference: Float64Array, raw: unknown): Promise<MusicPrediction> {
	const start = performance.now();
	const input = require_music_input(raw, state.genres);
	const x = encode_music(input, state.genre_index, state.x);
	const value = await run_once(state.session, state.input_name, state.output_name, x);
	if (!Number.isFinite(value)) throw new Error('The music model returned no number for this input.');

	const phi = contributions(state.trees, x);
	const base_value = phi[phi.length - 1];
	const names = state.model.input.features;
	return {
		model_id: state.model.id,
		model_version: state.model.version,
		popularity: Math.min(100, Math.max(0, value)),
		interval: prediction_interval(state.model, value),
		hit_score: percentile(reference, value),
		base_value,
		contributions: group_contributions(names, phi),
		latency_ms: performance.now() - start
	};
}

serve<InferenceApi>({
	async load(args, ctx) {
		loaded ??= load(args, ctx.progress).catch((error) => {
			loaded = null;
			throw error;
		});
		const state = await loaded;
		return { model: state.model, genres: state.genres };
	},

	set_reference({ predictions }) {
		if (!(predictions instanceof Float64Array) || predictions.length === 0) {
			throw new Error('The hit-score reference (the catalogue’s predictions) is empty.');
		}
		reference = predictions;
		return { count: predictions.length };
	},

	async predict({ input }) {
		if (!loaded) throw new Error('The music model is not loaded yet.');
		if (!reference) throw new Error('The hit-score reference is not loaded yet.');
		return predict(await loaded, reference, input);
	}
});
