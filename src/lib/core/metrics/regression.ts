/** Regression and ranking metrics on plain number arrays (typed or not). */

function check_pair(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
	if (a.length !== b.length) throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
	if (a.length === 0) throw new RangeError(`${what}: empty input`);
}

export function rmse(y: ArrayLike<number>, yhat: ArrayLike<number>): number {
	check_pair(y, yhat, 'rmse');
	let s = 0;
	for (let i = 0; i < y.length; i++) {
		const d = y[i] - yhat[i];
		s += d * d;
	}
	return Math.sqrt(s / y.length);
}

export function mae(y: ArrayLike<number>, yhat: ArrayLike<number>): number {
	check_pair(y, yhat, 'mae');
	let s = 0;
	for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - yhat[i]);
	return s / y.length;
}

/** Coefficient of determination, 1 - SSE/SST with the mean of y itself (so the mean predictor scores 0). */
export function r2(y: ArrayLike<number>, yhat: ArrayLike<number>): number {
	check_pair(y, yhat, 'r2');
	let mean = 0;
	for (let i = 0; i < y.length; i++) mean += y[i];
	mean /= y.length;
	let sse = 0, sst = 0;
	for (let i = 0; i < y.length; i++) {
		sse += (y[i] - yhat[i]) ** 2;
		sst += (y[i] - mean) ** 2;
	}
	// constant y: perfect predictions score 1, anything else is undefined in the usual sense; report 0
	if (sst === 0) return sse === 0 ? 1 : 0;
	return 1 - sse / sst;
}

/** 1-based average ranks (ties share the mean of the ranks they span). */
export function average_ranks(values: ArrayLike<number>): Float64Array {
	const n = values.length;
	const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
	const ranks = new Float64Array(n);
	let i = 0;
	while (i < n) {
		let j = i + 1;
		while (j < n && values[order[j]] === values[order[i]]) j++;
		const r = (i + 1 + j) / 2; // mean of ranks i+1 .. j
		for (let k = i; k < j; k++) ranks[order[k]] = r;
		i = j;
	}
	return ranks;
}

/**
 * Area under the ROC curve for labels in {0, 1} (Mann-Whitney U with average ranks, so tied scores count 1/2).
 * NaN when only one class is present.
 */
export function auc(y: ArrayLike<number>, score: ArrayLike<number>): number {
	check_pair(y, score, 'auc');
	const ranks = average_ranks(score);
	let n_pos = 0, rank_sum = 0;
	for (let i = 0; i < y.length; i++) {
		if (y[i] === 1) { n_pos++; rank_sum += ranks[i]; }
		else if (y[i] !== 0) throw new RangeError(`auc: label ${y[i]} at ${i} is not 0 or 1`);
	}
	const n_neg = y.length - n_pos;
	if (n_pos === 0 || n_neg === 0) return NaN;
	return (rank_sum - (n_pos * (n_pos + 1)) / 2) / (n_pos * n_neg);
}

/** Pearson correlation of two arrays; NaN when either is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
	check_pair(a, b, 'pearson');
	const n = a.length;
	let ma = 0, mb = 0;
	for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
	ma /= n; mb /= n;
	let sab = 0, saa = 0, sbb = 0;
	for (let i = 0; i < n; i++) {
		const da = a[i] - ma, db = b[i] - mb;
		sab += da * db; saa += da * da; sbb += db * db;
	}
	return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** Spearman rank correlation (Pearson on average ranks, so ties are handled). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
	check_pair(a, b, 'spearman');
	return pearson(average_ranks(a), average_ranks(b));
}

/** Mean and sample standard deviation (n - 1; 0 for a single value), e.g. of per-fold scores. */
export function mean_std(values: ArrayLike<number>): { mean: number; std: number } {
	const n = values.length;
	if (n === 0) throw new RangeError('mean_std: empty input');
	let mean = 0;
	for (let i = 0; i < n; i++) mean += values[i];
	mean /= n;
	if (n === 1) return { mean, std: 0 };
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
	return { mean, std: Math.sqrt(ss / (n - 1)) };
}
