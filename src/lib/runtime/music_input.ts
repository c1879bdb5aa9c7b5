/**
 * The worker boundary's check of a MusicInput. Whatever reaches predict or similar comes from sliders, URLs or stored
 * history, so every field is checked again here: a bad one becomes a message for its field, never a NaN in the output.
 * Pure (no DOM), so the UI can run the same check synchronously before sending.
 */
import { AUDIO_FEATURES, type ArtistRecord, type MusicInput } from '../core/features/music';
import type { ModelEntry } from '../core/manifest';
import { MAX_GENRES, param_error, type ParamError } from '../core/music/params';
import { AppError } from './errors';

export type MusicInputField = (typeof AUDIO_FEATURES)[number]['name'] | 'explicit' | 'genre' | 'artist' | 'input';

export type MusicInputErrors = Partial<Record<MusicInputField, ParamError>>;

export type CheckedInput = { ok: true; value: MusicInput } | { ok: false; errors: MusicInputErrors };

/** Rejected input, carrying one message per field so the page can show each beside its control. */
export class MusicInputError extends AppError<'bad_input'> {
	constructor(readonly fields: MusicInputErrors) {
		super('bad_input', {}, Object.values(fields).map((e) => e?.message).join(' '));
		this.name = 'MusicInputError';
	}
}

// The data writes "unmeasured" as 0 for tempo, time signature and duration (one track); the app carries it as NaN
// (or null after JSON), and the model was trained with those gaps.
const MAY_BE_MISSING = new Set(['tempo', 'time_signature', 'duration_ms']);

/**
 * Check `raw` and return a clean copy. `genres` is the model's vocabulary; pass null to skip that check (reading
 * stored history, whose model may have had another vocabulary).
 */
export function check_music_input(raw: unknown, genres: readonly string[] | null): CheckedInput {
	if (raw === null || typeof raw !== 'object') {
		return { ok: false, errors: { input: param_error('empty', 'Song description') } };
	}
	const source = raw as Record<string, unknown>;
	const errors: MusicInputErrors = {};
	const value = {} as MusicInput;

	for (const spec of AUDIO_FEATURES) {
		const v = source[spec.name];
		if ((v === null || (typeof v === 'number' && Number.isNaN(v))) && MAY_BE_MISSING.has(spec.name)) {
			value[spec.name] = NaN;
			continue;
		}
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			errors[spec.name] = param_error(v === undefined || v === null ? 'empty' : 'not_a_number', spec.label, { value: String(v) });
		} else if (v < spec.min || v > spec.max) {
			errors[spec.name] = param_error('out_of_range', spec.label, { min: spec.min, max: spec.max, value: String(v) });
		} else if (spec.integer && !Number.isInteger(v)) {
			errors[spec.name] = param_error('not_integer', spec.label, { value: String(v) });
		} else {
			value[spec.name] = v;
		}
	}

	if (typeof source.explicit === 'boolean') value.explicit = source.explicit;
	else errors.explicit = param_error('bad_boolean', 'Explicit', { value: String(source.explicit) });

	const genres_raw = source.genres;
	if (!Array.isArray(genres_raw) || genres_raw.some((g) => typeof g !== 'string')) {
		errors.genre = param_error('empty', 'Genre');
	} else {
		const known = genres ? new Set(genres) : null;
		const picked: string[] = [];
		for (const g of genres_raw as string[]) {
			if (known && !known.has(g)) {
				errors.genre = param_error('unknown_genre', 'Genre', { value: g });
				break;
			}
			if (!picked.includes(g)) picked.push(g);
		}
		if (picked.length > MAX_GENRES) errors.genre = param_error('too_many_genres', 'Genre', { max: MAX_GENRES });
		value.genres = picked;
	}

	const artist = check_artist(source.artist);
	if (artist.ok) value.artist = artist.value;
	else errors.artist = artist.error;

	return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

function check_artist(raw: unknown): { ok: true; value: ArtistRecord | null } | { ok: false; error: ParamError } {
	if (raw === null || raw === undefined) return { ok: true, value: null };
	if (typeof raw !== 'object') return { ok: false, error: param_error('not_a_number', 'Artist', { value: String(raw) }) };
	const { mean_popularity, tracks } = raw as Record<string, unknown>;
	if (typeof mean_popularity !== 'number' || !Number.isFinite(mean_popularity) || mean_popularity < 0 || mean_popularity > 100) {
		return { ok: false, error: param_error('out_of_range', "Artist's mean popularity", { min: 0, max: 100, value: String(mean_popularity) }) };
	}
	// A record rests on at least one other recording; without any, the artist is unknown (null).
	if (typeof tracks !== 'number' || !Number.isInteger(tracks) || tracks < 1) {
		return { ok: false, error: param_error('out_of_range', "Artist's track count", { min: 1, max: 'any', value: String(tracks) }) };
	}
	// Other numeric fields of the record (a newer ArtistRecord may carry more of them) pass through unchanged, so the
	// feature encoder sees them; null (NaN after JSON) stays missing. Anything else is dropped.
	const value: Record<string, number> = { mean_popularity, tracks };
	for (const [key, v] of Object.entries(raw as Record<string, unknown>).slice(0, 32)) {
		if (key in value) continue;
		if (typeof v === 'number') value[key] = v;
		else if (v === null) value[key] = NaN;
	}
	return { ok: true, value: value as unknown as ArtistRecord };
}

/** Throwing form for the workers: the message names every bad field. */
export function require_music_input(raw: unknown, genres: readonly string[] | null): MusicInput {
	const checked = check_music_input(raw, genres);
	if (!checked.ok) throw new MusicInputError(checked.errors);
	return checked.value;
}

/** Genre vocabulary of a music model, in vector order, from its "genre=<g>" feature names. */
export function genres_of(model: ModelEntry): string[] {
	return model.input.features.filter((f) => f.startsWith('genre=')).map((f) => f.slice('genre='.length));
}
