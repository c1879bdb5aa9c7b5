/**
 * The new-artist model's own GBDT settings ('new_artist' profile): merged over the base settings, used by the fits
 * that ask for them (the shipped new-artist model and its artist split), and not by the other set-B fits.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MUSIC_OPTIONS, gbdt_params, run_job, type MusicMatrix, type MusicTaskOptions } from '../../training/tasks/music_popularity';
import { MUSIC_EVALUATIONS, NEW_ARTIST_SPLIT, SHIPPED_PARAMS } from '../../training/tasks/music_cv';
import { make_rng } from '../../src/lib/core/random';

/** A small set-B matrix: 4 numeric columns, y depends on all of them; every row its own recording. */
function matrix(n: number): MusicMatrix {
	const F = 4;
	const rng = make_rng(3);
	const X = new Float32Array(n * F);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < F; j++) X[i * F + j] = rng();
		const x = X.subarray(i * F, (i + 1) * F);
		y[i] = 40 + 20 * Math.sin(6 * x[0]) * x[1] + 15 * (x[2] > 0.5 ? x[3] : -x[3]) + 5 * rng();
	}
	const recording = Int32Array.from({ length: n }, (_, i) => i);
	return {
		n, n_features: F, feature_names: ['a', 'b', 'c', 'd'], genre_vocab: [], X, y, recording, artist_group: recording.slice(),
		genre_offsets: new Int32Array(n + 1), genre_ids: new Int32Array(0),
		artists: { names: [], offsets: new Int32Array(n + 1), ids: new Int32Array(0) }
	};
}

function leaves(tree: { left: ArrayLike<number> }): number {
	let k = 0;
	for (let i = 0; i < tree.left.length; i++) if (tree.left[i] === -1) k++;
	return k;
}

function depth(tree: { left: ArrayLike<number>; right: ArrayLike<number> }, node = 0): number {
	return tree.left[node] === -1 ? 0 : 1 + Math.max(depth(tree, tree.left[node]), depth(tree, tree.right[node]));
}

describe('new-artist GBDT settings', () => {
	it('merge the new-artist override over the base settings; set B alone keeps the base', () => {
		const o: MusicTaskOptions = { ...DEFAULT_MUSIC_OPTIONS, gbdt_by_set: { new_artist: { max_depth: 0, max_leaves: 7 } } };
		expect(gbdt_params(o, 'new_artist')).toEqual({ ...o.gbdt, max_depth: 0, max_leaves: 7 });
		expect(gbdt_params(o, 'B')).toEqual(o.gbdt);
	});

	it('the shipped new-artist model and its headline split use the new-artist settings; the recording split of set B does not', () => {
		expect(SHIPPED_PARAMS).toEqual({ C: 'C', B: 'new_artist' });
		expect(MUSIC_EVALUATIONS.find((e) => e.id === NEW_ARTIST_SPLIT)!.params).toBe('new_artist');
		expect(MUSIC_EVALUATIONS.find((e) => e.id === 'recording-5fold-B')!.params).toBeUndefined();
	});

	it('a job fits with the profile it names', () => {
		const m = matrix(1500);
		const gbdt = { ...DEFAULT_MUSIC_OPTIONS.gbdt, n_estimators: 30, early_stopping_rounds: 10, max_depth: 2 };
		const o: MusicTaskOptions = { ...DEFAULT_MUSIC_OPTIONS, gbdt, gbdt_by_set: { new_artist: { max_depth: 0, max_leaves: 9, min_child_weight: 1 } } };
		const job = { eval_id: 't', set: 'B' as const, folds: null, fold: -1, with_ridge: false, test_unknown_artist: false, seed: 1, options: o };
		const base = run_job(m, job).model!;
		const own = run_job(m, { ...job, params: 'new_artist' }).model!;
		expect(Math.max(...base.trees.map(leaves))).toBeLessThanOrEqual(4);
		expect(Math.max(...base.trees.map((t) => depth(t)))).toBeLessThanOrEqual(2);
		expect(Math.max(...own.trees.map(leaves))).toBe(9);
		// best-first growth with no depth limit goes deeper than the base's depth 2
		expect(Math.max(...own.trees.map((t) => depth(t)))).toBeGreaterThan(2);
	});
});
