/**
 * The shipped music models (static/models, written by `npm run train`) run in onnxruntime-web and reproduce the
 * in-memory GBDT on real rows, with the features the app serves. Needs the generated models and the datasets; it is
 * skipped (and says so) when either is absent, e.g. before the first training run.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { default_paths } from '../../training/lib/paths';
import { load_spotify_tracks, SPOTIFY_TRACKS_FILE } from '../../training/etl/spotify_tracks';
import { build_music_matrix, subset, DEFAULT_MUSIC_OPTIONS } from '../../training/tasks/music_popularity';
import { check_onnx_parity, ONNX_PARITY_TOLERANCE } from '../../training/export/onnx_check';
import { serving_artist_columns } from '../../training/tasks/music_serving';
import { decode_gbdt_binary, type GbdtModel } from '../../src/lib/core/gbdt';
import type { Manifest } from '../../src/lib/core/manifest';

const paths = default_paths();
const manifest_path = join(paths.out_root, 'models/manifest.json');
const csv = join(paths.data_root, SPOTIFY_TRACKS_FILE);
const ready = existsSync(manifest_path) && existsSync(csv);

describe.skipIf(!ready)('shipped music models on real rows', () => {
	it('ONNX in onnxruntime-web matches predict_gbdt to 1e-4 on 2,000 real rows', async () => {
		const manifest = JSON.parse(readFileSync(manifest_path, 'utf8')) as Manifest;
		const m = build_music_matrix(load_spotify_tracks(csv));
		const serving = serving_artist_columns(m, DEFAULT_MUSIC_OPTIONS.artist_prior_weight);
		const n = 2000;
		const rows = Int32Array.from({ length: n }, (_, k) => Math.floor((k * m.n) / n));
		// the music models only: the manifest also lists every other studio's models
		const music = manifest.models.filter((e) => e.id === 'music_popularity' || e.id === 'music_popularity_new_artist');
		expect(music).toHaveLength(2);
		for (const entry of music) {
			const model: GbdtModel = decode_gbdt_binary(readFileSync(join(paths.out_root, 'models', entry.trees_file!)));
			expect(model.feature_names).toEqual(entry.input.features);
			const X = subset(m, rows, entry.id === 'music_popularity' ? 'C' : 'B', serving).X;
			const onnx = readFileSync(join(paths.out_root, 'models', entry.file));
			const parity = await check_onnx_parity(onnx, model, X, n, { input: entry.input.name, output: entry.output.name }, ONNX_PARITY_TOLERANCE);
			expect(parity.max_abs_diff).toBeLessThanOrEqual(1e-4);
		}
	}, 120_000);
});
