/**
 * The tracks shard as columns, read once from Arrow IPC with flechette (arquero's Arrow layer; the shard stays
 * readable by arquero's fromArrow too). Every lookup the search worker serves (summaries, details, typical inputs,
 * the artist table) reads from here. The shard's layout and number codes are documented in the manifest and in
 * core/music/track_codec.ts; what the shard leaves out (each track's artist record, the artist table) is derived
 * here with the training pipeline's own code, so the values are the ones the models were checked with.
 */
import type { tableFromIPC } from '@uwdata/flechette';
import { table_from_ipc_lazy_dictionaries } from './lazy_arrow';
import { AUDIO_FEATURES, type MusicInput } from '../../core/features/music';
import { mark } from '../../runtime/marks';
import { split_artists } from '../../core/music/artists';
import { build_artist_index, serving_artist_record_of, serving_artist_records, sorted_artist_table, type ArtistIndex, type ArtistRecordColumns } from '../../core/music/artist_stats';
import { decode_audio, decode_recordings } from '../../core/music/track_codec';
import type { ArtistOption, TrackDetail, TrackSummary } from '../../core/music/types';
import { AppError } from '../../runtime/errors';

type Table = ReturnType<typeof tableFromIPC>;
type Column = NonNullable<ReturnType<Table['getChild']>>;

/** What the shard's manifest entry says about decoding it (ShardEntry.params). */
export interface TrackShardParams {
	/** pseudo-recordings of the artist record's shrinkage (the training option the models were fitted with) */
	artist_prior_weight: number;
	/** oof_prediction is stored times this */
	oof_scale: number;
	/** the all-rows share of (artist, recording) pairs at popularity 0: the zero-share prior of the artist record */
	artist_zero_share_prior: number;
}

const TRACK_ID_BYTES = 22;

const STRING_COLUMNS = ['title', 'artists', 'album', 'genres'] as const;
const INTEGER_COLUMNS = ['popularity', 'recording', 'explicit', 'oof_prediction', ...AUDIO_FEATURES.map((f) => f.name)] as const;

/** A shard this code cannot read is from another version (named by its manifest id: this class never sees the file). */
function shard_error(name: string): Error {
	return new AppError('version_mismatch', { file: 'music_tracks' }, `The tracks shard has no "${name}" column in the expected form; run npm run train.`);
}

/**
 * Columns are converted on first use, not all up front: the first answer for ?track=<id> reads that one row (its
 * id found by a scan of the raw id bytes, its strings decoded one at a time), and the whole-column forms (titles for
 * the search index, the audio matrix for neighbours, genre row lists) are built after the page has its answer.
 */
export class TrackStore {
	readonly n: number;
	private readonly table: Table;
	private readonly memo = new Map<string, unknown>();
	/** n x 22 ASCII bytes */
	private readonly id_bytes: Uint8Array;

	constructor(
		bytes: Uint8Array,
		private readonly params: TrackShardParams
	) {
		this.table = table_from_ipc_lazy_dictionaries(bytes);
		mark('search:arrow-table');
		this.n = this.table.numRows;
		const names = new Set(this.table.names);
		for (const name of ['track_id', ...STRING_COLUMNS, ...INTEGER_COLUMNS]) if (!names.has(name)) throw shard_error(name);
		this.id_bytes = fixed_bytes(this.column('track_id'), TRACK_ID_BYTES, this.n);
		if (!(params.artist_prior_weight >= 0) || !(params.oof_scale > 0) || !(params.artist_zero_share_prior >= 0)) throw new AppError('version_mismatch', { file: 'music_tracks' }, 'The manifest entry of the tracks shard lacks its decoding parameters; run npm run train.');
	}

	private column(name: string): Column {
		const c = this.table.getChild(name);
		if (!c) throw shard_error(name);
		return c;
	}

	private lazy<T>(key: string, make: () => T): T {
		let value = this.memo.get(key) as T | undefined;
		if (value === undefined) this.memo.set(key, (value = make()));
		return value;
	}

	/** An integer column as stored (a view of the shard's buffer when it has one batch). */
	private ints(name: string): ArrayLike<number> {
		return this.lazy(`int:${name}`, () => {
			const raw = this.column(name).toArray() as ArrayLike<number | null>;
			if (ArrayBuffer.isView(raw)) return raw as ArrayLike<number>;
			throw shard_error(name);
		});
	}

	/** A string column as a whole (decoded on first use); album falls back to the title where the shard stores null. */
	private strings(name: (typeof STRING_COLUMNS)[number]): string[] {
		return this.lazy(`str:${name}`, () => {
			const raw = this.column(name).toArray() as ArrayLike<string | null>;
			const out = new Array<string>(this.n);
			for (let i = 0; i < this.n; i++) out[i] = raw[i] ?? (name === 'album' ? this.title[i] : '');
			return out;
		});
	}

	/** One string of a row without decoding the whole column (before the warm-up has). */
	private string_at(name: (typeof STRING_COLUMNS)[number], row: number): string {
		const whole = this.memo.get(`str:${name}`) as string[] | undefined;
		if (whole) return whole[row];
		const v = this.column(name).at(row) as string | null;
		return v ?? (name === 'album' ? this.string_at('title', row) : '');
	}

	get title(): string[] {
		return this.strings('title');
	}
	get artists(): string[] {
		return this.strings('artists');
	}
	get album(): string[] {
		return this.strings('album');
	}

	private readonly genre_lists = new Map<string, string[]>();
	/** a few thousand distinct genre lists over 89k tracks: each is split once and shared */
	private genre_list(joined: string): string[] {
		let list = this.genre_lists.get(joined);
		if (!list) this.genre_lists.set(joined, (list = joined === '' ? [] : joined.split(';')));
		return list;
	}
	get genres(): string[][] {
		return this.lazy('genres', () => this.strings('genres').map((g) => this.genre_list(g)));
	}

	get popularity(): Float64Array {
		return this.lazy('popularity', () => Float64Array.from(this.ints('popularity')));
	}
	/** recording id per row (the ETL's ids): re-releases of one song share it */
	get recording(): Int32Array {
		return this.lazy('recording', () => decode_recordings(this.ints('recording')));
	}
	/** AUDIO_FEATURES order; NaN = unmeasured */
	get audio(): Float64Array[] {
		return this.lazy('audio', () =>
			AUDIO_FEATURES.map((f) => {
				const raw = this.ints(f.name);
				const out = new Float64Array(this.n);
				for (let i = 0; i < this.n; i++) out[i] = decode_audio(f.name, raw[i]);
				return out;
			})
		);
	}
	get explicit(): ArrayLike<number> {
		return this.ints('explicit');
	}

	/** Every row's artists as ids (the training code's index), splitting each distinct artists field once. */
	private get artist_index(): ArtistIndex {
		return this.lazy('artist_index', () => build_artist_index(Array.from({ length: this.n }, (_, i) => this.artists_of(i))));
	}

	/**
	 * The artist record of every track as the app serves it: from its artists' OTHER recordings (the training
	 * pipeline's serving_artist_records over the same rows, so the same float32 values the models were checked with).
	 */
	get artist_records(): ArtistRecordColumns {
		return this.lazy('artist_records', () => serving_artist_records(this.artist_index, this.recording, this.popularity, this.params.artist_prior_weight));
	}

	private readonly split_fields = new Map<string, string[]>();
	/** an artists field as the training code lists it (each distinct field split once) */
	private split_field(field: string): string[] {
		let list = this.split_fields.get(field);
		if (!list) this.split_fields.set(field, (list = split_artists(field)));
		return list;
	}
	/** a row's artists as the training code lists them */
	private artists_of(row: number): string[] {
		return this.split_field(this.string_at('artists', row));
	}

	/**
	 * The artists column's dictionary as raw parts, when it is one dictionary batch: each row's key, and the distinct
	 * fields as UTF-8 bytes with their offsets (entry k is bytes[offsets[k]..offsets[k + 1]]), decoded one by one.
	 */
	private get artist_dictionary(): { keys: ArrayLike<number>; bytes: Uint8Array; offsets: ArrayLike<number>; entry: (key: number) => string } | null {
		return this.lazy('artist_dictionary', () => {
			type Batch = { values?: unknown; offsets?: unknown; cache?: ArrayLike<unknown>; dictionary?: { data: Batch[] } };
			const batches = (this.column('artists') as unknown as { data: Batch[] }).data;
			const batch = batches.length === 1 ? batches[0] : null;
			const strings = batch?.dictionary?.data.length === 1 ? batch.dictionary.data[0] : null;
			if (!batch || !strings || !ArrayBuffer.isView(batch.values) || !(strings.values instanceof Uint8Array) || !ArrayBuffer.isView(strings.offsets) || !batch.cache) return null;
			const cache = batch.cache;
			return {
				keys: batch.values as unknown as ArrayLike<number>,
				bytes: strings.values,
				offsets: strings.offsets as unknown as ArrayLike<number>,
				entry: (key: number) => {
					const v = cache[key];
					return typeof v === 'string' ? v : '';
				}
			};
		});
	}

	/**
	 * One row's artist record before the all-rows columns exist (the first ?track=<id> answer): the same values from
	 * the rows of its artists' recordings only (serving_artist_record_of; tested equal on every row).
	 */
	private artist_record_of(row: number): { mean: number; tracks: number; max: number; std: number; zero_share: number } {
		const built = this.memo.get('artist_records') as ArtistRecordColumns | undefined;
		if (built) return { mean: built.mean[row], tracks: built.tracks[row], max: built.max[row], std: built.std[row], zero_share: built.zero_share[row] };
		const names = this.artists_of(row);
		const recording = this.recording;
		const lists = (field: string) => this.split_field(field).some((a) => names.includes(a));
		// recording ids run from 0 to at most n - 1 (decode_recordings): a flag per id, not a Set, keeps both scans of
		// the 89k rows below to plain typed-array reads (a Set cost ~20 ms here on a first visit, before any JIT)
		const in_recording = new Uint8Array(this.n);
		in_recording[recording[row]] = 1;
		const dict = this.artist_dictionary;
		if (dict) {
			// The distinct fields containing one of the names are found in the dictionary's bytes (a UTF-8 substring is a
			// substring of the text), and only those few are decoded and split: decoding all 31k fields would cost more
			// than the rest of the lookup.
			const match = new Uint8Array(dict.offsets.length - 1);
			for (const key of entries_containing(dict.bytes, dict.offsets, names)) if (lists(dict.entry(key))) match[key] = 1;
			const keys = dict.keys;
			for (let i = 0; i < this.n; i++) if (match[keys[i]] === 1) in_recording[recording[i]] = 1;
		} else {
			const fields = this.artists;
			for (let i = 0; i < this.n; i++) if (names.some((name) => fields[i].includes(name)) && lists(fields[i])) in_recording[recording[i]] = 1;
		}
		const fit: number[] = [];
		for (let i = 0; i < this.n; i++) if (in_recording[recording[i]] === 1) fit.push(i);
		const popularity = this.popularity;
		return serving_artist_record_of(row, Int32Array.from(fit), (i) => this.artists_of(i), recording, popularity, { prior: this.mean_popularity, prior_zero: this.params.artist_zero_share_prior }, this.params.artist_prior_weight);
	}

	/** mean popularity over every row, summed in row order as fit_artist_stats does */
	private get mean_popularity(): number {
		return this.lazy('mean_popularity', () => {
			let total = 0;
			const popularity = this.popularity;
			for (let i = 0; i < this.n; i++) total += popularity[i];
			return total / this.n;
		});
	}

	/** Every artist's record over all its recordings, sorted by name: the table of "describe your own song". */
	artist_table(): ArtistStore {
		return this.lazy('artist_table', () => new ArtistStore(sorted_artist_table(this.artist_index, this.recording, this.popularity, this.params.artist_prior_weight)));
	}

	get row_of(): Map<string, number> {
		return this.lazy('row_of', () => {
			const map = new Map<string, number>();
			for (let i = 0; i < this.n; i++) map.set(this.track_id(i), i);
			return map;
		});
	}
	/** rows carrying each genre */
	get rows_of_genre(): Map<string, Int32Array> {
		return this.lazy('rows_of_genre', () => {
			const genres = this.genres;
			const genre_rows = new Map<string, number[]>();
			for (let i = 0; i < this.n; i++) {
				for (const g of genres[i]) {
					let rows = genre_rows.get(g);
					if (!rows) genre_rows.set(g, (rows = []));
					rows.push(i);
				}
			}
			const out = new Map<string, Int32Array>();
			for (const [g, rows] of genre_rows) out.set(g, Int32Array.from(rows));
			return out;
		});
	}

	/** every id as one string (ASCII), decoded once: slicing it is far cheaper than decoding 89k small arrays */
	private get id_text(): string {
		return this.lazy('id_text', () => new TextDecoder('latin1').decode(this.id_bytes));
	}

	track_id(row: number): string {
		const o = row * TRACK_ID_BYTES;
		return this.id_text.slice(o, o + TRACK_ID_BYTES);
	}

	/**
	 * The row of a track id: the map once the warm-up has built it, before that a scan of the raw id bytes (the first
	 * lookup, for ?track=<id>, should not wait for a map of 89k strings).
	 */
	row_of_id(track_id: string): number | undefined {
		const built = this.memo.get('row_of') as Map<string, number> | undefined;
		if (built) return built.get(track_id);
		if (track_id.length !== TRACK_ID_BYTES || !/^[\x00-\x7f]*$/.test(track_id)) return undefined;
		const want = Uint8Array.from(track_id, (c) => c.charCodeAt(0));
		const ids = this.id_bytes;
		for (let row = 0, o = 0; row < this.n; row++, o += TRACK_ID_BYTES) {
			if (ids[o] !== want[0]) continue;
			let k = 1;
			while (k < TRACK_ID_BYTES && ids[o + k] === want[k]) k++;
			if (k === TRACK_ID_BYTES) return row;
		}
		return undefined;
	}

	summary(row: number): TrackSummary {
		const genres = this.memo.get('genres') as string[][] | undefined;
		return {
			track_id: this.track_id(row),
			title: this.string_at('title', row),
			artists: this.string_at('artists', row),
			album: this.string_at('album', row),
			genres: genres ? genres[row] : this.genre_list(this.string_at('genres', row)),
			popularity: this.ints('popularity')[row]
		};
	}

	/** The track's raw inputs, as the model saw them in training. */
	input(row: number): MusicInput {
		const input = {} as MusicInput;
		for (const f of AUDIO_FEATURES) input[f.name] = decode_audio(f.name, this.ints(f.name)[row]);
		input.explicit = this.explicit[row] === 1;
		input.genres = this.summary(row).genres;
		const r = this.artist_record_of(row);
		input.artist = Number.isNaN(r.mean) || !(r.tracks >= 1)
			? null
			: { mean_popularity: r.mean, tracks: r.tracks, max_popularity: r.max, popularity_std: r.std, zero_share: r.zero_share };
		return input;
	}

	detail(row: number): TrackDetail {
		return { ...this.summary(row), input: this.input(row), oof_prediction: this.ints('oof_prediction')[row] / this.params.oof_scale };
	}
}

/**
 * The entries (by key) of a string dictionary whose UTF-8 bytes contain one of `needles`: `bytes` holds the entries
 * back to back, entry k at offsets[k]..offsets[k + 1].
 */
export function entries_containing(bytes: Uint8Array, offsets: ArrayLike<number>, needles: readonly string[]): Set<number> {
	const found = new Set<number>();
	const encoder = new TextEncoder();
	for (const needle of needles) {
		const want = encoder.encode(needle);
		if (want.length === 0) continue;
		for (let p = bytes.indexOf(want[0]); p >= 0 && p + want.length <= bytes.length; p = bytes.indexOf(want[0], p + 1)) {
			let k = 1;
			while (k < want.length && bytes[p + k] === want[k]) k++;
			if (k < want.length) continue;
			// the entry holding byte p: the last k with offsets[k] <= p
			let lo = 0;
			let hi = offsets.length - 2;
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (offsets[mid] <= p) lo = mid;
				else hi = mid - 1;
			}
			if (p + want.length <= offsets[lo + 1]) found.add(lo);
		}
	}
	return found;
}

/** The values of a FixedSizeBinary column as one byte array (a view when the column has one batch). */
function fixed_bytes(column: Column, width: number, n: number): Uint8Array {
	const batches = (column as unknown as { data: { values?: unknown; length: number }[] }).data;
	const out = batches.length === 1 ? null : new Uint8Array(n * width);
	let at = 0;
	for (const batch of batches) {
		const values = batch.values;
		if (!(values instanceof Uint8Array) || values.length < batch.length * width) throw shard_error('track_id');
		if (!out) return values.subarray(0, n * width);
		out.set(values.subarray(0, batch.length * width), at);
		at += batch.length * width;
	}
	return out ?? new Uint8Array(0);
}

type ArtistRow = ReturnType<typeof sorted_artist_table>[number];

export class ArtistStore {
	readonly n: number;
	readonly name: string[];
	readonly mean_popularity: Float64Array;
	readonly tracks: Float64Array;

	constructor(private readonly rows: ArtistRow[]) {
		this.n = rows.length;
		this.name = rows.map((r) => r.name);
		this.mean_popularity = Float64Array.from(rows, (r) => r.mean_popularity);
		this.tracks = Float64Array.from(rows, (r) => r.tracks);
	}

	option(row: number): ArtistOption {
		const r = this.rows[row];
		return {
			name: r.name,
			record: { mean_popularity: r.mean_popularity, tracks: r.tracks, max_popularity: r.max_popularity, popularity_std: r.popularity_std, zero_share: r.zero_share }
		};
	}
}
