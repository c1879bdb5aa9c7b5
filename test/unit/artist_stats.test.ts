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
	it('the record\'s max, spread and zero share leave the own recording out exactly as the mean does', () => {
		const rows: [string[], number, number][] = [[['Z'], 0, 90], [['Z'], 1, 0], [['Z'], 2, 30], [['Z'], 2, 50], [['W'], 3, 20]];
		const idx = build_artist_index(rows.map((r) => r[0]));
		const rec = Int32Array.from(rows.map((r) => r[1]));
		const pop = Float64Array.from(rows.map((r) => r[2]));
		const every = rows.map((_, i) => i);
		const stats = fit_artist_stats(idx, rec, pop, every);
		const n = rows.length;
		const extra = { max: new Float64Array(n), std: new Float64Array(n), zero_share: new Float64Array(n) };
		apply_artist_stats(idx, rec, stats, every, new Float64Array(n), new Float64Array(n), { exclude_own_recording: true, extra });
		// row 0 (the 90 hit) sees recordings 1 (0) and 2 (mean 40): max 40, not its own 90
		expect(extra.max[0]).toBe(40);
		expect(extra.std[0]).toBeCloseTo(20);
		expect(extra.zero_share[0]).toBeCloseTo(0.5);
		// row 1 (the zero) sees 90 and 40: no zero left
		expect(extra.max[1]).toBe(90);
		expect(extra.zero_share[1]).toBe(0);
		// both copies of recording 2 see 90 and 0
		expect(extra.max[2]).toBe(90);
		expect(extra.max[3]).toBe(90);
		expect(extra.std[3]).toBeCloseTo(45);
		// one recording and nothing else: missing everywhere
		expect(extra.max[4]).toBeNaN();
		expect(extra.std[4]).toBeNaN();
		expect(extra.zero_share[4]).toBeNaN();
		const table = Object.fromEntries(artist_table(idx, stats).map((a) => [a.name, a]));
		expect(table.Z.max_popularity).toBe(90);
		expect(table.Z.zero_share).toBeCloseTo(1 / 3);
		expect(table.W.popularity_std).toBeNaN();
	});
});
