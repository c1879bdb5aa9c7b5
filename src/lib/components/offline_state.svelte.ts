/**
 * One shared view of offline availability for every control on the page (the navbar's and the home page's), so
 * two buttons never start two downloads and both show the same progress.
 */
import { browser } from '$app/environment';
import { make_available_offline, offline_status, register_service_worker, type OfflineProgress, type OfflineState } from '$lib/runtime/offline';

export type OfflinePhase = 'checking' | 'idle' | 'downloading' | 'ready' | 'unsupported' | 'error';

export const offline = $state<{
	phase: OfflinePhase;
	status: OfflineState | null;
	progress: OfflineProgress | null;
	/** the failure, worded by ErrorText */
	error: unknown;
}>({ phase: 'checking', status: null, progress: null, error: null });

let started = false;

/** Register the service worker and read the status once per page load. */
export function init_offline(): void {
	if (!browser || started) return;
	started = true;
	void register_service_worker().then(refresh_offline);
}

export async function refresh_offline(): Promise<void> {
	if (offline.phase === 'downloading') return;
	try {
		const status = await offline_status();
		offline.status = status;
		offline.phase = !status.supported ? 'unsupported' : status.ready ? 'ready' : 'idle';
	} catch (e) {
		offline.error = e;
		offline.phase = 'error';
	}
}

export async function start_offline(): Promise<void> {
	if (offline.phase === 'downloading') return;
	offline.phase = 'downloading';
	offline.error = null;
	offline.progress = null;
	try {
		const status = await make_available_offline((p) => (offline.progress = p));
		offline.status = status;
		offline.phase = !status.supported ? 'unsupported' : status.ready ? 'ready' : 'idle';
	} catch (e) {
		offline.error = e;
		offline.phase = 'error';
	}
}
