/**
 * Music features: the one place that turns a song's raw description into a model's feature vector.
 * Imported by the training pipeline (training/tasks) and by the inference worker, so both encode identically.
 */

export type AudioFeature =
	| 'danceability' | 'energy' | 'key' | 'loudness' | 'mode' | 'speechiness' | 'acousticness'
	| 'instrumentalness' | 'liveness' | 'valence' | 'tempo' | 'time_signature' | 'duration_ms';

export interface FeatureSpec {
	name: AudioFeature;
	label: string;
	help: string;
	min: number;
	max: number;
	step: number;
	/** integer-valued features (key, mode, time signature) reject fractions */
	integer?: boolean;
	unit?: string;
}

/**
 * Valid ranges cover every measured value in the 114k dataset (Spotify reports time signatures of 1 and tracks
 * up to 87 minutes), so any catalogue track can be sent back to the model unchanged.
 * tempo 0 and time_signature 0 occur in the data where Spotify could not measure them: they are read as missing.
 */
export const AUDIO_FEATURES: readonly FeatureSpec[] = [
	{ name: 'danceability', label: 'Danceability', help: 'How suitable for dancing (tempo, rhythm stability, beat strength).', min: 0, max: 1, step: 0.01 },
	{ name: 'energy', label: 'Energy', help: 'Perceived intensity and activity.', min: 0, max: 1, step: 0.01 },
	{ name: 'key', label: 'Key', help: 'Pitch class: 0 = C, 1 = C♯/D♭ … 11 = B.', min: 0, max: 11, step: 1, integer: true },
	{ name: 'loudness', label: 'Loudness', help: 'Average loudness of the track.', min: -60, max: 5, step: 0.1, unit: 'dB' },
	{ name: 'mode', label: 'Mode', help: '1 = major, 0 = minor.', min: 0, max: 1, step: 1, integer: true },
	{ name: 'speechiness', label: 'Speechiness', help: 'Presence of spoken words.', min: 0, max: 1, step: 0.01 },
	{ name: 'acousticness', label: 'Acousticness', help: 'Confidence that the track is acoustic.', min: 0, max: 1, step: 0.01 },
	{ name: 'instrumentalness', label: 'Instrumentalness', help: 'Likelihood that the track has no vocals.', min: 0, max: 1, step: 0.01 },
	{ name: 'liveness', label: 'Liveness', help: 'Likelihood of a live audience in the recording.', min: 0, max: 1, step: 0.01 },
	{ name: 'valence', label: 'Valence', help: 'Musical positiveness: high is happy, low is sad or angry.', min: 0, max: 1, step: 0.01 },
	{ name: 'tempo', label: 'Tempo', help: 'Estimated beats per minute.', min: 30, max: 250, step: 1, unit: 'BPM' },
	{ name: 'time_signature', label: 'Time signature', help: 'Estimated beats per bar.', min: 1, max: 7, step: 1, integer: true },
	{ name: 'duration_ms', label: 'Duration', help: 'Length of the track.', min: 5_000, max: 6_000_000, step: 1000, unit: 'ms' }
];

export interface ArtistRecord {
	/** mean popularity of the artist's other recordings (never the song's own) */
	mean_popularity: number;
	/** how many other recordings that mean rests on */
	tracks: number;
	/** highest popularity among those recordings (each recording's mean over its re-releases) */
	max_popularity: number;
	/** standard deviation of those recordings' popularities; NaN (missing) below 2 recordings */
	popularity_std: number;
	/** share of those recordings at popularity 0, shrunk toward the overall share like the mean */
	zero_share: number;
}

export interface MusicInput {
	danceability: number; energy: number; key: number; loudness: number; mode: number; speechiness: number;
	acousticness: number; instrumentalness: number; liveness: number; valence: number;
	/** NaN when unknown (the dataset's tempo 0) */
	tempo: number;
	/** NaN when unknown (the dataset's time_signature 0) */
	time_signature: number;
	duration_ms: number;
	explicit: boolean;
	/** genre labels from the model's genre vocabulary; a track may carry several */
	genres: string[];
	/** null for an unknown artist: the model then sees missing values, as it did for unseen artists in training */
	artist: ArtistRecord | null;
}

/**
 * genre_count: how many of the model's genres the song is listed under. The indicators already say which, but a tree
 * cannot add them up, and in the 114k set a track listed on several genre pages is a track popular enough to be
 * among several genres' top 1,000: set B, 5 folds by recording, R² 0.415 -> 0.422 with it (by artist 0.358 -> 0.359).
 * Out-of-fold genre target means (mean popularity, zero share, max, min of a track's genres) were tried as well and
 * lowered R² on the same folds (0.419 -> 0.418), so they are not used.
 */
export const EXTRA_FEATURES = ['explicit', 'artist_mean_popularity', 'artist_tracks', 'artist_max_popularity', 'artist_popularity_std', 'artist_zero_share', 'genre_count'] as const;

/** Feature names in vector order: audio features, extras, then one indicator per genre ("genre=pop"). */
export function music_feature_names(genre_vocab: readonly string[]): string[] {
	return [...AUDIO_FEATURES.map((f) => f.name), ...EXTRA_FEATURES, ...genre_vocab.map((g) => `genre=${g}`)];
}

/** Display group of a feature, so the UI can show one "Genre" driver instead of 114 indicators and their count. */
export function music_feature_group(name: string): string {
	return name.startsWith('genre=') || name === 'genre_count' ? 'genre' : name.startsWith('artist_') ? 'artist' : name;
}

/** Encode into `out` (length music_feature_names(vocab).length); NaN marks a missing value. */
export function encode_music(input: MusicInput, genre_index: ReadonlyMap<string, number>, out: Float32Array): Float32Array {
	let i = 0;
	for (const f of AUDIO_FEATURES) out[i++] = input[f.name];
	out[i++] = input.explicit ? 1 : 0;
	out[i++] = input.artist ? input.artist.mean_popularity : NaN;
	out[i++] = input.artist ? input.artist.tracks : 0;
	out[i++] = input.artist ? input.artist.max_popularity : NaN;
	out[i++] = input.artist ? input.artist.popularity_std : NaN;
	out[i++] = input.artist ? input.artist.zero_share : NaN;
	const count_at = i++;
	const base = i;
	out.fill(0, base);
	let count = 0;
	for (const g of input.genres) {
		const j = genre_index.get(g);
		// a genre listed twice counts once
		if (j !== undefined && out[base + j] === 0) {
			out[base + j] = 1;
			count++;
		}
	}
	out[count_at] = count;
	return out;
}

export function genre_index_of(vocab: readonly string[]): Map<string, number> {
	return new Map(vocab.map((g, i) => [g, i]));
}
