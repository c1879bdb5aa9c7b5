/**
 * The tracks and artists shards as columns, read once from Arrow IPC with arquero. Every lookup the search worker
 * serves (summaries, details, typical inputs) reads from here.
 */
import { fromArrow } from 'arquero';
import { AUDIO_FEATURES, type MusicInput } from '../../core/features/music';
import { mark } from '../../runtime/marks';
import type { ArtistOption, TrackDetail, TrackSummary } from '../../core/music/types';

type ColumnTable = ReturnType<typeof fromArrow>;

function column(table: ColumnTable, name: string, shard: string): ArrayLike<unknown> {
	if (!table.columnNames().includes(name)) throw new Error(`The ${shard} shard has no "${name}" column; run npm run train.`);
	return table.array(name) as ArrayLike<unknown>;
}

/** Numbers with null (and anything unreadable) as NaN; int64 columns may arrive as bigint. */
function numbers(table: ColumnTable, name: string, shard: string): Float64Array {
	const raw = column(table, name, shard);
	// columns without nulls arrive as typed arrays: one bulk copy
	if (ArrayBuffer.isView(raw) && !(raw instanceof BigInt64Array) && !(raw instanceof BigUint64Array)) {
		return Float64Array.from(raw as unknown as ArrayLike<number>);
	}
	const out = new Float64Array(raw.length);
	for (let i = 0; i < raw.length; i++) {
		const v = raw[i];
		out[i] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
	}
	return out;
}

function strings(table: ColumnTable, name: string, shard: string): string[] {
	const raw = column(table, name, shard);
	// the usual case, an array of strings without nulls, is used as it is
	if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) return raw as string[];
	return Array.from(raw, (v) => (v === null || v === undefined ? '' : String(v)));
}

const TRACK_COLUMNS = [
	'track_id', 'title', 'artists', 'album', 'genres', 'popularity', 'recording', 'explicit', 'artist_mean',
	'artist_tracks', 'artist_max', 'artist_std', 'artist_zero_share', 'oof_prediction', ...AUDIO_FEATURES.map((f) => f.name)
];

/**
 * Columns are converted on first use, not all up front: the first prediction for ?track=<id> needs only that one
 * track, and the rest (titles for the search index, the audio
 * matrix for neighbours, genre row lists) is built after the page has its answer.
 */
export class TrackStore {
	readonly n: number;
	private readonly table: ColumnTable;
	private readonly memo = new Map<string, unknown>();

	constructor(bytes: Uint8Array) {
		const shard = 'tracks';
		this.table = fromArrow(bytes);
		mark('search:arrow-table');
		this.n = this.table.numRows();
		const names = new Set(this.table.columnNames());
		for (const name of TRACK_COLUMNS) {
			if (!names.has(name)) throw new Error(`The ${shard} shard has no "${name}" column; run npm run train.`);
		}
	}

	private lazy<T>(key: string, make: () => T): T {
		let value = this.memo.get(key) as T | undefined;
		if (value === undefined) this.memo.set(key, (value = make()));
		return value;
	}

	/** A numeric column as Float64Array (NaN = null), converted on first use. */
	private num(name: string): Float64Array {
		return this.lazy(name, () => numbers(this.table, name, 'tracks'));
	}

	get track_id(): string[] {
		return this.lazy('track_id', () => strings(this.table, 'track_id', 'tracks'));
	}
	get title(): string[] {
		return this.lazy('title', () => strings(this.table, 'title', 'tracks'));
	}
	get artists(): string[] {
		return this.lazy('artists', () => strings(this.table, 'artists', 'tracks'));
	}
	get album(): string[] {
		return this.lazy('album', () => strings(this.table, 'album', 'tracks'));
	}
	/** a few thousand distinct genre lists over 89k tracks (a dictionary column): each is split once and shared */
	get genres(): string[][] {
		return this.lazy('genres', () => {
			const split = new Map<string, string[]>();
			return strings(this.table, 'genres', 'tracks').map((g) => {
				let list = split.get(g);
				if (!list) split.set(g, (list = g === '' ? [] : g.split(';')));
				return list;
			});
		});
	}
	get popularity(): Float64Array {
		return this.num('popularity');
	}
	/** recording id per row as a dense integer: re-releases of one song share it */
	get recording(): Int32Array {
		return this.lazy('recording', () => {
			const raw = column(this.table, 'recording', 'tracks');
			const ids = new Map<unknown, number>();
			const out = new Int32Array(this.n);
			for (let i = 0; i < this.n; i++) {
				const key = raw[i] ?? `row:${i}`;
				let id = ids.get(key);
				if (id === undefined) ids.set(key, (id = ids.size));
				out[i] = id;
			}
			return out;
		});
	}
	/** AUDIO_FEATURES order; NaN = unmeasured */
	get audio(): Float64Array[] {
		return this.lazy('audio', () => AUDIO_FEATURES.map((f) => numbers(this.table, f.name, 'tracks')));
	}
	get explicit(): Float64Array {
		return this.num('explicit');
	}
	get artist_mean(): Float64Array {
		return this.num('artist_mean');
	}
	get artist_tracks(): Float64Array {
		return this.num('artist_tracks');
	}
	get artist_max(): Float64Array {
		return this.num('artist_max');
	}
	get artist_std(): Float64Array {
		return this.num('artist_std');
	}
	get artist_zero_share(): Float64Array {
		return this.num('artist_zero_share');
	}
	get oof_prediction(): Float64Array {
		return this.num('oof_prediction');
	}
	get row_of(): Map<string, number> {
		return this.lazy('row_of', () => {
			const ids = this.track_id;
			const map = new Map<string, number>();
			for (let i = 0; i < this.n; i++) map.set(ids[i], i);
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

	/**
	 * The row of a track id: the map once the warm-up has built it, a scan of the id column before (the first
	 * lookup, for ?track=<id>, should not wait for a map of 89k entries).
	 */
	row_of_id(track_id: string): number | undefined {
		const built = this.memo.get('row_of') as Map<string, number> | undefined;
		if (built) return built.get(track_id);
		const row = this.track_id.indexOf(track_id);
		return row < 0 ? undefined : row;
	}

	summary(row: number): TrackSummary {
		return {
			track_id: this.track_id[row],
			title: this.title[row],
			artists: this.artists[row],
			album: this.album[row],
			genres: this.genres[row],
			popularity: this.popularity[row]
		};
	}

	/** The track's raw inputs, as the model saw them in training. */
	input(row: number): MusicInput {
		const input = {} as MusicInput;
		AUDIO_FEATURES.forEach((f, j) => (input[f.name] = this.audio[j][row]));
		input.explicit = this.explicit[row] === 1;
		input.genres = this.genres[row];
		const mean = this.artist_mean[row];
		const tracks = this.artist_tracks[row];
		input.artist = Number.isNaN(mean) || !(tracks >= 1)
			? null
			: { mean_popularity: mean, tracks, max_popularity: this.artist_max[row], popularity_std: this.artist_std[row], zero_share: this.artist_zero_share[row] };
		return input;
	}

	detail(row: number): TrackDetail {
		return { ...this.summary(row), input: this.input(row), oof_prediction: this.oof_prediction[row] };
	}
}

export class ArtistStore {
	readonly n: number;
	readonly name: string[];
	readonly mean_popularity: Float64Array;
	readonly tracks: Float64Array;
	readonly max_popularity: Float64Array;
	readonly popularity_std: Float64Array;
	readonly zero_share: Float64Array;

	constructor(bytes: Uint8Array) {
		const shard = 'artists';
		const table = fromArrow(bytes);
		this.n = table.numRows();
		this.name = strings(table, 'name', shard);
		this.mean_popularity = numbers(table, 'mean_popularity', shard);
		this.tracks = numbers(table, 'tracks', shard);
		this.max_popularity = numbers(table, 'max_popularity', shard);
		this.popularity_std = numbers(table, 'popularity_std', shard);
		this.zero_share = numbers(table, 'zero_share', shard);
	}

	option(row: number): ArtistOption {
		return {
			name: this.name[row],
			record: {
				mean_popularity: this.mean_popularity[row], tracks: this.tracks[row], max_popularity: this.max_popularity[row],
				popularity_std: this.popularity_std[row], zero_share: this.zero_share[row]
			}
		};
	}
}
