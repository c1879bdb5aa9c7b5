/** Grouped k-fold assignment: every row of a group lands in the same fold, so nothing of a test item is trained on. */

import { make_rng, shuffle_in_place } from '../random';

/**
 * Fold (0..k-1) of each row. Groups are shuffled with the seed, then placed largest first into the fold with the
 * fewest rows so far (ties: lowest fold index), which balances fold sizes even when group sizes are skewed.
 * Deterministic for a given (groups, k, seed).
 */
export function grouped_kfold(groups: ArrayLike<number | string>, k: number, seed: number): Int32Array {
	if (!(Number.isInteger(k) && k >= 2)) throw new RangeError('grouped_kfold: k must be an integer >= 2');
	const n = groups.length;
	const id_of = new Map<number | string, number>();
	const row_group = new Int32Array(n);
	const sizes: number[] = [];
	for (let i = 0; i < n; i++) {
		const g = groups[i];
		if (typeof g === 'number' && Number.isNaN(g)) throw new RangeError(`grouped_kfold: group of row ${i} is NaN`);
		let id = id_of.get(g);
		if (id === undefined) {
			id = sizes.length;
			id_of.set(g, id);
			sizes.push(0);
		}
		sizes[id]++;
		row_group[i] = id;
	}
	if (sizes.length < k) throw new RangeError(`grouped_kfold: ${sizes.length} groups cannot fill ${k} folds`);
	// Shuffle first so that equal-sized groups are ordered randomly; the sort is stable.
	const order = shuffle_in_place(Int32Array.from({ length: sizes.length }, (_, i) => i), make_rng(seed));
	const sorted = Array.from(order).sort((a, b) => sizes[b] - sizes[a]);
	const fold_rows = new Float64Array(k);
	const group_fold = new Int32Array(sizes.length);
	for (const g of sorted) {
		let best = 0;
		for (let f = 1; f < k; f++) if (fold_rows[f] < fold_rows[best]) best = f;
		group_fold[g] = best;
		fold_rows[best] += sizes[g];
	}
	const fold = new Int32Array(n);
	for (let i = 0; i < n; i++) fold[i] = group_fold[row_group[i]];
	return fold;
}
