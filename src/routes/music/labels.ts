/**
 * What the music studio calls things, in the active language: audio features (name and help), the model's feature
 * groups, and field-check errors. The core keeps English names only for logs and the manifest; the page always
 * speaks through these.
 */
import { m } from '$lib/paraglide/messages.js';
import type { AudioFeature } from '$lib/core/features/music';
import type { ParamError } from '$lib/core/music/params';
import { split_artists } from '$lib/core/music/artists';
import { format_plain } from '$lib/components/format';

type Text = () => string;

const FEATURE_LABELS: Record<AudioFeature, Text> = {
	danceability: m.feature_danceability,
	energy: m.feature_energy,
	key: m.feature_key,
	loudness: m.feature_loudness,
	mode: m.feature_mode,
	speechiness: m.feature_speechiness,
	acousticness: m.feature_acousticness,
	instrumentalness: m.feature_instrumentalness,
	liveness: m.feature_liveness,
	valence: m.feature_valence,
	tempo: m.feature_tempo,
	time_signature: m.feature_time_signature,
	duration_ms: m.feature_duration_ms
};

const FEATURE_HELP: Record<AudioFeature, Text> = {
	danceability: m.feature_danceability_help,
	energy: m.feature_energy_help,
	key: m.feature_key_help,
	loudness: m.feature_loudness_help,
	mode: m.feature_mode_help,
	speechiness: m.feature_speechiness_help,
	acousticness: m.feature_acousticness_help,
	instrumentalness: m.feature_instrumentalness_help,
	liveness: m.feature_liveness_help,
	valence: m.feature_valence_help,
	tempo: m.feature_tempo_help,
	time_signature: m.feature_time_signature_help,
	duration_ms: m.feature_duration_ms_help
};

/** contributions arrive grouped (see music_feature_group): these groups are not audio features */
const GROUP_LABELS: Record<string, Text> = {
	explicit: m.feature_group_explicit,
	artist: m.feature_group_artist,
	genre: m.feature_group_genre
};

export function feature_label(feature: string): string {
	return (FEATURE_LABELS[feature as AudioFeature] ?? GROUP_LABELS[feature])?.() ?? feature;
}

export function feature_help(feature: AudioFeature): string {
	return FEATURE_HELP[feature]();
}

type ErrorInputs = { label: string; value: string; min: string; max: string };
const ERRORS: Record<ParamError['code'], (i: ErrorInputs) => string> = {
	empty: m.param_empty,
	not_a_number: m.param_not_a_number,
	out_of_range: m.param_out_of_range,
	not_integer: m.param_not_integer,
	repeated: m.param_repeated,
	too_long: m.param_too_long,
	bad_boolean: m.param_bad_boolean,
	bad_duration: m.param_bad_duration,
	unknown_genre: m.param_unknown_genre,
	too_many_genres: m.param_too_many_genres,
	bad_track_id: m.param_bad_track_id,
	unknown_artist: m.param_unknown_artist
};

/** A field-check error in the active language; `label` is the field's name as the page shows it. */
export function error_text(error: ParamError, label: string): string {
	const text = (v: number | string | undefined) => (v === undefined ? '' : typeof v === 'number' ? format_plain(v) : v);
	return ERRORS[error.code]({ label, value: error.value ?? '', min: text(error.min), max: text(error.max) });
}

/** The data writes several artists as "A;B"; people read "A, B". */
export function artists_text(field: string): string {
	return split_artists(field).join(', ');
}
