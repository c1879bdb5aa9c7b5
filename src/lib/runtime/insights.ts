/**
 * The insights page's runtime: one worker (workers/insights) that loads the shards and aggregates them. The page
 * calls load_insights once (the manifest and the music data), load_video_insights / load_catalog_insights when
 * those sections come near the screen, and a compute function per section on every filter change (latest wins, so
 * dragging a range never builds a backlog).
 */
import { browser } from '$app/environment';
import { asset } from '$app/paths';
import type { Manifest } from '../core/manifest';
import type { MusicFilters, MusicInsights } from '../core/insights/music';
import type { VideoFilters, VideoInsights } from '../core/insights/video';
import type { CatalogFilters, CatalogInsights } from '../core/insights/catalog';
import type { LoadProgress } from '../core/music/types';
import { fetch_manifest } from './artifacts';
import type { CatalogInsightsInfo, InsightsApi, ManifestRef, VideoInsightsInfo } from './protocol';
import { latest_wins, once, WorkerClient } from './worker_client';

export type { CatalogInsightsInfo, VideoInsightsInfo } from './protocol';

const worker = new WorkerClient<InsightsApi>(
	'the insights worker',
	() => new Worker(new URL('../workers/insights/index.ts', import.meta.url), { type: 'module', name: 'hitcast-insights' }),
	() => [music, video, catalog].forEach((l) => l.reset())
);

const manifest_ref = once(async (): Promise<ManifestRef> => {
	const manifest_url = new URL(asset('/models/manifest.json'), location.href).href;
	return { manifest: await fetch_manifest(manifest_url), manifest_url };
});

// progress goes to whoever is waiting on a load at the moment
const listeners = { music: new Set<(p: LoadProgress) => void>(), video: new Set<(p: LoadProgress) => void>(), catalog: new Set<(p: LoadProgress) => void>() };
const report = (section: keyof typeof listeners) => (p: LoadProgress) => listeners[section].forEach((l) => l(p));

const music = once(async () => {
	const ref = await manifest_ref();
	return { manifest: ref.manifest, ...(await worker.request('load', ref, { on_progress: report('music') })) };
});
const video = once(async () => worker.request('load_video', await manifest_ref(), { on_progress: report('video') }));
const catalog = once(async () => worker.request('load_catalog', await manifest_ref(), { on_progress: report('catalog') }));

async function with_progress<T>(section: keyof typeof listeners, load: () => Promise<T>, on_progress?: (p: LoadProgress) => void): Promise<T> {
	if (!browser) throw new Error('The insights data loads in the browser only.');
	if (on_progress) listeners[section].add(on_progress);
	try {
		return await load();
	} finally {
		if (on_progress) listeners[section].delete(on_progress);
	}
}

/** The manifest (for the model comparison) and the music shards' filter choices. */
export function load_insights(on_progress?: (p: LoadProgress) => void): Promise<{ manifest: Manifest; genres: string[]; years: [number, number]; rows: number; chart_rows: number }> {
	return with_progress('music', music, on_progress);
}

export function load_video_insights(on_progress?: (p: LoadProgress) => void): Promise<VideoInsightsInfo> {
	return with_progress('video', video, on_progress);
}

export function load_catalog_insights(on_progress?: (p: LoadProgress) => void): Promise<CatalogInsightsInfo> {
	return with_progress('catalog', catalog, on_progress);
}

const compute_music = latest_wins(async (filters: MusicFilters) => {
	await music();
	return worker.request('compute', { filters });
});
const compute_video = latest_wins(async (filters: VideoFilters) => {
	await video();
	return worker.request('video', { filters });
});
const compute_catalog = latest_wins(async (filters: CatalogFilters) => {
	await catalog();
	return worker.request('catalog', { filters });
});

const in_browser = <T>(run: () => Promise<T>): Promise<T> => (browser ? run() : Promise.reject(new Error('The insights are computed in the browser only.')));

export function compute_insights(filters: MusicFilters): Promise<MusicInsights & { compute_ms: number }> {
	return in_browser(() => compute_music({ ...filters }));
}

export function compute_video_insights(filters: VideoFilters): Promise<VideoInsights & { compute_ms: number }> {
	return in_browser(() => compute_video({ ...filters }));
}

export function compute_catalog_insights(filters: CatalogFilters): Promise<CatalogInsights & { compute_ms: number }> {
	return in_browser(() => compute_catalog({ ...filters }));
}
