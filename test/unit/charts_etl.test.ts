import { describe, expect, it } from 'vitest';
import { build_charted_tracks } from '../../training/etl/spotify_charts';
import { chart_records, base_rates, entered_top50 } from '../../src/lib/core/charts/labels';
import { chart_names, features_match_chart } from '../../src/lib/core/charts/clean';
import { CHART_REGIONS, CHART_FEATURES, chart_feature_row, output_index } from '../../src/lib/core/charts/regions';
import { make_charts_fixture } from '../fixtures/make_charts_fixture';

describe('chart labels from weekly rows', () => {
	it('peak, weeks and first week per region, hand-computed', () => {
		const rows = [
			{ region: 'us', week_start: '2017-01-06', position: 120, track_id: 'a' },
			{ region: 'us', week_start: '2017-01-13', position: 45, track_id: 'a' },
			{ region: 'us', week_start: '2017-01-20', position: 60, track_id: 'a' },
			// the same id twice in one week: one week, the better position
			{ region: 'us', week_start: '2017-01-20', position: 30, track_id: 'a' },
			{ region: 'de', week_start: '2016-12-30', position: 199, track_id: 'a' },
			{ region: 'jp', week_start: '2018-03-02', position: 50, track_id: 'b' }
		];
		const recs = chart_records(rows);
		const a = recs.get('a')!;
		const us = a.regions[CHART_REGIONS.indexOf('us')];
		expect(us).toEqual({ peak: 30, weeks: 3 });
		expect(a.regions[CHART_REGIONS.indexOf('de')]).toEqual({ peak: 199, weeks: 1 });
		expect(a.regions[CHART_REGIONS.indexOf('gb')]).toEqual({ peak: 0, weeks: 0 });
		expect(a.first_week).toBe('2016-12-30');
		expect(entered_top50(us)).toBe(true);
		expect(entered_top50(a.regions[CHART_REGIONS.indexOf('de')])).toBe(false);
		// 50 is inside the Top 50
		expect(entered_top50(recs.get('b')!.regions[CHART_REGIONS.indexOf('jp')])).toBe(true);
		const rates = base_rates([...recs.values()]);
		expect(rates.us).toBe(0.5);
		expect(rates.jp).toBe(0.5);
		expect(rates.gb).toBe(0);
		expect(base_rates([...recs.values()], true).de).toBe(0);
	});

	it('refuses unknown regions and impossible positions instead of shifting labels', () => {
		expect(() => chart_records([{ region: 'xx', week_start: '2017-01-06', position: 1, track_id: 'a' }])).toThrow(/region/);
		expect(() => chart_records([{ region: 'us', week_start: '2017-01-06', position: 201, track_id: 'a' }])).toThrow(/1\.\.200/);
		expect(() => chart_records([{ region: 'us', week_start: '2017-01-06', position: 0, track_id: 'a' }])).toThrow(/1\.\.200/);
	});
});

describe('the copied-feature-row trap', () => {
	it('a feature row matches only an exact, non-empty chart name of its own id', () => {
		const names = chart_names([
			{ track_id: 'x', track_name: 'HUMBLE.' },
			{ track_id: 'y', track_name: 'Schüsse im Regen' },
			{ track_id: 'y', track_name: 'Sch?sse im Regen' },
			{ track_id: 'z', track_name: '' }
		]);
		expect(features_match_chart({ track_id: 'x', track_name: 'HUMBLE.' }, names)).toBe(true);
		expect(features_match_chart({ track_id: 'y', track_name: 'HUMBLE.' }, names)).toBe(false);
		expect(features_match_chart({ track_id: 'y', track_name: 'Schüsse im Regen' }, names)).toBe(true);
		expect(features_match_chart({ track_id: 'z', track_name: '' }, names)).toBe(false);
		expect(features_match_chart({ track_id: 'nope', track_name: 'HUMBLE.' }, names)).toBe(false);
	});

	it('the ETL drops exactly the planted copies and keeps every honest quirk', () => {
		const { charts, features, facts } = make_charts_fixture();
		const r = build_charted_tracks(charts, features);
		const ids = r.tracks.map((t) => t.track_id);
		for (const id of facts.copied) expect(ids).not.toContain(id);
		expect(ids).not.toContain(facts.empty_name_id);
		expect(ids).toContain(facts.na_title_id);
		expect(ids).toContain(facts.misencoded.id);
		expect(r.tracks.find((t) => t.track_id === facts.quoted.id)!.title).toBe(facts.quoted.title);
		expect(ids).toEqual(facts.kept);
		expect(r.stats.copied_feature_rows).toBe(facts.copied.length + 1);
		expect(r.stats.tracks_without_features).toBe(1);
		// the re-release pair shares a recording; artist groups are case-insensitive
		const [a, b] = facts.rerelease.map((id) => r.tracks.find((t) => t.track_id === id)!);
		expect(a.recording).toBe(b.recording);
		expect(a.artist_group).toBe(b.artist_group);
	});

	it('labels in the ETL output equal the hand-listed history of one track', () => {
		const { charts, features, facts } = make_charts_fixture();
		const r = build_charted_tracks(charts, features);
		const t = r.tracks.find((x) => x.track_id === facts.history.id)!;
		CHART_REGIONS.forEach((region, ri) => {
			const h = facts.history.rows[region] ?? [];
			const peak = h.length ? Math.min(...h.map(([, p]) => p)) : 0;
			expect(t.regions[ri]).toEqual({ peak, weeks: new Set(h.map(([w]) => w)).size });
		});
	});

	it('feature values are parsed into model order', () => {
		const { charts, features } = make_charts_fixture();
		const r = build_charted_tracks(charts, features);
		const line = features.split('\n')[1].split(',');
		const header = features.split('\n')[0].split(',');
		const t = r.tracks[0];
		CHART_FEATURES.forEach((f, j) => expect(t.features[j]).toBeCloseTo(Number(line[header.indexOf(f)]), 10));
	});
});

describe('model input row', () => {
	it('maps missing, non-finite and unmeasured values to NaN', () => {
		const row = chart_feature_row({ danceability: 0.5, tempo: 0, time_signature: 4, energy: Number.POSITIVE_INFINITY, valence: null });
		expect(row[CHART_FEATURES.indexOf('danceability')]).toBe(0.5);
		expect(row[CHART_FEATURES.indexOf('tempo')]).toBeNaN();
		expect(row[CHART_FEATURES.indexOf('time_signature')]).toBe(4);
		expect(row[CHART_FEATURES.indexOf('energy')]).toBeNaN();
		expect(row[CHART_FEATURES.indexOf('valence')]).toBeNaN();
		expect(row[CHART_FEATURES.indexOf('loudness')]).toBeNaN();
	});
	it('output columns: top200 of every region, then top50', () => {
		expect(output_index('global', 'top200')).toBe(0);
		expect(output_index('at', 'top200')).toBe(9);
		expect(output_index('global', 'top50')).toBe(10);
		expect(output_index('jp', 'top50')).toBe(18);
	});
});
