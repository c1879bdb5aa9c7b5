/**
 * ETL of the 114k Spotify tracks file (Kaggle "Spotify Tracks Dataset", maharshipandya): 114 genres x 1,000 rows,
 * scraped genre by genre. Turns it into one record per distinct track_id. Data quirks handled here (counts are for the
 * real file, see ../shared/datasets/spotify/SOURCES.md):
 * - 450 rows are exact duplicates of another row: dropped.
 * - 16,641 ids appear under several genres (up to 9): merged, genres = every genre the id is listed under.
 * - 720 ids carry different popularity in different genre rows: we keep the MAX. The genre pages were scraped at
 *   different times, so the rows are snapshots of one moving score; most differ by 1 point (scrape drift), and in
 *   ~100 cases one snapshot reads 0 while another reads e.g. 40 — a 0 there is a stale/unlisted copy at scrape time,
 *   not the song's popularity. The max is the best-supported reading of "how popular this track got" and, unlike
 *   the mean, does not invent a value no snapshot showed.
 * - tempo 0 (157 rows) and time_signature 0 (163 rows) are "could not be measured": NaN (missing), never zero.
 *   duration_ms 0 (the one row with empty names) is likewise missing.
 * - one row has empty artists, album and title: kept (its audio features are valid) with no artists, so it gets no
 *   artist record and never joins a recording by name.
 * - explicit is the text 'True'/'False'.
 */
import { parse_csv, read_csv_records, read_text_file } from '../lib/csv';
import { recording_groups, count_groups } from '../../src/lib/core/music/recordings';
import { split_artists } from '../../src/lib/core/music/artists';

export const SPOTIFY_TRACKS_FILE = 'spotify/spotify_tracks_dataset_maharshipandya_114k.csv.gz';

export const SPOTIFY_COLUMNS = [
	'track_id', 'artists', 'album_name', 'track_name', 'popularity', 'duration_ms', 'explicit', 'danceability',
	'energy', 'key', 'loudness', 'mode', 'speechiness', 'acousticness', 'instrumentalness', 'liveness', 'valence',
	'tempo', 'time_signature', 'track_genre'
] as const;

/** The 14 values of feature set A; an identical vector of these under two ids marks one recording. */
const AUDIO_VECTOR_COLUMNS = [
	'danceability', 'energy', 'key', 'loudness', 'mode', 'speechiness', 'acousticness', 'instrumentalness',
	'liveness', 'valence', 'tempo', 'time_signature', 'duration_ms', 'explicit'
] as const;

export interface SpotifyTrack {
	track_id: string;
	title: string;
	/** the source's ';'-separated artists field */
	artists: string;
	artist_list: string[];
	album: string;
	/** every genre the id is listed under, sorted */
	genres: string[];
	popularity: number;
	danceability: number;
	energy: number;
	key: number;
	loudness: number;
	mode: number;
	speechiness: number;
	acousticness: number;
	instrumentalness: number;
	liveness: number;
	valence: number;
	/** NaN when unmeasured (source 0) */
	tempo: number;
	/** NaN when unmeasured (source 0) */
	time_signature: number;
	/** NaN when unmeasured (source 0) */
	duration_ms: number;
	explicit: boolean;
	/** recording (connected group of re-releases) id, 0.. in order of first appearance */
	recording: number;
}

export interface SpotifyEtlStats {
	raw_rows: number;
	exact_duplicates: number;
	distinct_tracks: number;
	multi_genre_tracks: number;
	popularity_conflicts: number;
	tempo_missing: number;
	time_signature_missing: number;
	duration_missing: number;
	empty_name_tracks: number;
	recordings: number;
	genres: number;
}

export interface SpotifyEtlResult {
	tracks: SpotifyTrack[];
	genre_vocab: string[];
	stats: SpotifyEtlStats;
}

function parse_number(value: string, column: string, row: number): number {
	const x = Number(value);
	if (value.trim() === '' || !Number.isFinite(x)) throw new Error(`${SPOTIFY_TRACKS_FILE}: row ${row}: ${column} is not a number: '${value}'`);
	return x;
}

function parse_bool(value: string, row: number): boolean {
	if (value === 'True') return true;
	if (value === 'False') return false;
	throw new Error(`${SPOTIFY_TRACKS_FILE}: row ${row}: explicit is neither 'True' nor 'False': '${value}'`);
}

const zero_is_missing = (x: number) => (x === 0 ? NaN : x);

/** Clean the parsed CSV text into one record per distinct track id. */
export function clean_spotify_tracks(csv_text: string): SpotifyEtlResult {
	const { header, records } = read_csv_records(parse_csv(csv_text), SPOTIFY_TRACKS_FILE);
	const col = new Map(header.map((h, i) => [h, i]));
	for (const c of SPOTIFY_COLUMNS) {
		if (!col.has(c)) throw new Error(`${SPOTIFY_TRACKS_FILE}: missing column '${c}' (header: ${header.join(',')})`);
	}
	const ix = (c: (typeof SPOTIFY_COLUMNS)[number]) => col.get(c)!;

	const seen_rows = new Set<string>();
	let exact_duplicates = 0;
	const by_id = new Map<string, { row: string[]; row_no: number; genres: Set<string>; pops: Set<number> }>();
	for (let k = 0; k < records.length; k++) {
		const r = records[k];
		const whole = r.join('\u0001');
		if (seen_rows.has(whole)) {
			exact_duplicates++;
			continue;
		}
		seen_rows.add(whole);
		const id = r[ix('track_id')];
		if (id === '') throw new Error(`${SPOTIFY_TRACKS_FILE}: row ${k + 2} has an empty track_id`);
		const pop = parse_number(r[ix('popularity')], 'popularity', k + 2);
		const entry = by_id.get(id);
		if (entry) {
			entry.genres.add(r[ix('track_genre')]);
			entry.pops.add(pop);
		} else {
			by_id.set(id, { row: r, row_no: k + 2, genres: new Set([r[ix('track_genre')]]), pops: new Set([pop]) });
		}
	}

	const tracks: Omit<SpotifyTrack, 'recording'>[] = [];
	const audio_keys: string[] = [];
	const stats: SpotifyEtlStats = {
		raw_rows: records.length, exact_duplicates, distinct_tracks: by_id.size, multi_genre_tracks: 0,
		popularity_conflicts: 0, tempo_missing: 0, time_signature_missing: 0, duration_missing: 0,
		empty_name_tracks: 0, recordings: 0, genres: 0
	};
	const genre_set = new Set<string>();
	for (const [id, { row: r, row_no, genres, pops }] of by_id) {
		const num = (c: (typeof SPOTIFY_COLUMNS)[number]) => parse_number(r[ix(c)], c, row_no);
		if (genres.size > 1) stats.multi_genre_tracks++;
		if (pops.size > 1) stats.popularity_conflicts++;
		for (const g of genres) genre_set.add(g);
		const title = r[ix('track_name')];
		const artists = r[ix('artists')];
		if (title === '' && artists === '') stats.empty_name_tracks++;
		const t = {
			track_id: id,
			title,
			artists,
			artist_list: split_artists(artists),
			album: r[ix('album_name')],
			genres: [...genres].sort(),
			popularity: Math.max(...pops),
			danceability: num('danceability'),
			energy: num('energy'),
			key: num('key'),
			loudness: num('loudness'),
			mode: num('mode'),
			speechiness: num('speechiness'),
			acousticness: num('acousticness'),
			instrumentalness: num('instrumentalness'),
			liveness: num('liveness'),
			valence: num('valence'),
			tempo: zero_is_missing(num('tempo')),
			time_signature: zero_is_missing(num('time_signature')),
			duration_ms: zero_is_missing(num('duration_ms')),
			explicit: parse_bool(r[ix('explicit')], row_no)
		};
		if (Number.isNaN(t.tempo)) stats.tempo_missing++;
		if (Number.isNaN(t.time_signature)) stats.time_signature_missing++;
		if (Number.isNaN(t.duration_ms)) stats.duration_missing++;
		tracks.push(t);
		// the audio key uses the numbers as parsed (so '0.50' and '0.5' agree) before the 0 -> missing mapping
		audio_keys.push(AUDIO_VECTOR_COLUMNS.map((c) => (c === 'explicit' ? r[ix(c)] : String(num(c)))).join(','));
	}
	const groups = recording_groups(tracks.map((t, i) => ({ title: t.title, artists: t.artists, audio_key: audio_keys[i] })));
	stats.recordings = count_groups(groups);
	const genre_vocab = [...genre_set].sort();
	stats.genres = genre_vocab.length;
	return { tracks: tracks.map((t, i) => ({ ...t, recording: groups[i] })), genre_vocab, stats };
}

/** Read and clean the file at `path` (.csv or .csv.gz). */
export function load_spotify_tracks(path: string): SpotifyEtlResult {
	return clean_spotify_tracks(read_text_file(path));
}
