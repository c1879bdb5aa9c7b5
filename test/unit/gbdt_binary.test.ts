import { describe, expect, it } from 'vitest';
import { decode_gbdt_binary, encode_gbdt_binary, predict_gbdt, train_gbdt, type GbdtModel } from '../../src/lib/core/gbdt';
import { make_rng } from '../../src/lib/core/random';

function dataset(n: number, seed: number) {
	const rng = make_rng(seed);
	const F = 4;
	const X = new Float32Array(n * F);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		X[i * F] = rng() < 0.1 ? NaN : rng();
		X[i * F + 1] = rng() * 10;
		X[i * F + 2] = Math.floor(rng() * 5); // categorical
		X[i * F + 3] = rng() - 0.5;
		y[i] = 3 * (X[i * F] || 0.5) + (X[i * F + 2] === 2 ? 4 : 0) + X[i * F + 3] + rng() * 0.1;
	}
	return { X, y, n_rows: n, n_features: F, categorical: [2], feature_names: ['a', 'b', 'c ü', 'd'] };
}

/** The model with every node column as a plain array (what the trained model and its JSON form hold). */
function as_arrays(model: GbdtModel): GbdtModel {
	const columns = ['feature', 'threshold', 'default_left', 'left', 'right', 'value', 'cover', 'cat'] as const;
	return { ...model, trees: model.trees.map((t) => ({ ...t, ...Object.fromEntries(columns.map((c) => [c, Array.from(t[c])])) })) };
}

describe('binary trees file', () => {
	it('decodes to exactly the model it encoded (categorical splits, missing values, non-ASCII names)', () => {
		const d = dataset(600, 3);
		const model = train_gbdt(d, { objective: 'squared_error', n_estimators: 30, learning_rate: 0.2, max_depth: 4, seed: 1 });
		expect(model.trees.some((t) => t.cat.some((c) => c >= 0))).toBe(true);
		const bytes = encode_gbdt_binary(model);
		const back = decode_gbdt_binary(bytes);
		expect(as_arrays(back)).toEqual(JSON.parse(JSON.stringify(model)));
		// the node columns are views of the file's bytes, not copies
		expect(back.trees.every((t) => ArrayBuffer.isView(t.value) && t.value.buffer === bytes.buffer)).toBe(true);
		expect(Array.from(predict_gbdt(back, d.X, d.n_rows))).toEqual(Array.from(predict_gbdt(model, d.X, d.n_rows)));
		// also from a view that does not start on an 8-byte boundary
		const shifted = new Uint8Array(bytes.length + 3);
		shifted.set(bytes, 3);
		expect(as_arrays(decode_gbdt_binary(shifted.subarray(3)))).toEqual(as_arrays(back));
	});

	it('refuses what is not a complete trees file', () => {
		const model = train_gbdt(dataset(200, 4), { objective: 'squared_error', n_estimators: 5, learning_rate: 0.3, max_depth: 3, seed: 1 });
		const bytes = encode_gbdt_binary(model);
		expect(() => decode_gbdt_binary(new TextEncoder().encode('{"format":"hitcast-gbdt"}'))).toThrow(/not a Hitcast trees file/);
		expect(() => decode_gbdt_binary(bytes.subarray(0, bytes.length - 16))).toThrow(/truncated/);
	});
});
