import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// BASE_PATH lets the same build be served under a sub-path (e.g. a GitHub Pages project site).
const base = process.env.BASE_PATH ?? '';

// Every page exists once per language (/en/music/, /tr/music/, /es/music/; src/lib/i18n). Listing them all as
// prerender entries (rather than trusting the crawler to reach each one) means a page nothing links to yet is still
// built in every language.
const LOCALES = ['en', 'tr', 'es'];
function page_paths(dir = 'src/routes', path = '/') {
	const out = existsSync(join(dir, '+page.svelte')) ? [path] : [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (!entry.isDirectory() || /[[(]/.test(entry.name)) continue; // parameters and groups have their own entries
		out.push(...page_paths(join(dir, entry.name), `${path}${entry.name}/`));
	}
	return out;
}
const localized_entries = page_paths().flatMap((p) => LOCALES.map((l) => `/${l}${p}`));

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		paths: { base, relative: true },
		// concurrency 1: the active language is a module variable set by the root layout (src/lib/i18n/index.ts)
		prerender: { entries: ['*', ...localized_entries], concurrency: 1, handleHttpError: 'fail', handleMissingId: 'fail' },
		// Only our own origin, hashes rather than 'unsafe-inline' for scripts. 'wasm-unsafe-eval' is what
		// WebAssembly compilation needs for onnxruntime-web; blob: is not needed because workers are files.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'manifest-src': ['self']
			}
		},
		serviceWorker: { register: false },
		version: { name: process.env.HITCAST_VERSION ?? undefined }
	}
};

export default config;
