/**
 * ETL of the weekly Top-200 charts of 10 regions (Dec 2016 - Apr 2021) and the audio features of the charted tracks
 * (../shared/datasets/spotify/SOURCES.md). Produces one record per charted track that has trustworthy audio features:
 * its features, its chart artist, a recording group, and per region its peak position and weeks on the chart.
 *
 * Data quirks handled here (counts for the real files):
 * - 3,061 of the 21,012 feature rows (14.6%) carry another track's features: their track_name matches none of the
 *   names the charts give that id (src/lib/core/charts/clean.ts). Dropped; 17,951 tracks remain. SOURCES.md says
 *   3,062 / 17,950: its count read the file with pandas, which parses the title "NA" as missing, so one honest
 *   track (titled "NA") looked nameless there.
 * - About 1,900 chart rows show '?' for accented letters and 212 have empty names; names are only used to validate
 *   feature rows, and the recovered UTF-8 twin of a name sits beside the broken one, so nothing is repaired here.
 * - Re-releases: the same recording under several ids (single, album) shares the lower-cased title + chart artist
 *   or the identical audio vector. Tracks are grouped into recordings so "by recording" folds keep twins together.
 * - tempo 0 and time_signature 0 read as unmeasured (NaN), as in the 114k ETL.
 * - JP charts start in Aug 2017 and AT has 67 weeks only: their base rates are lower for that reason too; the
 *   models learn per region, so the cover difference is part of each region's label, stated in the notes.
 */
import { parse_csv, read_csv_records, read_text_file } from '../lib/csv';
import { chart_records, type ChartRow, type RegionRecord } from '../../src/lib/core/charts/labels';
import { chart_names, features_match_chart } from '../../src/lib/core/charts/clean';
import { CHART_FEATURES, type ChartFeature } from '../../src/lib/core/charts/regions';
import { connected_groups, count_groups, title_artist_key } from '../../src/lib/core/music/recordings';

export const CHARTS_FILE = 'spotify/spotify_weekly_top200_charts_10regions_2016_2021.csv.gz';
export const CHART_FEATURES_FILE = 'spotify/spotify_charted_tracks_audio_features_2016_2021.csv.gz';

const CHART_COLUMNS = ['region', 'week_start', 'week_end', 'position', 'track_id', 'track_name', 'artist', 'streams', 'name_source'] as const;
const FEATURE_COLUMNS = ['track_id', 'track_name', ...CHART_FEATURES] as const;

export interface ChartedTrack {
	track_id: string;
	title: string;
	/** the chart's artist string for this id (the most frequent one when the charts disagree) */
	artist: string;
	/** CHART_FEATURES order; NaN = unmeasured */
	features: Float64Array;
	/** per region in CHART_REGIONS order */
	regions: RegionRecord[];
	/** earliest chart week (ISO date) */
	first_week: string;
	/** recording group id (re-releases together), 0.. */
	recording: number;
	/** artist group id (lower-cased chart artist), 0.. */
	artist_group: number;
}

export interface ChartsEtlStats {
	chart_rows: number;
	chart_tracks: number;
	chart_rows_without_name: number;
	feature_rows: number;
	/** feature rows whose name matches none of the chart names of their id (copied features): dropped */
	copied_feature_rows: number;
	/** a few dropped rows, for the log and the notes */
	copied_examples: { track_id: string; feature_name: string; chart_names: string[] }[];
	/** chart tracks with no feature row at all */
	tracks_without_features: number;
	tracks: number;
	recordings: number;
	artists: number;
	tempo_missing: number;
	time_signature_missing: number;
	weeks: number;
	first_week: string;
	last_week: string;
}

export interface ChartsEtlResult {
	tracks: ChartedTrack[];
	stats: ChartsEtlStats;
}

function column_index<T extends readonly string[]>(header: string[], wanted: T, source: string): Record<T[number], number> {
	const out = {} as Record<T[number], number>;
	for (const c of wanted) {
		const k = header.indexOf(c);
		if (k < 0) throw new Error(`${source}: column '${c}' missing (header: ${header.join(', ')})`);
		out[c as T[number]] = k;
	}
	return out;
}

function parse_number(text: string, what: string): number {
	const v = Number(text);
	if (text.trim() === '' || !Number.isFinite(v)) throw new Error(`${what}: '${text}' is not a number`);
	return v;
}

/** Build the charted-track table from the two CSV texts (split from file reading so tests feed fixtures directly). */
export function build_charted_tracks(charts_csv: string, features_csv: string): ChartsEtlResult {
	const charts = read_csv_records(parse_csv(charts_csv), 'charts');
	const ci = column_index(charts.header, CHART_COLUMNS, 'charts');
	const rows: (ChartRow & { track_name: string; artist: string })[] = charts.records.map((r, k) => ({
		region: r[ci.region],
		week_start: r[ci.week_start],
		position: parse_number(r[ci.position], `charts row ${k + 2} position`),
		track_id: r[ci.track_id],
		track_name: r[ci.track_name],
		artist: r[ci.artist]
	}));
	const records = chart_records(rows);
	const names = chart_names(rows);
	// the chart artist of an id: its most frequent artist string (first seen wins ties, so the result is stable)
	const artist_counts = new Map<string, Map<string, number>>();
	const weeks = new Set<string>();
	for (const r of rows) {
		weeks.add(r.week_start);
		if (r.artist === '') continue;
		let m = artist_counts.get(r.track_id);
		if (!m) artist_counts.set(r.track_id, (m = new Map()));
		m.set(r.artist, (m.get(r.artist) ?? 0) + 1);
	}
	const artist_of = (id: string) => {
		let best = '', n = 0;
		for (const [a, k] of artist_counts.get(id) ?? []) if (k > n) { best = a; n = k; }
		return best;
	};

	const feats = read_csv_records(parse_csv(features_csv), 'audio features');
	const fi = column_index(feats.header, FEATURE_COLUMNS, 'audio features');
	const tracks: Omit<ChartedTrack, 'recording' | 'artist_group'>[] = [];
	const audio_keys: string[] = [];
	const copied_examples: ChartsEtlStats['copied_examples'] = [];
	let copied = 0, tempo_missing = 0, ts_missing = 0;
	const with_features = new Set<string>();
	for (let k = 0; k < feats.records.length; k++) {
		const r = feats.records[k];
		const row = { track_id: r[fi.track_id], track_name: r[fi.track_name] };
		with_features.add(row.track_id);
		const rec = records.get(row.track_id);
		if (!rec || !features_match_chart(row, names)) {
			copied++;
			if (copied_examples.length < 5) copied_examples.push({ track_id: row.track_id, feature_name: row.track_name, chart_names: [...(names.get(row.track_id) ?? [])] });
			continue;
		}
		const features = new Float64Array(CHART_FEATURES.length);
		CHART_FEATURES.forEach((f: ChartFeature, j) => {
			const v = parse_number(r[fi[f]], `audio features row ${k + 2} ${f}`);
			features[j] = (f === 'tempo' || f === 'time_signature') && v === 0 ? NaN : v;
		});
		if (Number.isNaN(features[CHART_FEATURES.indexOf('tempo')])) tempo_missing++;
		if (Number.isNaN(features[CHART_FEATURES.indexOf('time_signature')])) ts_missing++;
		audio_keys.push(CHART_FEATURES.map((f) => r[fi[f]]).join(','));
		tracks.push({ track_id: row.track_id, title: row.track_name, artist: artist_of(row.track_id), features, regions: rec.regions, first_week: rec.first_week });
	}
	const recording = connected_groups(tracks.length, (i) => [title_artist_key(tracks[i].title, tracks[i].artist), `a\u0001${audio_keys[i]}`]);
	const artist_ids = new Map<string, number>();
	const out: ChartedTrack[] = tracks.map((t, i) => {
		// a track with no artist name gets its own group rather than joining every other nameless track
		const key = t.artist === '' ? `\u0002${t.track_id}` : t.artist.toLowerCase();
		let g = artist_ids.get(key);
		if (g === undefined) artist_ids.set(key, (g = artist_ids.size));
		return { ...t, recording: recording[i], artist_group: g };
	});
	const sorted_weeks = [...weeks].sort();
	return {
		tracks: out,
		stats: {
			chart_rows: rows.length,
			chart_tracks: records.size,
			chart_rows_without_name: rows.filter((r) => r.track_name === '').length,
			feature_rows: feats.records.length,
			copied_feature_rows: copied,
			copied_examples,
			tracks_without_features: [...records.keys()].filter((id) => !with_features.has(id)).length,
			tracks: out.length,
			recordings: count_groups(recording),
			artists: artist_ids.size,
			tempo_missing,
			time_signature_missing: ts_missing,
			weeks: weeks.size,
			first_week: sorted_weeks[0] ?? '',
			last_week: sorted_weeks[sorted_weeks.length - 1] ?? ''
		}
	};
}

export function load_charted_tracks(charts_path: string, features_path: string): ChartsEtlResult {
	return build_charted_tracks(read_text_file(charts_path), read_text_file(features_path));
}
