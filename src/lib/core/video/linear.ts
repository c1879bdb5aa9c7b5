/**
 * The linear half of the video models: a ridge regression on hashed title and tag words plus the standardised numeric
 * features, blended with the GBDT (prediction = w * GBDT + (1 - w) * ridge). Shared by the Node pipeline and the
 * browser's video worker, so both read words, hash them and add up weights identically.
 *
 * Why: the trees see a title only through its shape and ten keyword flags, and tags only through their out-of-fold
 * statistics; a ridge over every word of the title and the tags (a new channel's video reuses words, not channels)
 * learns many small word effects the trees cannot, and the two models' errors differ, so their average beats either.
 *
 * Words: lower-cased runs of letters and digits (any script), once per video, from the title ('t:' + word) and from
 * the normalised tags ('w:' + word), hashed (FNV-1a) into 2^LINEAR_BITS buckets, each worth
 * LINEAR_TOKEN_SCALE / sqrt(words of the video). Numeric columns: standardised with the training rows' mean and
 * standard deviation, a missing value contributes 0 plus a missing-indicator weight. Category and country one-hot.
 * The token weights ship quantised to int8 (one step per model) and every evaluation uses the quantised weights,
 * so the figures are those of the served model.
 */
import { FEATURE_INDEX, VIDEO_COUNTRIES, VIDEO_N_FEATURES, video_feature_group, type VideoTarget } from '../features/video';

export const LINEAR_BITS = 14;
/** ridge penalty, and the words' weight against the standardised numeric columns (chosen on tuning folds) */
export const LINEAR_LAMBDA = 15;
export const LINEAR_TOKEN_SCALE = 3;
/** conjugate-gradient steps: 40 come within 0.001 R² of the converged ridge on the tuning folds, at a fifth of the time */
const CG_ITERATIONS = 40;
const CG_TOLERANCE = 1e-6;
/**
 * Weight of the GBDT in each blend (the ridge gets the rest), per training set: 'sub' = the subscriber-table videos,
 * 'all' = every trending video. Chosen on 3 tuning folds grouped by channel with another seed (1042), never on the
 * reported folds, from 1 (the GBDT alone), 0.5 and 0.3: the subscriber table's likes and dislikes took 0.3, the rest 0.5.
 */
export const VIDEO_GBDT_WEIGHT: Record<'sub' | 'all', Record<VideoTarget, number>> = {
	sub: { views: 0.5, likes: 0.3, dislikes: 0.3 },
	all: { views: 0.5, likes: 0.5, dislikes: 0.5 }
};

/** Numeric feature columns the ridge reads (by name, in the shared feature vector). */
export const LINEAR_NUMERIC = [
	'log_subscribers', 'title_length', 'title_words', 'title_upper_share', 'title_exclaims', 'title_questions', 'title_digits',
	'title_emoji', 'title_separators', 'tag_count', 'tags_in_title', 'publish_hour', 'log_description_length', 'comments_disabled', 'ratings_disabled'
] as const;
const NUM_COLS = LINEAR_NUMERIC.map((n) => FEATURE_INDEX[n]);
const N_NUM = NUM_COLS.length;
const N_CAT = 256;
const N_COUNTRY = VIDEO_COUNTRIES.length + 1;
/** dense design layout after the hashed words: numeric, missing indicators, category one-hot, country one-hot, intercept */
const DENSE = 2 * N_NUM + N_CAT + N_COUNTRY + 1;

/** A video's words as hashed buckets: title words and tag words apart (the drivers credit them to title and tags). */
export interface VideoTokens {
	title: Int32Array;
	tags: Int32Array;
}

export interface VideoLinear {
	bits: number;
	/** weight of the GBDT in the blend; the ridge gets 1 - gbdt_weight */
	gbdt_weight: number;
	lambda: number;
	token_scale: number;
	/** training mean and standard deviation of each LINEAR_NUMERIC column */
	mean: number[];
	sd: number[];
	/** dense weights (DENSE layout), on the standardised scale */
	dense: number[];
	/** word bucket weights = int8 value x token_step, base64 of the Int8Array */
	token_step: number;
	tokens: string;
	/** mean over the training rows of each driver group's part of the ridge's prediction (centres the drivers) */
	group_means: Record<string, number>;
}

function fnv1a(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** Lower-cased runs of letters and digits, each once. */
export function words_of(text: string): string[] {
	return [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/** Hashed words of a title and its (normalised) tags. */
export function video_tokens(title: string, tags: readonly string[], bits = LINEAR_BITS): VideoTokens {
	const mask = (1 << bits) - 1;
	const tag_words = new Set<string>();
	for (const t of tags) for (const w of words_of(t)) tag_words.add(w);
	return {
		title: Int32Array.from(words_of(title), (w) => fnv1a('t:' + w) & mask),
		tags: Int32Array.from(tag_words, (w) => fnv1a('w:' + w) & mask)
	};
}

/** Driver groups of the ridge's design entries (codes into this list). */
const GROUPS = ['title', 'tags', ...new Set(LINEAR_NUMERIC.map((n) => video_feature_group(n))), 'category', 'country', 'intercept'];
const G = Object.fromEntries(GROUPS.map((g, i) => [g, i])) as Record<string, number>;
const NUM_GROUPS = LINEAR_NUMERIC.map((n) => G[video_feature_group(n)]);

/** Sparse design of rows: word buckets first, then the dense layout offset by 2^bits; entries appended to `out`. */
interface SparseRows {
	idx: number[];
	val: number[];
	/** driver group code of each entry */
	grp: number[];
}

function design_row(x: ArrayLike<number>, tokens: VideoTokens, mean: ArrayLike<number>, sd: ArrayLike<number>, bits: number, token_scale: number, out: SparseRows): void {
	const D = 1 << bits;
	const n_tok = tokens.title.length + tokens.tags.length;
	const v = n_tok ? token_scale / Math.sqrt(n_tok) : 0;
	for (const b of tokens.title) { out.idx.push(b); out.val.push(v); out.grp.push(G.title); }
	for (const b of tokens.tags) { out.idx.push(b); out.val.push(v); out.grp.push(G.tags); }
	for (let a = 0; a < N_NUM; a++) {
		const value = x[NUM_COLS[a]];
		if (Number.isFinite(value)) { out.idx.push(D + a); out.val.push((value - mean[a]) / sd[a]); }
		else { out.idx.push(D + N_NUM + a); out.val.push(1); }
		out.grp.push(NUM_GROUPS[a]);
	}
	const c = x[FEATURE_INDEX.category];
	out.idx.push(D + 2 * N_NUM + (Number.isInteger(c) && c >= 0 && c < N_CAT - 1 ? c : N_CAT - 1)); out.val.push(1); out.grp.push(G.category);
	const k = x[FEATURE_INDEX.country];
	out.idx.push(D + 2 * N_NUM + N_CAT + (Number.isInteger(k) && k >= 0 && k < N_COUNTRY - 1 ? k : N_COUNTRY - 1)); out.val.push(1); out.grp.push(G.country);
	out.idx.push(D + DENSE - 1); out.val.push(1); out.grp.push(G.intercept);
}

function to_base64(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s);
}

function from_base64(text: string): Int8Array {
	const s = atob(text);
	const out = new Int8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = (s.charCodeAt(i) << 24) >> 24;
	return out;
}

/**
 * Fit the ridge on `rows` of a row-major feature matrix X (VIDEO_N_FEATURES columns; tag-statistic columns are not
 * read) with the rows' hashed words, by conjugate gradients on the normal equations (intercept unpenalised).
 */
export function fit_video_linear(
	X: Float32Array,
	tokens: readonly VideoTokens[],
	y: ArrayLike<number>,
	n: number,
	opts: { gbdt_weight: number; lambda?: number; bits?: number; token_scale?: number }
): VideoLinear {
	const bits = opts.bits ?? LINEAR_BITS;
	const lambda = opts.lambda ?? LINEAR_LAMBDA;
	const token_scale = opts.token_scale ?? LINEAR_TOKEN_SCALE;
	const nf = VIDEO_N_FEATURES;
	const mean = new Array<number>(N_NUM).fill(0);
	const sd = new Array<number>(N_NUM).fill(1);
	for (let a = 0; a < N_NUM; a++) {
		let s = 0, s2 = 0, c = 0;
		for (let q = 0; q < n; q++) {
			const v = X[q * nf + NUM_COLS[a]];
			if (Number.isFinite(v)) { s += v; s2 += v * v; c++; }
		}
		if (c) {
			mean[a] = s / c;
			const var_ = s2 / c - mean[a] * mean[a];
			sd[a] = var_ > 1e-12 ? Math.sqrt(var_) : 1;
		}
	}
	// the rows' sparse design in CSR form
	const design: SparseRows = { idx: [], val: [], grp: [] };
	const ptr = new Int32Array(n + 1);
	for (let q = 0; q < n; q++) {
		design_row(X.subarray(q * nf, (q + 1) * nf), tokens[q], mean, sd, bits, token_scale, design);
		ptr[q + 1] = design.idx.length;
	}
	const col = Int32Array.from(design.idx);
	const val = Float64Array.from(design.val);
	const d = (1 << bits) + DENSE;
	const intercept = d - 1;
	// Jacobi-preconditioned conjugate gradients on (X'X + lambda I) w = X'y
	const diag = new Float64Array(d).fill(lambda);
	diag[intercept] = 0;
	for (let e = 0; e < val.length; e++) diag[col[e]] += val[e] * val[e];
	for (let j = 0; j < d; j++) if (!(diag[j] > 0)) diag[j] = 1;
	const tmp = new Float64Array(n);
	const A = (v: Float64Array, out: Float64Array) => {
		for (let q = 0; q < n; q++) {
			let s = 0;
			for (let e = ptr[q]; e < ptr[q + 1]; e++) s += val[e] * v[col[e]];
			tmp[q] = s;
		}
		for (let j = 0; j < d; j++) out[j] = j === intercept ? 0 : lambda * v[j];
		for (let q = 0; q < n; q++) for (let e = ptr[q]; e < ptr[q + 1]; e++) out[col[e]] += val[e] * tmp[q];
	};
	const w = new Float64Array(d);
	const r = new Float64Array(d);
	for (let q = 0; q < n; q++) for (let e = ptr[q]; e < ptr[q + 1]; e++) r[col[e]] += val[e] * y[q];
	const z = Float64Array.from(r, (v, j) => v / diag[j]);
	const p = z.slice();
	const Ap = new Float64Array(d);
	let rz = 0, r0 = 0;
	for (let j = 0; j < d; j++) { rz += r[j] * z[j]; r0 += r[j] * r[j]; }
	for (let it = 0; it < CG_ITERATIONS; it++) {
		A(p, Ap);
		let pAp = 0;
		for (let j = 0; j < d; j++) pAp += p[j] * Ap[j];
		const alpha = rz / pAp;
		let rr = 0, rz_new = 0;
		for (let j = 0; j < d; j++) {
			w[j] += alpha * p[j];
			r[j] -= alpha * Ap[j];
			z[j] = r[j] / diag[j];
			rr += r[j] * r[j];
			rz_new += r[j] * z[j];
		}
		if (rr <= CG_TOLERANCE * CG_TOLERANCE * r0) break;
		const beta = rz_new / rz;
		rz = rz_new;
		for (let j = 0; j < d; j++) p[j] = z[j] + beta * p[j];
	}
	// the served word weights: int8 steps of max|w| / 127
	const D = 1 << bits;
	let max = 0;
	for (let j = 0; j < D; j++) max = Math.max(max, Math.abs(w[j]));
	const token_step = max > 0 ? Number((max / 127).toPrecision(6)) : 1;
	const q8 = new Int8Array(D);
	for (let j = 0; j < D; j++) q8[j] = Math.max(-127, Math.min(127, Math.round(w[j] / token_step)));
	const model: VideoLinear = {
		bits, gbdt_weight: opts.gbdt_weight, lambda, token_scale,
		mean: mean.map((v) => Number(v.toPrecision(8))),
		sd: sd.map((v) => Number(v.toPrecision(8))),
		dense: Array.from(w.subarray(D), (v) => Number(v.toPrecision(7))),
		token_step,
		tokens: to_base64(new Uint8Array(q8.buffer)),
		group_means: {}
	};
	// centre the drivers on the training rows, with the served (rounded) weights
	const served = served_weights(model);
	const sums = new Float64Array(GROUPS.length);
	for (let e = 0; e < col.length; e++) sums[design.grp[e]] += val[e] * served(col[e]);
	GROUPS.forEach((g, i) => (model.group_means[g] = sums[i] / n));
	return model;
}

export interface LinearReader {
	model: VideoLinear;
	/** the ridge's prediction for one row */
	predict(x: ArrayLike<number>, tokens: VideoTokens): number;
	/** the prediction split by driver group (title, tags, subscribers, category, ..., intercept); sums to predict */
	parts(x: ArrayLike<number>, tokens: VideoTokens): Record<string, number>;
}

/** The weight of each design column as served (word weights dequantised). */
function served_weights(model: VideoLinear): (j: number) => number {
	const q8 = from_base64(model.tokens);
	const D = 1 << model.bits;
	if (q8.length !== D || model.dense.length !== DENSE || model.mean.length !== N_NUM || model.sd.length !== N_NUM) {
		throw new RangeError(`video ridge: ${q8.length} word weights / ${model.dense.length} dense weights, expected ${D} / ${DENSE}`);
	}
	return (j: number) => (j < D ? q8[j] * model.token_step : model.dense[j - D]);
}

/** Decode a fitted (or shipped) ridge once; predictions and driver parts from it. */
export function linear_reader(model: VideoLinear): LinearReader {
	const weight = served_weights(model);
	const parts = (x: ArrayLike<number>, tokens: VideoTokens) => {
		const r: SparseRows = { idx: [], val: [], grp: [] };
		design_row(x, tokens, model.mean, model.sd, model.bits, model.token_scale, r);
		const sums = new Float64Array(GROUPS.length);
		for (let j = 0; j < r.idx.length; j++) sums[r.grp[j]] += r.val[j] * weight(r.idx[j]);
		const out: Record<string, number> = {};
		for (let g = 0; g < GROUPS.length; g++) if (sums[g] !== 0 || g === G.intercept) out[GROUPS[g]] = sums[g];
		return out;
	};
	return {
		model,
		parts,
		predict(x, tokens) {
			let s = 0;
			for (const v of Object.values(parts(x, tokens))) s += v;
			return s;
		}
	};
}

/** Blend of the GBDT's and the ridge's predictions of log1p(count). */
export function blend(model: VideoLinear, gbdt: number, linear: number): number {
	return model.gbdt_weight * gbdt + (1 - model.gbdt_weight) * linear;
}

/**
 * The ridge's drivers, centred on its training rows: per group, its part of this prediction minus its mean part over
 * the training rows. They sum to predict(x) - base, with base the ridge's mean training prediction.
 */
export function linear_drivers(reader: LinearReader, x: ArrayLike<number>, tokens: VideoTokens): { base: number; drivers: Record<string, number> } {
	const p = reader.parts(x, tokens);
	const gm = reader.model.group_means;
	const drivers: Record<string, number> = {};
	let base = 0;
	for (const g of new Set([...Object.keys(p), ...Object.keys(gm)])) {
		base += gm[g] ?? 0;
		if (g !== 'intercept') drivers[g] = (p[g] ?? 0) - (gm[g] ?? 0);
	}
	base += (p.intercept ?? 0) - (gm.intercept ?? 0);
	return { base, drivers };
}

/**
 * The served drivers: the trees' drivers (TreeSHAP values by display group, and their base) and the ridge's centred
 * parts, weighted as in the blend, so base + the drivers' sum = the served value. Without a ridge, the trees' own.
 */
export function blend_drivers(
	reader: LinearReader | null,
	trees: { base: number; groups: Map<string, number> },
	x: ArrayLike<number>,
	tokens: VideoTokens
): { base: number; groups: Map<string, number> } {
	if (!reader) return trees;
	const w = reader.model.gbdt_weight;
	const lin = linear_drivers(reader, x, tokens);
	const groups = new Map<string, number>();
	for (const [g, v] of trees.groups) groups.set(g, w * v);
	for (const [g, v] of Object.entries(lin.drivers)) groups.set(g, (groups.get(g) ?? 0) + (1 - w) * v);
	return { base: w * trees.base + (1 - w) * lin.base, groups };
}
