/**
 * The music studio's runtime: the only module the pages call for music. It starts the inference and search
 * workers lazily (browser only), loads the model and the catalogue once with byte progress, and exposes plain async
 * functions. predict_music and similar_tracks are latest-wins, so a slider never builds a backlog.
 */
import { browser } from '$app/environment';
import { asset } from '$app/paths';
// Imported as URLs on the main thread so they land in the app build (and in the service worker's cache list);
// the worker bundle itself does not reference them (resolve condition onnxruntime-web-use-extern-wasm).
import ort_wasm_url from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ort_mjs_url from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { MusicInput } from '../core/features/music';
import type { Manifest, ModelEntry } from '../core/manifest';
import type { ArtistOption, LoadProgress, MusicEstimate, MusicPrediction, SimilarTrack, TrackDetail, TrackSummary } from '../core/music/types';
import { fetch_manifest } from './artifacts';
import { genres_of } from './music_input';
import type { InferenceApi, InferencePartials, MarketApi, SearchApi, SearchNote } from './protocol';
import { latest_wins, once, WorkerClient } from './worker_client';
import { mark } from './marks';
import { hold_while } from './quiet';
import type { ChartRegion } from '../core/charts/regions';
import type { MarketInfo, MarketResult } from '../core/charts/types';
import type { SelfKey } from '../core/charts/similar';

export { MusicInputError } from './music_input';
export { ArtifactError } from './artifacts';

export interface MusicInfo {
	/** the main model (music_popularity), answering when the song's artist has a record */
	model: ModelEntry;
	/** every model that may answer a prediction (also music_popularity_new_artist, for an unknown artist) */
	models: ModelEntry[];
	genres: string[];
	tracks: number;
}

const inference = new WorkerClient<InferenceApi, InferencePartials>(
	'the music model worker',
	() => new Worker(new URL('../workers/inference/index.ts', import.meta.url), { type: 'module', name: 'hitcast-inference' }),
	() => {
		runtime.reset();
		model.reset();
	}
);
const markets = new WorkerClient<MarketApi>(
	'the chart-chance worker',
	() => new Worker(new URL('../workers/market/index.ts', import.meta.url), { type: 'module', name: 'hitcast-market' }),
	() => {
		market_model.reset();
	}
);
const search = new WorkerClient<SearchApi>(
	'the music search worker',
	() => new Worker(new URL('../workers/search/index.ts', import.meta.url), { type: 'module', name: 'hitcast-search' }),
	() => {
		catalogue.reset();
	}
);

const absolute = (url: string) => new URL(url, location.href).href;

// Several callers (a page, a loading bar) may watch one load; late ones get the latest state of each file.
const listeners = new Set<(p: LoadProgress) => void>();
const last_progress = new Map<string, LoadProgress>();
function report(p: LoadProgress) {
	last_progress.set(p.what, p);
	for (const listener of listeners) listener(p);
}

const manifest = once(async (): Promise<{ manifest: Manifest; manifest_url: string }> => {
	const manifest_url = absolute(asset('/models/manifest.json'));
	return { manifest: await fetch_manifest(manifest_url), manifest_url };
});

const model_genres = once(async () => {
	const { manifest: m } = await manifest();
	const model = m.models.find((x) => x.id === 'music_popularity');
	return model ? genres_of(model) : [];
});

const catalogue = once(async () => {
	const ref = await manifest();
	return search.request('load', { ...ref, genres: await model_genres() }, { on_progress: report });
});

const urls = () => ({ wasm_url: absolute(ort_wasm_url), mjs_url: absolute(ort_mjs_url) });

// The runtime needs no manifest: its download and compilation start as soon as the inference worker does.
const runtime = once(() => inference.request('start_runtime', urls(), { on_progress: report }));

// The inference worker fetches the hit-score reference itself (models/music_hit_reference.bin): a prediction never
// waits for the catalogue.
/**
 * Which model the page's first prediction will likely need, so the load prepares that one (the other follows in
 * idle time): a link that describes a song without naming an artist or a track predicts for an unknown artist.
 * Only an ordering hint: a wrong guess costs time, never a wrong answer.
 */
function first_model(): string | undefined {
	if (!browser) return undefined;
	const params = new URLSearchParams(location.search);
	if (params.has('track') || params.has('artist')) return undefined;
	return [...params.keys()].some((k) => k !== 'q') ? 'music_popularity_new_artist' : undefined;
}

const model = once(async () => {
	void runtime().catch(() => undefined);
	const ref = await manifest();
	const loaded = await inference.request('load', { ...ref, ...urls(), first: first_model() }, { on_progress: report });
	mark('main:model-ready');
	return loaded;
});

/**
 * The track a ?track=<id> link opens, looked up as soon as the catalogue is in: the page asks for it only once the
 * model is loaded too, and the answer is then waiting. Taken once; a failed lookup is asked again.
 */
let first_track: { id: string; detail: Promise<TrackDetail | null> } | null = null;

/**
 * Both loads begin when this module is evaluated on the music page, before the page has hydrated and asks for them
 * in its onMount: the workers start, the manifest and every file download at once. Only on the music page itself:
 * hovering a link to it elsewhere imports this module too, and must not start 30 MB of downloads. A failure here
 * is reported to the page when it calls load_music, which retries (every step forgets a failed attempt).
 */
const MUSIC_PAGE = /\/music\/?$/;
if (browser && MUSIC_PAGE.test(location.pathname)) {
	mark('main:prestart');
	// the search worker's script starts while the manifest downloads (its first request needs the manifest)
	search.start();
	const first = Promise.all([model(), catalogue()]);
	const track_id = new URLSearchParams(location.search).get('track');
	if (track_id) {
		first_track = { id: track_id, detail: lookup_track(track_id) };
		void first_track.detail.catch(() => undefined);
	}
	// the service worker's first install waits for this (runtime/quiet.ts)
	hold_while(first);
	void first.catch(() => last_progress.clear());
}

function require_browser(what: string) {
	if (!browser) throw new Error(`${what} runs in the browser only.`);
}

/**
 * Load the music model and the catalogue (once; later calls share the same load). `on_progress` receives bytes per
 * file while they download. A failure rejects with what failed; calling again retries.
 */
export async function load_music(on_progress?: (p: LoadProgress) => void): Promise<MusicInfo> {
	require_browser('load_music');
	mark('main:load_music');
	if (on_progress) {
		listeners.add(on_progress);
		for (const p of last_progress.values()) on_progress(p);
	}
	try {
		const [loaded, cat] = await Promise.all([model(), catalogue()]);
		return { model: loaded.model, models: loaded.models, genres: loaded.genres, tracks: cat.tracks };
	} catch (error) {
		// a retry starts from zero; stale bars of the failed attempt would mislead
		last_progress.clear();
		throw error;
	} finally {
		if (on_progress) listeners.delete(on_progress);
	}
}

/** Tracks whose title or artists start with the query's words; popular tracks for an empty query. */
export async function search_tracks(query: string, limit = 20): Promise<{ tracks: TrackSummary[]; note?: SearchNote }> {
	require_browser('search_tracks');
	await catalogue();
	return search.request('search', { query, limit });
}

async function lookup_track(track_id: string): Promise<TrackDetail | null> {
	mark('main:get_track');
	await catalogue();
	const detail = await search.request('get_track', { track_id });
	mark('main:track');
	return detail;
}

/** One track of the dataset with its raw inputs, or null when the id is unknown. */
export async function get_track(track_id: string): Promise<TrackDetail | null> {
	require_browser('get_track');
	const early = first_track?.id === track_id ? first_track.detail : null;
	first_track = null;
	if (early) {
		const detail = await early.catch(() => undefined);
		if (detail !== undefined) return detail;
	}
	return lookup_track(track_id);
}

let estimated = false;
const predict_latest = latest_wins(async (input: MusicInput, on_partial: (estimate: MusicEstimate) => void) => {
	if (!estimated) mark('main:predict');
	await model();
	return inference.request('predict', { input }, {
		on_partial: (estimate) => {
			if (!estimated) mark('main:estimate');
			estimated = true;
			on_partial(estimate);
		}
	});
});

/**
 * Predicted popularity, interval, hit score and drivers. Latest wins: superseded calls get the newer result.
 * `on_estimate` receives the headline figures (the same as the result's) as soon as the model answers, before the
 * drivers are computed; never for a call that a newer one has superseded, so the page never steps back.
 */
export function predict_music(input: MusicInput, on_estimate?: (estimate: MusicEstimate) => void): Promise<MusicPrediction> {
	if (!browser) return Promise.reject(new Error('predict_music runs in the browser only.'));
	return predict_latest(input, on_estimate);
}

const similar_latest = latest_wins(
	async (args: { input: MusicInput; genre?: string; limit: number; exclude_track_id?: string }) => {
		await catalogue();
		return search.request('similar', args);
	}
);

/** The nearest distinct recordings by sound, optionally within a genre. Latest wins, like predict_music. */
export function similar_tracks(
	input: MusicInput,
	options: { genre?: string; limit?: number; exclude_track_id?: string } = {}
): Promise<SimilarTrack[]> {
	if (!browser) return Promise.reject(new Error('similar_tracks runs in the browser only.'));
	return similar_latest({ input, genre: options.genre, limit: options.limit ?? 10, exclude_track_id: options.exclude_track_id });
}

/** Artists by name, with the record (mean popularity, track count) the model uses. */
export async function search_artists(query: string): Promise<ArtistOption[]> {
	require_browser('search_artists');
	await catalogue();
	return search.request('search_artists', { query, limit: 10 });
}

/** Median song of a genre (or of the whole catalogue) as a starting point for describing one's own. */
export async function typical_input(genre?: string): Promise<MusicInput> {
	require_browser('typical_input');
	await catalogue();
	return search.request('typical_input', { genre });
}

// ---- chart chances per market (a worker of its own; its model and lookup load on first need) -----------------------

const market_model = once(async () => {
	// After the music model's runtime: the market worker starts onnxruntime too, and two wasm compilations at once
	// on a small machine would slow the page's first prediction; after it, the second one is a cache hit. A failed
	// music runtime does not stop the markets, which start their own.
	await runtime().catch(() => undefined);
	const ref = await manifest();
	mark('main:market-load');
	const info = await markets.request('load', { ...ref, ...urls() }, { on_progress: report });
	mark('main:market-ready');
	return info;
});

/** Load the chart-chance model and the charted-songs lookup (once; a failure is forgotten, so calling again retries). */
export async function load_market(): Promise<MarketInfo> {
	require_browser('load_market');
	return market_model();
}

const market_latest = latest_wins(async (args: { input: MusicInput; region: ChartRegion; limit: number; exclude?: SelfKey }) => {
	await market_model();
	return markets.request('chances', args);
});

/** Chart chances per region and the nearest songs that charted in `region`. Latest wins, like predict_music. */
export function market_chances(input: MusicInput, region: ChartRegion, options: { limit?: number; exclude?: SelfKey } = {}): Promise<MarketResult> {
	if (!browser) return Promise.reject(new Error('market_chances runs in the browser only.'));
	return market_latest({ input, region, limit: options.limit ?? 5, exclude: options.exclude });
}
