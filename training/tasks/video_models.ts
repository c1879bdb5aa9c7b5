/**
 * The video models' jobs: cross-validations (5 folds grouped by channel or by video, with and without subscribers)
 * and the final fits, run in worker threads. Two training sets:
 * - 'sub': the subscriber-table videos (US, 2017-18): the models served when the visitor gives a subscriber count,
 *   and the set TARGETS.md measured on;
 * - 'all': every unified trending video (11 countries, 2017-2020) without subscribers: the models served when the
 *   count is unknown (country matters there).
 */
import { cross_validate, fit_video_model, type CvResult, type VideoMatrix } from '../../src/lib/core/video/model';
import type { TagStats, VideoTarget } from '../../src/lib/core/features/video';
import type { GbdtModel } from '../../src/lib/core/gbdt';
import { VIDEO_GBDT_WEIGHT, type VideoLinear, type VideoTokens } from '../../src/lib/core/video/linear';

export type SetName = 'sub' | 'all';
export type SplitName = 'channel' | 'video';

export interface VideoSet {
	n: number;
	X: Float32Array;
	tags: string[][];
	/** the same tags as ids (first appearance order): the folds' tag statistics are counted over these, faster than text */
	tag_ids: Int32Array[];
	/** hashed title and tag words per row (the ridge blended with the GBDT) */
	tokens: VideoTokens[];
	y: Record<VideoTarget, Float64Array>;
	channel: string[];
	video_id: string[];
}
export type VideoSets = Record<SetName, VideoSet>;

export type VideoJob =
	| { kind: 'cv'; set: SetName; target: VideoTarget; split: SplitName; without_subscribers: boolean; seed: number }
	| { kind: 'fit'; set: SetName; target: VideoTarget; without_subscribers: boolean; seed: number };

export type VideoJobResult =
	| { kind: 'cv'; cv: CvResult; ms: number }
	| { kind: 'fit'; model: GbdtModel; tag_stats: TagStats<number>; linear?: VideoLinear; ms: number };

export const VIDEO_FOLDS = 5;

/** Tags as ids in order of first appearance. */
export function tag_ids_of(tags: readonly string[][]): Int32Array[] {
	const ids = new Map<string, number>();
	return tags.map((ts) => Int32Array.from(ts, (t) => {
		let k = ids.get(t);
		if (k === undefined) ids.set(t, (k = ids.size));
		return k;
	}));
}

export function matrix_of(s: VideoSet, target: VideoTarget): VideoMatrix<number> {
	return { n: s.n, X: s.X, tags: s.tag_ids, y: s.y[target], tokens: s.tokens };
}

export function run_video_job(sets: VideoSets, job: VideoJob): VideoJobResult {
	const t0 = performance.now();
	const s = sets[job.set];
	const m = matrix_of(s, job.target);
	const rows = Int32Array.from({ length: s.n }, (_, i) => i);
	if (job.kind === 'cv') {
		const groups = job.split === 'channel' ? s.channel : s.video_id;
		const cv = cross_validate(m, rows, groups, { k: VIDEO_FOLDS, seed: job.seed, without_subscribers: job.without_subscribers, gbdt_weight: VIDEO_GBDT_WEIGHT[job.set][job.target] });
		return { kind: 'cv', cv, ms: performance.now() - t0 };
	}
	const fitted = fit_video_model(m, rows, s.channel, { without_subscribers: job.without_subscribers, seed: job.seed, gbdt_weight: VIDEO_GBDT_WEIGHT[job.set][job.target] });
	return { kind: 'fit', model: fitted.model, tag_stats: fitted.tag_stats, ...(fitted.linear ? { linear: fitted.linear } : {}), ms: performance.now() - t0 };
}
