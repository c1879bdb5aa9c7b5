import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// Keep onnxruntime-web's wasm out of the worker sub-build (the service worker cannot see that build's
	// files); the main thread imports the .wasm/.mjs with ?url instead. See ../shared/guide/STACK.md.
	// Prepended to Vite's defaults: replacing them drops 'browser', and the client then gets svelte's server build
	// (onMount a no-op, onDestroy throwing during hydration).
	resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
	worker: { format: 'es' },
	build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
	test: {
		include: ['test/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
