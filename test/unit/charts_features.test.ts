import { describe, expect, it } from 'vitest';
import { CHART_DERIVED, CHART_MODEL_FEATURES, chart_model_row, fold_tempo } from '../../src/lib/core/charts/features';
import { CHART_FEATURES, chart_feature_row } from '../../src/lib/core/charts/regions';

const song = { danceability: 0.8, energy: 0.6, loudness: -6, mode: 1, speechiness: 0.1, acousticness: 0.2, instrumentalness: 0, liveness: 0.1, valence: 0.5, tempo: 160, time_signature: 4 };
const at = (name: string) => CHART_MODEL_FEATURES.indexOf(name);

describe('chart model features', () => {
	it('the model row is the 11 audio features then the derived ones', () => {
		expect(CHART_MODEL_FEATURES).toEqual([...CHART_FEATURES, ...CHART_DERIVED]);
		expect(new Set(CHART_MODEL_FEATURES).size).toBe(CHART_MODEL_FEATURES.length);
	});

	it('folds the tempo into [70, 140) BPM', () => {
		expect(fold_tempo(160)).toBe(80);
		expect(fold_tempo(140)).toBe(70);
		expect(fold_tempo(139.9)).toBe(139.9);
		expect(fold_tempo(70)).toBe(70);
		expect(fold_tempo(60)).toBe(120);
		expect(fold_tempo(30)).toBe(120);
		expect(fold_tempo(300)).toBe(75);
		expect(fold_tempo(0)).toBeNaN();
		expect(fold_tempo(NaN)).toBeNaN();
		expect(fold_tempo(Infinity)).toBeNaN();
	});

	it('computes the derived features by hand', () => {
		const x = chart_model_row(chart_feature_row(song));
		expect(x).toHaveLength(17);
		const f = Math.fround;
		expect(x[at('danceability')]).toBe(f(0.8));
		expect(x[at('tempo_folded')]).toBe(80);
		expect(x[at('danceability_x_valence')]).toBe(f(f(0.8) * f(0.5)));
		expect(x[at('energy_minus_acousticness')]).toBe(f(f(0.6) - f(0.2)));
		expect(x[at('loudness_vs_energy')]).toBe(f(-6 / 60 + 1 - f(0.6)));
		expect(x[at('speechiness_x_danceability')]).toBe(f(f(0.1) * f(0.8)));
		expect(x[at('valence_minus_energy')]).toBe(f(f(0.5) - f(0.6)));
	});

	it('training values (float64) and the browser row (float32) give the same model row', () => {
		const f64 = Float64Array.from(CHART_FEATURES, (k) => song[k]);
		expect(Array.from(chart_model_row(f64))).toEqual(Array.from(chart_model_row(chart_feature_row(song))));
	});

	it('a missing input makes the features built from it missing, and only those', () => {
		const x = chart_model_row(chart_feature_row({ ...song, tempo: 0, valence: NaN }));
		expect(x[at('tempo')]).toBeNaN();
		expect(x[at('tempo_folded')]).toBeNaN();
		expect(x[at('danceability_x_valence')]).toBeNaN();
		expect(x[at('valence_minus_energy')]).toBeNaN();
		expect(x[at('energy_minus_acousticness')]).not.toBeNaN();
		expect(x[at('loudness_vs_energy')]).not.toBeNaN();
		expect(() => chart_model_row([1, 2, 3])).toThrow(RangeError);
	});
});
