import { describe, expect, it } from 'vitest';
import { DECIMAL_CODED, encode_decimal, encode_thousandths } from '../../src/lib/core/music/track_codec';
import { table } from 'arquero';
import { box_stats, correlation, genre_stats, histogram, music_insights, numeric_column, prepare_charts, prepare_music, quantile_sorted, quiet_effect, year_stats } from '../../src/lib/core/insights/music';

// five tracks, written out so every expected figure below can be checked by hand
const MUSIC_UNITS = {
		genres: ['pop', 'pop;dance', 'rock', 'dance', 'rock;pop'],
		popularity: [10, 50, 30, 0, 90],
		danceability: [0.1, 0.9, 0.3, 0.7, 0.5],
		energy: [0.2, 0.8, 0.4, 0.6, 0.5],
		key: [0, 1, 2, 3, 4], loudness: [-5, -35, -8, -40, -6], mode: [1, 0, 1, 0, 1],
		speechiness: [0.05, 0.3, 0.1, 0.5, 0.05], acousticness: [0.5, 0.1, 0.2, 0.3, 0.4],
		instrumentalness: [0, 0, 0.5, 0.9, 0], liveness: [0.1, 0.2, 0.1, 0.3, 0.1], valence: [0.3, 0.6, 0.5, 0.4, 0.9],
		tempo: [100, null, 120, 90, 128], time_signature: [4, 4, 3, 4, 4], duration_ms: [180000, 240000, null, 120000, 300000]
};
function music() {
	return prepare_music(table(MUSIC_UNITS), false);
}

function charts() {
	return prepare_charts(table({
		first_week: ['2017-01-06', '2017-06-02', '2018-03-02', '2020-12-25'],
		danceability: [0.6, 0.8, 0.5, 0.9], energy: [0.5, 0.5, 0.5, 0.5], loudness: [-6, -4, -8, -5], speechiness: [0.1, 0.1, 0.2, 0.3],
		acousticness: [0.1, 0.2, 0.3, 0.4], instrumentalness: [0, 0, 0, 0], liveness: [0.1, 0.1, 0.1, 0.1], valence: [0.5, 0.5, 0.5, 0.5], tempo: [100, 120, 110, 130]
	}), false);
}

describe('the tracks shard as the insights read it', () => {
	it('decodes the audio features from the shard\'s integer codes into their units, unmeasured as missing', () => {
		// the shard's encoding (training/export/shards.ts): decimal codes, thousandths, 0 for "not measured"
		const code = (name: string, v: number | null) =>
			v === null ? 0 : (DECIMAL_CODED as readonly string[]).includes(name) ? encode_decimal(v) : name === 'loudness' || name === 'tempo' ? encode_thousandths(v) : v;
		const encoded = Object.fromEntries(Object.entries(MUSIC_UNITS).map(([name, values]) =>
			[name, name === 'genres' || name === 'popularity' ? values : (values as (number | null)[]).map((v) => code(name, v))]));
		expect(encoded.speechiness).toEqual([52, 31, 11, 51, 52]); // mantissa * 10 + exponent
		const decoded = prepare_music(table(encoded)).objects();
		expect(decoded).toEqual(music().objects());
		expect(decoded[1]).toMatchObject({ speechiness: 0.3, loudness: -35, tempo: null });
		expect(decoded[2]).toMatchObject({ duration_ms: null, duration_min: null });
	});
});

describe('insights aggregations, hand-computed', () => {
	it('histogram with clamped ends and skipped missing values', () => {
		const h = histogram([0, 0.24, 0.25, 0.99, 1, 5, -1, null, NaN], 'x', 0, 1, 4);
		expect(h.edges).toEqual([0, 0.25, 0.5, 0.75]);
		expect(h.counts).toEqual([3, 1, 0, 3]);
	});

	it('quantiles and Tukey box', () => {
		expect(quantile_sorted([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(quantile_sorted([1, 2, 3, 4], 0.25)).toBe(1.75);
		const b = box_stats([1, 2, 3, 4, 5, 6, 7, 8, 100, null], 'x');
		// q1 = 2.75, q3 = 7.25, IQR 4.5, fences -4 and 14
		expect(b).toMatchObject({ n: 9, min: 1, q1: 3, median: 5, q3: 7, max: 100, whisker_low: 1, whisker_high: 8, outliers_low: 0, outliers_high: 1 });
	});

	it('box statistics equal a full sort on random data (quickselect path)', () => {
		let seed = 3;
		const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		for (const n of [1, 2, 3, 10, 101, 1000]) {
			const xs = Array.from({ length: n }, () => Math.round(rnd() * 50) / 5 + (rnd() < 0.05 ? 40 : 0));
			const s = Float64Array.from(xs).sort();
			const b = box_stats(xs, 'x');
			expect(b.q1).toBeCloseTo(quantile_sorted(s, 0.25), 12);
			expect(b.median).toBeCloseTo(quantile_sorted(s, 0.5), 12);
			expect(b.q3).toBeCloseTo(quantile_sorted(s, 0.75), 12);
			expect(b.min).toBe(s[0]);
			expect(b.max).toBe(s[n - 1]);
			const iqr = b.q3 - b.q1;
			expect(b.outliers_high).toBe(xs.filter((x) => x > b.q3 + 1.5 * iqr).length);
			expect(b.whisker_high).toBe(Math.max(...xs.filter((x) => x <= b.q3 + 1.5 * iqr)));
		}
		expect(box_stats([null, NaN], 'x')).toMatchObject({ n: 0, min: NaN, whisker_low: NaN });
	});

	it('correlation: exact on linear pairs, pairwise-complete with missing values', () => {
		const r = correlation([Float64Array.from([1, 2, 3, 4]), Float64Array.from([2, 4, 6, 8]), Float64Array.from([4, 3, NaN, 1])]);
		expect(r[0][1]).toBeCloseTo(1, 12);
		// rows 0, 1, 3: x = 1, 2, 4 and z = 4, 3, 1 -> r = -1
		expect(r[0][2]).toBeCloseTo(-1, 12);
		expect(r[2][0]).toBe(r[0][2]);
		expect(r[1][1]).toBe(1);
	});

	it('genres: a track counts under every genre it is listed under', () => {
		const g = genre_stats(music());
		expect(g).toEqual([
			{ genre: 'dance', count: 2, mean_popularity: 25, mean_speechiness: 0.4 },
			{ genre: 'pop', count: 3, mean_popularity: 50, mean_speechiness: expect.closeTo((0.05 + 0.3 + 0.05) / 3, 12) },
			{ genre: 'rock', count: 2, mean_popularity: 60, mean_speechiness: expect.closeTo(0.075, 12) }
		]);
	});

	it('very quiet tracks: before / after / removed', () => {
		const q = quiet_effect(music(), -30);
		const by = Object.fromEntries(q.groups.map((g) => [g.name, g]));
		expect(by.before).toMatchObject({ count: 5, mean_popularity: 36 });
		expect(by.after).toMatchObject({ count: 3, mean_popularity: (10 + 30 + 90) / 3 });
		expect(by.removed).toMatchObject({ count: 2, mean_popularity: 25 });
		expect(by.removed.counts[0]).toBe(1);
		expect(by.removed.counts[5]).toBe(1);
	});

	it('charts shard columns come back in their units', () => {
		const t = prepare_charts(table({ first_week: ['2019-05-03'], danceability: [200], energy: [250], loudness: [-55], speechiness: [10], acousticness: [0], instrumentalness: [0], liveness: [25], valence: [125], tempo: [1205] }));
		expect(t.get('danceability', 0)).toBeCloseTo(0.8, 12);
		expect(t.get('loudness', 0)).toBeCloseTo(-5.5, 12);
		expect(t.get('tempo', 0)).toBeCloseTo(120.5, 12);
		expect(t.get('year', 0)).toBe(2019);
	});

	it('years from the first chart week', () => {
		const y = year_stats(charts());
		expect(y.map((r) => [r.year, r.tracks])).toEqual([[2017, 2], [2018, 1], [2020, 1]]);
		expect(y[0].means.danceability).toBeCloseTo(0.7, 12);
	});

	it('every figure follows the filters', () => {
		const all = music_insights(music(), charts(), { genre: '', year_from: 2016, year_to: 2021, quiet_db: -30 });
		const pop = music_insights(music(), charts(), { genre: 'pop', year_from: 2018, year_to: 2021, quiet_db: -30 });
		expect(all.rows).toBe(5);
		expect(pop.rows).toBe(3);
		expect(pop.histograms.find((h) => h.feature === 'popularity')!.counts.reduce((a, b) => a + b)).toBe(3);
		expect(pop.genres.map((g) => g.genre)).toEqual(['dance', 'pop', 'rock']);
		expect(pop.quiet.groups[0].count).toBe(3);
		expect(pop.years.map((r) => r.year)).toEqual([2018, 2020]);
		expect(pop.chart_rows).toBe(2);
		expect(all.boxes.find((b) => b.feature === 'duration_min')!.n).toBe(4);
		expect(numeric_column(music(), 'tempo')[1]).toBeNaN();
	});
});
