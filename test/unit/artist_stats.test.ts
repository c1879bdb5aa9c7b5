import { describe, expect, it } from 'vitest';
import {
	apply_artist_stats,
	artist_table,
	build_artist_index,
	fit_artist_stats,
	out_of_fold_artist_records
} from '../../src/lib/core/music/artist_stats';

// rows: artists, recording, popularity
const ROWS: [string[], number, number][] = [
	[['X'], 0, 90], // recording 0 has two copies (a re-release): 90 and 80 -> recording mean 85
	[['X'], 0, 80],
	[['X'], 1, 10],
	[['X', 'Y'], 2, 40], // a duet: X and Y both get recording 2
	[['Y'], 3, 60],
	[['Solo'], 4, 77], // an artist with one recording: any value it got would be its own popularity
	[[], 5, 33] // no artists at all
];
const index = build_artist_index(ROWS.map((r) => r[0]));
const recording = Int32Array.from(ROWS.map((r) => r[1]));
const popularity = Float64Array.from(ROWS.map((r) => r[2]));
const all = ROWS.map((_, i) => i);

describe('artist statistics', () => {
	it('averages per recording first, then per artist', () => {
		const stats = fit_artist_stats(index, recording, popularity, all);
		const table = Object.fromEntries(artist_table(index, stats).map((a) => [a.name, a]));
		expect(table.X.mean_popularity).toBeCloseTo((85 + 10 + 40) / 3);
		expect(table.X.tracks).toBe(3);
		expect(table.Y.mean_popularity).toBeCloseTo(50);
		expect(table.Solo.tracks).toBe(1);
	});

	it('leave-own-recording-out never uses the row’s own recording (both copies of it)', () => {
		const stats = fit_artist_stats(index, recording, popularity, all);
		const mean = new Float64Array(ROWS.length);
		const tracks = new Float64Array(ROWS.length);
		apply_artist_stats(index, recording, stats, all, mean, tracks, { exclude_own_recording: true, combine: 'mean' });
		// row 0: X without recording 0 -> (10 + 40) / 2; with leakage it would include 85
		expect(mean[0]).toBeCloseTo(25);
		expect(mean[1]).toBeCloseTo(25);
		expect(tracks[0]).toBe(2);
		// the duet: X without rec 2 = (85+10)/2 = 47.5, Y without rec 2 = 60 -> mean over the two artists
		expect(mean[3]).toBeCloseTo((47.5 + 60) / 2);
		expect(tracks[3]).toBe(3); // recordings 0, 1 and 3
		// the single-recording artist has no other recording: missing, not its own 77
		expect(mean[5]).toBeNaN();
		expect(tracks[5]).toBe(0);
		expect(mean[6]).toBeNaN();
	});

	it('lead mode takes the first listed artist with a record, falling back to the next', () => {
		const stats = fit_artist_stats(index, recording, popularity, all);
		const mean = new Float64Array(ROWS.length);
		const tracks = new Float64Array(ROWS.length);
		apply_artist_stats(index, recording, stats, all, mean, tracks, { exclude_own_recording: true, combine: 'lead' });
		// the duet X;Y: X without recording 2 = (85 + 10) / 2, Y ignored
		expect(mean[3]).toBeCloseTo(47.5);
		expect(tracks[3]).toBe(2);
		// a lead artist without another recording falls back to the guest
		const idx2 = build_artist_index([['New', 'Y'], ['Y']]);
		const rec2 = Int32Array.from([0, 1]);
		const st2 = fit_artist_stats(idx2, rec2, [10, 70], [0, 1]);
		const m2 = new Float64Array(2);
		const t2 = new Float64Array(2);
		apply_artist_stats(idx2, rec2, st2, [0], m2, t2, { exclude_own_recording: true, combine: 'lead' });
		expect(m2[0]).toBe(70);
		expect(t2[0]).toBe(1);
	});

	it('shrinks a record toward the prior by prior_weight pseudo-recordings', () => {
		const stats = fit_artist_stats(index, recording, popularity, all);
		const prior = popularity.reduce((a, b) => a + b, 0) / popularity.length;
		expect(stats.prior).toBeCloseTo(prior);
		const table = Object.fromEntries(artist_table(index, stats, 2).map((a) => [a.name, a]));
		expect(table.Solo.mean_popularity).toBeCloseTo((77 + 2 * prior) / 3);
		const mean = new Float64Array(ROWS.length);
		apply_artist_stats(index, recording, stats, all, mean, new Float64Array(ROWS.length), { exclude_own_recording: true, prior_weight: 2 });
		expect(mean[0]).toBeCloseTo((10 + 40 + 2 * prior) / 4);
		expect(mean[5]).toBeNaN(); // no other recording: still missing, not the prior
	});

	it('without the exclusion the in-sample value does leak (the contrast the test above guards against)', () => {
		const stats = fit_artist_stats(index, recording, popularity, all);
		const mean = new Float64Array(ROWS.length);
		const tracks = new Float64Array(ROWS.length);
		apply_artist_stats(index, recording, stats, all, mean, tracks);
		expect(mean[5]).toBe(77);
	});

	it('out-of-fold records only use other folds, grouped by recording', () => {
		// fold by recording: rec 0 -> fold 0, rec 1 -> fold 1, rec 2 -> fold 0, rec 3 -> fold 1, rec 4/5 -> fold 0
		const fold_of_rec = [0, 1, 0, 1, 0, 0];
		const inner = Int32Array.from(ROWS.map((r) => fold_of_rec[r[1]]));
		const mean = new Float32Array(ROWS.length);
		const tracks = new Float32Array(ROWS.length);
		out_of_fold_artist_records(index, recording, popularity, all, inner, 2, mean, tracks, { combine: 'mean' });
		// fold 0 rows see only fold 1 (rec 1: X=10; rec 3: Y=60)
		expect(mean[0]).toBeCloseTo(10);
		expect(mean[3]).toBeCloseTo((10 + 60) / 2);
		expect(mean[5]).toBeNaN();
		// fold 1 rows see only fold 0 (X: rec 0 = 85, rec 2 = 40; Y: rec 2 = 40)
		expect(mean[2]).toBeCloseTo((85 + 40) / 2);
		expect(mean[4]).toBeCloseTo(40);
		// and a row's value never changes when only its own popularity changes
		const moved = Float64Array.from(popularity);
		moved[2] = 0;
		const mean2 = new Float32Array(ROWS.length);
		out_of_fold_artist_records(index, recording, moved, all, inner, 2, mean2, new Float32Array(ROWS.length), { combine: 'mean' });
		expect(mean2[2]).toBe(mean[2]);
	});
});
