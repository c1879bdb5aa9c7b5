/**
 * The explanation must add up to what the visitor sees: base value + the sum of the TreeSHAP contributions computed
 * from the trees file equals onnxruntime's prediction from the .onnx file, on real tracks of the shipped shard, each
 * with the model the inference worker picks for it (music_popularity when the track has an artist record,
 * music_popularity_new_artist when not). The shard's prediction column and the hit-score reference file must come
 * from those same choices. Needs the generated artifacts (npm run train); ARTIFACTS_DIR points elsewhere (default:
 * static).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { encode_music, genre_index_of } from '../../src/lib/core/features/music';
import { contributions } from '../../src/lib/core/gbdt';
import type { GbdtModel } from '../../src/lib/core/gbdt';
import type { Manifest, ModelEntry } from '../../src/lib/core/manifest';
import { genres_of } from '../../src/lib/runtime/music_input';
import { group_contributions } from '../../src/lib/workers/inference/explain';
import { fromArrow } from 'arquero';
import { TrackStore } from '../../src/lib/workers/search/tracks';

/** The shard's `prediction` column: written for these checks (and the hit-score reference), not read by the app. */
const shard_predictions = (bytes: Uint8Array) => Float64Array.from(fromArrow(bytes).array('prediction') as ArrayLike<number>, (v) => (v === null ? NaN : v));

const dir = process.env.ARTIFACTS_DIR ?? 'static';
const manifest_path = join(dir, 'models', 'manifest.json');
const present = existsSync(manifest_path);

/** Where the manifest's file names point (runtime/artifacts.ts: a name with a folder is relative to the site root). */
const file_of = (folder: 'models' | 'data', file: string) => (file.includes('/') ? join(dir, file) : join(dir, folder, file));

describe.skipIf(!present)('music models: contributions add up to the ONNX prediction of the model the app picks', () => {
	const manifest = present ? (JSON.parse(readFileSync(manifest_path, 'utf8')) as Manifest) : null;
	const shard = () => manifest!.shards.find((s) => s.id === 'music_tracks')!;

	it('base value + sum(contributions) = ORT prediction = shard prediction within 1e-3 on 1,000 tracks', async () => {
		const main = manifest!.models.find((m) => m.id === 'music_popularity')!;
		const new_artist = manifest!.models.find((m) => m.id === 'music_popularity_new_artist')!;
		expect(new_artist, 'the manifest lists the new-artist model').toBeDefined();
		// one input vector for both
		expect(new_artist.input.features).toEqual(main.input.features);
		const tracks_bytes = readFileSync(file_of('data', shard().file));
		const store = new TrackStore(tracks_bytes);
		const shard_prediction = shard_predictions(tracks_bytes);
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
			const trees = JSON.parse(readFileSync(file_of('models', model.trees_file!), 'utf8')) as GbdtModel;
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
				// the shard's prediction column came from the model the app would use for this track
				worst_shard = Math.max(worst_shard, Math.abs(shard_prediction[r] - y[i]));
			});
		}
		// both models answer some of the tracks, so both paths are checked
		expect(used.get(main.id)).toBeGreaterThan(0);
		expect(used.get(new_artist.id)).toBeGreaterThan(0);
		expect(worst_sum).toBeLessThan(1e-3);
		expect(worst_shard).toBeLessThan(1e-3);
	}, 60_000);

	it('the hit-score reference file is the shard’s prediction column, sorted', () => {
		const entry = manifest!.shards.find((s) => s.id === 'music_hit_reference')!;
		expect(entry, 'the manifest lists music_hit_reference').toBeDefined();
		expect(entry.format).toBe('bin');
		const bytes = readFileSync(file_of('data', entry.file));
		expect(bytes.length).toBe(entry.bytes);
		expect(entry.rows * 4).toBe(entry.bytes);
		const reference = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
		const tracks_bytes = readFileSync(file_of('data', shard().file));
		const store = new TrackStore(tracks_bytes);
		const expected = Float32Array.from(shard_predictions(tracks_bytes)).filter((v) => !Number.isNaN(v)).sort();
		expect(reference.length).toBe(store.n);
		expect(reference).toEqual(expected);
	});
});
