/**
 * Artist track record (feature set C of TARGETS.md): the mean popularity of an artist's recordings, built the way it
 * is served — never from the song's own recording. A model trained on an in-sample artist mean learns "artist mean ≈
 * my popularity" and collapses on unseen artists (TARGETS: R² 0.147 vs 0.352 without the feature), so every value
 * the model sees in training is computed from OTHER recordings than the row's own.
 *
 * Units: popularity is averaged per recording first (re-releases of one song count once), then per artist over its
 * recordings; `tracks` is the number of recordings behind the mean. (Taking each recording's max instead of its mean
 * — ignoring the 0-popularity copies — measured worse: 0.553 vs 0.569 R² on fold 1.)
 *
 * Multi-artist tracks (25% of the 114k set): combine = 'lead' (the default, what the shipped model uses) takes the
 * record of the first listed artist that has one — the lead artist, or the first known guest when the lead is new.
 * Measured on the recording split (fold 1, same GBDT): lead 0.563 R², first artist only 0.561, unweighted mean over
 * the known listed artists 0.553, max 0.533. The mean lets a famous guest on a newcomer's track (or a long tail of
 * obscure remixers on a hit) blur the signal; the lead artist is also what "describe your own song" asks for.
 * combine = 'mean' (unweighted mean over the known listed artists, tracks = distinct recordings behind them) is kept
 * for comparison.
 * No known artist => mean NaN (missing), tracks 0, exactly what encode_music gives for `artist: null`.
 *
 * prior_weight > 0 shrinks each artist's mean toward the overall mean popularity as if it had that many extra
 * recordings at the prior: an artist known from 1-2 recordings says less than one with 50, and a single number that
 * already accounts for that is easier for trees than mean and count separately. The training pipeline uses 5
 * (measured on two folds of the recording split: +0.005-0.007 R² over the raw mean; 1, 2 and 10 gained less).
 * Pure code: no Node or DOM APIs.
 */

/** Rows' artists as integer ids in compressed-row form: row i has ids[offsets[i] .. offsets[i+1]). */
export interface ArtistIndex {
	names: string[];
	offsets: Int32Array;
	ids: Int32Array;
}

export function build_artist_index(row_artists: readonly (readonly string[])[]): ArtistIndex {
	const id_of = new Map<string, number>();
	const names: string[] = [];
	const offsets = new Int32Array(row_artists.length + 1);
	const ids: number[] = [];
	for (let i = 0; i < row_artists.length; i++) {
		for (const name of row_artists[i]) {
			let id = id_of.get(name);
			if (id === undefined) {
				id = names.length;
				id_of.set(name, id);
				names.push(name);
			}
			ids.push(id);
		}
		offsets[i + 1] = ids.length;
	}
	return { names, offsets, ids: Int32Array.from(ids) };
}

/** Per-artist statistics over a set of "fit" rows. */
export interface ArtistStats {
	/** mean popularity of the fit rows: the prior a small record is shrunk toward */
	prior: number;
	/** mean popularity of each recording over the fit rows (NaN for recordings without fit rows) */
	recording_mean: Float64Array;
	/** per artist: sum of its recordings' means, and how many recordings */
	artist_sum: Float64Array;
	artist_count: Int32Array;
	/** per artist, its recordings (CSR) — to count distinct recordings across co-listed artists */
	artist_rec_offsets: Int32Array;
	artist_recs: Int32Array;
	/** per artist: sum of squared recording means, recordings with mean popularity 0, the two highest recording
	 * means (-Infinity when absent) and the recording of the highest — for the spread/zero-share/max fields */
	artist_sumsq: Float64Array;
	artist_zero: Int32Array;
	artist_max1: Float64Array;
	artist_max1_rec: Int32Array;
	artist_max2: Float64Array;
	/** share of the fit recordings (per artist-recording pair) with mean popularity 0: the zero-share prior */
	prior_zero: number;
}

/**
 * Statistics from the rows in `fit_rows` only. `recording` is each row's recording id (0..n_recordings-1),
 * `popularity` each row's target.
 */
export function fit_artist_stats(
	index: ArtistIndex,
	recording: Int32Array,
	popularity: ArrayLike<number>,
	fit_rows: ArrayLike<number>
): ArtistStats {
	let n_rec = 0;
	for (let i = 0; i < recording.length; i++) if (recording[i] + 1 > n_rec) n_rec = recording[i] + 1;
	const rec_sum = new Float64Array(n_rec);
	const rec_n = new Int32Array(n_rec);
	let total = 0;
	for (let k = 0; k < fit_rows.length; k++) {
		const i = fit_rows[k];
		rec_sum[recording[i]] += popularity[i];
		rec_n[recording[i]]++;
		total += popularity[i];
	}
	const recording_mean = new Float64Array(n_rec);
	for (let r = 0; r < n_rec; r++) recording_mean[r] = rec_n[r] > 0 ? rec_sum[r] / rec_n[r] : NaN;

	// distinct (artist, recording) pairs: a recording whose copies list the same artist counts once for that artist
	const n_art = index.names.length;
	const pairs = new Set<number>();
	for (let k = 0; k < fit_rows.length; k++) {
		const i = fit_rows[k];
		for (let p = index.offsets[i]; p < index.offsets[i + 1]; p++) pairs.add(index.ids[p] * n_rec + recording[i]);
	}
	const sorted = Float64Array.from(pairs).sort();
	const artist_sum = new Float64Array(n_art);
	const artist_count = new Int32Array(n_art);
	const artist_rec_offsets = new Int32Array(n_art + 1);
	const artist_recs = new Int32Array(sorted.length);
	const artist_sumsq = new Float64Array(n_art);
	const artist_zero = new Int32Array(n_art);
	const artist_max1 = new Float64Array(n_art).fill(-Infinity);
	const artist_max2 = new Float64Array(n_art).fill(-Infinity);
	const artist_max1_rec = new Int32Array(n_art).fill(-1);
	let zeros = 0;
	for (let q = 0; q < sorted.length; q++) {
		const a = Math.floor(sorted[q] / n_rec);
		const r = sorted[q] - a * n_rec;
		const v = recording_mean[r];
		artist_sum[a] += v;
		artist_sumsq[a] += v * v;
		if (v === 0) { artist_zero[a]++; zeros++; }
		if (v > artist_max1[a]) { artist_max2[a] = artist_max1[a]; artist_max1[a] = v; artist_max1_rec[a] = r; }
		else if (v > artist_max2[a]) artist_max2[a] = v;
		artist_count[a]++;
		artist_recs[q] = r;
	}
	for (let a = 0; a < n_art; a++) artist_rec_offsets[a + 1] = artist_rec_offsets[a] + artist_count[a];
	return {
		prior: fit_rows.length ? total / fit_rows.length : NaN, recording_mean, artist_sum, artist_count, artist_rec_offsets, artist_recs,
		artist_sumsq, artist_zero, artist_max1, artist_max1_rec, artist_max2, prior_zero: sorted.length ? zeros / sorted.length : 0
	};
}

function has_recording(stats: ArtistStats, a: number, r: number): boolean {
	// artist_recs is sorted within each artist's slice (pairs were sorted by artist, then recording)
	let lo = stats.artist_rec_offsets[a];
	let hi = stats.artist_rec_offsets[a + 1] - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const v = stats.artist_recs[mid];
		if (v === r) return true;
		if (v < r) lo = mid + 1;
		else hi = mid - 1;
	}
	return false;
}

/** How a multi-artist track's record is formed from its listed artists' records (see the module comment). */
export type ArtistCombine = 'lead' | 'mean';

export interface ArtistRecordOptions {
	/** take the row's own recording out of every artist's statistics (leave-own-recording-out) */
	exclude_own_recording?: boolean;
	/** default 'lead' */
	combine?: ArtistCombine;
	/** pseudo-recordings at the prior (stats.prior) added to every artist's mean; 0 = the raw mean (default) */
	prior_weight?: number;
	/** also write the record's other fields (see ArtistExtraColumns) */
	extra?: ArtistExtraColumns;
}

/**
 * The rest of the artist's track record, from exactly the recordings behind the mean (the same artist, the same
 * leave-own-recording-out): `max` the highest recording mean, `std` the standard deviation of its recording means
 * (NaN below 2 recordings), `zero_share` the share of its recordings at popularity 0 shrunk toward the overall share
 * by the same pseudo-recordings as the mean. NaN where there is no record. With combine = 'mean' they describe the
 * first known listed artist.
 */
export interface ArtistExtraColumns {
	max: Float32Array | Float64Array;
	std: Float32Array | Float64Array;
	zero_share: Float32Array | Float64Array;
}

/** An artist's (smoothed) mean from the sum and count of its recordings' means. */
export function shrunk_mean(sum: number, count: number, prior: number, prior_weight: number): number {
	return prior_weight > 0 ? (sum + prior_weight * prior) / (count + prior_weight) : sum / count;
}

/**
 * The artist record of each row in `apply_rows`, written to out_mean / out_tracks at the row's index.
 * With exclude_own_recording, the row's own recording is taken out of every artist's statistics first
 * (leave-own-recording-out; used when fit and apply rows overlap, as for serving dataset tracks). When the apply rows
 * were not among the fit rows it changes nothing.
 */
export function apply_artist_stats(
	index: ArtistIndex,
	recording: Int32Array,
	stats: ArtistStats,
	apply_rows: ArrayLike<number>,
	out_mean: Float32Array | Float64Array,
	out_tracks: Float32Array | Float64Array | Int32Array,
	options: ArtistRecordOptions = {}
): void {
	const { exclude_own_recording = false, combine = 'lead', prior_weight = 0, extra } = options;
	const recs = new Set<number>();
	for (let k = 0; k < apply_rows.length; k++) {
		const i = apply_rows[k];
		const own = recording[i];
		let sum = 0;
		let known = 0;
		recs.clear();
		let single_count = 0;
		if (extra) { extra.max[i] = NaN; extra.std[i] = NaN; extra.zero_share[i] = NaN; }
		for (let p = index.offsets[i]; p < index.offsets[i + 1]; p++) {
			const a = index.ids[p];
			let s = stats.artist_sum[a];
			let n = stats.artist_count[a];
			const drop = exclude_own_recording && n > 0 && has_recording(stats, a, own);
			let s2 = stats.artist_sumsq[a];
			let z = stats.artist_zero[a];
			if (drop) {
				const v = stats.recording_mean[own];
				s -= v;
				n -= 1;
				s2 -= v * v;
				if (v === 0) z -= 1;
			}
			if (n <= 0) continue;
			if (extra && known === 0) {
				extra.max[i] = drop && stats.artist_max1_rec[a] === own ? stats.artist_max2[a] : stats.artist_max1[a];
				const mu = s / n;
				extra.std[i] = n >= 2 ? Math.sqrt(Math.max(0, s2 / n - mu * mu)) : NaN;
				extra.zero_share[i] = shrunk_mean(z, n, stats.prior_zero, prior_weight);
			}
			sum += shrunk_mean(s, n, stats.prior, prior_weight);
			known++;
			single_count = n;
			if (combine === 'lead') break;
			for (let q = stats.artist_rec_offsets[a]; q < stats.artist_rec_offsets[a + 1]; q++) {
				if (!(drop && stats.artist_recs[q] === own)) recs.add(stats.artist_recs[q]);
			}
		}
		out_mean[i] = known > 0 ? sum / known : NaN;
		out_tracks[i] = known === 0 ? 0 : known === 1 ? single_count : recs.size;
	}
}

/**
 * Out-of-fold artist records for `rows`: split them into k folds by recording (`inner_fold[i]` in 0..k-1 for each
 * row in `rows`), and give each fold's rows the record computed from the other folds' rows only. This is how training
 * rows get a value that, like a test row's, never saw their own popularity.
 */
export function out_of_fold_artist_records(
	index: ArtistIndex,
	recording: Int32Array,
	popularity: ArrayLike<number>,
	rows: ArrayLike<number>,
	inner_fold: ArrayLike<number>,
	k: number,
	out_mean: Float32Array | Float64Array,
	out_tracks: Float32Array | Float64Array | Int32Array,
	options: Omit<ArtistRecordOptions, 'exclude_own_recording'> = {}
): void {
	for (let f = 0; f < k; f++) {
		const fit: number[] = [];
		const apply: number[] = [];
		for (let q = 0; q < rows.length; q++) (inner_fold[rows[q]] === f ? apply : fit).push(rows[q]);
		if (apply.length === 0) continue;
		const stats = fit_artist_stats(index, recording, popularity, fit);
		apply_artist_stats(index, recording, stats, apply, out_mean, out_tracks, options);
	}
}

/** Every artist's record over all rows (the "describe your own song" table): name, mean, recordings, and the
 * other fields of the record (max, spread, zero share; see ArtistExtraColumns). */
export function artist_table(index: ArtistIndex, stats: ArtistStats, prior_weight = 0): { name: string; mean_popularity: number; tracks: number; max_popularity: number; popularity_std: number; zero_share: number }[] {
	const out: { name: string; mean_popularity: number; tracks: number; max_popularity: number; popularity_std: number; zero_share: number }[] = [];
	for (let a = 0; a < index.names.length; a++) {
		const n = stats.artist_count[a];
		if (n > 0) {
			const mu = stats.artist_sum[a] / n;
			out.push({
				name: index.names[a],
				mean_popularity: shrunk_mean(stats.artist_sum[a], n, stats.prior, prior_weight),
				tracks: n,
				max_popularity: stats.artist_max1[a],
				popularity_std: n >= 2 ? Math.sqrt(Math.max(0, stats.artist_sumsq[a] / n - mu * mu)) : NaN,
				zero_share: shrunk_mean(stats.artist_zero[a], n, stats.prior_zero, prior_weight)
			});
		}
	}
	return out;
}

/** The artist record of every row as float32 columns (row i at index i), the form the model's input takes. */
export interface ArtistRecordColumns {
	mean: Float32Array;
	tracks: Float32Array;
	max: Float32Array;
	std: Float32Array;
	zero_share: Float32Array;
}

/**
 * What the app serves for the dataset's own tracks: each row's record from every OTHER recording of its artists
 * (all rows fit, each row's own recording left out). The training pipeline checks and ships the models with these
 * values; the search worker recomputes them from the tracks shard (popularity, recording, artists) with this same
 * function rather than downloading them.
 */
export function serving_artist_records(index: ArtistIndex, recording: Int32Array, popularity: ArrayLike<number>, prior_weight: number): ArtistRecordColumns {
	const n = recording.length;
	const all = Int32Array.from({ length: n }, (_, i) => i);
	const stats = fit_artist_stats(index, recording, popularity, all);
	const c: ArtistRecordColumns = {
		mean: new Float32Array(n).fill(NaN), tracks: new Float32Array(n), max: new Float32Array(n).fill(NaN),
		std: new Float32Array(n).fill(NaN), zero_share: new Float32Array(n).fill(NaN)
	};
	apply_artist_stats(index, recording, stats, all, c.mean, c.tracks, { exclude_own_recording: true, prior_weight, extra: { max: c.max, std: c.std, zero_share: c.zero_share } });
	return c;
}

/** Every artist's record over all rows, sorted by name (code-unit order): the "describe your own song" table. */
export function sorted_artist_table(index: ArtistIndex, recording: Int32Array, popularity: ArrayLike<number>, prior_weight: number): ReturnType<typeof artist_table> {
	const all = Int32Array.from({ length: recording.length }, (_, i) => i);
	return artist_table(index, fit_artist_stats(index, recording, popularity, all), prior_weight).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The two all-rows constants of the serving record that a single-row computation cannot see. */
export interface ServingPriors {
	/** mean popularity over all rows (ArtistStats.prior of the all-rows fit) */
	prior: number;
	/** share of all (artist, recording) pairs at popularity 0 (ArtistStats.prior_zero of the all-rows fit) */
	prior_zero: number;
}

/**
 * One row's serving record (serving_artist_records(...)[row], the same float32 values) without fitting every
 * artist: `fit_rows` (ascending) must hold every row of every recording of the row's artists, the row among them. An
 * artist's statistics depend only on its own recordings' means, and a recording's mean only on its own rows, so
 * fitting these rows gives the same sums in the same order; only the two all-rows priors come from outside (`priors`).
 * The fit works on the fit rows alone (arrays of their length, not the catalogue's), keeping their recording ids.
 */
export function serving_artist_record_of(
	row: number,
	fit_rows: Int32Array,
	artists_of: (i: number) => readonly string[],
	recording: Int32Array,
	popularity: ArrayLike<number>,
	priors: ServingPriors,
	prior_weight: number
): { mean: number; tracks: number; max: number; std: number; zero_share: number } {
	const m = fit_rows.length;
	const at = fit_rows.indexOf(row);
	if (at < 0) throw new Error(`serving_artist_record_of: row ${row} is not among its fit rows`);
	const index = build_artist_index(Array.from(fit_rows, (i) => artists_of(i)));
	const local_recording = Int32Array.from(fit_rows, (i) => recording[i]);
	const local_popularity = Float64Array.from(fit_rows, (i) => popularity[i]);
	const local_rows = Int32Array.from({ length: m }, (_, k) => k);
	const stats = fit_artist_stats(index, local_recording, local_popularity, local_rows);
	stats.prior = priors.prior;
	stats.prior_zero = priors.prior_zero;
	const one = () => new Float32Array(m);
	const c = { mean: one(), tracks: one(), max: one(), std: one(), zero_share: one() };
	apply_artist_stats(index, local_recording, stats, [at], c.mean, c.tracks, { exclude_own_recording: true, prior_weight, extra: { max: c.max, std: c.std, zero_share: c.zero_share } });
	return { mean: c.mean[at], tracks: c.tracks[at], max: c.max[at], std: c.std[at], zero_share: c.zero_share[at] };
}
