/**
 * What the app serves for dataset tracks: the artist record from every OTHER recording of the track's artists, and
 * the prediction of the model the inference worker picks for it. Used for the hit-score reference and the parity
 * checks.
 */
import { predict_gbdt, type GbdtModel } from '../../src/lib/core/gbdt';
import { serving_artist_records } from '../../src/lib/core/music/artist_stats';
import { subset, type ArtistColumns, type ArtistField, type MusicMatrix } from './music_popularity';

/** Serving-time artist columns: each track's record from every OTHER recording of its artists (all data). */
export function serving_artist_columns(m: MusicMatrix, prior_weight: number): ArtistColumns {
	return serving_artist_records(m.artists, m.recording, m.y, prior_weight);
}

/**
 * What the app predicts for each dataset track: the set-C model when the track has an artist record (from its
 * artists' other recordings), else the new-artist model — the same choice the inference worker makes.
 */
export function served_predictions(m: MusicMatrix, serving: ArtistColumns, C: GbdtModel, B: GbdtModel, fields: readonly ArtistField[]): Float64Array {
	// each row through the one model that serves it
	const all = Int32Array.from({ length: m.n }, (_, i) => i);
	const known = all.filter((i) => !Number.isNaN(serving.mean[i]));
	const unknown = all.filter((i) => Number.isNaN(serving.mean[i]));
	const out = new Float64Array(m.n);
	const pc = predict_gbdt(C, subset(m, known, 'C', serving, fields).X, known.length);
	known.forEach((row, k) => (out[row] = pc[k]));
	const pb = predict_gbdt(B, subset(m, unknown, 'B', null).X, unknown.length);
	unknown.forEach((row, k) => (out[row] = pb[k]));
	return out;
}
