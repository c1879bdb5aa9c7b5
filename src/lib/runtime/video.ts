/**
 * The video studio's runtime: the only module the video page calls. It starts the video worker (models + data) and
 * the retraining worker lazily (browser only), loads once with byte progress, and exposes plain async functions;
 * predict and explore are latest-wins, so typing never builds a backlog.
 */
import { browser } from '$app/environment';
import { asset } from '$app/paths';
import ort_wasm_url from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ort_mjs_url from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { VideoInput } from '../core/features/video';
import type { Manifest, ModelEntry } from '../core/manifest';
import type { LoadProgress } from '../core/music/types';
import type { RetrainResult, ScatterData, SubsetStats, TagLift, VideoFilter, VideoPrediction } from '../core/video/types';
import { fetch_manifest } from './artifacts';
import { latest_wins, once, WorkerClient } from './worker_client';
import type { BatchResult, VideoApi, VideoTrainApi } from './video_protocol';

export { ArtifactError } from './artifacts';

export interface VideoInfo {
	models: ModelEntry[];
	rows: number;
	categories: { id: number; videos: number }[];
}

/** Retraining is offered up to this many rows (the budget: 10k rows in under 2 s). */
export const RETRAIN_MAX_ROWS = 10_000;

const worker = new WorkerClient<VideoApi>(
	'the video model worker',
	() => new Worker(new URL('../workers/video/index.ts', import.meta.url), { type: 'module', name: 'hitcast-video' }),
	() => loaded.reset()
);
const trainer = new WorkerClient<VideoTrainApi>(
	'the retraining worker',
	() => new Worker(new URL('../workers/video_train/index.ts', import.meta.url), { type: 'module', name: 'hitcast-video-train' }),
	() => trainer_loaded.reset()
);

const absolute = (url: string) => new URL(url, location.href).href;

const manifest = once(async (): Promise<{ manifest: Manifest; manifest_url: string }> => {
	const manifest_url = absolute(asset('/models/manifest.json'));
	return { manifest: await fetch_manifest(manifest_url), manifest_url };
});

const listeners = new Set<(p: LoadProgress) => void>();
const report = (p: LoadProgress) => listeners.forEach((l) => l(p));

const loaded = once(async () => {
	const ref = await manifest();
	return worker.request('load', { ...ref, wasm_url: absolute(ort_wasm_url), mjs_url: absolute(ort_mjs_url) }, { on_progress: report });
});
const trainer_loaded = once(async () => trainer.request('load', await manifest()));

function require_browser(what: string) {
	if (!browser) throw new Error(`${what} runs in the browser only.`);
}

export async function load_video(on_progress?: (p: LoadProgress) => void): Promise<VideoInfo> {
	require_browser('load_video');
	if (on_progress) listeners.add(on_progress);
	try {
		return await loaded();
	} finally {
		if (on_progress) listeners.delete(on_progress);
	}
}

const predict_latest = latest_wins(async (input: VideoInput) => {
	await loaded();
	return worker.request('predict', { input });
});

export function predict_video(input: VideoInput): Promise<VideoPrediction> {
	if (!browser) return Promise.reject(new Error('predict_video runs in the browser only.'));
	return predict_latest(plain_copy(input));
}

const explore_latest = latest_wins(async (filter: VideoFilter) => {
	await loaded();
	return worker.request('explore', { filter });
});

export function explore_videos(filter: VideoFilter): Promise<{ stats: SubsetStats; scatter: ScatterData }> {
	require_browser('explore_videos');
	return explore_latest(plain_copy(filter));
}

const lift_latest = latest_wins(async (args: { category: number | null; draft_tags: string[] }) => {
	await loaded();
	return worker.request('tag_lift', args);
});

export function tag_lift(category: number | null, draft_tags: string[]): Promise<{ lifts: TagLift[]; suggestions: TagLift[] }> {
	require_browser('tag_lift');
	return lift_latest({ category, draft_tags: [...draft_tags] });
}

export async function batch_predict(file: Blob): Promise<BatchResult> {
	require_browser('batch_predict');
	await loaded();
	// refuse before reading a huge file into memory; the worker checks again
	if (file.size > 2_000_000) return { rows: [], errors: [], file_error: { code: 'too_large', bytes: file.size, max_bytes: 2_000_000 } };
	const bytes = await file.arrayBuffer();
	return worker.request('batch', { bytes }, { transfer: [bytes] });
}

export async function retrain_subset(filter: VideoFilter, draft: VideoInput | null, on_progress: (done: number, total: number) => void): Promise<RetrainResult> {
	require_browser('retrain_subset');
	await trainer_loaded();
	return trainer.request(
		'retrain',
		{ filter: plain_copy(filter), draft: draft ? plain_copy(draft) : null, max_rows: RETRAIN_MAX_ROWS },
		{ on_progress: (p) => on_progress(p.loaded_bytes, p.total_bytes) }
	);
}

/** Plain copies: reactive proxies cannot be posted to a worker. */
function plain_copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
