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
import { ArtifactError, fetch_model_file, find_model } from '../../runtime/artifacts';
import { genres_of, require_music_input } from '../../runtime/music_input';
import type { InferenceApi } from '../../runtime/protocol';
import { serve } from '../rpc';
import { mark } from '../../runtime/marks';

mark('inference:script');
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
let runtime: Promise<void> | null = null;

/** The smallest valid ONNX model (one Identity op on float[1]): creating it initialises the wasm runtime. */
const WARM_UP_MODEL = Uint8Array.from(atob('CAc6NwoQCgF4EgF5IghJZGVudGl0eRIBZ1oPCgF4EgoKCAgBEgQKAggBYg8KAXkSCgoICAESBAoCCAFCAhAN'), (c) => c.charCodeAt(0));

const RUNTIME_WHAT = 'the model runtime (onnxruntime-web)';

/**
 * Download, compile and initialise onnxruntime-web's wasm, once. onnxruntime fetches the .wasm itself from its URL
 * (env.wasm.wasmPaths, no wasmBinary), so it compiles with WebAssembly.instantiateStreaming while the bytes arrive,
 * and Chrome caches the compiled code beside the HTTP / service-worker cache entry: later visits skip compiling.
 * Handing it an ArrayBuffer (wasmBinary) would compile only after the whole download, and from scratch on every
 * visit. The loading bar gets the file's size when the response starts and "done" when the runtime is ready.
 */
function start_runtime(urls: { wasm_url: string; mjs_url: string }, on_progress?: (p: LoadProgress) => void): Promise<void> {
	runtime ??= (async () => {
		mark('inference:runtime-start');
		// One thread and no proxy: threads need cross-origin isolation and a proxy would spawn a blob worker, which the
		// CSP forbids. The .mjs glue comes from a hashed URL in the app build, so the service worker caches it.
		ort.env.wasm.numThreads = 1;
		ort.env.wasm.proxy = false;
		ort.env.wasm.wasmPaths = { mjs: urls.mjs_url, wasm: urls.wasm_url };
		let total = 0;
		const native_fetch = self.fetch;
		// Watch (never wrap) onnxruntime's own request: the Response must reach instantiateStreaming untouched.
		self.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
			const response = native_fetch(input, init);
			const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
			if (url === urls.wasm_url) {
				self.fetch = native_fetch;
				void response.then(
					(r) => {
						const length = Number(r.headers.get('content-length'));
						total = r.headers.get('content-encoding') || !(length > 0) ? 0 : length;
						on_progress?.({ what: RUNTIME_WHAT, loaded_bytes: 0, total_bytes: total, done: false });
					},
					() => undefined
				);
			}
			return response;
		};
		try {
			const warm = await ort.InferenceSession.create(WARM_UP_MODEL, { executionProviders: ['wasm'] });
			void warm.release();
		} catch (error) {
			throw new ArtifactError(
				`Could not start ${RUNTIME_WHAT}: ${error instanceof Error ? error.message : String(error)}`,
				urls.wasm_url
			);
		} finally {
			self.fetch = native_fetch;
		}
		const entry = performance.getEntriesByName(urls.wasm_url)[0] as PerformanceResourceTiming | undefined;
		const size = Math.max(total, entry?.decodedBodySize ?? 0);
		on_progress?.({ what: RUNTIME_WHAT, loaded_bytes: size, total_bytes: size, done: true });
		mark('inference:runtime-ready');
	})().catch((error) => {
		runtime = null;
		throw error;
	});
	// whoever awaits it reports the failure; a copy nobody awaits must not log an unhandled rejection
	runtime.catch(() => undefined);
	return runtime;
}

let reference: Float64Array | null = null;
let first_predicted = false;

async function load(
	args: Parameters<InferenceApi['load']>[0],
	on_progress: (p: LoadProgress) => void
): Promise<Loaded> {
	mark('inference:load');
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

	// The runtime was started by start_runtime (normally long before this load: it needs no manifest); the model and
	// its trees download meanwhile.
	const runtime = start_runtime({ wasm_url, mjs_url }, on_progress);
	const [model_bytes, tree_bytes] = await Promise.all([
		fetch_model_file(manifest_url, model, 'model', 'the music model', on_progress),
		fetch_model_file(manifest_url, model, 'trees', 'the music model', on_progress)
	]);
	mark('inference:fetched');
	await runtime;
	let session: ort.InferenceSession;
	try {
		session = await ort.InferenceSession.create(model_bytes, { executionProviders: ['wasm'] });
	} catch (error) {
		throw new Error(`Could not start the music model in onnxruntime-web: ${error instanceof Error ? error.message : String(error)}`);
	}

	mark('inference:session');
	let trees: GbdtModel;
	try {
		trees = JSON.parse(new TextDecoder().decode(tree_bytes)) as GbdtModel;
	} catch {
		throw new ArtifactError("The music model's explanation trees are not valid JSON.", manifest_url);
	}
	if (trees.n_features !== expected.length) {
		throw new ArtifactError(`The music model's explanation trees have ${trees.n_features} features where the model has ${expected.length}; the two files are from different versions.`, manifest_url);
	}
	mark('inference:trees-parsed');
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
	mark('inference:probe');
	// the first explanation compiles the trees into typed arrays; pay that now rather than on the first slider move
	contributions(trees, probe);
	mark('inference:shap-ready');
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
		const result = await predict(await loaded, reference, input);
		if (!first_predicted) {
			first_predicted = true;
			mark('inference:first-predict');
		}
		return result;
	}
});
