/**
 * The tracks shard (Arrow IPC, read by the search worker with flechette; arquero's fromArrow reads it too) and the
 * hit-score reference. The tracks shard is most of the music studio's offline download, so it holds only what
 * cannot be derived cheaply, each column in the narrowest type that keeps the source's precision (the codes are in
 * src/lib/core/music/track_codec.ts):
 * - numbers as small integers with a stated scale (decimal codes, thousandths), "not measured" as the source's 0;
 * - track ids as 22 ASCII bytes (FixedSizeBinary: no offsets, and the worker finds a row by scanning bytes);
 * - repeated strings (artists, genre lists, albums) as dictionaries, the album null where it equals the title;
 * - the recording id as a back-reference (nearly all zeros);
 * - no artist record, no served prediction: the worker recomputes the record with the training code
 *   (serving_artist_records), and the served prediction is needed only for the hit-score reference file.
 * Rows stay in ETL order (the source's genre-by-genre order), which compresses best.
 */
import { tableFromArrays, tableToIPC, dictionary, fixedSizeBinary, int16, int32, uint8, uint16, uint32, utf8 } from '@uwdata/flechette';
import type { SpotifyTrack } from '../etl/spotify_tracks';
import { DECIMAL_CODED, encode_decimal, encode_recordings, encode_thousandths } from '../../src/lib/core/music/track_codec';

export const TRACK_ID_BYTES = 22;

/** The oof_prediction column's scale: tenths of a popularity point (int16). */
export const OOF_SCALE = 10;

/** Narrowest dictionary index for `values`' distinct count. */
function dictionary_of(values: readonly (string | null)[]) {
	const distinct = new Set(values).size;
	return dictionary(utf8(), distinct <= 0xffff ? uint16() : int32());
}

function ascii_ids(tracks: readonly SpotifyTrack[]): Uint8Array[] {
	return tracks.map((t) => {
		if (!/^[0-9A-Za-z]{22}$/.test(t.track_id)) throw new Error(`tracks shard: track id '${t.track_id}' is not 22 base-62 characters`);
		return Uint8Array.from(t.track_id, (c) => c.charCodeAt(0));
	});
}

const measured = (x: number) => (Number.isNaN(x) ? 0 : x);

/** One row per distinct track, in ETL order; columns as documented in the manifest's shard description. */
export function music_tracks_arrow(tracks: readonly SpotifyTrack[], oof_prediction: ArrayLike<number>): Uint8Array {
	const t = tracks;
	const album = t.map((s) => (s.album === s.title ? null : s.album));
	const genres = t.map((s) => s.genres.join(';'));
	const artists = t.map((s) => s.artists);
	const decimal = Object.fromEntries(DECIMAL_CODED.map((f) => [f, Uint16Array.from(t, (s) => encode_decimal(s[f]))]));
	const table = tableFromArrays(
		{
			track_id: ascii_ids(t),
			title: t.map((s) => s.title),
			artists,
			album,
			genres,
			popularity: Uint8Array.from(t, (s) => s.popularity),
			recording: encode_recordings(t.map((s) => s.recording)),
			...decimal,
			key: Uint8Array.from(t, (s) => s.key),
			loudness: Int32Array.from(t, (s) => encode_thousandths(s.loudness)),
			mode: Uint8Array.from(t, (s) => s.mode),
			tempo: Uint32Array.from(t, (s) => encode_thousandths(measured(s.tempo))),
			time_signature: Uint8Array.from(t, (s) => measured(s.time_signature)),
			duration_ms: Uint32Array.from(t, (s) => measured(s.duration_ms)),
			explicit: Uint8Array.from(t, (s) => (s.explicit ? 1 : 0)),
			oof_prediction: Int16Array.from(t, (_, i) => Math.round(oof_prediction[i] * OOF_SCALE))
		},
		{
			types: {
				track_id: fixedSizeBinary(TRACK_ID_BYTES),
				title: utf8(),
				artists: dictionary_of(artists),
				album: dictionary_of(album),
				genres: dictionary_of(genres),
				popularity: uint8(),
				recording: uint32(),
				...Object.fromEntries(DECIMAL_CODED.map((f) => [f, uint16()])),
				key: uint8(),
				loudness: int32(),
				mode: uint8(),
				tempo: uint32(),
				time_signature: uint8(),
				duration_ms: uint32(),
				explicit: uint8(),
				oof_prediction: int16()
			}
		}
	);
	return tableToIPC(table, { format: 'file' })!;
}

/** The hit-score reference's rounding: hundredths of a popularity point. */
export const REFERENCE_SCALE = 100;

/**
 * The hit-score reference: the served predictions rounded to hundredths (then float32), NaN dropped, sorted
 * ascending, little-endian with no header (the inference worker reads it as one Float32Array). Rounding makes long
 * runs of equal values that gzip to a fraction of the raw floats; it moves a hit score only for a prediction within
 * 0.005 of a reference value, by 1/89,741 of a percent per such value.
 */
export function hit_reference_bin(prediction: ArrayLike<number>): Uint8Array {
	const values = Float32Array.from(prediction, (v) => Math.round(v * REFERENCE_SCALE) / REFERENCE_SCALE).filter((v) => !Number.isNaN(v)).sort();
	return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
