/**
 * Insights worker: loads the music tracks shard and the charted-tracks shard once, prepares them with arquero, and
 * answers every filter change with all the page's figures at once (src/lib/core/insights/music.ts), so the page
 * only draws. Heavy enough (89k rows, sorts for box plots) to keep off the main thread.
 */
import { fromArrow, type ColumnTable } from 'arquero';
import { fetch_shard, find_shard } from '../../runtime/artifacts';
import { AppError } from '../../runtime/errors';
import type { InsightsApi, ManifestRef } from '../../runtime/protocol';
import type { LoadProgress } from '../../core/music/types';
import { music_insights, prepare_charts, prepare_music, type MusicFilters } from '../../core/insights/music';
import { serve } from '../rpc';

interface Data {
	music: ColumnTable;
	charts: ColumnTable;
	genres: string[];
	years: [number, number];
}

let data: Promise<Data> | null = null;

async function load(ref: ManifestRef, on_progress: (p: LoadProgress) => void): Promise<Data> {
	const music_shard = find_shard(ref.manifest, 'music_tracks', ref.manifest_url);
	const charts_shard = find_shard(ref.manifest, 'charts_tracks', ref.manifest_url);
	const [music_bytes, charts_bytes] = await Promise.all([
		fetch_shard(ref.manifest_url, music_shard, 'the music tracks', on_progress),
		fetch_shard(ref.manifest_url, charts_shard, 'the charted songs', on_progress)
	]);
	const music = prepare_music(fromArrow(music_bytes));
	const charts = prepare_charts(fromArrow(charts_bytes));
	const genres = [...new Set((music.array('genre_list') as ArrayLike<string[]>) ? Array.from(music.array('genre_list') as ArrayLike<string[]>).flat() : [])].filter(Boolean).sort();
	const years = Array.from(charts.array('year') as ArrayLike<number>).filter(Number.isFinite);
	return { music, charts, genres, years: [Math.min(...years), Math.max(...years)] };
}

function check_filters(raw: unknown, d: Data): MusicFilters {
	const f = (raw ?? {}) as Partial<MusicFilters>;
	const genre = typeof f.genre === 'string' ? f.genre : '';
	if (genre && !d.genres.includes(genre)) throw new AppError('unknown_genre', { genre: genre.slice(0, 40) }, `Unknown genre "${genre}".`);
	const year = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) ? v : fallback);
	const year_from = year(f.year_from, d.years[0]);
	const year_to = year(f.year_to, d.years[1]);
	if (year_from > year_to) throw new AppError('years_reversed', {}, 'The first year comes after the last.');
	const quiet_db = typeof f.quiet_db === 'number' && Number.isFinite(f.quiet_db) ? f.quiet_db : -30;
	return { genre, year_from, year_to, quiet_db };
}

serve<InsightsApi>({
	async load(ref, ctx) {
		data ??= load(ref, ctx.progress).catch((error) => {
			data = null;
			throw error;
		});
		const d = await data;
		return { genres: d.genres, years: d.years, rows: d.music.numRows(), chart_rows: d.charts.numRows() };
	},

	async compute({ filters }) {
		if (!data) throw new AppError('not_loaded', {}, 'The insights data is not loaded yet.');
		const d = await data;
		const start = performance.now();
		const result = music_insights(d.music, d.charts, check_filters(filters, d));
		return { ...result, compute_ms: performance.now() - start };
	}
});
