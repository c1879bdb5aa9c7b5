/**
 * Messages between the page (runtime/offline.ts) and the service worker (src/service-worker.ts). The page sends
 * { type } with a MessagePort; the worker answers on that port with progress messages and then one status or error.
 */
export type OfflineRequest = { type: 'offline-status' } | { type: 'make-available-offline' };

export interface OfflineStatus {
	/** the app shell and every artifact of the manifest are in the cache: the whole app works offline */
	ready: boolean;
	/** bytes of the manifest's artifacts (models, trees, data shards) already cached */
	cached_bytes: number;
	/** bytes of all the manifest's artifacts */
	total_bytes: number;
	/** files of the app shell (pages, scripts, styles, icons, the onnxruntime wasm) cached / listed */
	shell_cached: number;
	shell_total: number;
}

export interface OfflineProgress {
	loaded_bytes: number;
	total_bytes: number;
	files_done: number;
	files_total: number;
}

export type OfflineReply =
	| ({ type: 'progress' } & OfflineProgress)
	| ({ type: 'status' } & OfflineStatus)
	| { type: 'error'; message: string };
