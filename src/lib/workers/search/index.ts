/**
 * Search and similarity worker: loads the tracks and artists shards once, then answers search-as-you-type,
 * track lookups, nearest tracks by sound and typical inputs. No model here; the inference worker predicts.
 */
import { MAX_QUERY_LENGTH } from '../../core/music/params';
import type { LoadProgress } from '../../core/music/types';
import { AppError } from '../../runtime/errors';
import { ArtifactError, fetch_shard_checked_later, find_shard } from '../../runtime/artifacts';
import { require_music_input } from '../../runtime/music_input';
import type { ManifestRef, SearchApi, SearchNote } from '../../runtime/protocol';
import { AUDIO_FEATURES, type MusicInput } from '../../core/features/music';
import { serve } from '../rpc';
import { AudioNeighbours } from './neighbours';
import { TextIndex, top_by_integer_rank } from './text_index';
import { ArtistStore, TrackStore } from './tracks';
import { typical_input } from './typical';
import { mark } from '../../runtime/marks';

mark('search:script');


/**
 * The parsed shards answer the load at once (the page's first lookup waits for it); the indexes
 * are built on first use, and warmed right after the load has answered.
 */
class Catalogue {
	private text?: Promise<TextIndex>;
	private artist_text?: Promise<TextIndex>;
	private nn?: AudioNeighbours;
	readonly typical = new Map<string, MusicInput>();

	constructor(
		readonly tracks: TrackStore,
		readonly genres: Set<string>
	) {}

	/** the artist table, derived from the tracks on first use: nothing on the way to the first prediction needs it */
	get artists(): ArtistStore {
		return this.tracks.artist_table();
	}

	/** The most popular tracks (one per recording): from the index once built, before that without it. */
	async popular(limit: number): Promise<number[]> {
		if (!this.text) {
			const rows = top_by_integer_rank(this.tracks.popularity, this.tracks.recording, limit);
			if (rows) return rows;
		}
		return (await this.track_index()).top(limit);
	}

	track_index(): Promise<TextIndex> {
		const t = this.tracks;
		return (this.text ??= TextIndex.build(
			t.title.map((title, i) => [title, ...t.artists[i].split(';')]),
			t.popularity,
			t.recording,
			yield_to_requests
		));
	}

	artist_index(): Promise<TextIndex> {
		return (this.artist_text ??= TextIndex.build(
			this.artists.name.map((name) => [name]),
			this.artists.mean_popularity,
			undefined,
			yield_to_requests
		));
	}

	get neighbours(): AudioNeighbours {
		return (this.nn ??= new AudioNeighbours(this.tracks.audio, this.tracks.recording));
	}

	/** Build the indexes in slices, so lookups and predictions-related requests are answered in between. */
	async warm(): Promise<void> {
		await this.track_index();
		await yield_to_requests();
		// every opened track (get_track, and its own exclusion from similar songs) looks its row up: after the first,
		// a map rather than a scan of 89k ids
		void this.tracks.row_of;
		await yield_to_requests();
		void this.neighbours;
		await yield_to_requests();
		await this.artist_index();
	}
}

const WARM_DELAY_MS = 300;
let track_answered = false;

// A macrotask boundary: messages that arrived meanwhile are handled before the build goes on.
const yield_to_requests = () => new Promise<void>((resume) => setTimeout(resume, 0));

let loaded: Promise<Catalogue> | null = null;

async function load(ref: ManifestRef, genres: string[], on_progress: (p: LoadProgress) => void): Promise<Catalogue> {
	mark('search:load');
	const { manifest, manifest_url } = ref;
	const shard = find_shard(manifest, 'music_tracks', manifest_url);
	const params = shard.params;
	if (!params || typeof params.artist_prior_weight !== 'number' || typeof params.oof_scale !== 'number' || typeof params.artist_zero_share_prior !== 'number') {
		throw new ArtifactError('version_mismatch', { file: shard.file }, 'The manifest entry of the track catalogue lacks its decoding parameters; the manifest is from an older version.', manifest_url);
	}
	// its sha256 is checked while the table is parsed (hashing runs off this thread)
	const track_file = await fetch_shard_checked_later(manifest_url, shard, 'the track catalogue', on_progress);
	mark('search:fetched');
	const tracks = new TrackStore(track_file.body, { artist_prior_weight: params.artist_prior_weight, oof_scale: params.oof_scale, artist_zero_share_prior: params.artist_zero_share_prior });
	await track_file.checked;
	mark('search:tracks-parsed');
	return new Catalogue(tracks, new Set(genres));
}

async function ready(): Promise<Catalogue> {
	if (!loaded) throw new AppError('not_loaded', {}, 'The music catalogue is not loaded yet.');
	return loaded;
}

function clamp_limit(limit: number, fallback: number, max: number): number {
	return Number.isInteger(limit) && limit > 0 ? Math.min(limit, max) : fallback;
}

function check_genre(state: Catalogue, genre: string | undefined): string | undefined {
	if (genre === undefined || genre === '') return undefined;
	if (!state.genres.has(genre)) throw new AppError('unknown_genre', { genre: String(genre).slice(0, 40) }, `Unknown genre "${String(genre).slice(0, 40)}".`);
	return genre;
}

serve<SearchApi>({
	async load({ manifest, manifest_url, genres }, ctx) {
		loaded ??= load({ manifest, manifest_url }, genres, ctx.progress).catch((error) => {
			loaded = null;
			throw error;
		});
		const state = await loaded;
		// after this answer is posted: the first search then finds its index ready
		// A moment later, so the page's first requests (its track, its similar songs) are answered before the build
		// takes the thread; a search before then builds the index on demand.
		setTimeout(() => void state.warm().then(() => mark('search:warm'), () => undefined), WARM_DELAY_MS);
		mark('search:answered');
		return { tracks: state.tracks.n };
	},

	async search({ query, limit }) {
		const state = await ready();
		const n = clamp_limit(limit, 20, 100);
		let note: SearchNote | undefined;
		let text = typeof query === 'string' ? query : '';
		if (text.length > MAX_QUERY_LENGTH) {
			text = text.slice(0, MAX_QUERY_LENGTH);
			note = { code: 'truncated', max: MAX_QUERY_LENGTH };
		}
		if (text.trim() === '') return { tracks: (await state.popular(n)).map((r) => state.tracks.summary(r)), note };
		const rows = (await state.track_index()).search(text, n);
		if (rows.length === 0 && !/[\p{L}\p{N}]/u.test(text)) note ??= { code: 'no_letters' };
		return { tracks: rows.map((r) => state.tracks.summary(r)), note };
	},

	async get_track({ track_id }) {
		const state = await ready();
		const row = typeof track_id === 'string' ? state.tracks.row_of_id(track_id) : undefined;
		const detail = row === undefined ? null : state.tracks.detail(row);
		if (!track_answered) mark('search:get_track-answered');
		track_answered = true;
		return detail;
	},

	async similar({ input, genre, limit, exclude_track_id }) {
		const state = await ready();
		const clean = require_music_input(input, [...state.genres]);
		const g = check_genre(state, genre);
		const rows = g ? state.tracks.rows_of_genre.get(g) ?? new Int32Array(0) : null;
		const exclude_row = exclude_track_id ? state.tracks.row_of_id(exclude_track_id) : undefined;
		const values = AUDIO_FEATURES.map((f) => clean[f.name]);
		const found = state.neighbours.nearest(
			values,
			clamp_limit(limit, 10, 100),
			rows,
			exclude_row === undefined ? -1 : state.tracks.recording[exclude_row]
		);
		return found.map(({ row, distance }) => ({ ...state.tracks.summary(row), distance }));
	},

	async search_artists({ query, limit }) {
		const state = await ready();
		const text = typeof query === 'string' ? query.slice(0, MAX_QUERY_LENGTH) : '';
		const rows = (await state.artist_index()).search(text, clamp_limit(limit, 10, 100));
		return rows.filter((r) => state.artists.tracks[r] >= 1).map((r) => state.artists.option(r));
	},

	async typical_input({ genre }) {
		const state = await ready();
		const g = check_genre(state, genre);
		const key = g ?? '';
		let input = state.typical.get(key);
		if (!input) {
			input = typical_input(state.tracks, g ? state.tracks.rows_of_genre.get(g) ?? null : null, g);
			state.typical.set(key, input);
		}
		return structuredClone(input);
	}
});
