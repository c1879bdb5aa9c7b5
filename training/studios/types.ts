/**
 * A studio's part of the training pipeline (video, catalogue, chart chances, captions...). Music is the pipeline's
 * own body; every other studio plugs in here: it reads its datasets, runs its cached steps and returns the manifest
 * entries of what it wrote. The pipeline runs the studios in order after music and merges their entries into one
 * manifest, so the app and the service worker see a single contract.
 */
import type { ModelEntry, ShardEntry, SourceEntry } from '../../src/lib/core/manifest';
import type { ArtifactCache } from '../lib/cache';
import type { PipelinePaths } from '../lib/paths';
import type { Progress, Reporter } from '../lib/progress';

export interface StudioContext {
	paths: PipelinePaths;
	/** absolute: <out_root>/models and <out_root>/data */
	models_dir: string;
	data_dir: string;
	cache: ArtifactCache;
	progress: Progress;
	reporter: Reporter;
	threads: number;
	force: boolean;
}

export interface StudioOutput {
	models: ModelEntry[];
	shards: ShardEntry[];
	sources: SourceEntry[];
	/** lines for the pipeline's closing summary (a metrics table next to baselines and targets) */
	summary: string[];
}

export interface Studio {
	/** short id, also accepted by `npm run train -- --only <id>` */
	id: string;
	/** dataset files (relative to the datasets root) this studio reads; a missing one stops the run with their names */
	data_files: readonly string[];
	run(ctx: StudioContext): Promise<StudioOutput>;
}
