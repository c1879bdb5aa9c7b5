import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { predict_gbdt, train_gbdt } from '../../src/lib/core/gbdt/index';
import { gbdt_multi_to_onnx } from '../../src/lib/core/onnx';
import { build_charted_tracks } from '../../training/etl/spotify_charts';
import { build_charts_matrix, N_LABELS, rows_of } from '../../training/tasks/charts_models';
import { CHART_FEATURES } from '../../src/lib/core/charts/regions';
import { make_charts_fixture } from '../fixtures/make_charts_fixture';

beforeAll(() => {
	ort.env.wasm.numThreads = 1;
});

describe('multi-output chart model in ONNX', () => {
	it('column k equals model k in memory, NaN rows included', async () => {
		const { charts, features } = make_charts_fixture(3);
		const m = build_charts_matrix(build_charted_tracks(charts, features).tracks);
		const all = Int32Array.from({ length: m.n }, (_, i) => i);
		const labels = [0, 3, 10, 13];
		const models = labels.map((k) => train_gbdt(
			{ X: m.X, n_rows: m.n, n_features: m.p, y: m.Y.subarray(k * m.n, (k + 1) * m.n), feature_names: [...CHART_FEATURES] },
			{ objective: 'logistic', n_estimators: 30, learning_rate: 0.2, max_depth: 3, seed: k }
		));
		const X = new Float32Array(rows_of(m, all).length + m.p);
		X.set(rows_of(m, all));
		X.fill(NaN, m.n * m.p); // one row with every feature missing
		const n = m.n + 1;
		const bytes = gbdt_multi_to_onnx(models);
		const session = await ort.InferenceSession.create(bytes);
		const out = (await session.run({ features: new ort.Tensor('float32', X, [n, m.p]) })).probabilities;
		expect(out.dims).toEqual([n, labels.length]);
		const data = out.data as Float32Array;
		models.forEach((model, k) => {
			const want = predict_gbdt(model, X, n);
			let max = 0;
			for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(data[i * labels.length + k] - want[i]));
			expect(max).toBeLessThan(1e-6);
		});
		expect(N_LABELS).toBe(20);
	});

	it('refuses regression models (the output would not be a probability)', () => {
		const X = Float32Array.from({ length: 40 }, (_, i) => i % 7);
		const y = Float32Array.from({ length: 20 }, (_, i) => i);
		const reg = train_gbdt({ X, n_rows: 20, n_features: 2, y }, { objective: 'squared_error', n_estimators: 3, learning_rate: 0.3, max_depth: 2 });
		expect(() => gbdt_multi_to_onnx([reg])).toThrow(/logistic/);
	});
});
