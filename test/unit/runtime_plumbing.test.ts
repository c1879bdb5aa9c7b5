import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArtifactError, fetch_artifact, sha256_hex, artifact_url } from '../../src/lib/runtime/artifacts';
import { latest_wins } from '../../src/lib/runtime/worker_client';
import { clear_history, list_predictions, parse_record, record_prediction } from '../../src/lib/runtime/history';

describe('latest_wins', () => {
	it('runs one at a time, drops superseded waiting calls and gives them the newer result', async () => {
		const ran: number[] = [];
		let release: () => void = () => {};
		const run = latest_wins(async (x: number) => {
			ran.push(x);
			if (x === 1) await new Promise<void>((r) => (release = r));
			return x * 10;
		});
		const a = run(1);
		const b = run(2);
		const c = run(3);
		release();
		expect(await Promise.all([a, b, c])).toEqual([10, 30, 30]);
		expect(ran).toEqual([1, 3]);
	});

	it('recovers after a failure', async () => {
		const run = latest_wins(async (x: number) => {
			if (x < 0) throw new Error('negative');
			return x;
		});
		await expect(run(-1)).rejects.toThrow('negative');
		expect(await run(2)).toBe(2);
	});

	it('delivers a partial result only while no newer call was made', async () => {
		const gates = new Map<number, () => void>();
		const run = latest_wins(async (x: number, on_partial: (p: string) => void) => {
			await new Promise<void>((r) => gates.set(x, r));
			on_partial(`partial ${x}`);
			return x * 10;
		});
		const seen: string[] = [];
		const a = run(1, (p) => seen.push(`a: ${p}`));
		await Promise.resolve();
		const b = run(2, (p) => seen.push(`b: ${p}`));
		// 1 is running and superseded by 2: its partial must not reach anyone
		gates.get(1)!();
		expect(await a).toBe(10);
		expect(seen).toEqual([]);
		await new Promise((r) => setTimeout(r, 0));
		gates.get(2)!();
		expect(await b).toBe(20);
		expect(seen).toEqual(['b: partial 2']);
	});
});

describe('artifact download', () => {
	afterEach(() => vi.unstubAllGlobals());
	const body = new TextEncoder().encode('hello model bytes');

	it('streams with progress and verifies sha256', async () => {
		vi.stubGlobal('fetch', async () => new Response(body));
		const sha = await sha256_hex(body);
		const seen: number[] = [];
		const got = await fetch_artifact({ url: 'http://x/models/m.onnx', what: 'the model (models/m.onnx)', sha256: sha, bytes: body.length, on_progress: (p) => seen.push(p.loaded_bytes) });
		expect(Array.from(got)).toEqual(Array.from(body));
		expect(seen.at(-1)).toBe(body.length);
	});

	it('fails clearly on HTTP errors and on a wrong hash', async () => {
		vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
		await expect(fetch_artifact({ url: 'http://x/models/m.onnx', what: 'the music model (models/m.onnx)' })).rejects.toThrow(
			'Could not download the music model (models/m.onnx): HTTP 404.'
		);
		vi.stubGlobal('fetch', async () => new Response(body));
		await expect(fetch_artifact({ url: 'u', what: 'the model', sha256: '00'.repeat(32) })).rejects.toBeInstanceOf(ArtifactError);
	});

	it('resolves files next to the manifest under any base path', () => {
		const m = 'https://h.example/app/models/manifest.json';
		expect(artifact_url(m, 'models', 'a.onnx')).toBe('https://h.example/app/models/a.onnx');
		expect(artifact_url(m, 'data', 'b.arrow')).toBe('https://h.example/app/data/b.arrow');
		expect(artifact_url(m, 'data', 'data/b.arrow')).toBe('https://h.example/app/data/b.arrow');
	});
});

describe('stored history records', () => {
	const record = {
		id: 'a', time: 1, model_id: 'music_popularity', model_version: 'v1', kind: 'music', latency_ms: 1.5,
		inputs: {
			danceability: 0.5, energy: 0.5, key: 1, loudness: -5, mode: 1, speechiness: 0.1, acousticness: 0.1,
			instrumentalness: 0, liveness: 0.1, valence: 0.5, tempo: 120, time_signature: 4, duration_ms: 200000,
			explicit: false, genres: ['pop'], artist: null
		},
		outputs: { popularity: 40, hit_score: 55, base_value: 33, latency_ms: 0.4, contributions: [{ feature: 'energy', value: 1 }], interval: { level: 0.9, low: 20, high: 60, coverage: 0.9 } }
	};
	it('keeps valid records and rejects malformed ones', () => {
		expect(parse_record(record)).not.toBeNull();
		expect(parse_record({ ...record, time: 'yesterday' })).toBeNull();
		expect(parse_record({ ...record, inputs: { ...record.inputs, energy: 7 } })).toBeNull();
		expect(parse_record({ ...record, outputs: { ...record.outputs, popularity: NaN } })).toBeNull();
		expect(parse_record('junk')).toBeNull();
	});
});

describe('history without IndexedDB', () => {
	it('resolves with available: false and a reason instead of throwing', async () => {
		// Node has no IndexedDB: the same path a blocked or disabled store takes in a browser
		const r = await record_prediction({ model_id: 'm', model_version: 'v', kind: 'music', inputs: {} as never, outputs: {} as never, latency_ms: 1 });
		expect(r.available).toBe(false);
		if (!r.available) expect(r.error.code).toBe('history_unavailable');
		const list = await list_predictions();
		expect(list).toMatchObject({ available: false, records: [], skipped: 0 });
		expect((await clear_history()).available).toBe(false);
	});
});
