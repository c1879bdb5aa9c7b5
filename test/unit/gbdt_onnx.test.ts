import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { predict_gbdt, train_gbdt, type GbdtModel } from '../../src/lib/core/gbdt/index';
import { gbdt_to_onnx } from '../../src/lib/core/onnx/index';
import { make_synthetic, slice_rows, SYNTHETIC_CATEGORICAL } from '../fixtures/synthetic_tabular';

beforeAll(() => {
	ort.env.wasm.numThreads = 1;
});

async function run_onnx(bytes: Uint8Array, X: Float32Array, n: number, nf: number, input = 'features', output = 'prediction') {
	const session = await ort.InferenceSession.create(bytes);
	const result = await session.run({ [input]: new ort.Tensor('float32', X, [n, nf]) });
	const out = result[output];
	return { dims: out.dims, data: out.data as Float32Array };
}

function max_abs_diff(a: ArrayLike<number>, b: ArrayLike<number>) {
	let m = 0;
	for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}

/** Rows that stress routing: NaN in every feature, unseen categories, values exactly on thresholds. */
function edge_rows(model: GbdtModel): Float32Array {
	const nf = model.n_features;
	const rows: number[][] = [new Array(nf).fill(NaN)];
	const unseen = new Array(nf).fill(0);
	unseen[SYNTHETIC_CATEGORICAL] = 200;
	rows.push(unseen);
	for (const tree of model.trees.slice(0, 20)) {
		tree.feature.forEach((f, i) => {
			if (f < 0 || tree.cat[i] >= 0) return;
			const row = new Array(nf).fill(0.5);
			row[f] = tree.threshold[i];
			rows.push(row);
		});
	}
	return Float32Array.from(rows.flat());
}

describe('gbdt_to_onnx parity in onnxruntime-web', () => {
	for (const objective of ['squared_error', 'logistic'] as const) {
		it(`${objective}: ONNX output matches predict_gbdt to 1e-4 on every row`, async () => {
			const data = make_synthetic(2000, 11, objective);
			const train = slice_rows(data, 0, 1500);
			const model = train_gbdt(train, {
				objective, n_estimators: 120, learning_rate: 0.1, max_depth: 5, subsample: 0.8, colsample: 0.9, seed: 5
			});
			// the categorical feature must actually be used, or the membership path goes untested
			expect(model.trees.some((t) => t.cat.some((c) => c >= 0))).toBe(true);
			expect(model.trees.some((t) => t.default_left.some((d, i) => d === 1 && t.feature[i] >= 0))).toBe(true);
			const bytes = gbdt_to_onnx(model);
			const nf = data.n_features;
			const edges = edge_rows(model);
			const X = new Float32Array(data.X.length + edges.length);
			X.set(data.X);
			X.set(edges, data.X.length);
			const n = X.length / nf;
			const { dims, data: onnx } = await run_onnx(bytes, X, n, nf);
			expect(dims).toEqual([n, 1]);
			const ours = predict_gbdt(model, X, n);
			expect(max_abs_diff(onnx, ours)).toBeLessThan(1e-4);
			if (objective === 'logistic') for (const p of onnx) expect(p > 0 && p < 1).toBe(true);
		});
	}

	it('honours custom tensor names and models that are a single leaf', async () => {
		// a constant target: no split has positive gain, every tree is one leaf
		const X = Float32Array.from({ length: 40 }, (_, i) => i);
		const model = train_gbdt({ X, y: new Float64Array(40).fill(3), n_rows: 40, n_features: 1 },
			{ objective: 'squared_error', n_estimators: 3, learning_rate: 0.1, max_depth: 3 });
		expect(model.trees.every((t) => t.left[0] === -1)).toBe(true);
		const bytes = gbdt_to_onnx(model, { input_name: 'x', output_name: 'y' });
		const { data } = await run_onnx(bytes, X, 40, 1, 'x', 'y');
		expect(max_abs_diff(data, predict_gbdt(model, X, 40))).toBeLessThan(1e-6);
	});
});
