/**
 * What the insights page needs to know of the sections' columns and bins before any data: the lists and ranges its
 * controls and labels use. Free of arquero, so that importing them keeps arquero (and the aggregations) in the
 * insights worker, off the page's first load; the aggregation modules re-export them.
 */

/** The 114k set's numeric columns the page describes (duration in minutes reads better than in ms). */
export const MUSIC_NUMERIC = [
	'popularity', 'danceability', 'energy', 'key', 'loudness', 'mode', 'speechiness', 'acousticness',
	'instrumentalness', 'liveness', 'valence', 'tempo', 'time_signature', 'duration_min'
] as const;
export type MusicNumeric = (typeof MUSIC_NUMERIC)[number];

/** Features drawn over time from the charts shard. */
export const TIME_FEATURES = ['danceability', 'energy', 'loudness', 'speechiness', 'acousticness', 'instrumentalness', 'liveness', 'valence', 'tempo'] as const;

export const VIDEO_MEASURES = ['views', 'likes', 'dislikes'] as const;
export type VideoMeasure = (typeof VIDEO_MEASURES)[number];

/** Duration histograms [from, to, bins]: fixed, so a filter changes the bars, never the axis. */
export const FILM_MINUTES: [number, number, number] = [0, 240, 24];
export const SERIES_SEASONS: [number, number, number] = [1, 11, 10];
