/**
 * Parity of the exported ONNX file with the in-memory model: the app runs the .onnx in onnxruntime-web while the
 * pipeline measured the JSON model, so the two must agree on real rows before anything ships.
 */
import * as ort from 'onnxruntime-web/wasm';
import { predict_gbdt, type GbdtModel } from '../../src/lib/core/gbdt';

/**
 * The largest |onnx - in-memory| accepted (issue 2: 1e-4 on at least 1,000 rows). The export runs the trees in
 * double precision (src/lib/core/onnx/gbdt_to_onnx.ts), so only the final cast to float32 remains (~2e-6).
 */
export const ONNX_PARITY_TOLERANCE = 1e-4;

export interface ParityResult {
	rows: number;
	max_abs_diff: number;
	onnx_ms: number;
}

/** Run `onnx` in onnxruntime-web (wasm, one thread) on n rows of X and compare with predict_gbdt. */
export async function check_onnx_parity(
	onnx: Uint8Array,
	model: GbdtModel,
	X: Float32Array,
	n_rows: number,
	io: { input: string; output: string },
	tolerance = ONNX_PARITY_TOLERANCE
): Promise<ParityResult> {
	ort.env.wasm.numThreads = 1;
	const session = await ort.InferenceSession.create(onnx);
	try {
		const t0 = performance.now();
		const out = await session.run({ [io.input]: new ort.Tensor('float32', X.subarray(0, n_rows * model.n_features), [n_rows, model.n_features]) });
		const onnx_ms = performance.now() - t0;
		const got = out[io.output];
		if (!got) throw new Error(`ONNX model has no output '${io.output}' (outputs: ${Object.keys(out).join(', ')})`);
		if (got.dims.length !== 2 || got.dims[0] !== n_rows || got.dims[1] !== 1) throw new Error(`ONNX output shape [${got.dims.join(', ')}], expected [${n_rows}, 1]`);
		const want = predict_gbdt(model, X, n_rows);
		const data = got.data as Float32Array;
		let max_abs_diff = 0;
		for (let i = 0; i < n_rows; i++) max_abs_diff = Math.max(max_abs_diff, Math.abs(data[i] - want[i]));
		if (!(max_abs_diff <= tolerance)) {
			throw new Error(`ONNX parity failed: max |onnx - predict_gbdt| = ${max_abs_diff} over ${n_rows} rows (tolerance ${tolerance})`);
		}
		return { rows: n_rows, max_abs_diff, onnx_ms };
	} finally {
		await session.release();
	}
}
