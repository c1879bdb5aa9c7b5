/**
 * The message protocol between the facades (main thread) and the workers, after whisper-web:
 *   request   { id, type, ...args }
 *   response  { id, status: 'progress', progress }   any number of times while artifacts download
 *             { id, status: 'partial', partial }     any number of times: a first phase of the result (see Partials)
 *             { id, status: 'complete', result }     once
 *             { id, status: 'error', message, ... }  once, instead of complete
 * Each worker's API is a map from request type to (args) => result, shared by both sides for type checking; its
 * Partials map says which requests send a first phase before their result, and what it holds.
 */
import type { Manifest, ModelEntry } from '../core/manifest';
import type { MusicInput } from '../core/features/music';
import type { ArtistOption, LoadProgress, MusicEstimate, MusicPrediction, SimilarTrack, TrackDetail, TrackSummary } from '../core/music/types';
import type { MusicInputErrors } from './music_input';
import type { CodedFields } from './errors';
import type { ChartRegion } from '../core/charts/regions';
import type { MarketInfo, MarketResult } from '../core/charts/types';
import type { SelfKey } from '../core/charts/similar';
import type { MusicFilters, MusicInsights } from '../core/insights/music';
import type { VideoFilters, VideoInsights } from '../core/insights/video';
import type { CatalogFilters, CatalogInsights } from '../core/insights/catalog';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Api = Record<string, (args: any) => unknown>;

/** Per request type, what its partial replies hold; a type not listed sends none. */
export type Partials<A extends Api> = { [K in keyof A]?: unknown };

/** The partial replies of request type K under the partials map P (never: it sends none). */
export type PartialOf<P, K> = K extends keyof P ? Exclude<P[K], undefined> : never;

export type RequestOf<A extends Api> = { [K in keyof A & string]: { id: number; type: K } & Parameters<A[K]>[0] }[keyof A & string];

export type SearchNote = { code: 'truncated'; max: number } | { code: 'no_letters' };

export type WorkerResponse =
	| { id: number; status: 'progress'; progress: LoadProgress }
	| { id: number; status: 'partial'; partial: unknown }
	| { id: number; status: 'complete'; result: unknown }
	| {
			id: number;
			status: 'error';
			/** the Error subclass on the worker side, so the facade can rebuild it */
			name: string;
			message: string;
			/** per-field messages of a rejected MusicInput */
			fields?: MusicInputErrors;
			/** the artifact a download error concerns */
			url?: string;
			/** the code, params and detail of an AppError (runtime/errors.ts), for a message in the visitor's language */
			coded?: CodedFields;
	  };

/** What both music workers receive to load: one manifest fetched once, so they can never see two versions. */
export interface ManifestRef {
	manifest: Manifest;
	manifest_url: string;
}

/**
 * What computed a prediction's number: onnxruntime-web running the ONNX model (once its session is ready), or the
 * same trees in JavaScript (the first answers while onnxruntime starts; they agree to ~4e-6). Every prediction and
 * estimate the inference worker posts carries it (so the stored history says it too).
 */
export interface Engine {
	engine: 'onnxruntime' | 'trees';
}

export type InferenceApi = {
	/** download, compile and initialise onnxruntime-web's wasm; needs no manifest, so it starts first */
	start_runtime(args: { wasm_url: string; mjs_url: string }): { ready: true };
	/**
	 * one model ready to predict (`first`, default music_popularity; the other is prepared on first need) and the
	 * hit-score reference loaded (models/music_hit_reference.bin); `model` is the main model's entry, `models` every
	 * model the worker may answer with; `reference` is how many predictions the hit score ranks against
	 */
	load(args: ManifestRef & { wasm_url: string; mjs_url: string; first?: string }): { model: ModelEntry; models: ModelEntry[]; genres: string[]; reference: number };
	/** answered by music_popularity when input.artist is set, by music_popularity_new_artist when it is null */
	predict(args: { input: MusicInput }): MusicPrediction & Engine;
};

export type MarketApi = {
	/** onnxruntime started, the chart-chance model and the charted-tracks lookup loaded (workers/market), once */
	load(args: ManifestRef & { wasm_url: string; mjs_url: string }): MarketInfo;
	/** chart chances per region for the song's audio features, and the nearest songs that charted in `region` */
	chances(args: { input: MusicInput; region: ChartRegion; limit: number; exclude?: SelfKey }): MarketResult;
};

export type InferencePartials = {
	/** the estimate (popularity, interval, hit score), sent as soon as the model answers; the drivers follow in the result */
	predict: MusicEstimate & Engine;
};

export type SearchApi = {
	load(args: ManifestRef & { genres: string[] }): { tracks: number };
	/** `note`: the query was cut to `max` characters, or holds no letter or digit to search for */
	search(args: { query: string; limit: number }): { tracks: TrackSummary[]; note?: SearchNote };
	get_track(args: { track_id: string }): TrackDetail | null;
	similar(args: { input: MusicInput; genre?: string; limit: number; exclude_track_id?: string }): SimilarTrack[];
	search_artists(args: { query: string; limit: number }): ArtistOption[];
	typical_input(args: { genre?: string }): MusicInput;
};

export type InsightsApi = {
	/** both shards (music tracks, charted tracks) fetched and prepared once; the filter choices they offer */
	load(args: ManifestRef): { genres: string[]; years: [number, number]; rows: number; chart_rows: number };
	/** every figure of the music section for the filters, with how long the aggregation took */
	compute(args: { filters: MusicFilters }): MusicInsights & { compute_ms: number };
	/** the video rows shard fetched and prepared once (when the page's video section needs it); its filter choices */
	load_video(args: ManifestRef): VideoInsightsInfo;
	/** every figure of the video section for the filters */
	video(args: { filters: VideoFilters }): VideoInsights & { compute_ms: number };
	/** the catalogue shard (catalog_titles.json) fetched and prepared once (when the catalogue section needs it) */
	load_catalog(args: ManifestRef): CatalogInsightsInfo;
	/** every figure of the catalogue section for the filters */
	catalog(args: { filters: CatalogFilters }): CatalogInsights & { compute_ms: number };
};

export interface VideoInsightsInfo {
	rows: number;
	/** categories present, most videos first */
	categories: { id: number; videos: number }[];
	countries: string[];
	/** trending years */
	years: [number, number];
}

export interface CatalogInsightsInfo {
	rows: number;
	/** release years */
	years: [number, number];
}
