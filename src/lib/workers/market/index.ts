/**
 * Market worker: chart chances per region (workers/market/market.ts) in an onnxruntime-web of its own.
 *
 * Not in the inference worker, although that one already runs onnxruntime: a market answer (the 20 chart models and
 * the similar-songs scan) takes a millisecond or two there, and on the music model's thread every slider prediction
 * that arrived meanwhile waited for it (the chances follow the sliders too). Here the two run side by side. The page
 * starts this worker only once the music model's runtime is ready (runtime/music.ts), so its start never competes
 * with the first prediction, and the wasm is then in the browser's cache.
 */
import type { LoadProgress } from '../../core/music/types';
import type { MarketApi } from '../../runtime/protocol';
import { AppError } from '../../runtime/errors';
import { require_music_input } from '../../runtime/music_input';
import { serve } from '../rpc';
import { start_ort } from '../ort_runtime';
import { load_market, market } from './market';
import { mark } from '../../runtime/marks';

mark('market:script');

/** the chart-chance model and lookup, loaded once (forgotten when it fails, so the next load retries) */
let state: ReturnType<typeof load_market> | null = null;

/** Start onnxruntime and load the model and lookup; the runtime compiles while the files download. */
function prepare(args: Parameters<MarketApi['load']>[0], on_progress: (p: LoadProgress) => void): ReturnType<typeof load_market> {
	const runtime = start_ort(args, on_progress).then(() => mark('market:runtime-ready'));
	// load_market reports a failed runtime; one it never awaits (a failed download first) must not go unhandled
	runtime.catch(() => undefined);
	return load_market(args.manifest, args.manifest_url, runtime, on_progress);
}

serve<MarketApi>({
	async load(args, ctx) {
		state ??= prepare(args, ctx.progress).catch((error) => {
			state = null;
			throw error;
		});
		return (await state).info;
	},

	async chances({ input, region, limit, exclude }) {
		if (!state) throw new AppError('not_loaded', {}, 'The chart-chance model is not loaded yet.');
		const loaded = await state;
		const self = exclude && typeof exclude.title === 'string' && Array.isArray(exclude.artists) ? { title: exclude.title, artists: exclude.artists.filter((a): a is string => typeof a === 'string') } : undefined;
		return market(loaded, require_music_input(input, null), region, limit, self);
	}
});
