/**
 * Downloading the generated artifacts (static/models, static/data) with byte progress and a sha256 check against
 * the manifest. Used from workers and from the main thread alike: only fetch, streams and crypto.subtle.
 */
import type { Manifest, ModelEntry, ShardEntry } from '../core/manifest';
import type { LoadProgress } from '../core/music/types';
import { ArtifactError } from './errors';
import { mark } from './marks';

/** A failed download or check, with the file it concerns; its code says what failed in the visitor's language. */
export { ArtifactError };

export interface ArtifactRequest {
	url: string;
	/** human label for messages and the loading bar, e.g. "the music model (models/music_popularity.onnx)" */
	what: string;
	/** expected hex sha256; omitted for files the manifest does not describe (the onnxruntime wasm) */
	sha256?: string;
	/** expected size; the total of the progress bar when the response does not give a usable length */
	bytes?: number;
	on_progress?: (p: LoadProgress) => void;
}

/** The site root (the folder holding models/ and data/) as seen from the manifest URL. */
export function site_root(manifest_url: string): string {
	return new URL('../', manifest_url).href;
}

/**
 * URL of a model or shard file. The manifest names model files relative to models/ and shard files relative to
 * data/; a name that already carries its folder ("data/x.arrow") is taken relative to the site root.
 */
export function artifact_url(manifest_url: string, folder: 'models' | 'data', file: string): string {
	const root = site_root(manifest_url);
	return file.includes('/') ? new URL(file, root).href : new URL(`${folder}/${file}`, root).href;
}

/** Path shown to people ("models/music_popularity.onnx"), relative to the site root. */
export function display_path(url: string, root: string): string {
	return url.startsWith(root) ? url.slice(root.length) : url;
}

export async function sha256_hex(data: ArrayBuffer | Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', data as BufferSource);
	let hex = '';
	for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
	return hex;
}

/** The file a URL names, for messages: its folder and name ("models/x.onnx"), which read the same in every language. */
export function file_of(url: string): string {
	const path = url.split(/[?#]/)[0].split('/');
	return path.slice(-2).join('/');
}

async function checked_fetch(url: string, what: string): Promise<Response> {
	const file = file_of(url);
	let response: Response;
	try {
		response = await fetch(url);
	} catch (error) {
		// fetch rejects only on network failure (offline, blocked), never on HTTP errors
		throw new ArtifactError('download_network', { file }, `Could not download ${what}: the network request failed (${String(error)}).`, url, error);
	}
	if (!response.ok) throw new ArtifactError('download_http', { file, status: response.status }, `Could not download ${what}: HTTP ${response.status}.`, url);
	return response;
}

/**
 * Length of the body we will read. Content-Length counts the encoded bytes when the server compresses, while the
 * stream yields decoded bytes, so it is only trusted without a Content-Encoding.
 */
function expected_length(response: Response, fallback: number | undefined): number {
	const header = response.headers.get('content-length');
	const encoded = response.headers.get('content-encoding');
	const length = header !== null && !encoded ? Number(header) : NaN;
	return Number.isFinite(length) && length > 0 ? length : (fallback ?? 0);
}

/**
 * Header the service worker puts on the artifacts it caches, carrying the sha256 it verified before caching them
 * (src/service-worker.ts). A response bearing the expected hash is not hashed again: the check is paid once, when
 * the file enters the cache, not on every visit.
 */
export const VERIFIED_SHA256_HEADER = 'x-hitcast-sha256';

/** Download one artifact, reporting bytes as they arrive, then verify its sha256 when one is expected. */
export async function fetch_artifact(request: ArtifactRequest): Promise<Uint8Array> {
	const { body, checked } = await fetch_artifact_checked_later(request);
	await checked;
	return body;
}

/**
 * Like fetch_artifact, but the sha256 check runs while the caller already parses the bytes: `checked` rejects
 * with an ArtifactError when they do not match, and the caller must await it before using anything it made from
 * them. (SubtleCrypto hashes off the calling thread.) The size is checked before this resolves.
 */
export async function fetch_artifact_checked_later(request: ArtifactRequest): Promise<{ body: Uint8Array; checked: Promise<void> }> {
	const { url, what, on_progress } = request;
	const response = await checked_fetch(url, what);
	const total = request.bytes ?? expected_length(response, undefined);
	const report = (loaded: number, done: boolean) =>
		on_progress?.({ what, loaded_bytes: loaded, total_bytes: Math.max(total, loaded), done });

	const expected = request.sha256?.toLowerCase();
	const verified = expected !== undefined && response.headers.get(VERIFIED_SHA256_HEADER) === expected;
	let body: Uint8Array;
	if (!response.body || verified) {
		// A file from the service worker's cache (verified) arrives at once: one native read rather than a JS loop
		// over its chunks, each posting a progress report that no one sees.
		try {
			body = new Uint8Array(await response.arrayBuffer());
		} catch (error) {
			throw new ArtifactError('download_broken', { file: file_of(url), bytes: 0 }, `Could not download ${what}: the connection broke (${String(error)}).`, url, error);
		}
	} else {
		const reader = response.body.getReader();
		// One preallocated buffer when the size is known avoids copying 14 MB of wasm twice.
		let buffer = new Uint8Array(total > 0 ? total : 1 << 20);
		let loaded = 0;
		report(0, false);
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				if (loaded + value.length > buffer.length) {
					const grown = new Uint8Array(Math.max(buffer.length * 2, loaded + value.length));
					grown.set(buffer.subarray(0, loaded));
					buffer = grown;
				}
				buffer.set(value, loaded);
				loaded += value.length;
				report(loaded, false);
			}
		} catch (error) {
			throw new ArtifactError('download_broken', { file: file_of(url), bytes: loaded }, `Could not download ${what}: the connection broke after ${loaded} bytes (${String(error)}).`, url, error);
		}
		body = loaded === buffer.length ? buffer : buffer.slice(0, loaded);
	}

	const file = url.slice(url.lastIndexOf('/') + 1);
	mark(`fetch:${file}:body`);
	if (request.bytes !== undefined && body.length !== request.bytes) {
		throw new ArtifactError('file_outdated', { file: file_of(url) }, `${capitalise(what)} has ${body.length} bytes where the manifest says ${request.bytes}; reload to fetch the current version.`, url);
	}
	// Plain http on a LAN is not a secure context and has no SubtleCrypto; the size check above still applies there.
	const checked =
		expected && !verified && globalThis.crypto?.subtle
			? sha256_hex(body).then((actual) => {
					if (actual !== expected) {
						throw new ArtifactError(
							'file_outdated',
							{ file: file_of(url) },
							`${capitalise(what)} is corrupt or out of date: its sha256 is ${actual.slice(0, 12)}… where the manifest says ${expected.slice(0, 12)}…; reload to fetch the current version.`,
							url
						);
					}
					mark(`fetch:${file}:hashed`);
				})
			: Promise.resolve();
	// awaited by the caller; this copy only keeps an early mismatch from being reported as unhandled
	checked.catch(() => undefined);
	report(body.length, true);
	return { body, checked };
}

export async function fetch_manifest(manifest_url: string): Promise<Manifest> {
	const response = await checked_fetch(manifest_url, 'the model manifest (models/manifest.json)');
	let manifest: Manifest;
	try {
		manifest = (await response.json()) as Manifest;
	} catch {
		throw new ArtifactError('manifest_broken', {}, 'The model manifest (models/manifest.json) is not valid JSON.', manifest_url);
	}
	if (!manifest || !Array.isArray(manifest.models) || !Array.isArray(manifest.shards)) {
		throw new ArtifactError('manifest_broken', {}, 'The model manifest (models/manifest.json) lacks its models or shards list.', manifest_url);
	}
	return manifest;
}

export function find_model(manifest: Manifest, id: string, manifest_url: string): ModelEntry {
	const model = manifest.models.find((m) => m.id === id);
	if (!model) throw new ArtifactError('manifest_missing', { id }, `The model manifest has no model "${id}"; run npm run train.`, manifest_url);
	return model;
}

export function find_shard(manifest: Manifest, id: string, manifest_url: string): ShardEntry {
	const shard = manifest.shards.find((s) => s.id === id);
	if (!shard) throw new ArtifactError('manifest_missing', { id }, `The model manifest has no data shard "${id}"; run npm run train.`, manifest_url);
	return shard;
}

/** Download a model file described by the manifest (its main file, or its trees file); `label` names the model. */
export function fetch_model_file(
	manifest_url: string,
	model: ModelEntry,
	part: 'model' | 'trees',
	label: string,
	on_progress?: (p: LoadProgress) => void
): Promise<Uint8Array> {
	const file = part === 'model' ? model.file : model.trees_file;
	if (!file) throw new ArtifactError('manifest_missing', { id: `${model.id} trees` }, `The manifest entry of "${model.id}" has no trees file.`, manifest_url);
	const url = artifact_url(manifest_url, 'models', file);
	const what = part === 'model' ? label : `${label}'s explanation trees`;
	return fetch_artifact({
		url,
		what: `${what} (${display_path(url, site_root(manifest_url))})`,
		sha256: part === 'model' ? model.sha256 : model.trees_sha256,
		bytes: part === 'model' ? model.bytes : model.trees_bytes,
		on_progress
	});
}

export function fetch_shard(manifest_url: string, shard: ShardEntry, label: string, on_progress?: (p: LoadProgress) => void): Promise<Uint8Array> {
	return fetch_shard_checked_later(manifest_url, shard, label, on_progress).then(async ({ body, checked }) => {
		await checked;
		return body;
	});
}

/** fetch_shard whose sha256 check overlaps the caller's parsing (see fetch_artifact_checked_later). */
export function fetch_shard_checked_later(
	manifest_url: string,
	shard: ShardEntry,
	label: string,
	on_progress?: (p: LoadProgress) => void
): Promise<{ body: Uint8Array; checked: Promise<void> }> {
	const url = artifact_url(manifest_url, 'data', shard.file);
	return fetch_artifact_checked_later({
		url,
		what: `${label} (${display_path(url, site_root(manifest_url))})`,
		sha256: shard.sha256,
		bytes: shard.bytes,
		on_progress
	});
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
