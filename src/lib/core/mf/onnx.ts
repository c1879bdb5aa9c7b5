/**
 * A biased-MF item scorer as ONNX: for a visitor's taste vector p (1 x k, solved in the browser by fold-in),
 *   rating = p · Qᵀ + (μ + b_i)        MatMul + Add: every item's predicted rating without the visitor's own bias
 *   top    = TopK(rating + mask, K)    mask: an additive ranking offset per item (the app's popularity prior), or a
 *                                       large negative number that removes the item (rated, filtered out)
 * Item factors and biases are the graph's initializers, so the one .onnx file is all the browser needs: the worker
 * reads the same initializers back (read_mf_onnx) for fold-in and "titles like this", one source of truth.
 * The factors are stored as float16 and cast to float32 in the graph: half the download, and a rounding of about
 * 5e-4 relative that moves a predicted rating by ~1e-3 (the pipeline reports the measured figure). read_mf_onnx
 * returns the rounded values, so the browser's fold-in uses exactly what the scorer multiplies.
 */
import { AttributeType, DataType, onnx_model_type } from '../onnx/proto';

export const MF_IO = { user: 'user', mask: 'mask', rating: 'rating', top_values: 'top_values', top_indices: 'top_indices' } as const;

export interface MfItems {
	factors: number;
	n_items: number;
	/** n_items x factors, row-major */
	Q: Float32Array;
	/** μ + b_i per item */
	item_bias: Float32Array;
	mu: number;
}

function value_info(name: string, elem_type: number, dims: (number | string)[]) {
	return { name, type: { tensor_type: { elem_type, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) } } } };
}

const f32_bytes = (a: Float32Array) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
const FLOAT16 = 10;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits of x, rounded to nearest even (no Float16Array in Node 20). */
export function to_half(x: number): number {
	f32[0] = x;
	const b = u32[0];
	const sign = (b >>> 16) & 0x8000;
	const exp = (b >>> 23) & 0xff;
	let mant = b & 0x7fffff;
	if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
	let e = exp - 127 + 15;
	if (e >= 0x1f) return sign | 0x7c00;
	if (e <= 0) {
		if (e < -10) return sign;
		mant |= 0x800000;
		const shift = 14 - e;
		let half = mant >>> shift;
		const rem = mant & ((1 << shift) - 1);
		const mid = 1 << (shift - 1);
		if (rem > mid || (rem === mid && half & 1)) half++;
		return sign | half;
	}
	let half = (e << 10) | (mant >>> 13);
	const rem = mant & 0x1fff;
	if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
	return sign | half;
}

export function from_half(h: number): number {
	const sign = h & 0x8000 ? -1 : 1;
	const e = (h >>> 10) & 0x1f;
	const m = h & 0x3ff;
	if (e === 0) return sign * m * 2 ** -24;
	if (e === 0x1f) return m ? Number.NaN : sign * Infinity;
	return sign * (1 + m / 1024) * 2 ** (e - 15);
}

export function mf_to_onnx(m: MfItems, top_k: number, meta: Record<string, string> = {}): Uint8Array {
	const { factors: k, n_items: n } = m;
	if (m.Q.length !== n * k || m.item_bias.length !== n) throw new RangeError('mf_to_onnx: Q or item_bias has the wrong size');
	const K = Math.min(top_k, n);
	// Qᵀ (k x n) so that MatMul(user 1 x k, Qᵀ) is 1 x n
	const QT = new Uint16Array(k * n);
	for (let i = 0; i < n; i++) for (let f = 0; f < k; f++) QT[f * n + i] = to_half(m.Q[i * k + f]);
	const message = {
		ir_version: 10,
		producer_name: 'hitcast',
		producer_version: '1',
		model_version: 1,
		doc_string: `biased matrix factorisation item scorer: ${n} items, ${k} factors, top ${K}`,
		opset_import: [{ domain: '', version: 21 }],
		metadata_props: [{ key: 'mu', value: String(m.mu) }, { key: 'factors', value: String(k) }, ...Object.entries(meta).map(([key, value]) => ({ key, value }))],
		graph: {
			name: 'mf_scorer',
			initializer: [
				{ name: 'item_factors_t_f16', dims: [k, n], data_type: FLOAT16, raw_data: new Uint8Array(QT.buffer) },
				{ name: 'item_bias', dims: [n], data_type: DataType.FLOAT, raw_data: f32_bytes(m.item_bias) },
				{ name: 'k', dims: [1], data_type: DataType.INT64, raw_data: new Uint8Array(BigInt64Array.from([BigInt(K)]).buffer) }
			],
			node: [
				{ input: ['item_factors_t_f16'], output: ['item_factors_t'], name: 'to_float', op_type: 'Cast', domain: '', attribute: [{ name: 'to', type: AttributeType.INT, i: DataType.FLOAT }] },
				{ input: [MF_IO.user, 'item_factors_t'], output: ['dot'], name: 'dot', op_type: 'MatMul', domain: '' },
				{ input: ['dot', 'item_bias'], output: [MF_IO.rating], name: 'bias', op_type: 'Add', domain: '' },
				{ input: [MF_IO.rating, MF_IO.mask], output: ['masked'], name: 'mask', op_type: 'Add', domain: '' },
				{
					input: ['masked', 'k'], output: [MF_IO.top_values, MF_IO.top_indices], name: 'top', op_type: 'TopK', domain: '',
					attribute: [{ name: 'largest', type: AttributeType.INT, i: 1 }, { name: 'sorted', type: AttributeType.INT, i: 1 }, { name: 'axis', type: AttributeType.INT, i: -1 }]
				}
			],
			input: [value_info(MF_IO.user, DataType.FLOAT, [1, k]), value_info(MF_IO.mask, DataType.FLOAT, [1, n])],
			output: [value_info(MF_IO.rating, DataType.FLOAT, [1, n]), value_info(MF_IO.top_values, DataType.FLOAT, [1, K]), value_info(MF_IO.top_indices, DataType.INT64, [1, K])]
		}
	};
	const type = onnx_model_type();
	const err = type.verify(message);
	if (err) throw new Error(`internal error building the ONNX message: ${err}`);
	return type.encode(type.fromObject(message)).finish();
}

/** The item factors and biases back out of an mf_to_onnx file (the browser's fold-in needs them in plain arrays). */
export function read_mf_onnx(bytes: Uint8Array): MfItems & { top_k: number } {
	const type = onnx_model_type();
	const model = type.toObject(type.decode(bytes), { longs: Number }) as {
		metadata_props?: { key: string; value: string }[];
		graph: { initializer: { name: string; dims: number[]; raw_data: Uint8Array }[] };
	};
	const init = (name: string) => {
		const t = model.graph.initializer.find((x) => x.name === name);
		if (!t) throw new Error(`MF model: initializer ${name} missing`);
		return t;
	};
	const floats = (raw: Uint8Array) => new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
	const qt = init('item_factors_t_f16');
	const [k, n] = qt.dims.map(Number);
	const raw = qt.raw_data;
	const QT = new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
	const Q = new Float32Array(n * k);
	for (let f = 0; f < k; f++) for (let i = 0; i < n; i++) Q[i * k + f] = from_half(QT[f * n + i]);
	const kraw = init('k').raw_data;
	const top_k = Number(new BigInt64Array(kraw.buffer.slice(kraw.byteOffset, kraw.byteOffset + 8))[0]);
	const mu = Number(model.metadata_props?.find((p) => p.key === 'mu')?.value);
	return { factors: k, n_items: n, Q, item_bias: floats(init('item_bias').raw_data), mu, top_k };
}
