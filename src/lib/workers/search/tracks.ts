/**
 * The tracks and artists shards as columns, read once from Arrow IPC with arquero. Every lookup the search worker
 * serves (summaries, details, typical inputs) reads from here.
 */
import { fromArrow } from 'arquero';
import { AUDIO_FEATURES, type MusicInput } from '../../core/features/music';
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

export class TrackStore {
	readonly n: number;
	readonly track_id: string[];
	readonly title: string[];
	readonly artists: string[];
	readonly album: string[];
	readonly genres: string[][];
	readonly popularity: Float64Array;
	/** recording id per row as a dense integer: re-releases of one song share it */
	readonly recording: Int32Array;
	/** AUDIO_FEATURES order; NaN = unmeasured */
	readonly audio: Float64Array[];
	readonly explicit: Float64Array;
	readonly artist_mean: Float64Array;
	readonly artist_tracks: Float64Array;
	readonly oof_prediction: Float64Array;
	readonly prediction: Float64Array;
	readonly row_of = new Map<string, number>();
	/** rows carrying each genre */
	readonly rows_of_genre = new Map<string, Int32Array>();

	constructor(bytes: Uint8Array) {
		const shard = 'tracks';
		const table = fromArrow(bytes);
		this.n = table.numRows();
		this.track_id = strings(table, 'track_id', shard);
		this.title = strings(table, 'title', shard);
		this.artists = strings(table, 'artists', shard);
		this.album = strings(table, 'album', shard);
		// a few thousand distinct genre lists over 89k tracks (a dictionary column): split each once and share it
		const split = new Map<string, string[]>();
		this.genres = strings(table, 'genres', shard).map((g) => {
			let list = split.get(g);
			if (!list) split.set(g, (list = g === '' ? [] : g.split(';')));
			return list;
		});
		this.popularity = numbers(table, 'popularity', shard);
		this.audio = AUDIO_FEATURES.map((f) => numbers(table, f.name, shard));
		this.explicit = numbers(table, 'explicit', shard);
		this.artist_mean = numbers(table, 'artist_mean', shard);
		this.artist_tracks = numbers(table, 'artist_tracks', shard);
		this.oof_prediction = numbers(table, 'oof_prediction', shard);
		this.prediction = numbers(table, 'prediction', shard);

		const recording_raw = column(table, 'recording', shard);
		const recording_ids = new Map<unknown, number>();
		this.recording = new Int32Array(this.n);
		for (let i = 0; i < this.n; i++) {
			const key = recording_raw[i] ?? `row:${i}`;
			let id = recording_ids.get(key);
			if (id === undefined) recording_ids.set(key, (id = recording_ids.size));
			this.recording[i] = id;
		}

		const genre_rows = new Map<string, number[]>();
		for (let i = 0; i < this.n; i++) {
			this.row_of.set(this.track_id[i], i);
			for (const g of this.genres[i]) {
				let rows = genre_rows.get(g);
				if (!rows) genre_rows.set(g, (rows = []));
				rows.push(i);
			}
		}
		for (const [g, rows] of genre_rows) this.rows_of_genre.set(g, Int32Array.from(rows));
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
		input.artist = Number.isNaN(mean) || !(tracks >= 1) ? null : { mean_popularity: mean, tracks };
		return input;
	}

	detail(row: number): TrackDetail {
		return { ...this.summary(row), input: this.input(row), oof_prediction: this.oof_prediction[row] };
	}

	/** The shipped model's predictions, ascending: the reference the hit score ranks against. */
	sorted_predictions(): Float64Array {
		return this.prediction.filter((v) => !Number.isNaN(v)).sort();
	}
}

export class ArtistStore {
	readonly n: number;
	readonly name: string[];
	readonly mean_popularity: Float64Array;
	readonly tracks: Float64Array;

	constructor(bytes: Uint8Array) {
		const shard = 'artists';
		const table = fromArrow(bytes);
		this.n = table.numRows();
		this.name = strings(table, 'name', shard);
		this.mean_popularity = numbers(table, 'mean_popularity', shard);
		this.tracks = numbers(table, 'tracks', shard);
	}

	option(row: number): ArtistOption {
		return { name: this.name[row], record: { mean_popularity: this.mean_popularity[row], tracks: this.tracks[row] } };
	}
}
