/**
 * How the tracks shard stores its numbers: small integers with a stated scale, at exactly the precision of the
 * source, so that decoding gives back the very double the training pipeline parsed from the CSV (and therefore the
 * same float32 feature the model saw). Written by training/export/shards.ts, read by the search worker; pure code.
 *
 * Source precision, measured on the 114k file (every row):
 * - danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence: 3 significant digits
 *   (0.676, 0.0763, 1.01e-06), so a fixed number of decimals would need up to 8 (instrumentalness) and 32 bits.
 *   They are stored as a uint16 "decimal code": code = mantissa * 10 + exponent, value = mantissa / 10^exponent
 *   (0.676 -> 6763, 1.01e-06 -> 1018, 1 -> 10, 0 -> 0). Division of two exactly representable doubles is correctly
 *   rounded, so mantissa / 10^exponent is the same double as Number('0.676').
 * - loudness (dB) and tempo (BPM): 3 decimals -> integer thousandths (int32 / uint32).
 * - duration_ms, key, mode, time_signature, popularity: integers. tempo, time_signature and duration_ms keep the
 *   source's 0 for "not measured" (decoded to NaN, as the ETL reads it).
 * - recording (re-release group id, numbered in order of first appearance over the rows): stored as the distance
 *   in rows back to the previous row of the same recording, 0 for a recording's first row. Almost every value is 0,
 *   which compresses to nearly nothing; decode_recordings rebuilds the exact ids.
 */

/** Audio features held as decimal codes. */
export const DECIMAL_CODED = ['danceability', 'energy', 'speechiness', 'acousticness', 'instrumentalness', 'liveness', 'valence'] as const;

/** the largest mantissa a uint16 code holds (6553 * 10 + 9 = 65539 would overflow; 6552 * 10 + 9 fits) */
const MAX_MANTISSA = 6552;
const MAX_EXPONENT = 9;
const POW10 = Array.from({ length: MAX_EXPONENT + 1 }, (_, e) => 10 ** e);

/** The uint16 decimal code of a non-negative number with at most 4 significant digits; throws otherwise. */
export function encode_decimal(x: number): number {
	if (!(x >= 0)) throw new RangeError(`encode_decimal: ${x} is not a non-negative number`);
	for (let e = 0; e <= MAX_EXPONENT; e++) {
		const m = Math.round(x * POW10[e]);
		if (m > MAX_MANTISSA) break;
		if (m / POW10[e] === x) return m * 10 + e;
	}
	throw new RangeError(`encode_decimal: ${x} has more precision than a uint16 decimal code holds`);
}

export function decode_decimal(code: number): number {
	const e = code % 10;
	return (code - e) / 10 / POW10[e];
}

/** Integer thousandths of a value with at most 3 decimals; throws when the value has more. */
export function encode_thousandths(x: number): number {
	const k = Math.round(x * 1000);
	if (k / 1000 !== x) throw new RangeError(`encode_thousandths: ${x} has more than 3 decimals`);
	return k;
}

export function decode_thousandths(k: number): number {
	return k / 1000;
}

/** Back-references of recording ids numbered 0, 1, 2, ... in order of first appearance (throws otherwise). */
export function encode_recordings(recording: ArrayLike<number>): Uint32Array {
	const last = new Map<number, number>();
	const out = new Uint32Array(recording.length);
	let next = 0;
	for (let i = 0; i < recording.length; i++) {
		const r = recording[i];
		const previous = last.get(r);
		if (previous === undefined) {
			if (r !== next) throw new RangeError(`encode_recordings: row ${i} starts recording ${r} where ${next} was due (ids must follow first appearance)`);
			next++;
		} else {
			out[i] = i - previous;
		}
		last.set(r, i);
	}
	return out;
}

export function decode_recordings(back: ArrayLike<number>): Int32Array {
	const out = new Int32Array(back.length);
	let next = 0;
	for (let i = 0; i < back.length; i++) {
		const d = back[i];
		if (d === 0) out[i] = next++;
		else if (d <= i) out[i] = out[i - d];
		else throw new RangeError(`decode_recordings: row ${i} points ${d} rows back, before the first row`);
	}
	return out;
}

/** The source's 0 for "not measured" as NaN (tempo, time_signature, duration_ms). */
export const zero_as_missing = (x: number): number => (x === 0 ? NaN : x);

const DECIMAL = new Set<string>(DECIMAL_CODED);

/**
 * One audio feature's stored integer (a column of the tracks shard) as the number the ETL parsed: NaN where the
 * source did not measure it. Every reader of the shard decodes through this, so none can read codes as values.
 */
export function decode_audio(name: string, v: number): number {
	if (DECIMAL.has(name)) return decode_decimal(v);
	if (name === 'loudness') return decode_thousandths(v);
	if (name === 'tempo') return zero_as_missing(decode_thousandths(v));
	if (name === 'time_signature' || name === 'duration_ms') return zero_as_missing(v);
	return v;
}
