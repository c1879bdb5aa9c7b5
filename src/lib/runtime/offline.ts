/**
 * Page side of offline support: registering the service worker (production builds only, under the base path) and
 * asking it what is cached or to cache everything. The protocol lives in offline_protocol.ts.
 */
import { browser, dev } from '$app/environment';
import { resolve } from '$app/paths';
import type { OfflineProgress, OfflineReply, OfflineRequest, OfflineStatus } from './offline_protocol';
import { AppError } from './errors';
import { when_quiet } from './quiet';

export type { OfflineProgress, OfflineStatus } from './offline_protocol';

/** Why offline use is unavailable or not ready: the page says it in the visitor's language. */
export type OfflineReason = 'server' | 'dev' | 'no_service_worker' | 'setting_up';

export interface OfflineState extends OfflineStatus {
	/** false where the browser (or a dev server) offers no service worker; `reason` then says why */
	supported: boolean;
	reason?: OfflineReason;
}

const supported = () => browser && !dev && 'serviceWorker' in navigator;

/** The site root, where the service worker lives and which it controls. */
const root = () => new URL(resolve('/'), location.href);

const EMPTY: OfflineStatus = { ready: false, cached_bytes: 0, total_bytes: 0, shell_cached: 0, shell_total: 0 };

function unsupported(): OfflineState {
	const reason: OfflineReason = !browser ? 'server' : dev ? 'dev' : 'no_service_worker';
	return { ...EMPTY, supported: false, reason };
}

let registration: Promise<ServiceWorkerRegistration | null> | null = null;

/**
 * Register once; resolves null where unsupported or when registration fails (the app works online regardless).
 * Registration waits until the page is quiet (runtime/quiet.ts): a first install downloads the whole app shell,
 * (or, on an update, the new version's shell), which must not slow the first prediction down.
 */
export function register_service_worker(): Promise<ServiceWorkerRegistration | null> {
	if (!supported()) return Promise.resolve(null);
	registration ??= when_quiet()
		.then(() => navigator.serviceWorker.register(new URL('service-worker.js', root()), { scope: root().pathname }))
		.catch((error) => {
			console.warn('Hitcast could not set up offline use:', error);
			registration = null;
			return null;
		});
	return registration;
}

/** The active worker, waiting up to `wait_ms` for a first install to finish. */
async function active_worker(wait_ms: number): Promise<ServiceWorker | null> {
	const reg = (await register_service_worker()) ?? null;
	if (!reg) return null;
	if (reg.active) return reg.active;
	const ready = navigator.serviceWorker.ready.then((r) => r.active);
	const timeout = new Promise<null>((done) => setTimeout(() => done(null), wait_ms));
	return Promise.race([ready, timeout]);
}

function ask(worker: ServiceWorker, request: OfflineRequest, on_progress?: (p: OfflineProgress) => void): Promise<OfflineStatus> {
	return new Promise((resolve, reject) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = (event: MessageEvent<OfflineReply>) => {
			const reply = event.data;
			if (reply.type === 'progress') {
				const { type: _, ...progress } = reply;
				on_progress?.(progress);
				return;
			}
			channel.port1.close();
			if (reply.type === 'status') {
				const { type: _, ...status } = reply;
				resolve(status);
			} else reject(new AppError('offline_failed', {}, `Could not make Hitcast available offline: ${reply.message}`, reply.message));
		};
		worker.postMessage(request, [channel.port2]);
	});
}

/** What is cached for offline use right now. */
export async function offline_status(): Promise<OfflineState> {
	if (!supported()) return unsupported();
	const worker = await active_worker(2000);
	if (!worker) return { ...EMPTY, supported: true, reason: 'setting_up' };
	return { ...(await ask(worker, { type: 'offline-status' })), supported: true };
}

/** Cache the app and every model and data file now, reporting bytes and files as they arrive. */
export async function make_available_offline(on_progress?: (p: OfflineProgress) => void): Promise<OfflineState> {
	if (!supported()) return unsupported();
	const worker = await active_worker(30_000);
	if (!worker) throw new AppError('offline_not_ready', {}, 'Could not make Hitcast available offline: the offline service is not running yet; try again in a moment.');
	return { ...(await ask(worker, { type: 'make-available-offline' }, on_progress)), supported: true };
}
