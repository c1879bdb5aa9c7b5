/** Quantiles and percentile ranks over plain arrays, shared by training (references) and the browser (ranking). */

/** Linear-interpolated quantile (type 7, numpy's default) of values already sorted ascending; NaN when empty. */
export function quantile_sorted(sorted: ArrayLike<number>, q: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const pos = (n - 1) * Math.min(Math.max(q, 0), 1);
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The finite values, sorted ascending, as a Float64Array. */
export function sorted_finite(values: ArrayLike<number>): Float64Array {
	const out: number[] = [];
	for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
	return Float64Array.from(out).sort();
}

/** Quantiles at each of `qs` (type 7); NaN for each when there is no finite value. */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
	const sorted = sorted_finite(values);
	return qs.map((q) => quantile_sorted(sorted, q));
}

/** 0, 0.01, ..., 1 */
export const PERCENTILES: readonly number[] = Array.from({ length: 101 }, (_, i) => i / 100);

/**
 * Percentile rank (0..100) of `value` against a distribution given by its 101 quantiles (PERCENTILES): linear
 * between the two quantiles around it, 0 below the minimum, 100 above the maximum. Flat stretches (many equal
 * values) take the middle of the stretch, so a value equal to a point mass is not pushed to its top or bottom.
 */
export function percentile_rank(value: number, q101: readonly number[]): number {
	if (!Number.isFinite(value) || q101.length !== 101) return NaN;
	if (value < q101[0]) return 0;
	if (value > q101[100]) return 100;
	let first = -1, last = -1;
	for (let i = 0; i < 101; i++) {
		if (q101[i] === value) {
			if (first < 0) first = i;
			last = i;
		}
	}
	if (first >= 0) return (first + last) / 2;
	let i = 0;
	while (q101[i + 1] < value) i++;
	const span = q101[i + 1] - q101[i];
	return i + (span > 0 ? (value - q101[i]) / span : 0.5);
}
