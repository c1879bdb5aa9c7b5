/**
 * The manifest for pages that only show it (/monitor's model cards, /about's sources and evaluation). Fetched in the
 * browser, never during prerendering, so a build without trained artifacts still prerenders; a missing manifest
 * rejects with a message that says how to produce it.
 */
import { asset } from '$app/paths';
import type { Manifest } from '../core/manifest';
import { fetch_manifest } from './artifacts';
import { AppError } from './errors';

let cached: Promise<Manifest> | null = null;

export function load_manifest(): Promise<Manifest> {
	cached ??= fetch_manifest(new URL(asset('/models/manifest.json'), location.href).href).catch((error: unknown) => {
		cached = null; // a later call retries
		if (error instanceof AppError) throw error; // it says which file failed and how, in the visitor's language
		const detail = error instanceof Error ? error.message : String(error);
		throw new AppError('manifest_broken', {}, `${detail} The models are made by \`npm run train\`; until then there is nothing to show here.`, error);
	});
	return cached;
}
