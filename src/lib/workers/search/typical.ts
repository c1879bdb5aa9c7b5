/**
 * A typical song of a genre (or of the whole dataset): the median of every audio feature over its tracks, as a
 * starting point for "describe your own song". Integer features take the rounded median so the input stays valid.
 */
import { AUDIO_FEATURES, type MusicInput } from '../../core/features/music';
import type { TrackStore } from './tracks';

function median(values: Float64Array): number {
	const sorted = values.filter((v) => !Number.isNaN(v)).sort();
	const n = sorted.length;
	if (n === 0) return NaN;
	return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function pick(column: ArrayLike<number>, rows: Int32Array | null): Float64Array {
	if (!rows) return Float64Array.from(column);
	const out = new Float64Array(rows.length);
	for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]];
	return out;
}

export function typical_input(store: TrackStore, rows: Int32Array | null, genre: string | undefined): MusicInput {
	const input = {} as MusicInput;
	AUDIO_FEATURES.forEach((spec, j) => {
		let m = median(pick(store.audio[j], rows));
		if (spec.integer || spec.name === 'duration_ms') m = Math.round(m);
		// keep the starting point inside the slider's range even if the data strays outside it
		input[spec.name] = Number.isNaN(m) ? NaN : Math.min(spec.max, Math.max(spec.min, m));
	});
	let explicit = 0;
	const chosen = pick(store.explicit, rows);
	for (const v of chosen) if (v === 1) explicit++;
	input.explicit = explicit * 2 > chosen.length;
	input.genres = genre ? [genre] : [];
	// a described song is by a new artist until the visitor picks one
	input.artist = null;
	return input;
}
