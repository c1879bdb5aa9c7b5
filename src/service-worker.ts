/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Offline support. Two caches:
 *   hitcast-app-<build version>        the app shell: build output, static files (minus models/ and data/), prerendered
 *                                      pages, and models/manifest.json, which ties this code to its artifacts
 *   hitcast-artifacts-<manifest version>  models and data shards, cached as a studio fetches them (or all at once on
 *                                      'make-available-offline'); survives code-only updates, replaced when they change
 * Activation deletes every other hitcast-* cache, so code and models never mix across updates.
 * Same-origin GET requests only; other origins are never touched.
 */
import { base, build, files, prerendered, version } from '$service-worker';
import type { Manifest } from '$lib/core/manifest';
import type { OfflineProgress, OfflineReply, OfflineRequest, OfflineStatus } from '$lib/runtime/offline_protocol';
import { VERIFIED_SHA256_HEADER } from '$lib/runtime/artifacts';

const sw = self as unknown as ServiceWorkerGlobalScope;

const PREFIX = 'hitcast-';
const APP_CACHE = `${PREFIX}app-${version}`;
const ARTIFACT_PREFIX = `${PREFIX}artifacts-`;
const MANIFEST_PATH = `${base}/models/manifest.json`;

const is_artifact = (path: string) => path.startsWith(`${base}/models/`) || path.startsWith(`${base}/data/`);
const is_immutable = (path: string) => path.startsWith(`${base}/_app/immutable/`);

// The catalogue's JSON API (thousands of small prerendered files, one per question) is for other programs fetching
// an answer over HTTP; the page answers offline from its own shard, so installing does not download them.
const is_api = (path: string) => path.startsWith(`${base}/api/`);

const SHELL = [
	...new Set([
		...build,
		...files.filter((path) => !is_artifact(path) || path === MANIFEST_PATH),
		...prerendered.filter((path) => !is_api(path))
	])
];
const SHELL_SET = new Set(SHELL);

interface Artifact {
	path: string;
	sha256: string;
	bytes: number;
}

interface ArtifactPlan {
	cache_name: string;
	artifacts: Artifact[];
}

/** Folder-relative names in the manifest, as runtime/artifacts.ts resolves them. */
function artifact_path(folder: 'models' | 'data', file: string): string {
	return file.includes('/') ? `${base}/${file}` : `${base}/${folder}/${file}`;
}

// The manifest in this version's app cache says which artifacts belong to this code.
let plan: Promise<ArtifactPlan | null> | null = null;
function artifact_plan(): Promise<ArtifactPlan | null> {
	plan ??= (async () => {
		const cache = await caches.open(APP_CACHE);
		const response = await cache.match(MANIFEST_PATH);
		if (!response) return null;
		const manifest = (await response.json()) as Manifest;
		const artifacts: Artifact[] = [];
		for (const m of manifest.models ?? []) {
			// a model rebuilt from its trees file in the worker needs only that file
			if (!m.onnx_from_trees) artifacts.push({ path: artifact_path('models', m.file), sha256: m.sha256, bytes: m.bytes });
			if (m.trees_file && m.trees_sha256 && m.trees_bytes !== undefined) {
				artifacts.push({ path: artifact_path('models', m.trees_file), sha256: m.trees_sha256, bytes: m.trees_bytes });
			}
		}
		for (const s of manifest.shards ?? []) artifacts.push({ path: artifact_path('data', s.file), sha256: s.sha256, bytes: s.bytes });
		return { cache_name: `${ARTIFACT_PREFIX}${manifest.version}`, artifacts };
	})().catch(() => null);
	const result = plan;
	// a build without artifacts (or a failed read) is asked again next time rather than remembered
	void result.then((p) => {
		if (!p && plan === result) plan = null;
	});
	return result;
}

async function sha256_hex(data: ArrayBuffer): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The headers an artifact is cached with: the response's own, plus the sha256 verified just before caching, so the
 * page's workers do not hash the same bytes again on every visit (runtime/artifacts.ts).
 */
function verified_headers(headers: Headers, sha256: string): Headers {
	const out = new Headers(headers);
	out.set(VERIFIED_SHA256_HEADER, sha256.toLowerCase());
	return out;
}

/** Mutable files must not come from the HTTP cache, or a new version could cache an old file. */
function fresh(path: string): Request {
	return new Request(path, { cache: is_immutable(path) ? 'default' : 'no-cache' });
}

async function cache_shell(only_missing: boolean): Promise<void> {
	const cache = await caches.open(APP_CACHE);
	const wanted = only_missing
		? (await Promise.all(SHELL.map(async (p) => ((await cache.match(p)) ? null : p)))).filter((p): p is string => p !== null)
		: SHELL;
	// a few at a time: one failed file fails the install, which then retries on the next visit
	const queue = [...wanted];
	const worker = async () => {
		for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
			const response = await fetch(fresh(path));
			if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
			await cache.put(path, response);
		}
	};
	await Promise.all(Array.from({ length: 6 }, worker));
}

/**
 * Chromium's static routing (InstallEvent.addRoutes, Chrome 123+; not yet in TypeScript's lib): the browser answers a
 * matching request from the named cache itself, without starting or waking this worker's JavaScript, and goes to the
 * network when the cache has no copy.
 */
interface StaticRoute {
	condition: { urlPattern: string; requestMethod?: string };
	source: { cacheName: string } | 'network' | 'fetch-event';
}
type RoutableInstallEvent = ExtendableEvent & { addRoutes?: (rules: StaticRoute[]) => Promise<void> };

/**
 * The hashed build files are the ~30 scripts and styles a page asks for at once on a cached visit; answered in the
 * browser, they skip one JavaScript fetch event each. Browsers without the API use the fetch handler below, which
 * serves the same cache.
 */
function route_immutable_files(event: RoutableInstallEvent): Promise<void> {
	if (!event.addRoutes) return Promise.resolve();
	return event
		.addRoutes([{ condition: { urlPattern: `${base}/_app/immutable/*`, requestMethod: 'GET' }, source: { cacheName: APP_CACHE } }])
		.catch(() => undefined);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(Promise.all([route_immutable_files(event as RoutableInstallEvent), cache_shell(false)]));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			const current = await artifact_plan();
			const keep = new Set([APP_CACHE, current?.cache_name]);
			for (const key of await caches.keys()) {
				if (key.startsWith(PREFIX) && !keep.has(key)) await caches.delete(key);
			}
			// First install: take over the open page so the studio it opens is cached as it loads.
			// Updates only activate once no page runs the old code, so this never swaps code under a page.
			await sw.clients.claim();
		})()
	);
});

async function from_shell(request: Request, path: string): Promise<Response> {
	const cache = await caches.open(APP_CACHE);
	const hit = await cache.match(path);
	if (hit) return hit;
	const response = await fetch(request);
	// hashed build files never change; files missed at install are kept for the next offline visit
	if (response.ok && response.type === 'basic' && (is_immutable(path) || SHELL_SET.has(path))) {
		await cache.put(path, response.clone());
	}
	return response;
}

async function from_artifacts(event: FetchEvent, path: string): Promise<Response> {
	const current = await artifact_plan();
	if (!current) return fetch(event.request);
	const cache = await caches.open(current.cache_name);
	const hit = await cache.match(path);
	if (hit) return hit;
	const response = await fetch(event.request);
	if (response.ok && response.status === 200 && response.type === 'basic') {
		const copy = response.clone();
		// Checked before caching: a corrupt copy in the cache would fail every later visit, offline included.
		event.waitUntil(
			(async () => {
				const body = await copy.arrayBuffer();
				const expected = current.artifacts.find((a) => a.path === path);
				// only what the manifest lists is an offline artifact (not, say, the catalogue's 9 MB CSV download)
				if (!expected) return;
				if ((await sha256_hex(body)) !== expected.sha256) return;
				const headers = verified_headers(copy.headers, expected.sha256);
				await cache.put(path, new Response(body, { status: 200, headers }));
			})().catch(() => undefined)
		);
	}
	return response;
}

async function navigation(request: Request, path: string): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		const cache = await caches.open(APP_CACHE);
		return (
			(await cache.match(path)) ??
			(await cache.match(`${base}/404`)) ??
			new Response('Hitcast is offline and this page is not cached.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } })
		);
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET' || request.headers.has('range')) return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	const path = url.pathname;
	if (SHELL_SET.has(path) || is_immutable(path)) event.respondWith(from_shell(request, path));
	else if (is_artifact(path)) event.respondWith(from_artifacts(event, path));
	else if (request.mode === 'navigate') event.respondWith(navigation(request, path));
});

async function status(): Promise<OfflineStatus> {
	const app = await caches.open(APP_CACHE);
	const shell_hits = await Promise.all(SHELL.map((p) => app.match(p)));
	const shell_cached = shell_hits.filter(Boolean).length;
	const current = await artifact_plan();
	let cached_bytes = 0;
	let total_bytes = 0;
	let all_artifacts = current !== null;
	if (current) {
		const cache = await caches.open(current.cache_name);
		for (const a of current.artifacts) {
			total_bytes += a.bytes;
			if (await cache.match(a.path)) cached_bytes += a.bytes;
			else all_artifacts = false;
		}
	}
	return { ready: all_artifacts && shell_cached === SHELL.length, cached_bytes, total_bytes, shell_cached, shell_total: SHELL.length };
}

async function make_available(report: (p: OfflineProgress) => void): Promise<OfflineStatus> {
	await cache_shell(true);
	const current = await artifact_plan();
	if (!current) throw new Error('This build has no model manifest (models/manifest.json), so there are no models to cache.');
	const cache = await caches.open(current.cache_name);
	const progress: OfflineProgress = {
		loaded_bytes: 0,
		total_bytes: current.artifacts.reduce((sum, a) => sum + a.bytes, 0),
		files_done: 0,
		files_total: current.artifacts.length
	};
	let last_report = 0;
	const tick = (force = false) => {
		const now = Date.now();
		if (force || now - last_report > 100) {
			last_report = now;
			report({ ...progress });
		}
	};
	tick(true);
	for (const a of current.artifacts) {
		if (await cache.match(a.path)) {
			progress.loaded_bytes += a.bytes;
		} else {
			const response = await fetch(new Request(a.path, { cache: 'no-cache' }));
			if (!response.ok || !response.body) throw new Error(`Could not download ${a.path.slice(base.length + 1)}: HTTP ${response.status}.`);
			const reader = response.body.getReader();
			const chunks: Uint8Array[] = [];
			let got = 0;
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				chunks.push(value);
				got += value.length;
				progress.loaded_bytes += value.length;
				tick();
			}
			const body = await new Blob(chunks as BlobPart[]).arrayBuffer();
			if (got !== a.bytes || (await sha256_hex(body)) !== a.sha256) {
				throw new Error(`${a.path.slice(base.length + 1)} does not match the manifest (size or sha256); reload to get the current version.`);
			}
			await cache.put(a.path, new Response(body, { status: 200, headers: verified_headers(response.headers, a.sha256) }));
		}
		progress.files_done++;
		tick(true);
	}
	return status();
}

sw.addEventListener('message', (event) => {
	const port = event.ports[0];
	const request = event.data as OfflineRequest | null;
	if (!port || !request) return;
	const reply = (message: OfflineReply) => port.postMessage(message);
	const job =
		request.type === 'offline-status'
			? status()
			: request.type === 'make-available-offline'
				? make_available((p) => reply({ type: 'progress', ...p }))
				: Promise.reject(new Error(`Unknown request "${String((request as { type?: unknown }).type)}".`));
	event.waitUntil(
		job.then(
			(s) => reply({ type: 'status', ...s }),
			(error) => reply({ type: 'error', message: error instanceof Error ? error.message : String(error) })
		)
	);
});
