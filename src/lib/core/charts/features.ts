/**
 * The chart models' input row: the 11 audio features (CHART_FEATURES, as chart_feature_row reads them) followed by
 * a few features derived from them. Shared by the training matrix and the inference worker, so both compute the same
 * numbers from the same float32 audio row.
 *
 * A tree splits one feature at a time, so it cannot draw a diagonal or fold an axis; these give it a few it can use:
 * - tempo_folded: the tempo folded into one octave [70, 140) BPM (a 160-BPM track and an 80-BPM track share a
 *   groove: trackers report either half or double), NaN when the tempo is unmeasured;
 * - danceability x valence, speechiness x danceability (products of two 0-1 features);
 * - energy - acousticness, valence - energy (differences of two 0-1 features);
 * - loudness_vs_energy: loudness mapped to about 0-1 (loudness / 60 + 1) minus energy, how loud a track is for its
 *   energy (mastering rather than arrangement).
 * Chosen on the tuning folds (3 artist folds, seed 1042): mean top-200 AUC over regions 0.6858 -> 0.6878 with the
 * same trees. On five other arrangements of 5 artist folds (seeds 1-5, not the reported 42) the gain was positive
 * every time (+0.0004 to +0.0021, US +0.001 to +0.004, CA +0.002 to +0.005; AT lost 0 to 0.012).
 */
import { CHART_FEATURES } from './regions';

export const CHART_DERIVED = ['tempo_folded', 'danceability_x_valence', 'energy_minus_acousticness', 'loudness_vs_energy', 'speechiness_x_danceability', 'valence_minus_energy'] as const;

/** Model input order: the 11 audio features, then the derived ones. */
export const CHART_MODEL_FEATURES: readonly string[] = [...CHART_FEATURES, ...CHART_DERIVED];

const at = (f: (typeof CHART_FEATURES)[number]) => CHART_FEATURES.indexOf(f);
const DANCE = at('danceability'), ENERGY = at('energy'), LOUD = at('loudness'), SPEECH = at('speechiness'), ACOUSTIC = at('acousticness'), VALENCE = at('valence'), TEMPO = at('tempo');

/** Tempo folded into [70, 140) BPM by halving or doubling; NaN for a missing or non-positive tempo. */
export function fold_tempo(bpm: number): number {
	if (!(bpm > 0) || !Number.isFinite(bpm)) return NaN;
	let t = bpm;
	while (t >= 140) t /= 2;
	while (t < 70) t *= 2;
	return t;
}

/**
 * The model row from an audio row in CHART_FEATURES order (NaN = missing; chart_feature_row's output). The audio
 * values are read as float32 first, so training (float64 ETL values) and the browser (a float32 row) agree exactly.
 * A derived feature is NaN when one of its inputs is.
 */
export function chart_model_row(audio: ArrayLike<number>, out = new Float32Array(CHART_MODEL_FEATURES.length)): Float32Array {
	const p = CHART_FEATURES.length;
	if (audio.length !== p) throw new RangeError(`chart_model_row: ${audio.length} audio values, expected ${p}`);
	const v = (j: number) => Math.fround(audio[j]);
	for (let j = 0; j < p; j++) out[j] = v(j);
	const d = [
		fold_tempo(v(TEMPO)),
		v(DANCE) * v(VALENCE),
		v(ENERGY) - v(ACOUSTIC),
		v(LOUD) / 60 + 1 - v(ENERGY),
		v(SPEECH) * v(DANCE),
		v(VALENCE) - v(ENERGY)
	];
	for (let k = 0; k < d.length; k++) out[p + k] = d[k];
	return out;
}
