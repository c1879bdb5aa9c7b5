/**
 * The caption studio's runtime: the only module /caption and /score call for captions and pictures. Starts the
 * caption and picture workers lazily (browser only), loads the model and distributions once, and exposes plain async
 * functions; analyse_caption is latest-wins, so typing never builds a backlog.
 */
import { asset } from '$app/paths';
import type { LoadProgress } from '../core/music/types';
import { fetch_manifest } from './artifacts';
import type { CaptionApi, CaptionInfo, CaptionResult, PictureApi, PictureResult } from './caption_protocol';
import { latest_wins, WorkerClient } from './worker_client';

export type { CaptionInfo, CaptionResult, PictureResult } from './caption_protocol';

let info: Promise<CaptionInfo> | null = null;

const caption_worker = new WorkerClient<CaptionApi>(
	'the caption worker',
	() => new Worker(new URL('../workers/caption/index.ts', import.meta.url), { type: 'module', name: 'hitcast-caption' }),
	() => (info = null)
);
const picture_worker = new WorkerClient<PictureApi>(
	'the picture worker',
	() => new Worker(new URL('../workers/picture/index.ts', import.meta.url), { type: 'module', name: 'hitcast-picture' })
);

export function load_caption(on_progress?: (p: LoadProgress) => void): Promise<CaptionInfo> {
	info ??= (async () => {
		const manifest_url = new URL(asset('/models/manifest.json'), location.href).href;
		const manifest = await fetch_manifest(manifest_url);
		return caption_worker.request('load', { manifest, manifest_url }, { on_progress });
	})().catch((error) => {
		info = null; // a retry starts over
		throw error;
	});
	return info;
}

export const analyse_caption_text = latest_wins(async (args: { caption: string; followers: number | null }): Promise<CaptionResult & { round_trip_ms: number }> => {
	await load_caption();
	const t0 = performance.now();
	const r = await caption_worker.request('analyse', args);
	return { ...r, round_trip_ms: performance.now() - t0 };
});

export async function analyse_account_file(file: File): Promise<Awaited<ReturnType<CaptionApi['account']>>> {
	const d = new Date();
	const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	// the size is checked before the text is read: a 2 GB file must not be loaded to be refused
	const text = file.size > 5 * 1024 * 1024 ? '' : await file.text();
	return caption_worker.request('account', { text, bytes: file.size, today });
}

export function analyse_picture(file: Blob): Promise<PictureResult> {
	return picture_worker.request('analyse', { file });
}
