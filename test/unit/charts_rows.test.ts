import { describe, expect, it } from 'vitest';
import { one_row_per_recording, run_job, type ChartsMatrix } from '../../training/tasks/charts_models';

// 7 tracks, 1 feature, 2 labels; recordings: {0, 1}, {2}, {3, 4, 5}, {6}
function matrix(): ChartsMatrix {
	const n = 7;
	const Y = new Float32Array(2 * n);
	Y.set([0, 1, 0, 0, 0, 1, 1], 0); // label 0
	Y.set([0, 0, 1, 0, 0, 0, 0], n); // label 1
	return { n, p: 1, X: Float32Array.from([0.1, 0.1, 0.5, 0.9, 0.9, 0.9, 0.3]), Y, recording: Int32Array.from([0, 0, 1, 2, 2, 2, 3]), artist: Int32Array.from([0, 0, 1, 2, 2, 2, 3]) };
}

describe('one training row per recording', () => {
	it('keeps each recording\'s first training row, labelled 1 when any of its training rows is', () => {
		const m = matrix();
		const all = Int32Array.from({ length: m.n }, (_, i) => i);
		const r0 = one_row_per_recording(m, 0, all);
		expect(Array.from(r0.rows)).toEqual([0, 2, 3, 6]);
		expect(Array.from(r0.y)).toEqual([1, 0, 1, 1]);
		const r1 = one_row_per_recording(m, 1, all);
		expect(Array.from(r1.y)).toEqual([0, 1, 0, 0]);
	});

	it('reads the training rows only: a recording\'s rows outside them lend no label', () => {
		const m = matrix();
		const r = one_row_per_recording(m, 0, Int32Array.from([0, 3, 4, 6]));
		expect(Array.from(r.rows)).toEqual([0, 3, 6]);
		expect(Array.from(r.y)).toEqual([0, 0, 1]);
	});

	it('the tuned fits train on one row per recording, the untuned comparison on every row', () => {
		const m = matrix();
		const all = Int32Array.from({ length: m.n }, (_, i) => i);
		const params = { n_estimators: 1, learning_rate: 1, max_depth: 1, min_child_weight: 0, lambda: 0, max_bins: 8 };
		const per_recording = run_job(m, { kind: 'gbdt', label: 0, train: all, test: null, params, seed: 1 }) as { model: { trees: { cover: ArrayLike<number> }[] } };
		const every_row = run_job(m, { kind: 'gbdt', label: 0, train: all, test: null, params, seed: 1, all_rows: true }) as { model: { trees: { cover: ArrayLike<number> }[] } };
		// the root's cover is the hessian sum of the rows trained on: 4 rows x p(1-p) at the base rate 3/4 vs 7 rows at 3/7
		expect(per_recording.model.trees[0].cover[0]).toBeCloseTo(4 * 0.75 * 0.25, 10);
		expect(every_row.model.trees[0].cover[0]).toBeCloseTo(7 * (3 / 7) * (4 / 7), 10);
	});
});
