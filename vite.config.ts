import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import type { AcceptedPlugin, Plugin as PostcssPlugin } from 'postcss';
import purgecss from '@fullhuman/postcss-purgecss';

/**
 * chart.js ships one ES module; the bundler drops what Hitcast does not register (other controllers, elements,
 * plugins) but keeps four scales it cannot prove unused: their static initialisers read properties
 * (`callback: Ticks.formatters.logarithmic`, `static defaults = TimeScale.defaults`), which count as possible side
 * effects. Wrapping those reads in an IIFE marked pure gives the same values and lets the logarithmic, radial, time
 * and timeseries scales go: about 6 KB gzip less for the first chart on /music. A chart.js update that changes these
 * lines only loses the saving (a warning says so), never correctness.
 */
function chartjs_pure_scales(): Plugin {
	return {
		name: 'hitcast-chartjs-pure-scales',
		transform(code, id) {
			if (!/[\\/]chart\.js[\\/]dist[\\/]chart\.js$/.test(id)) return null;
			let n = 0;
			const out = code.replace(/(callback: |static defaults = )((?:Ticks\.formatters|TimeScale)\.[A-Za-z]+)(?=[,;\s])/g, (_, lead: string, read: string) => {
				n++;
				return `${lead}/* @__PURE__ */ (() => ${read})()`;
			});
			if (n === 0) this.warn('chart.js: no scale initialiser to mark pure; unused scales stay in the bundle');
			return { code: out, map: null };
		}
	};
}

/**
 * Bootstrap's stylesheet is 234 KB, of which Hitcast uses about a quarter; the rest was parsed on every page load
 * before anything showed (~25 ms on this machine) and weighed on every style recalculation. Its unused rules are
 * dropped at build time, keeping every selector whose class names appear in the source (each class the app sets is
 * written out in full there, conditional ones included: `cond ? 'text-danger' : 'text-body-secondary'`). Only
 * bootstrap's own file is purged; the components' scoped styles are Svelte's and stay as they are.
 */
function purge_unused_bootstrap(): AcceptedPlugin {
	const purge = purgecss({
		content: ['src/**/*.svelte', 'src/**/*.ts', 'src/app.html'],
		// Bootstrap's own runtime states and the attributes it styles, which no class list in the source names
		safelist: { standard: [/^was-validated$/, /^is-(in)?valid$/], deep: [/^data-bs-/] },
		variables: false
	}) as PostcssPlugin;
	return {
		postcssPlugin: 'hitcast-purge-unused-bootstrap',
		OnceExit(root, helpers) {
			if (!/[\\/]bootstrap[\\/]dist[\\/]css[\\/]/.test(root.source?.input.file ?? '')) return;
			return purge.OnceExit!(root, helpers);
		}
	};
}

export default defineConfig({
	plugins: [
		chartjs_pure_scales(),
		// messages/{en,tr,es}.json -> src/lib/paraglide (generated, git-ignored): one tree-shakable function per
		// message. The language comes from the URL through src/lib/i18n, which overrides getLocale; 'baseLocale' is
		// only the fallback the compiler needs.
		paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['baseLocale'], emitGitIgnore: false }),
		sveltekit()
	],
	// Keep onnxruntime-web's wasm out of the worker sub-build (the service worker cannot see that build's
	// files); the main thread imports the .wasm/.mjs with ?url instead. See ../shared/guide/STACK.md.
	// Prepended to Vite's defaults: replacing them drops 'browser', and the client then gets svelte's server build
	// (onMount a no-op, onDestroy throwing during hydration).
	resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
	// Per checkout (git worktrees share node_modules through a link; their dep caches must not).
	cacheDir: '.cache/vite',
	worker: { format: 'es' },
	css: { postcss: { plugins: [purge_unused_bootstrap()] } },
	// NO_MINIFY=1 npx vite build: readable function names in a profile of the built site (never for the shipped build)
	build: { target: 'es2022', chunkSizeWarningLimit: 1024, minify: process.env.NO_MINIFY ? false : undefined },
	test: {
		include: ['test/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
