/** Linear-interpolated quantile (type 7, as numpy's default); NaN for no data, which the formatters show as a dash. */
export function quantile(values: readonly number[], q: number): number {
	const v = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (v.length === 0) return NaN;
	const pos = (v.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
