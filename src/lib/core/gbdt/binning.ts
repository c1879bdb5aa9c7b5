/**
 * Quantile binning of the training matrix into uint8 codes, plus the sparse layout the histogram builder uses.
 *
 * Per feature f:
 *   - numeric: value bins 0..nb-1 defined by ascending float32 cut points; code(x) = number of cuts <= x, so
 *     "code <= b" is exactly "x < cuts[b]" and a split on bin b exports as the float32 threshold cuts[b];
 *   - categorical: the code is the category itself (0..nb-1);
 *   - the missing bin (NaN) is code nb, so every feature has nb + 1 bins and codes fit a Uint8Array (nb <= 255).
 * The most frequent bin of each feature is its "default" bin. The row-wise sparse layout (CSR) lists only the
 * (row, bin) pairs that differ from their feature's default; the histogram builder derives the default bin as
 * node total minus the other bins, so mostly-zero indicator columns (114 genre flags) cost almost nothing.
 */

export interface BinnedMatrix {
	n_rows: number;
	n_features: number;
	/** value bins per feature (the missing bin is index n_bins[f]) */
	n_bins: Int32Array;
	/** first global bin index of each feature; feature f owns n_bins[f] + 1 slots */
	offsets: Int32Array;
	total_bins: number;
	is_cat: Uint8Array;
	/** numeric features: ascending float32 cut points (length n_bins - 1); categorical: empty */
	cuts: Float32Array[];
	default_bin: Int32Array;
	/** column-major codes: codes[f * n_rows + r]; used to partition rows at a split */
	codes: Uint8Array;
	/** CSR of non-default bins: row r owns entries[row_ptr[r] .. row_ptr[r + 1]) holding global bin indices */
	row_ptr: Int32Array;
	entries: Int32Array;
}

/** Rows beyond this are subsampled (deterministically) to place the quantile cuts; codes cover every row. */
const CUT_SAMPLE_ROWS = 200_000;
/** Features copied out of the row-major matrix per pass (16 columns of 100k rows: 6.4 MB). */
const COLUMN_BLOCK = 16;
/** Up to this many distinct values, a column's bins come from its distinct values without a sort. */
const FEW_VALUES = 16;

/** The distinct non-missing values of a column, while there are at most `limit` of them. */
class FewValues {
	private readonly seen: Float64Array;
	size = 0;
	constructor(private readonly limit: number) {
		this.seen = new Float64Array(limit);
	}

	/** Scan a column; false as soon as it holds more than `limit` distinct values (0 and -0 are one, as in numeric_cuts). */
	collect(values: Float32Array): boolean {
		const seen = this.seen;
		let size = 0;
		let last = NaN; // most columns repeat one value (0 of a flag) row after row
		for (let r = 0; r < values.length; r++) {
			const v = values[r];
			if (v === last || v !== v) continue;
			let i = 0;
			while (i < size && seen[i] !== v) i++;
			if (i === size) {
				if (size === this.limit) return false;
				seen[size++] = v;
			}
			last = v;
		}
		this.size = size;
		return true;
	}

	/** numeric_cuts of these values: one bin each. */
	cuts(): Float32Array {
		const sorted = Float32Array.from(this.seen.subarray(0, this.size)).sort();
		return numeric_cuts(sorted, this.size);
	}
}

/**
 * Cut points for one numeric feature from its sorted non-missing values: each distinct value gets its own bin
 * when they fit; otherwise bins of about equal counts, where a heavy value (e.g. 0 for half of the rows) keeps
 * a bin to itself. A cut lies between two neighbouring distinct values (the float32 midpoint, or the upper value
 * when the midpoint rounds down onto the lower one), so `x < cut` separates them exactly in float32.
 */
export function numeric_cuts(sorted: Float32Array, max_bins: number): Float32Array {
	const n = sorted.length;
	if (n === 0) return new Float32Array(0);
	const values: number[] = [];
	const counts: number[] = [];
	for (let i = 0; i < n; i++) {
		const v = sorted[i];
		if (values.length > 0 && values[values.length - 1] === v) counts[counts.length - 1]++;
		else {
			values.push(v);
			counts.push(1);
		}
	}
	const d = values.length;
	const cuts: number[] = [];
	const cut_between = (a: number, b: number) => {
		const mid = Math.fround((a + b) / 2);
		return mid > a ? mid : b;
	};
	if (d <= max_bins) {
		for (let i = 0; i + 1 < d; i++) cuts.push(cut_between(values[i], values[i + 1]));
	} else {
		// Greedy equal-count bins, re-targeting the mean bin size after each cut so heavy values do not
		// swallow the budget of the bins after them.
		let remaining = n;
		let bins_left = max_bins;
		let acc = 0;
		for (let i = 0; i + 1 < d && bins_left > 1; i++) {
			acc += counts[i];
			if (acc >= remaining / bins_left) {
				cuts.push(cut_between(values[i], values[i + 1]));
				remaining -= acc;
				acc = 0;
				bins_left--;
			}
		}
	}
	return Float32Array.from(cuts);
}

/** Number of cuts <= v (binary search); v must not be NaN. */
export function bin_of(cuts: Float32Array, v: number): number {
	let lo = 0;
	let hi = cuts.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (cuts[mid] <= v) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export function bin_matrix(
	X: Float32Array,
	n_rows: number,
	n_features: number,
	categorical: readonly number[],
	max_bins: number
): BinnedMatrix {
	if (!(max_bins >= 2 && max_bins <= 255)) throw new RangeError(`max_bins must be in [2, 255], got ${max_bins}`);
	if (X.length !== n_rows * n_features) throw new RangeError(`X has ${X.length} values, expected ${n_rows} x ${n_features}`);
	const is_cat = new Uint8Array(n_features);
	for (const f of categorical) {
		if (!(f >= 0 && f < n_features && Number.isInteger(f))) throw new RangeError(`categorical feature ${f} out of range`);
		is_cat[f] = 1;
	}
	const n_bins = new Int32Array(n_features);
	const cuts: Float32Array[] = [];
	const codes = new Uint8Array(n_features * n_rows);
	const sample_step = n_rows > CUT_SAMPLE_ROWS ? n_rows / CUT_SAMPLE_ROWS : 1;
	const column = new Float32Array(Math.min(n_rows, CUT_SAMPLE_ROWS + 1));
	const few = new FewValues(FEW_VALUES);

	// X is row-major, so reading one feature strides over every row's values; copying a block of features at a time
	// into contiguous columns reads each row's block once.
	const block = Math.min(COLUMN_BLOCK, n_features);
	const columns = Array.from({ length: block }, () => new Float32Array(n_rows));
	for (let f0 = 0; f0 < n_features; f0 += block) {
		const width = Math.min(block, n_features - f0);
		for (let r = 0; r < n_rows; r++) {
			const at = r * n_features + f0;
			for (let k = 0; k < width; k++) columns[k][r] = X[at + k];
		}
		for (let k = 0; k < width; k++) {
			const f = f0 + k;
			const values = columns[k];
			const col_codes = codes.subarray(f * n_rows, (f + 1) * n_rows);
			if (is_cat[f]) {
				let max_code = -1;
				for (let r = 0; r < n_rows; r++) {
					const v = values[r];
					if (v !== v) continue;
					if (!(v >= 0 && Number.isInteger(v) && v < max_bins)) {
						throw new RangeError(`categorical feature ${f} row ${r}: ${v} is not an integer code in [0, ${max_bins})`);
					}
					if (v > max_code) max_code = v;
				}
				const nb = Math.max(1, max_code + 1);
				n_bins[f] = nb;
				cuts.push(new Float32Array(0));
				for (let r = 0; r < n_rows; r++) {
					const v = values[r];
					col_codes[r] = v !== v ? nb : v;
				}
				continue;
			}
			// A column of a few distinct values (flags, key, mode) gets a bin per value without sorting its rows: the
			// same cuts numeric_cuts places when the distinct values fit the bins. Otherwise sample (every
			// sample_step-th row) the non-missing values, sort them and place quantile cuts.
			let c: Float32Array;
			if (few.collect(values) && few.size <= max_bins) c = few.cuts();
			else {
				let m = 0;
				for (let s = 0; ; s++) {
					const r = Math.floor(s * sample_step);
					if (r >= n_rows) break;
					const v = values[r];
					if (v === v) column[m++] = v;
				}
				c = numeric_cuts(column.subarray(0, m).sort(), max_bins);
			}
			cuts.push(c);
			const nb = c.length + 1;
			n_bins[f] = nb;
			for (let r = 0; r < n_rows; r++) {
				const v = values[r];
				col_codes[r] = v !== v ? nb : bin_of(c, v);
			}
		}
	}

	const offsets = new Int32Array(n_features + 1);
	for (let f = 0; f < n_features; f++) offsets[f + 1] = offsets[f] + n_bins[f] + 1;
	const total_bins = offsets[n_features];

	// Default bin = most frequent code of the feature.
	const default_bin = new Int32Array(n_features);
	const counts = new Int32Array(256);
	let nnz = 0;
	for (let f = 0; f < n_features; f++) {
		counts.fill(0);
		const base = f * n_rows;
		for (let r = 0; r < n_rows; r++) counts[codes[base + r]]++;
		let best = 0;
		for (let b = 1; b <= n_bins[f]; b++) if (counts[b] > counts[best]) best = b;
		default_bin[f] = best;
		nnz += n_rows - counts[best];
	}

	const row_ptr = new Int32Array(n_rows + 1);
	const entries = new Int32Array(nnz);
	// Two passes over the column-major codes: count per row, then fill (row-major output, features ascending).
	for (let f = 0; f < n_features; f++) {
		const base = f * n_rows;
		const def = default_bin[f];
		for (let r = 0; r < n_rows; r++) if (codes[base + r] !== def) row_ptr[r + 1]++;
	}
	for (let r = 0; r < n_rows; r++) row_ptr[r + 1] += row_ptr[r];
	const fill = row_ptr.slice(0, n_rows);
	for (let f = 0; f < n_features; f++) {
		const base = f * n_rows;
		const def = default_bin[f];
		const off = offsets[f];
		for (let r = 0; r < n_rows; r++) {
			const code = codes[base + r];
			if (code !== def) entries[fill[r]++] = off + code;
		}
	}

	return {
		n_rows, n_features, n_bins, offsets, total_bins, is_cat, cuts, default_bin, codes, row_ptr, entries
	};
}
