/**
 * The /music URL contract, and the validation the studio's own fields share with it.
 *
 *   /music?track=<spotify id>                 opens a track of the dataset
 *   /music?danceability=0.8&genre=pop&...     prefills "describe your own song"
 *   /music?q=<text>                           prefills the track search
 *
 * Pure: no DOM, no fetch. Every value is checked at this boundary and a bad one becomes a structured error for its
 * field (a code the UI can translate, plus an English message), never a clamp, a NaN or a throw. Fields that parsed
 * are returned even when others did not, so one typo does not discard a whole shared link.
 */
import { AUDIO_FEATURES, type AudioFeature, type FeatureSpec, type MusicInput } from '../features/music';

export type ParamErrorCode =
	| 'empty'
	| 'not_a_number'
	| 'out_of_range'
	| 'not_integer'
	| 'repeated'
	| 'too_long'
	| 'bad_boolean'
	| 'bad_duration'
	| 'unknown_genre'
	| 'too_many_genres'
	| 'bad_track_id'
	| 'unknown_artist';

export interface ParamError {
	code: ParamErrorCode;
	/** English text; translations key on `code` and reuse the fields below */
	message: string;
	min?: number | string;
	max?: number | string;
	/** the offending value, shortened for display */
	value?: string;
}

/** Fields the URL may carry besides the audio features. */
export type MusicParamField = AudioFeature | 'duration' | 'genre' | 'explicit' | 'artist' | 'track' | 'q';

export interface MusicParams {
	/** a track to open (already checked to look like a Spotify id; whether it exists is the search worker's call) */
	track: string | null;
	/** search text to prefill */
	query: string | null;
	/** the parts of "describe your own song" the URL set validly */
	input: Partial<Omit<MusicInput, 'artist'>>;
	/** artist name to look up (the record itself comes from the artist index, not from the URL) */
	artist: string | null;
	/** true when any describe-field was present, valid or not: the page then opens the describe panel */
	describes: boolean;
	errors: Partial<Record<MusicParamField, ParamError>>;
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_ARTIST_LENGTH = 200;
/** more genres than any distinct track of the dataset carries; the limit keeps a crafted URL cheap */
export const MAX_GENRES = 12;
const MAX_SHOWN = 24;

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
// Plain decimal notation only: Number() would also accept '', ' ', '0x1f', 'Infinity' and '1_0'-like surprises.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const MESSAGES: Record<ParamErrorCode, (label: string, e: ParamError) => string> = {
	empty: (label) => `${label} is empty.`,
	not_a_number: (label, e) => `${label} must be a number; “${e.value}” is not.`,
	out_of_range: (label, e) => `${label} must be between ${e.min} and ${e.max}; got ${e.value}.`,
	not_integer: (label, e) => `${label} must be a whole number; got ${e.value}.`,
	repeated: (label) => `${label} is given more than once.`,
	too_long: (label, e) => `${label} is too long (at most ${e.max} characters).`,
	bad_boolean: (label, e) => `${label} must be true or false; got “${e.value}”.`,
	bad_duration: (label, e) => `${label} must be minutes:seconds such as 3:25, or seconds; got “${e.value}”.`,
	unknown_genre: (label, e) => `${label}: “${e.value}” is not one of the model's genres.`,
	too_many_genres: (label, e) => `${label}: at most ${e.max} genres.`,
	bad_track_id: (label, e) => `${label}: “${e.value}” is not a Spotify track id (22 letters and digits).`,
	unknown_artist: (label, e) => `${label}: no artist named “${e.value}” in the data, so the song counts as by a new artist.`
};

function shorten(raw: string): string {
	return raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN)}…` : raw;
}

export function param_error(code: ParamErrorCode, label: string, extra: Omit<ParamError, 'code' | 'message'> = {}): ParamError {
	const e: ParamError = { code, message: '', ...extra };
	if (e.value !== undefined) e.value = shorten(e.value);
	e.message = MESSAGES[code](label, e);
	return e;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ParamError };

/** Validate one typed or URL-given value of an audio feature against its spec (range, integer-ness, syntax). */
export function check_feature_value(spec: FeatureSpec, raw: string): Checked<number> {
	const text = raw.trim();
	if (text === '') return { ok: false, error: param_error('empty', spec.label) };
	if (!DECIMAL.test(text)) return { ok: false, error: param_error('not_a_number', spec.label, { value: text }) };
	const value = Number(text);
	if (!Number.isFinite(value)) return { ok: false, error: param_error('not_a_number', spec.label, { value: text }) };
	if (value < spec.min || value > spec.max) {
		return { ok: false, error: param_error('out_of_range', spec.label, { min: spec.min, max: spec.max, value: text }) };
	}
	if (spec.integer && !Number.isInteger(value)) {
		return { ok: false, error: param_error('not_integer', spec.label, { value: text }) };
	}
	return { ok: true, value };
}

const DURATION_SPEC = AUDIO_FEATURES.find((f) => f.name === 'duration_ms')!;

/** "3:25", "3:05.5" or plain seconds "205" -> milliseconds, within the duration feature's range. */
export function check_duration_text(raw: string, label = DURATION_SPEC.label): Checked<number> {
	const text = raw.trim();
	if (text === '') return { ok: false, error: param_error('empty', label) };
	const m = /^(\d{1,3}):([0-5]\d(?:\.\d+)?)$/.exec(text) ?? /^()(\d{1,5}(?:\.\d+)?)$/.exec(text);
	if (!m) return { ok: false, error: param_error('bad_duration', label, { value: text }) };
	const ms = Math.round((Number(m[1] || 0) * 60 + Number(m[2])) * 1000);
	if (ms < DURATION_SPEC.min || ms > DURATION_SPEC.max) {
		return {
			ok: false,
			error: param_error('out_of_range', label, {
				min: format_duration(DURATION_SPEC.min),
				max: format_duration(DURATION_SPEC.max),
				value: text
			})
		};
	}
	return { ok: true, value: ms };
}

/** 205000 -> "3:25" (rounded to the second; durations are never negative here) */
export function format_duration(ms: number): string {
	const total = Math.round(ms / 1000);
	const s = total % 60;
	return `${Math.floor(total / 60)}:${s < 10 ? '0' : ''}${s}`;
}

export function check_boolean(raw: string, label: string): Checked<boolean> {
	const text = raw.trim().toLowerCase();
	if (['1', 'true', 'yes', 'on'].includes(text)) return { ok: true, value: true };
	if (['0', 'false', 'no', 'off'].includes(text)) return { ok: true, value: false };
	return { ok: false, error: param_error(text === '' ? 'empty' : 'bad_boolean', label, { value: raw }) };
}

/** Search text as typed or given in the URL. Empty is allowed here (it means "no search"); huge is not. */
export function check_query(raw: string, label = 'Search'): Checked<string> {
	if (raw.length > MAX_QUERY_LENGTH) return { ok: false, error: param_error('too_long', label, { max: MAX_QUERY_LENGTH }) };
	return { ok: true, value: raw.trim() };
}

/** Genres from repeated `genre=` values and/or comma-separated lists, each one of the model's genres. */
export function check_genres(values: string[], known: readonly string[], label = 'Genre'): Checked<string[]> {
	const known_set = new Set(known);
	const out: string[] = [];
	for (const v of values.flatMap((v) => v.split(','))) {
		const g = v.trim().toLowerCase();
		if (g === '') return { ok: false, error: param_error('empty', label) };
		if (!known_set.has(g)) return { ok: false, error: param_error('unknown_genre', label, { value: v.trim() }) };
		if (!out.includes(g)) out.push(g);
	}
	if (out.length > MAX_GENRES) return { ok: false, error: param_error('too_many_genres', label, { max: MAX_GENRES }) };
	return { ok: true, value: out };
}

const DESCRIBE_FIELDS = new Set<string>([...AUDIO_FEATURES.map((f) => f.name), 'duration', 'genre', 'explicit', 'artist']);

/**
 * Read /music's query string. `genres` is the model's genre vocabulary (from load_music), so an unknown genre is
 * reported rather than silently dropped. Unrelated parameters (utm_*, ...) are ignored.
 */
export function parse_music_params(params: URLSearchParams, genres: readonly string[]): MusicParams {
	const out: MusicParams = { track: null, query: null, input: {}, artist: null, describes: false, errors: {} };
	const single = (name: MusicParamField, label: string): string | null => {
		const all = params.getAll(name);
		if (all.length === 0) return null;
		if (all.length > 1) {
			out.errors[name] = param_error('repeated', label);
			return null;
		}
		return all[0];
	};

	for (const name of params.keys()) if (DESCRIBE_FIELDS.has(name)) out.describes = true;

	const track = single('track', 'Track');
	if (track !== null) {
		if (SPOTIFY_ID.test(track.trim())) out.track = track.trim();
		else out.errors.track = param_error(track.trim() === '' ? 'empty' : 'bad_track_id', 'Track', { value: track });
	}

	const q = single('q', 'Search');
	if (q !== null) {
		const r = check_query(q);
		if (r.ok) out.query = r.value;
		else out.errors.q = r.error;
	}

	for (const spec of AUDIO_FEATURES) {
		const raw = single(spec.name, spec.label);
		if (raw === null) continue;
		const r = check_feature_value(spec, raw);
		if (r.ok) out.input[spec.name] = r.value;
		else out.errors[spec.name] = r.error;
	}

	// `duration=3:25` is the human spelling of duration_ms; both at once would be ambiguous.
	const duration = single('duration', DURATION_SPEC.label);
	if (duration !== null) {
		if (params.has('duration_ms')) out.errors.duration = param_error('repeated', DURATION_SPEC.label);
		else {
			const r = check_duration_text(duration);
			if (r.ok) out.input.duration_ms = r.value;
			else out.errors.duration = r.error;
		}
	}

	if (params.has('genre')) {
		const r = check_genres(params.getAll('genre'), genres);
		if (r.ok) out.input.genres = r.value;
		else out.errors.genre = r.error;
	}

	const explicit = single('explicit', 'Explicit');
	if (explicit !== null) {
		const r = check_boolean(explicit, 'Explicit');
		if (r.ok) out.input.explicit = r.value;
		else out.errors.explicit = r.error;
	}

	const artist = single('artist', 'Artist');
	if (artist !== null) {
		const name = artist.trim();
		if (name === '') out.errors.artist = param_error('empty', 'Artist');
		else if (name.length > MAX_ARTIST_LENGTH) out.errors.artist = param_error('too_long', 'Artist', { max: MAX_ARTIST_LENGTH });
		else out.artist = name;
	}
	return out;
}

/**
 * The shortest decimal that is the same float32 as `v`. The data and the models are float32, so 0.6179999709129333
 * (float32 0.618 widened) is written "0.618": shorter links and fields, and the model sees the identical value.
 */
export function short_number(v: number): string {
	if (!Number.isFinite(v)) return String(v);
	const target = Math.fround(v);
	for (let p = 1; p <= 9; p++) {
		const text = String(Number(v.toPrecision(p)));
		if (Math.fround(Number(text)) === target) return text;
	}
	return String(v);
}

/** The inverse, for "copy a link to this song": only the describe fields, in a stable order. */
export function music_params_of(input: MusicInput, artist_name: string | null): URLSearchParams {
	const p = new URLSearchParams();
	for (const spec of AUDIO_FEATURES) {
		const v = input[spec.name];
		// tempo / time signature may be NaN (unknown in the data): leaving them out keeps the link valid.
		// duration stays in exact ms (not m:ss) so a shared link reproduces the same prediction.
		if (!Number.isFinite(v)) continue;
		p.set(spec.name, short_number(v));
	}
	for (const g of input.genres) p.append('genre', g);
	p.set('explicit', input.explicit ? 'true' : 'false');
	if (artist_name) p.set('artist', artist_name);
	return p;
}
