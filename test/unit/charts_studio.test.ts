/**
 * The chart-chance studio end to end on the synthetic charts fixture: ETL, tuning, evaluations on artist and
 * recording folds next to the base rate, logistic and untuned models, the multi-output ONNX (checked here again in
 * onnxruntime-web), the charted-tracks shard, the manifest entries, and a second run that skips every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fromArrow } from 'arquero';
import * as ort from 'onnxruntime-web/wasm';
import { make_charts_studio } from '../../training/studios/charts';
import { DEFAULT_CHARTS_OPTIONS } from '../../training/tasks/charts_cv';
import { CHARTS_FILE, CHART_FEATURES_FILE } from '../../training/etl/spotify_charts';
import { ArtifactCache } from '../../training/lib/cache';
import { Progress, silent_reporter } from '../../training/lib/progress';
import { CHART_REGIONS, CHART_FEATURES } from '../../src/lib/core/charts/regions';
import type { StudioContext } from '../../training/studios/types';
import { make_charts_fixture } from '../fixtures/make_charts_fixture';

let root: string;
const fixture = make_charts_fixture(11, 260, 10);
const studio = make_charts_studio({
	...DEFAULT_CHARTS_OPTIONS,
	folds: 3,
	tune_folds: 2,
	grid: [
		{ n_estimators: 15, learning_rate: 0.3, max_depth: 3, max_bins: 32 },
		{ n_estimators: 20, learning_rate: 0.2, max_depth: 2, max_bins: 32 }
	],
	untuned: { n_estimators: 20, learning_rate: 0.3, max_depth: 4 }
});

function ctx(): StudioContext {
	const paths = { data_root: join(root, 'data'), out_root: join(root, 'out'), cache_dir: join(root, 'cache') };
	return { paths, models_dir: join(paths.out_root, 'models'), data_dir: join(paths.out_root, 'data'), cache: new ArtifactCache(paths.cache_dir, paths.out_root), progress: new Progress(silent_reporter), reporter: silent_reporter, threads: 2, force: false };
}

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'hitcast-charts-'));
	mkdirSync(join(root, 'data/spotify'), { recursive: true });
	writeFileSync(join(root, 'data', CHARTS_FILE), gzipSync(fixture.charts));
	writeFileSync(join(root, 'data', CHART_FEATURES_FILE), gzipSync(fixture.features));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('chart-chance studio on the fixture', () => {
	it('writes one 20-output model with evaluations per region and split, and the shard', async () => {
		const out = await studio.run(ctx());
		expect(out.models.map((m) => m.id)).toEqual(['charts_chance']);
		const model = out.models[0];
		expect(model.task).toBe('binary');
		expect(model.input.features).toEqual([...CHART_FEATURES]);
		expect(model.output.columns).toHaveLength(20);
		// 20 labels x 2 splits; the untuned comparison on the Top-200 labels of the artist split
		expect(model.evaluations).toHaveLength(40);
		const us = model.evaluations.find((e) => e.split === 'artist-3fold' && e.output === 'us:top200')!;
		expect(us.baselines.map((b) => b.name)).toEqual(['base rate', 'logistic regression']);
		expect(us.untuned?.metrics[0].name).toBe('auc');
		expect(us.reference?.metrics[0].mean).toBe(0.712);
		expect(model.evaluations.filter((e) => e.untuned).length).toBe(10);
		// the fixture's Top-200 labels depend on danceability / speechiness: the model must see it
		const auc = us.metrics.find((m) => m.name === 'auc')!.mean;
		expect(auc).toBeGreaterThan(0.6);
		// base rates are the label shares of the cleaned tracks
		const base = model.output.columns!.find((c) => c.name === 'us:top200')!;
		expect(base.base_rate).toBeCloseTo(base.positives / fixture.facts.kept.length, 12);

		const shard = out.shards[0];
		const t = fromArrow(readFileSync(join(root, 'out/data', shard.file)));
		expect(t.numRows()).toBe(fixture.facts.kept.length);
		expect(t.columnNames()).toEqual(expect.arrayContaining(['title', 'artist', 'first_week', ...CHART_FEATURES, ...CHART_REGIONS.flatMap((r) => [`peak_${r}`, `weeks_${r}`])]));

		// the ONNX file answers 20 probabilities per row
		ort.env.wasm.numThreads = 1;
		const session = await ort.InferenceSession.create(readFileSync(join(root, 'out/models', model.file)));
		const x = new Float32Array(2 * CHART_FEATURES.length).fill(0.5);
		const res = (await session.run({ features: new ort.Tensor('float32', x, [2, CHART_FEATURES.length]) })).probabilities;
		expect(res.dims).toEqual([2, 20]);
		for (const p of res.data as Float32Array) expect(p > 0 && p < 1).toBe(true);
		await session.release();
		expect(out.summary.join('\n')).toContain('XGBoost ref');
	}, 120_000);

	it('a second run skips every step and reports the same entries', async () => {
		const lines: string[] = [];
		const c = ctx();
		c.progress = new Progress({ log: (l) => lines.push(l) });
		const again = await studio.run(c);
		expect(lines.filter((l) => l.startsWith('▶'))).toEqual([]);
		expect(lines.filter((l) => l.startsWith('='))).toHaveLength(3);
		expect(again.models[0].sha256).toMatch(/^[0-9a-f]{64}$/);
	}, 60_000);
});
