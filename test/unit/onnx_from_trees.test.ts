/**
 * The browser rebuilds a model's ONNX bytes from its trees file instead of downloading them (workers/onnx_from_trees):
 * that holds only while both trees forms (binary for music, JSON for video) give back the exact model the pipeline
 * exported, byte for byte, and a mismatch must be refused rather than run.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { decode_gbdt_binary, encode_gbdt_binary, train_gbdt } from '../../src/lib/core/gbdt';
import type { GbdtModel } from '../../src/lib/core/gbdt/types';
import type { ModelEntry } from '../../src/lib/core/manifest';
import { gbdt_to_onnx } from '../../src/lib/core/onnx';
import { make_rng } from '../../src/lib/core/random';
import { onnx_from_trees } from '../../src/lib/workers/onnx_from_trees';

function trained(objective: 'squared_error' | 'logistic'): GbdtModel {
	const rng = make_rng(7);
	const n = 500, F = 3;
	const X = new Float32Array(n * F);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		X[i * F] = rng() < 0.1 ? NaN : rng() * 3.3;
		X[i * F + 1] = Math.floor(rng() * 6); // categorical
		X[i * F + 2] = rng() - 0.5;
		const v = (X[i * F] || 1) + (X[i * F + 1] === 3 ? 2 : 0) + X[i * F + 2] / 7;
		y[i] = objective === 'logistic' ? Number(v + rng() > 2.5) : v;
	}
	return train_gbdt({ X, y, n_rows: n, n_features: F, categorical: [1], feature_names: ['a', 'b', 'c'] }, { objective, n_estimators: 25, learning_rate: 0.17, max_depth: 4, seed: 3 });
}

const IO = { input_name: 'features', output_name: 'out' };
const entry = (bytes: Uint8Array): ModelEntry =>
	({ id: 'm', sha256: createHash('sha256').update(bytes).digest('hex'), input: { name: IO.input_name }, output: { name: IO.output_name } }) as unknown as ModelEntry;

describe('ONNX rebuilt from the trees file', () => {
	for (const objective of ['squared_error', 'logistic'] as const) {
		it(`gives the published bytes from the binary and the JSON trees (${objective})`, async () => {
			const model = trained(objective);
			const published = gbdt_to_onnx(model, IO);
			const from_binary = await onnx_from_trees(entry(published), decode_gbdt_binary(encode_gbdt_binary(model)), 'the model', 'x');
			const from_json = await onnx_from_trees(entry(published), JSON.parse(JSON.stringify(model)) as GbdtModel, 'the model', 'x');
			expect(Buffer.from(from_binary).equals(Buffer.from(published))).toBe(true);
			expect(Buffer.from(from_json).equals(Buffer.from(published))).toBe(true);
		});
	}

	it('refuses trees that are not the published model, naming it', async () => {
		const model = trained('squared_error');
		const published = gbdt_to_onnx(model, IO);
		const changed = JSON.parse(JSON.stringify(model)) as GbdtModel;
		(changed.trees[3].value as number[])[changed.trees[3].value.length - 1] += 1e-9;
		await expect(onnx_from_trees(entry(published), changed, 'the views model', 'x')).rejects.toThrow(/^The views model rebuilt from its trees differs from the published ONNX file/);
	});
});
