/** Display names of the music model's feature groups (contributions arrive grouped: see music_feature_group). */
import { AUDIO_FEATURES } from '$lib/core/features/music';
import { split_artists } from '$lib/core/music/artists';

const GROUP_LABELS: Record<string, string> = {
	explicit: 'Explicit lyrics',
	artist: 'Artist’s track record',
	genre: 'Genre'
};

export function feature_label(feature: string): string {
	return AUDIO_FEATURES.find((f) => f.name === feature)?.label ?? GROUP_LABELS[feature] ?? feature;
}

/** The data writes several artists as "A;B"; people read "A, B". */
export function artists_text(field: string): string {
	return split_artists(field).join(', ');
}
