import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromArrow } from 'arquero';
import * as ort from 'onnxruntime-web/wasm';
import { run_pipeline, DATA_FILES, type PipelineOptions } from '../../training/pipeline';
import { MissingDataError } from '../../training/lib/paths';
import { silent_reporter } from '../../training/lib/progress';
import { DEFAULT_MUSIC_OPTIONS } from '../../training/tasks/music_popularity';
import { write_spotify_fixture, type FixtureFacts } from '../fixtures/make_spotify_fixture';
import type { Manifest } from '../../src/lib/core/manifest';
import { artifact_url } from '../../src/lib/runtime/artifacts';
import { TrackStore, type TrackShardParams } from '../../src/lib/workers/search/tracks';
import { onnx_from_trees } from '../../src/lib/workers/onnx_from_trees';
import { decode_gbdt_binary } from '../../src/lib/core/gbdt';

let root: string;
let facts: FixtureFacts;
const lines: string[] = [];

function options(overrides: Partial<PipelineOptions> = {}): PipelineOptions {
	return {
		paths: { data_root: join(root, 'data'), out_root: join(root, 'out'), cache_dir: join(root, 'cache') },
		force: false,
		threads: 2,
		// small and fast: the fixture has ~600 tracks
		music: { ...DEFAULT_MUSIC_OPTIONS, gbdt: { ...DEFAULT_MUSIC_OPTIONS.gbdt, n_estimators: 60, learning_rate: 0.2, max_depth: 4, min_child_weight: 2 }, parity_rows: 1000 },
		studios: [],
		reporter: { log: (l) => lines.push(l) },
		...overrides
	};
}

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'hitcast-train-'));
	facts = write_spotify_fixture(join(root, 'data'), { seed: 5 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('training pipeline on the synthetic fixture', () => {
	it('fails with a message naming the expected files and HITCAST_DATA when data is missing', async () => {
		const o = options({ paths: { data_root: join(root, 'nowhere'), out_root: join(root, 'o2'), cache_dir: join(root, 'c2') }, reporter: silent_reporter });
		const err = await run_pipeline(o).catch((e) => e);
		expect(err).toBeInstanceOf(MissingDataError);
		for (const f of DATA_FILES) expect(err.message).toContain(f);
		expect(err.message).toContain('HITCAST_DATA');
	});

	it('runs end to end into the given output folder', async () => {
		const summary = await run_pipeline(options());
		const manifest = JSON.parse(readFileSync(summary.manifest_path, 'utf8')) as Manifest;
		expect(manifest.models.map((m) => m.id)).toEqual(['music_popularity', 'music_popularity_new_artist']);
		const model = manifest.models[0];
		expect(model.input.features).toContain(`genre=${facts.genre_vocab[0]}`);
		expect(model.input.shape[1]).toBe(model.input.features.length);
		expect(model.evaluations.map((e) => e.split)).toContain('recording-5fold');
		const head = model.evaluations.find((e) => e.split === 'recording-5fold')!;
		expect(head.folds).toBe(5);
		expect(head.baselines.map((b) => b.name)).toEqual(['mean', 'genre mean', 'ridge']);
		// the fixture's popularity depends on genre and artist: the model must beat the mean clearly, and the artist
		// record (set C) must add to genres and audio (set B) — this fails if the record never reaches the fits
		const r2_of = (e: { metrics: { name: string; mean: number }[] }) => e.metrics.find((m) => m.name === 'r2')!.mean;
		expect(r2_of(head)).toBeGreaterThan(0.3);
		const set_b = manifest.models[1].evaluations.find((e) => e.split === 'recording-5fold-B')!;
		expect(r2_of(head)).toBeGreaterThan(r2_of(set_b) + 0.05);
		expect(model.interval!.coverage).toBeGreaterThan(0.6);
		expect(model.interval!.lower_offset).toBeGreaterThan(0);
		for (const file of [model.file, model.trees_file!]) expect(existsSync(join(root, 'out/models', file))).toBe(true);
		// the browser rebuilds each music ONNX file from its trees file instead of downloading it: byte for byte
		for (const m of manifest.models) {
			expect(m.onnx_from_trees).toBe(true);
			const trees = decode_gbdt_binary(readFileSync(join(root, 'out/models', m.trees_file!)));
			const rebuilt = await onnx_from_trees(m, trees, m.id, 'http://localhost/models/manifest.json');
			expect(Buffer.from(rebuilt).equals(readFileSync(join(root, 'out/models', m.file)))).toBe(true);
		}
		const wrong = { ...model, sha256: '0'.repeat(64) };
		await expect(onnx_from_trees(wrong, decode_gbdt_binary(readFileSync(join(root, 'out/models', model.trees_file!))), 'The music model', 'x')).rejects.toThrow(/differs from the published ONNX file/);

		const tracks_bytes = readFileSync(join(root, 'out/data/music_tracks.arrow'));
		// arquero still reads the shard
		const tracks = fromArrow(tracks_bytes);
		expect(tracks.numRows()).toBe(facts.distinct_ids);
		expect(tracks.columnNames()).not.toContain('prediction');
		const tracks_entry = manifest.shards.find((s) => s.id === 'music_tracks')!;
		expect(tracks_entry.rows).toBe(facts.distinct_ids);
		expect(tracks_entry.params).toMatchObject({ artist_prior_weight: DEFAULT_MUSIC_OPTIONS.artist_prior_weight, oof_scale: 10 });
		// the artist table is derived from the tracks: no shard of its own
		expect(manifest.shards.map((s) => s.id)).toEqual(['music_tracks', 'music_hit_reference']);
		// the hit-score reference: every track's served prediction, rounded to hundredths, float32, ascending
		const reference_entry = manifest.shards.find((s) => s.id === 'music_hit_reference')!;
		expect(reference_entry).toMatchObject({ file: 'models/music_hit_reference.bin', format: 'bin', rows: facts.distinct_ids, bytes: facts.distinct_ids * 4 });
		const ref_bytes = readFileSync(join(root, 'out', reference_entry.file));
		const reference = new Float32Array(ref_bytes.buffer.slice(ref_bytes.byteOffset, ref_bytes.byteOffset + ref_bytes.length));
		for (let i = 1; i < reference.length; i++) expect(reference[i]).toBeGreaterThanOrEqual(reference[i - 1]);
		for (const v of reference) expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-3);
		// the search worker's reading of the shard: the fixture's unmeasured tempo stays missing, and the row is found by id
		const store = new TrackStore(new Uint8Array(tracks_bytes), tracks_entry.params as unknown as TrackShardParams);
		const row = store.row_of_id(facts.tempo_zero)!;
		expect(row).toBeGreaterThanOrEqual(0);
		expect(store.detail(row).input.tempo).toBeNaN();
		expect(store.track_id(row)).toBe(facts.tempo_zero);
		// a track opened first (its artist record from its artists' rows, found in the dictionary's bytes) has the
		// record of the all-rows computation the models were checked with, on every row
		const params = tracks_entry.params as unknown as TrackShardParams;
		const all_rows = new TrackStore(new Uint8Array(tracks_bytes), params);
		const records = all_rows.artist_records;
		let with_record = 0;
		for (let r = 0; r < store.n; r++) {
			const artist = new TrackStore(new Uint8Array(tracks_bytes), params).input(r).artist;
			const expected = Number.isNaN(records.mean[r]) || !(records.tracks[r] >= 1) ? null : { mean_popularity: records.mean[r], tracks: records.tracks[r], max_popularity: records.max[r], popularity_std: records.std[r], zero_share: records.zero_share[r] };
			expect(artist, `row ${r}`).toEqual(expected);
			if (artist) with_record++;
		}
		expect(with_record).toBeGreaterThan(store.n / 4);

		// the shipped ONNX reproduces the shard's prediction column from the same features
		const session = await ort.InferenceSession.create(readFileSync(join(root, 'out/models', model.file)));
		expect(session.inputNames).toEqual(['features']);
		expect(session.outputNames).toEqual(['popularity']);
		await session.release();
	}, 120_000);

	it('skips every step on a rerun and rebuilds byte-identical artifacts with --force', async () => {
		const before = lines.length;
		const files = ['models/music_popularity.onnx', 'models/music_popularity.trees.bin', 'models/music_popularity_new_artist.onnx', 'models/music_popularity_new_artist.trees.bin', 'data/music_tracks.arrow', 'models/music_hit_reference.bin'];
		const first = files.map((f) => readFileSync(join(root, 'out', f)));
		const summary = await run_pipeline(options());
		expect(summary.steps.length).toBeGreaterThan(0);
		expect(summary.steps.every((s) => s.skipped)).toBe(true);
		expect(lines.slice(before).some((l) => l.includes('skipped, up to date'))).toBe(true);

		const forced = await run_pipeline(options({ force: true }));
		expect(forced.steps.every((s) => !s.skipped)).toBe(true);
		files.forEach((f, k) => expect(readFileSync(join(root, 'out', f)).equals(first[k]), f).toBe(true));
	}, 120_000);

	it('with the same cache and another output folder, builds every artifact there', async () => {
		const other = join(root, 'out2');
		const summary = await run_pipeline(options({ paths: { data_root: join(root, 'data'), out_root: other, cache_dir: join(root, 'cache') } }));
		expect(summary.steps.find((s) => s.step.startsWith('music_model'))?.skipped).toBe(false);
		const manifest = JSON.parse(readFileSync(join(other, 'models/manifest.json'), 'utf8')) as Manifest;
		// where the app looks for each file (artifact_url), resolved against this folder's manifest
		const manifest_url = pathToFileURL(join(other, 'models/manifest.json')).href;
		const at = (folder: 'models' | 'data', file: string) => fileURLToPath(artifact_url(manifest_url, folder, file));
		const files = [...manifest.models.flatMap((m) => [m.file, m.trees_file].filter((f): f is string => !!f).map((f) => at('models', f))), ...manifest.shards.map((s) => at('data', s.file))];
		expect(files.length).toBeGreaterThan(3);
		for (const f of files) expect(existsSync(f), f).toBe(true);
	}, 120_000);

	it('rebuilds when an output is modified', async () => {
		const shard = join(root, 'out/data/music_tracks.arrow');
		const original = readFileSync(shard);
		const { writeFileSync } = await import('node:fs');
		writeFileSync(shard, Buffer.concat([original, Buffer.from([0])]));
		const summary = await run_pipeline(options());
		const shard_step = summary.steps.find((s) => s.step.startsWith('music_shards'))!;
		expect(shard_step.skipped).toBe(false);
		expect(readFileSync(shard).equals(original)).toBe(true);
	}, 120_000);
});
