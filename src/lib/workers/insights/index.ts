/**
 * Insights worker: loads each section's data once, prepares it with arquero, and answers every filter change with
 * all of that section's figures at once (src/lib/core/insights/*), so the page only draws. Music (the music tracks
 * and charted-tracks shards) loads with the page; video (the video rows shard) and the catalogue (the catalogue
 * shard, catalog_titles.json) load when the page asks, as their sections come near the screen. Heavy enough (89k
 * rows, sorts for box plots) to keep off the main thread.
 */
import { fromArrow, type ColumnTable } from 'arquero';
import { fetch_shard, find_shard } from '../../runtime/artifacts';
import { read_catalog_shard } from '../../runtime/catalog_shard';
import { AppError } from '../../runtime/errors';
import type { InsightsApi, ManifestRef } from '../../runtime/protocol';
import type { LoadProgress } from '../../core/music/types';
import { music_insights, prepare_charts, prepare_music, type MusicFilters } from '../../core/insights/music';
import { prepare_video, video_choices, video_insights, VIDEO_INSIGHT_COLUMNS, type VideoFilters } from '../../core/insights/video';
import { catalog_insights, catalog_table, catalog_years, type CatalogFilters } from '../../core/insights/catalog';
import { PLATFORMS, type Platform } from '../../catalog/platforms';
import { serve } from '../rpc';

/** A section's data, loaded on the first request; a failed load is forgotten so the next request retries. */
function section<T>(what: string, load: (ref: ManifestRef, on_progress: (p: LoadProgress) => void) => Promise<T>) {
	let data: Promise<T> | null = null;
	return {
		load(ref: ManifestRef, on_progress: (p: LoadProgress) => void): Promise<T> {
			data ??= load(ref, on_progress).catch((error) => {
				data = null;
				throw error;
			});
			return data;
		},
		need(): Promise<T> {
			if (!data) throw new AppError('not_loaded', {}, `The ${what} data is not loaded yet.`);
			return data;
		}
	};
}

async function timed<T extends object>(compute: () => T): Promise<T & { compute_ms: number }> {
	const start = performance.now();
	const result = compute();
	return { ...result, compute_ms: performance.now() - start };
}

const year = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) ? v : fallback);

function year_range(f: { year_from?: unknown; year_to?: unknown }, years: [number, number]): { year_from: number; year_to: number } {
	const year_from = year(f.year_from, years[0]);
	const year_to = year(f.year_to, years[1]);
	if (year_from > year_to) throw new AppError('years_reversed', {}, 'The first year comes after the last.');
	return { year_from, year_to };
}

// ---- music -------------------------------------------------------------------------------------------------------

interface Music {
	music: ColumnTable;
	charts: ColumnTable;
	genres: string[];
	years: [number, number];
}

const music = section<Music>('music', async (ref, on_progress) => {
	const music_shard = find_shard(ref.manifest, 'music_tracks', ref.manifest_url);
	const charts_shard = find_shard(ref.manifest, 'charts_tracks', ref.manifest_url);
	const [music_bytes, charts_bytes] = await Promise.all([
		fetch_shard(ref.manifest_url, music_shard, 'the music tracks', on_progress),
		fetch_shard(ref.manifest_url, charts_shard, 'the charted songs', on_progress)
	]);
	const tracks = prepare_music(fromArrow(music_bytes));
	const charts = prepare_charts(fromArrow(charts_bytes));
	const genres = [...new Set(Array.from(tracks.array('genre_list') as ArrayLike<string[]>).flat())].filter(Boolean).sort();
	const years = Array.from(charts.array('year') as ArrayLike<number>).filter(Number.isFinite);
	return { music: tracks, charts, genres, years: [Math.min(...years), Math.max(...years)] };
});

function check_music(raw: unknown, d: Music): MusicFilters {
	const f = (raw ?? {}) as Partial<MusicFilters>;
	const genre = typeof f.genre === 'string' ? f.genre : '';
	if (genre && !d.genres.includes(genre)) throw new AppError('unknown_genre', { genre: genre.slice(0, 40) }, `Unknown genre "${genre}".`);
	const quiet_db = typeof f.quiet_db === 'number' && Number.isFinite(f.quiet_db) ? f.quiet_db : -30;
	return { genre, ...year_range(f, d.years), quiet_db };
}

// ---- video -------------------------------------------------------------------------------------------------------

interface Video {
	video: ColumnTable;
	choices: ReturnType<typeof video_choices>;
}

const video = section<Video>('video', async (ref, on_progress) => {
	const bytes = await fetch_shard(ref.manifest_url, find_shard(ref.manifest, 'video_rows', ref.manifest_url), 'the video data', on_progress);
	const table = prepare_video(fromArrow(bytes, { columns: [...VIDEO_INSIGHT_COLUMNS] }));
	return { video: table, choices: video_choices(table) };
});

function check_video(raw: unknown, d: Video): VideoFilters {
	const f = (raw ?? {}) as Partial<VideoFilters>;
	const category = typeof f.category === 'number' ? f.category : null;
	if (category !== null && !d.choices.categories.some((c) => c.id === category)) throw new AppError('bad_input', {}, `Unknown category ${category}.`);
	const country = typeof f.country === 'string' ? f.country : '';
	if (country && !d.choices.countries.includes(country)) throw new AppError('bad_input', {}, `Unknown country "${country}".`);
	return { category, country, ...year_range(f, d.choices.years) };
}

// ---- catalogue ---------------------------------------------------------------------------------------------------

interface Catalog {
	catalog: ColumnTable;
	years: [number, number];
}

const catalog = section<Catalog>('catalogue', async (ref, on_progress) => {
	// the shard the catalogue studio reads: in the manifest (sha256-checked) and cached for offline use
	const entry = find_shard(ref.manifest, 'catalog_titles', ref.manifest_url);
	const bytes = await fetch_shard(ref.manifest_url, entry, 'the catalogue', on_progress);
	const table = catalog_table(read_catalog_shard(bytes, entry.file));
	return { catalog: table, years: catalog_years(table) };
});

function check_catalog(raw: unknown, d: Catalog): CatalogFilters {
	const f = (raw ?? {}) as Partial<CatalogFilters>;
	const platform = typeof f.platform === 'string' ? f.platform : '';
	if (platform && !PLATFORMS.includes(platform as Platform)) throw new AppError('bad_input', {}, `Unknown platform "${platform}".`);
	return { platform: platform as Platform | '', ...year_range(f, d.years) };
}

// ---- requests ----------------------------------------------------------------------------------------------------

serve<InsightsApi>({
	async load(ref, ctx) {
		const d = await music.load(ref, ctx.progress);
		return { genres: d.genres, years: d.years, rows: d.music.numRows(), chart_rows: d.charts.numRows() };
	},
	async compute({ filters }) {
		const d = await music.need();
		return timed(() => music_insights(d.music, d.charts, check_music(filters, d)));
	},
	async load_video(ref, ctx) {
		const d = await video.load(ref, ctx.progress);
		return { rows: d.video.numRows(), ...d.choices };
	},
	async video({ filters }) {
		const d = await video.need();
		return timed(() => video_insights(d.video, check_video(filters, d)));
	},
	async load_catalog(ref, ctx) {
		const d = await catalog.load(ref, ctx.progress);
		return { rows: d.catalog.numRows(), years: d.years };
	},
	async catalog({ filters }) {
		const d = await catalog.need();
		return timed(() => catalog_insights(d.catalog, check_catalog(filters, d)));
	}
});
