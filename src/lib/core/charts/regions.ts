/**
 * The chart markets and the audio features the chart-chance models read. Pure data, shared by the training pipeline,
 * the market worker and the pages, so the order of regions and features is defined once.
 */

/** Regions of the weekly Top-200 charts, in the order the models' outputs use. */
export const CHART_REGIONS = ['global', 'us', 'gb', 'de', 'fr', 'nl', 'ca', 'au', 'jp', 'at'] as const;
export type ChartRegion = (typeof CHART_REGIONS)[number];

/** The two labels per region: entered the Top 200, and reached the Top 50. */
export const CHART_LEVELS = ['top200', 'top50'] as const;
export type ChartLevel = (typeof CHART_LEVELS)[number];

/** Peak position at or above which a track counts as a Top-50 track. */
export const TOP50 = 50;

/**
 * The audio features of the charted-tracks file, in model input order. That file has no key, duration or explicit
 * flag, so the chart models read the 11 features the music studio's input shares with it.
 */
export const CHART_FEATURES = [
	'danceability', 'energy', 'loudness', 'mode', 'speechiness', 'acousticness', 'instrumentalness', 'liveness',
	'valence', 'tempo', 'time_signature'
] as const;
export type ChartFeature = (typeof CHART_FEATURES)[number];

export function is_chart_region(s: string): s is ChartRegion {
	return (CHART_REGIONS as readonly string[]).includes(s);
}

/** Output column of (region, level) in the chart model's [N, 20] output: top200 of every region first, then top50. */
export function output_index(region: ChartRegion, level: ChartLevel): number {
	return CHART_LEVELS.indexOf(level) * CHART_REGIONS.length + CHART_REGIONS.indexOf(region);
}

/**
 * The model input row from audio features: NaN for a feature that is missing or not finite (the trees route it
 * as they learned to), and 0 tempo / time signature read as unmeasured, as in the ETL.
 */
export function chart_feature_row(values: Partial<Record<ChartFeature, number | null | undefined>>, out = new Float32Array(CHART_FEATURES.length)): Float32Array {
	for (let j = 0; j < CHART_FEATURES.length; j++) {
		const f = CHART_FEATURES[j];
		const v = values[f];
		const unmeasured = (f === 'tempo' || f === 'time_signature') && v === 0;
		out[j] = typeof v === 'number' && Number.isFinite(v) && !unmeasured ? v : NaN;
	}
	return out;
}
