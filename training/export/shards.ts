/**
 * Arrow IPC shards the search and inference workers read (arquero's fromArrow / flechette's tableFromIPC).
 * Written with flechette (arquero 8's own Arrow layer, pinned in package.json overrides) so each column gets the
 * narrowest type that holds it: the tracks shard is the largest offline download after the wasm.
 */
import { tableFromArrays, tableToIPC, float32, int8, int32, uint8, utf8, dictionary } from '@uwdata/flechette';
import type { SpotifyTrack } from '../etl/spotify_tracks';

export interface TrackShardColumns {
	tracks: SpotifyTrack[];
	/** leave-own-recording-out artist record (NaN / 0 when no other recording of the artists exists) */
	artist_mean: Float32Array;
	artist_tracks: Float32Array;
	/** the record's other fields (NaN when missing) */
	artist_max: Float32Array;
	artist_std: Float32Array;
	artist_zero_share: Float32Array;
	oof_prediction: Float64Array;
	prediction: Float64Array;
}

const nullable = (x: number) => (Number.isNaN(x) ? null : x);

/** One row per distinct track; columns as documented in the manifest's shard description. */
export function music_tracks_arrow(c: TrackShardColumns): Uint8Array {
	const t = c.tracks;
	const f32 = (get: (s: SpotifyTrack) => number) => Float32Array.from(t, get);
	const table = tableFromArrays(
		{
			track_id: t.map((s) => s.track_id),
			title: t.map((s) => s.title),
			artists: t.map((s) => s.artists),
			album: t.map((s) => s.album),
			genres: t.map((s) => s.genres.join(';')),
			popularity: Uint8Array.from(t, (s) => s.popularity),
			recording: Int32Array.from(t, (s) => s.recording),
			danceability: f32((s) => s.danceability),
			energy: f32((s) => s.energy),
			key: Int8Array.from(t, (s) => s.key),
			loudness: f32((s) => s.loudness),
			mode: Int8Array.from(t, (s) => s.mode),
			speechiness: f32((s) => s.speechiness),
			acousticness: f32((s) => s.acousticness),
			instrumentalness: f32((s) => s.instrumentalness),
			liveness: f32((s) => s.liveness),
			valence: f32((s) => s.valence),
			tempo: t.map((s) => nullable(s.tempo)),
			time_signature: t.map((s) => nullable(s.time_signature)),
			duration_ms: t.map((s) => nullable(s.duration_ms)),
			explicit: Int8Array.from(t, (s) => (s.explicit ? 1 : 0)),
			artist_mean: Array.from(c.artist_mean, nullable),
			artist_tracks: Int32Array.from(c.artist_tracks),
			artist_max: Array.from(c.artist_max, nullable),
			artist_std: Array.from(c.artist_std, nullable),
			artist_zero_share: Array.from(c.artist_zero_share, nullable),
			oof_prediction: Float32Array.from(c.oof_prediction),
			prediction: Float32Array.from(c.prediction)
		},
		{
			types: {
				// genre lists repeat a lot (a few thousand distinct combinations over 89k tracks): a dictionary is
				// much smaller than 89k strings
				genres: dictionary(utf8()),
				tempo: float32(),
				time_signature: int8(),
				duration_ms: int32(),
				artist_mean: float32(),
				artist_max: float32(),
				artist_std: float32(),
				artist_zero_share: float32(),
				popularity: uint8()
			}
		}
	);
	return tableToIPC(table, { format: 'file' })!;
}

export function music_artists_arrow(rows: { name: string; mean_popularity: number; tracks: number; max_popularity: number; popularity_std: number; zero_share: number }[]): Uint8Array {
	const table = tableFromArrays({
		name: rows.map((r) => r.name),
		mean_popularity: Float32Array.from(rows, (r) => r.mean_popularity),
		tracks: Int32Array.from(rows, (r) => r.tracks),
		max_popularity: Float32Array.from(rows, (r) => r.max_popularity),
		// NaN below 2 recordings: null in the shard
		popularity_std: rows.map((r) => nullable(r.popularity_std)),
		zero_share: Float32Array.from(rows, (r) => r.zero_share)
	}, { types: { popularity_std: float32() } });
	return tableToIPC(table, { format: 'file' })!;
}

/**
 * The hit-score reference: the served predictions as the tracks shard stores them (float32), NaN dropped, sorted
 * ascending, little-endian with no header (the inference worker reads it as one Float32Array).
 */
export function hit_reference_bin(prediction: ArrayLike<number>): Uint8Array {
	const values = Float32Array.from(prediction).filter((v) => !Number.isNaN(v)).sort();
	return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
