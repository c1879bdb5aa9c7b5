/**
 * Start onnxruntime-web's wasm in this worker: download, compile and initialise it once. Shared by the workers that
 * run ONNX models (the music model's and the chart-chance model's); each has its own runtime, because a slow model on
 * one thread would hold up the other's answers.
 *
 * onnxruntime fetches the .wasm itself from its URL (env.wasm.wasmPaths, no wasmBinary), so it compiles with
 * WebAssembly.instantiateStreaming while the bytes arrive, and Chrome caches the compiled code beside the HTTP /
 * service-worker cache entry: later visits skip compiling. Handing it an ArrayBuffer (wasmBinary) would compile
 * only after the whole download, and from scratch every time. The loading bar gets the file's size when the response
 * starts and "done" when the runtime is ready.
 */
import * as ort from 'onnxruntime-web/wasm';
import type { LoadProgress } from '../core/music/types';
import { ArtifactError } from '../runtime/artifacts';

export interface RuntimeUrls {
	wasm_url: string;
	mjs_url: string;
}

/** The smallest valid ONNX model (one Identity op on float[1]): creating it initialises the wasm runtime. */
const WARM_UP_MODEL = Uint8Array.from(atob('CAc6NwoQCgF4EgF5IghJZGVudGl0eRIBZ1oPCgF4EgoKCAgBEgQKAggBYg8KAXkSCgoICAESBAoCCAFCAhAN'), (c) => c.charCodeAt(0));

const RUNTIME_WHAT = 'the model runtime (onnxruntime-web)';

/** Start the runtime now; resolves when it can create sessions, rejects (with the URL) when it cannot. */
export async function start_ort(urls: RuntimeUrls, on_progress?: (p: LoadProgress) => void): Promise<void> {
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
		throw new ArtifactError('runtime_start', {}, `Could not start ${RUNTIME_WHAT}: ${error instanceof Error ? error.message : String(error)}`, urls.wasm_url, error);
	} finally {
		self.fetch = native_fetch;
	}
	const entry = performance.getEntriesByName(urls.wasm_url)[0] as PerformanceResourceTiming | undefined;
	const size = Math.max(total, entry?.decodedBodySize ?? 0);
	on_progress?.({ what: RUNTIME_WHAT, loaded_bytes: size, total_bytes: size, done: true });
}
