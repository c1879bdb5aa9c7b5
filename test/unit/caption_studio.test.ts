import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { make_caption_studio, CAPTION_MODEL_FILE, CAPTION_TRAITS_SHARD } from '../../training/studios/caption';
import { DEFAULT_CAPTION_OPTIONS } from '../../training/tasks/caption_likes';
import { ArtifactCache } from '../../training/lib/cache';
import { Progress, silent_reporter } from '../../training/lib/progress';
import type { StudioContext, StudioOutput } from '../../training/studios/types';
import { check_likes_model } from '../../src/lib/core/caption/model';
import { check_traits_shard } from '../../src/lib/core/caption/shard';
import { write_instagram_fixture, type InstagramFixtureFacts } from '../fixtures/make_instagram_fixture';

let root: string;
let facts: InstagramFixtureFacts;

function context(cache = 'cache'): StudioContext {
	return {
		paths: { data_root: join(root, 'data'), out_root: join(root, 'out'), cache_dir: join(root, cache) },
		models_dir: join(root, 'out/models'),
		data_dir: join(root, 'out/data'),
		cache: new ArtifactCache(join(root, cache), join(root, 'out')),
		progress: new Progress(silent_reporter),
		reporter: silent_reporter,
		threads: 1,
		force: false
	};
}

// small GBDTs: the fixture has ~500 posts
const studio = make_caption_studio({ ...DEFAULT_CAPTION_OPTIONS, gbdt: { ...DEFAULT_CAPTION_OPTIONS.gbdt, n_estimators: 40, min_child_weight: 5, min_samples_leaf: 5 } });
let out: StudioOutput;

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'hitcast-caption-'));
	facts = write_instagram_fixture(join(root, 'data'), { seed: 9, accounts: 36 });
	out = await studio.run(context());
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('caption studio on the synthetic fixture', () => {
	it('trains on the posts left after the ETL, placeholders dropped', () => {
		const model = out.models[0];
		expect(model.id).toBe('caption_expected_likes');
		expect(model.format).toBe('linear-json');
		expect(model.training_rows).toBe(facts.clean_posts);
		expect(out.sources[0].notes.join(' ')).toContain(`${facts.placeholder_likes} posts`);
	});

	it('recovers the planted log-log slope and measures the line on account folds next to the baselines', () => {
		const line = check_likes_model(JSON.parse(readFileSync(join(root, 'out/models', CAPTION_MODEL_FILE), 'utf8')));
		expect(line.slope).toBeGreaterThan(facts.slope - 0.15);
		expect(line.slope).toBeLessThan(facts.slope + 0.15);
		const ev = out.models[0].evaluations[0];
		expect(ev.split).toBe('account-5fold');
		const r2 = ev.metrics.find((m) => m.name === 'r2')!;
		const mean = ev.baselines.find((b) => b.name.startsWith('mean'))!.metrics.find((m) => m.name === 'r2')!;
		expect(r2.mean).toBeGreaterThan(mean.mean + 0.3);
		expect(ev.reference?.metrics.find((m) => m.name === 'r2')?.mean).toBe(0.433);
	});

	it('finds that captions add nothing where the fixture gives them no effect', () => {
		const shard = check_traits_shard(JSON.parse(readFileSync(join(root, 'out/data', CAPTION_TRAITS_SHARD), 'utf8')));
		const ridge = shard.gain.find((g) => g.learner === 'ridge')!;
		expect(Math.abs(ridge.mean)).toBeLessThan(0.05);
		expect(shard.reference.traits.length).toBe(9);
		expect(shard.reference.posts + shard.reference.ties + shard.reference.small_account_posts).toBe(facts.clean_posts);
	});

	it('measures the interval coverage on held-out accounts and stores drift references and output quantiles', () => {
		const m = out.models[0];
		expect(m.interval!.coverage).toBeGreaterThan(0.65);
		expect(m.interval!.coverage).toBeLessThan(0.95);
		expect(m.drift!.features.map((f) => f.name)).toContain('log10_followers');
		expect(m.output_quantiles!.values.length).toBe(101);
		for (const f of m.drift!.features) expect(f.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 8);
	});

	it('is deterministic: a second run in a fresh cache writes the same files', async () => {
		const again = await studio.run({ ...context('cache2'), models_dir: join(root, 'out2/models'), data_dir: join(root, 'out2/data') });
		expect(again.models[0].sha256).toBe(out.models[0].sha256);
		expect(again.shards[0].sha256).toBe(out.shards[0].sha256);
	}, 120_000);
});
