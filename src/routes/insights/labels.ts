/** Names of the insights' columns in the active language. */
import { m } from '$lib/paraglide/messages.js';

export function feature_name(f: string): string {
	const names: Record<string, () => string> = {
		popularity: m.insights_f_popularity, danceability: m.insights_f_danceability, energy: m.insights_f_energy, key: m.insights_f_key,
		loudness: m.insights_f_loudness, mode: m.insights_f_mode, speechiness: m.insights_f_speechiness, acousticness: m.insights_f_acousticness,
		instrumentalness: m.insights_f_instrumentalness, liveness: m.insights_f_liveness, valence: m.insights_f_valence, tempo: m.insights_f_tempo,
		time_signature: m.insights_f_time_signature, duration_min: m.insights_f_duration
	};
	return names[f]?.() ?? f;
}

