/**
 * The insights page's runtime: one worker (workers/insights) that loads the shards and aggregates them; the page
 * calls load_insights once and compute_insights on every filter change (latest wins, so dragging a range never
 * builds a backlog).
 */
import { browser } from '$app/environment';
import { asset } from '$app/paths';
import type { Manifest } from '../core/manifest';
import type { MusicFilters, MusicInsights } from '../core/insights/music';
import type { LoadProgress } from '../core/music/types';
import { fetch_manifest } from './artifacts';
import type { InsightsApi } from './protocol';
import { latest_wins, WorkerClient } from './worker_client';

let loaded: Promise<{ manifest: Manifest; genres: string[]; years: [number, number]; rows: number; chart_rows: number }> | null = null;

const worker = new WorkerClient<InsightsApi>(
	'the insights worker',
	() => new Worker(new URL('../workers/insights/index.ts', import.meta.url), { type: 'module', name: 'hitcast-insights' }),
	() => {
		loaded = null;
	}
);

/** The manifest (for the model comparison) and the shards' filter choices; a failure is forgotten, so calling again retries. */
export function load_insights(on_progress?: (p: LoadProgress) => void) {
	if (!browser) return Promise.reject(new Error('load_insights runs in the browser only.'));
	loaded ??= (async () => {
		const manifest_url = new URL(asset('/models/manifest.json'), location.href).href;
		const manifest = await fetch_manifest(manifest_url);
		const info = await worker.request('load', { manifest, manifest_url }, { on_progress });
		return { manifest, ...info };
	})().catch((error) => {
		loaded = null;
		throw error;
	});
	return loaded;
}

const compute_latest = latest_wins(async (filters: MusicFilters) => {
	await load_insights();
	return worker.request('compute', { filters });
});

export function compute_insights(filters: MusicFilters): Promise<MusicInsights & { compute_ms: number }> {
	if (!browser) return Promise.reject(new Error('compute_insights runs in the browser only.'));
	return compute_latest({ ...filters });
}
