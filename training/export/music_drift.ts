/**
 * The music models' drift references and output quantiles for /monitor and /score, in the generic manifest form
 * (FeatureReference, output_quantiles). Drift is measured on what a music history record holds: the 13 audio
 * features of the song, under their MusicInput names.
 */
import { AUDIO_FEATURES } from '../../src/lib/core/features/music';
import { feature_reference } from '../../src/lib/core/drift';
import type { ModelEntry } from '../../src/lib/core/manifest';
import { PERCENTILES, quantile_sorted } from '../../src/lib/core/stats/quantiles';
import type { SpotifyTrack } from '../etl/spotify_tracks';

export function music_drift(tracks: readonly SpotifyTrack[]): NonNullable<ModelEntry['drift']> {
	return {
		rows: tracks.length,
		features: AUDIO_FEATURES.map((f) => feature_reference(f.name, f.label, tracks.map((t) => t[f.name])))
	};
}

/** 101 quantiles of the served predictions (the hit-score reference file: float32, ascending). */
export function music_output_quantiles(reference_sorted: Float32Array): NonNullable<ModelEntry['output_quantiles']> {
	return {
		rows: reference_sorted.length,
		description: 'the served popularity prediction of every distinct track (the hit-score reference)',
		values: PERCENTILES.map((q) => quantile_sorted(reference_sorted, q))
	};
}
