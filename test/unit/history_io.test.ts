import { describe, expect, it } from 'vitest';
import { history_csv, history_json, read_history_export } from '../../src/lib/runtime/history_io';
import { parse_record, type PredictionRecord } from '../../src/lib/runtime/history';
import { HISTORY_KINDS, kind_of } from '../../src/lib/runtime/history_kinds';
import { score_parts } from '../../src/lib/runtime/score_parts';
import type { Manifest, ModelEntry } from '../../src/lib/core/manifest';
import { CAPTION_TRAITS } from '../../src/lib/core/text/caption';

const music: PredictionRecord = {
	id: 'm1', time: 1_760_000_000_000, model_id: 'music_popularity', model_version: 'abc', kind: 'music', latency_ms: 3.5,
	inputs: {
		danceability: 0.6, energy: 0.7, key: 5, loudness: -6, mode: 1, speechiness: 0.05, acousticness: 0.2, instrumentalness: 0,
		liveness: 0.1, valence: 0.5, tempo: NaN, time_signature: 4, duration_ms: 200_000, explicit: false, genres: ['pop'], artist: null
	},
	outputs: { model_id: 'music_popularity', model_version: 'abc', popularity: 61, interval: { level: 0.8, low: 48, high: 74, coverage: 0.8 }, hit_score: 83, base_value: 33, contributions: [{ feature: 'energy', value: 2 }], latency_ms: 1.2 } as never
};
const caption: PredictionRecord = {
	id: 'c1', time: 1_760_000_100_000, model_id: 'caption_expected_likes', model_version: 'def', kind: 'caption', latency_ms: 2,
	inputs: { followers: 25_000, traits: Object.fromEntries(CAPTION_TRAITS.map((t, i) => [t, i])) as never },
	outputs: { log_prediction: 6.3, likes: 544, low: 98, high: 2600, level: 0.8, latency_ms: 0.4 }
};

describe('history export and import', () => {
	it('round-trips JSON, a missing tempo included', () => {
		const back = read_history_export(history_json([caption, music]), 1000);
		if (!back.ok) throw new Error(back.error.code);
		expect(back.records.map((r) => r.id)).toEqual(['c1', 'm1']);
		expect(back.records[0]).toEqual(caption);
		const m = back.records[1];
		expect(m.kind === 'music' && Number.isNaN(m.inputs.tempo)).toBe(true);
	});

	it('round-trips CSV (commas and quotes in the JSON columns)', () => {
		const csv = history_csv([caption, music]);
		expect(csv.split('\r\n')[0]).toBe('id,time,iso_time,kind,model_id,model_version,latency_ms,output,inputs_json,outputs_json');
		const back = read_history_export(csv, csv.length);
		if (!back.ok) throw new Error(back.error.code);
		expect(back.records[0]).toEqual(caption);
		expect(back.records[1].kind).toBe('music');
	});

	it('refuses a file with one malformed record, naming it; and files of other shapes', () => {
		const bad = JSON.parse(history_json([caption, music]));
		bad.records[1].outputs.popularity = 'high';
		expect(read_history_export(JSON.stringify(bad), 100)).toEqual({ ok: false, error: { code: 'history_record', position: 2 } });
		const neg = JSON.parse(history_json([caption]));
		neg.records[0].inputs.followers = -5;
		expect(read_history_export(JSON.stringify(neg), 100)).toEqual({ ok: false, error: { code: 'history_record', position: 1 } });
		expect(read_history_export('{"format": "other", "records": []}', 10)).toEqual({ ok: false, error: { code: 'history_shape' } });
		expect(read_history_export('{"records": [', 10)).toMatchObject({ ok: false, error: { code: 'history_json' } });
		expect(read_history_export('', 0)).toEqual({ ok: false, error: { code: 'history_empty' } });
		expect(read_history_export('a,b\n1,2\n', 8)).toMatchObject({ ok: false, error: { code: 'history_csv_columns' } });
		expect(read_history_export('x', 21 * 1024 * 1024)).toMatchObject({ ok: false, error: { code: 'history_too_large' } });
		expect(parse_record({ ...caption, kind: 'video' })).toBeNull();
	});
});

describe('history kinds and score parts', () => {
	const entry = (id: string, quantiles: number[] | null): ModelEntry => ({
		id, version: 'v', title: id, task: 'regression', file: 'x', sha256: 'x', bytes: 1, input: { name: 'x', shape: [1], features: [] },
		output: { name: 'y', meaning: 'y' }, training_rows: 1, hyperparameters: {}, sources: [], trained_at: '', notes: [],
		evaluations: [{ split: 'account-5fold', description: '', folds: 5, metrics: [{ name: 'r2', mean: 0.4, std: 0.1 }], baselines: [] }],
		...(quantiles ? { output_quantiles: { rows: 101, description: '', values: quantiles } } : {})
	});
	const q = Array.from({ length: 101 }, (_, i) => i / 10); // 0..10

	it('reads each kind\'s output and drift values', () => {
		expect(kind_of(caption).output(caption)).toBe(6.3);
		expect(kind_of(music).output(music)).toBe(61);
		expect(kind_of(caption).drift_values(caption).log10_followers).toBeCloseTo(Math.log10(25_001), 10);
		expect(Object.keys(HISTORY_KINDS)).toEqual(['music', 'caption']);
	});

	it('ranks the latest record of each kind; a kind without quantiles or records is left out', () => {
		const manifest: Manifest = { version: 'v', generated_at: '', shards: [], sources: [], models: [entry('caption_expected_likes', q), entry('music_popularity', null)] };
		const older = { ...caption, id: 'c0', time: 1, outputs: { ...(caption as Extract<PredictionRecord, { kind: 'caption' }>).outputs, log_prediction: 1 } };
		const parts = score_parts([caption, older, music] as PredictionRecord[], manifest);
		expect(parts.map((p) => p.kind)).toEqual(['caption']);
		expect(parts[0].percentile).toBeCloseTo(63, 6);
		expect(parts[0].accuracy).toEqual({ metric: 'r2', mean: 0.4, std: 0.1, split: 'account-5fold' });
		expect(parts[0].other_version).toBe(true);
	});
});
