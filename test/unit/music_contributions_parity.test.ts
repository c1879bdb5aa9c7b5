/**
 * The explanation must add up to what the visitor sees: base value + the sum of the TreeSHAP contributions computed
 * from the trees file equals onnxruntime's prediction from the .onnx file, on real tracks of the shipped shard.
 * Needs the generated artifacts (npm run train); ARTIFACTS_DIR points elsewhere (default: static).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { encode_music, genre_index_of } from '../../src/lib/core/features/music';
import { contributions } from '../../src/lib/core/gbdt';
import type { GbdtModel } from '../../src/lib/core/gbdt';
import type { Manifest } from '../../src/lib/core/manifest';
import { genres_of } from '../../src/lib/runtime/music_input';
import { group_contributions } from '../../src/lib/workers/inference/explain';
import { TrackStore } from '../../src/lib/workers/search/tracks';

const dir = process.env.ARTIFACTS_DIR ?? 'static';
const manifest_path = join(dir, 'models', 'manifest.json');
const present = existsSync(manifest_path);

describe.skipIf(!present)('music model: contributions add up to the ONNX prediction', () => {
	it('base value + sum(contributions) = ORT prediction within 1e-3 on 500 tracks', async () => {
		const manifest = JSON.parse(readFileSync(manifest_path, 'utf8')) as Manifest;
		const model = manifest.models.find((m) => m.id === 'music_popularity')!;
		const trees = JSON.parse(readFileSync(join(dir, 'models', model.trees_file!), 'utf8')) as GbdtModel;
		const shard = manifest.shards.find((s) => s.id === 'music_tracks')!;
		const store = new TrackStore(readFileSync(join(dir, 'data', shard.file)));
		ort.env.wasm.numThreads = 1;
		const session = await ort.InferenceSession.create(readFileSync(join(dir, 'models', model.file)));
		const genres = genres_of(model);
		const index = genre_index_of(genres);
		const F = model.input.features.length;
		const rows = Array.from({ length: 500 }, (_, i) => Math.floor((i * store.n) / 500));
		const X = new Float32Array(rows.length * F);
		rows.forEach((r, i) => encode_music(store.input(r), index, X.subarray(i * F, (i + 1) * F)));
		const out = await session.run({ [model.input.name]: new ort.Tensor('float32', X, [rows.length, F]) });
		const y = out[model.output.name].data as Float32Array;
		let worst = 0;
		rows.forEach((r, i) => {
			const x = X.subarray(i * F, (i + 1) * F);
			const phi = contributions(trees, x);
			const grouped = group_contributions(model.input.features, phi);
			const total = phi[F] + grouped.reduce((s, c) => s + c.value, 0);
			worst = Math.max(worst, Math.abs(total - y[i]));
			// the shard's own prediction column came from the same model
			expect(Math.abs(store.prediction[r] - y[i])).toBeLessThan(1e-3);
		});
		expect(worst).toBeLessThan(1e-3);
	});
});
