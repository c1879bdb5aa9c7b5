/**
 * Split-conformal prediction intervals from held-out (e.g. cross-validated) residuals.
 * Interval of a new prediction yhat: [yhat + lower, yhat + upper].
 */

/**
 * Offsets from signed residuals r = y - yhat for a central interval of coverage `level` (e.g. 0.9).
 * With n residuals and alpha = 1 - level, upper = the ceil((n + 1)(1 - alpha/2))-th smallest residual and
 * lower = the floor((n + 1) alpha/2)-th smallest: the finite-sample correction that guarantees at least `level`
 * coverage for exchangeable data. When n is too small for a rank, the bound is infinite (no finite interval
 * carries the guarantee), so callers can tell and say so instead of showing a false interval.
 */
export function conformal_offsets(residuals: ArrayLike<number>, level: number): { lower: number; upper: number } {
	if (!(level > 0 && level < 1)) throw new RangeError('conformal_offsets: level must be in (0, 1)');
	const n = residuals.length;
	if (n === 0) throw new RangeError('conformal_offsets: no residuals');
	const sorted = Float64Array.from(residuals);
	for (let i = 0; i < n; i++) if (!Number.isFinite(sorted[i])) throw new RangeError(`conformal_offsets: residual ${i} is not finite`);
	sorted.sort();
	const half = (1 - level) / 2;
	// Ranks are 1-based; the tiny epsilon keeps (n + 1) * q from landing just above an integer through rounding.
	const hi_rank = Math.ceil((n + 1) * (1 - half) - 1e-9);
	const lo_rank = Math.floor((n + 1) * half + 1e-9);
	return {
		lower: lo_rank < 1 ? -Infinity : sorted[lo_rank - 1],
		upper: hi_rank > n ? Infinity : sorted[hi_rank - 1]
	};
}

/**
 * Share of rows with yhat + lower <= y <= yhat + upper. `lower` and `upper` are offsets from yhat: one number
 * for every row (as conformal_offsets returns) or one per row.
 */
export function interval_coverage(
	y: ArrayLike<number>,
	yhat: ArrayLike<number>,
	lower: number | ArrayLike<number>,
	upper: number | ArrayLike<number>
): number {
	const n = y.length;
	if (yhat.length !== n) throw new RangeError('interval_coverage: y and yhat lengths differ');
	if (n === 0) throw new RangeError('interval_coverage: empty input');
	if (typeof lower !== 'number' && lower.length !== n) throw new RangeError('interval_coverage: lower length differs');
	if (typeof upper !== 'number' && upper.length !== n) throw new RangeError('interval_coverage: upper length differs');
	let inside = 0;
	for (let i = 0; i < n; i++) {
		const lo = yhat[i] + (typeof lower === 'number' ? lower : lower[i]);
		const hi = yhat[i] + (typeof upper === 'number' ? upper : upper[i]);
		if (y[i] >= lo && y[i] <= hi) inside++;
	}
	return inside / n;
}
