/**
 * The explanation must add up to what the visitor sees: base value + the sum of the TreeSHAP contributions computed
 * from the trees file equals onnxruntime's prediction from the .onnx file, on real tracks of the shipped shard, each
 * with the model the inference worker picks for it (music_popularity when the track has an artist record,
 * music_popularity_new_artist when not). The JavaScript trees (predict_one, what the worker answers with while
 * onnxruntime starts) give the same number, and the hit-score reference file is what onnxruntime predicts for every
 * track of the shard with those same choices, rounded to hundredths and sorted. Needs the generated artifacts (npm run
 * train); ARTIFACTS_DIR points elsewhere (default: static).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { encode_music, genre_index_of } from '../../src/lib/core/features/music';
import { contributions, decode_gbdt_binary, predict_one } from '../../src/lib/core/gbdt';
import type { GbdtModel } from '../../src/lib/core/gbdt';
import type { Manifest, ModelEntry } from '../../src/lib/core/manifest';
import { genres_of } from '../../src/lib/runtime/music_input';
import { group_contributions } from '../../src/lib/workers/inference/explain';
import { TrackStore, type TrackShardParams } from '../../src/lib/workers/search/tracks';

const dir = process.env.ARTIFACTS_DIR ?? 'static';
const manifest_path = join(dir, 'models', 'manifest.json');
const present = existsSync(manifest_path);

/** Where the manifest's file names point (runtime/artifacts.ts: a name with a folder is relative to the site root). */
const file_of = (folder: 'models' | 'data', file: string) => (file.includes('/') ? join(dir, file) : join(dir, folder, file));

describe.skipIf(!present)('music models: contributions add up to the ONNX prediction of the model the app picks', () => {
	const manifest = present ? (JSON.parse(readFileSync(manifest_path, 'utf8')) as Manifest) : null;
	const shard = () => manifest!.shards.find((s) => s.id === 'music_tracks')!;

	const open_store = () => new TrackStore(new Uint8Array(readFileSync(file_of('data', shard().file))), shard().params as unknown as TrackShardParams);

	it('base value + sum(contributions) = ORT prediction = JS trees prediction within 1e-3 on 1,000 tracks', async () => {
		const main = manifest!.models.find((m) => m.id === 'music_popularity')!;
		const new_artist = manifest!.models.find((m) => m.id === 'music_popularity_new_artist')!;
		expect(new_artist, 'the manifest lists the new-artist model').toBeDefined();
		// one input vector for both
		expect(new_artist.input.features).toEqual(main.input.features);
		const store = open_store();
		ort.env.wasm.numThreads = 1;
		const genres = genres_of(main);
		const index = genre_index_of(genres);
		const F = main.input.features.length;
		const rows = Array.from({ length: 1000 }, (_, i) => Math.floor((i * store.n) / 1000));
		// the worker's choice: input.artist === null -> the new-artist model
		const chosen = (r: number) => (store.input(r).artist === null ? new_artist : main);
		const used = new Map<string, number>();
		let worst_sum = 0;
		let worst_shard = 0;
		for (const model of [main, new_artist] as ModelEntry[]) {
			const mine = rows.filter((r) => chosen(r) === model);
			used.set(model.id, mine.length);
			if (mine.length === 0) continue;
			const trees: GbdtModel = decode_gbdt_binary(readFileSync(file_of('models', model.trees_file!)));
			const session = await ort.InferenceSession.create(readFileSync(file_of('models', model.file)));
			const X = new Float32Array(mine.length * F);
			mine.forEach((r, i) => encode_music(store.input(r), index, X.subarray(i * F, (i + 1) * F)));
			const out = await session.run({ [model.input.name]: new ort.Tensor('float32', X, [mine.length, F]) });
			const y = out[model.output.name].data as Float32Array;
			await session.release();
			mine.forEach((r, i) => {
				const x = X.subarray(i * F, (i + 1) * F);
				const phi = contributions(trees, x);
				const grouped = group_contributions(model.input.features, phi);
				const total = phi[F] + grouped.reduce((s, c) => s + c.value, 0);
				worst_sum = Math.max(worst_sum, Math.abs(total - y[i]));
				// the worker's JavaScript answer (before onnxruntime is ready) is the same number
				worst_shard = Math.max(worst_shard, Math.abs(predict_one(trees, x) - y[i]));
			});
		}
		// both models answer some of the tracks, so both paths are checked
		expect(used.get(main.id)).toBeGreaterThan(0);
		expect(used.get(new_artist.id)).toBeGreaterThan(0);
		expect(worst_sum).toBeLessThan(1e-3);
		expect(worst_shard).toBeLessThan(1e-3);
	}, 60_000);

	it('the hit-score reference file is onnxruntime’s served prediction of every track, rounded and sorted', async () => {
		const entry = manifest!.shards.find((s) => s.id === 'music_hit_reference')!;
		expect(entry, 'the manifest lists music_hit_reference').toBeDefined();
		expect(entry.format).toBe('bin');
		const bytes = readFileSync(file_of('data', entry.file));
		expect(bytes.length).toBe(entry.bytes);
		expect(entry.rows * 4).toBe(entry.bytes);
		const reference = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
		const store = open_store();
		expect(reference.length).toBe(store.n);
		void store.artist_records;
		const main = manifest!.models.find((m) => m.id === 'music_popularity')!;
		const new_artist = manifest!.models.find((m) => m.id === 'music_popularity_new_artist')!;
		const index = genre_index_of(genres_of(main));
		const F = main.input.features.length;
		const served: number[] = [];
		for (const model of [main, new_artist]) {
			const inputs = Array.from({ length: store.n }, (_, r) => store.input(r)).filter((input) => (input.artist === null) === (model === new_artist));
			const X = new Float32Array(inputs.length * F);
			inputs.forEach((input, i) => encode_music(input, index, X.subarray(i * F, (i + 1) * F)));
			const session = await ort.InferenceSession.create(readFileSync(file_of('models', model.file)));
			const out = await session.run({ [model.input.name]: new ort.Tensor('float32', X, [inputs.length, F]) });
			await session.release();
			served.push(...(out[model.output.name].data as Float32Array));
		}
		const expected = Float32Array.from(served, (v) => Math.round(v * 100) / 100).sort();
		let worst = 0;
		for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(reference[i] - expected[i]));
		// onnxruntime and the pipeline's double-precision trees differ by ~4e-6: at most one rounding step (0.01) apart,
		// plus the float32 spacing of values near 100 (7.6e-6)
		expect(worst).toBeLessThanOrEqual(0.01 + 1e-5);
	}, 120_000);
});
