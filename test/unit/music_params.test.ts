import { describe, expect, it } from 'vitest';
import { AUDIO_FEATURES, type MusicInput } from '../../src/lib/core/features/music';
import {
	MAX_GENRES,
	MAX_QUERY_LENGTH,
	check_duration_text,
	check_feature_value,
	check_query,
	format_duration,
	music_params_of,
	parse_music_params,
	short_number
} from '../../src/lib/core/music/params';

const GENRES = ['pop', 'dance', 'hip-hop', 'r-n-b', 'acoustic'];
const parse = (qs: string) => parse_music_params(new URLSearchParams(qs), GENRES);
const spec = (name: string) => AUDIO_FEATURES.find((f) => f.name === name)!;

describe('parse_music_params', () => {
	it('reads a valid describe link', () => {
		const r = parse('danceability=0.8&energy=.5&loudness=-7.25&key=5&mode=1&tempo=120&duration=3:25&genre=pop&genre=Dance&explicit=true&artist=Dua%20Lipa');
		expect(r.errors).toEqual({});
		expect(r.describes).toBe(true);
		expect(r.input).toEqual({
			danceability: 0.8, energy: 0.5, loudness: -7.25, key: 5, mode: 1, tempo: 120,
			duration_ms: 205_000, genres: ['pop', 'dance'], explicit: true
		});
		expect(r.artist).toBe('Dua Lipa');
		expect(r.track).toBeNull();
	});

	it('opens a track by id and does not switch to describing', () => {
		const r = parse('track=5SuOikwiRyPMVoIQDJUgSV');
		expect(r).toMatchObject({ track: '5SuOikwiRyPMVoIQDJUgSV', describes: false, errors: {} });
	});

	it('rejects a malformed track id with a message, not a throw', () => {
		const r = parse('track=../../etc/passwd');
		expect(r.track).toBeNull();
		expect(r.errors.track?.code).toBe('bad_track_id');
		expect(r.errors.track?.message).toMatch(/not a Spotify track id/);
	});

	it('reports out-of-range values instead of clamping them', () => {
		const r = parse('danceability=1.5&loudness=-80');
		expect(r.input.danceability).toBeUndefined();
		expect(r.input.loudness).toBeUndefined();
		expect(r.errors.danceability).toMatchObject({ code: 'out_of_range', min: 0, max: 1, value: '1.5' });
		expect(r.errors.danceability?.message).toBe('Danceability must be between 0 and 1; got 1.5.');
		expect(r.errors.loudness?.code).toBe('out_of_range');
		expect(r.describes).toBe(true);
	});

	it.each(['abc', 'NaN', 'Infinity', '0x1f', '1,5', '1e', ' ', '--1', '1.2.3'])('rejects the malformed number %j', (raw) => {
		const r = parse(`energy=${encodeURIComponent(raw)}`);
		expect(r.input.energy).toBeUndefined();
		expect(['not_a_number', 'empty']).toContain(r.errors.energy?.code);
		expect(r.errors.energy?.message).not.toMatch(/NaN$/);
	});

	it('rejects fractions for integer features', () => {
		const r = parse('key=2.5&mode=0.5&time_signature=4');
		expect(r.errors.key?.code).toBe('not_integer');
		expect(r.errors.mode?.code).toBe('not_integer');
		expect(r.input.time_signature).toBe(4);
	});

	it('keeps the valid fields when others are bad', () => {
		const r = parse('danceability=0.3&energy=oops');
		expect(r.input.danceability).toBe(0.3);
		expect(Object.keys(r.errors)).toEqual(['energy']);
	});

	it('flags a value given twice rather than picking one', () => {
		const r = parse('valence=0.1&valence=0.9');
		expect(r.input.valence).toBeUndefined();
		expect(r.errors.valence?.code).toBe('repeated');
	});

	it('reports an unknown or empty genre', () => {
		expect(parse('genre=polka').errors.genre).toMatchObject({ code: 'unknown_genre', value: 'polka' });
		expect(parse('genre=').errors.genre?.code).toBe('empty');
		expect(parse('genre=pop,hip-hop').input.genres).toEqual(['pop', 'hip-hop']);
	});

	it('limits the number of genres', () => {
		const many = Array.from({ length: MAX_GENRES + 1 }, (_, i) => `g${i}`);
		const r = parse_music_params(new URLSearchParams(many.map((g) => `genre=${g}`).join('&')), many);
		expect(r.errors.genre?.code).toBe('too_many_genres');
	});

	it('parses explicit and rejects other words', () => {
		expect(parse('explicit=0').input.explicit).toBe(false);
		expect(parse('explicit=YES').input.explicit).toBe(true);
		expect(parse('explicit=maybe').errors.explicit?.code).toBe('bad_boolean');
	});

	it('validates the search text: huge is refused, empty means no search', () => {
		expect(parse(`q=${'a'.repeat(MAX_QUERY_LENGTH + 1)}`).errors.q?.code).toBe('too_long');
		expect(parse('q=').query).toBe('');
		expect(parse('q=%20daft%20punk%20').query).toBe('daft punk');
	});

	it('refuses duration and duration_ms together, and bad durations', () => {
		expect(parse('duration=3:00&duration_ms=180000').errors.duration?.code).toBe('repeated');
		expect(parse('duration=3:75').errors.duration?.code).toBe('bad_duration');
		const d = spec('duration_ms');
		expect(parse(`duration=${(d.min - 1000) / 1000}`).errors.duration?.code).toBe('out_of_range');
		expect(parse(`duration_ms=${d.max + 1}`).errors.duration_ms?.code).toBe('out_of_range');
	});

	it('shortens a huge offending value in the message', () => {
		const r = parse(`tempo=${'9'.repeat(5000)}`);
		expect(r.errors.tempo!.message.length).toBeLessThan(200);
	});

	it('ignores unrelated parameters', () => {
		expect(parse('utm_source=x&ref=y')).toMatchObject({ describes: false, errors: {}, input: {} });
	});
});

describe('field checks shared with the studio inputs', () => {
	it('accepts the spec bounds and rejects just outside', () => {
		for (const f of AUDIO_FEATURES) {
			expect(check_feature_value(f, String(f.min)).ok).toBe(true);
			expect(check_feature_value(f, String(f.max)).ok).toBe(true);
			expect(check_feature_value(f, String(f.max + 1)).ok).toBe(false);
		}
	});

	it('parses durations as m:ss or seconds', () => {
		expect(check_duration_text('3:25')).toEqual({ ok: true, value: 205_000 });
		expect(check_duration_text('205')).toEqual({ ok: true, value: 205_000 });
		expect(check_duration_text('').ok).toBe(false);
		expect(format_duration(205_000)).toBe('3:25');
		expect(format_duration(61_499)).toBe('1:01');
		expect(check_feature_value(spec('duration_ms'), String(spec('duration_ms').min - 1)).ok).toBe(false);
	});

	it('refuses huge search text', () => {
		expect(check_query('x'.repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
		expect(check_query('x'.repeat(MAX_QUERY_LENGTH + 1)).ok).toBe(false);
	});
});

describe('music_params_of', () => {
	it('round-trips through parse_music_params, leaving unknown tempo out', () => {
		const input: MusicInput = {
			danceability: 0.676, energy: 0.461, key: 1, loudness: -6.746, mode: 0, speechiness: 0.143, acousticness: 0.0322,
			instrumentalness: 1.01e-6, liveness: 0.358, valence: 0.715, tempo: NaN, time_signature: 4, duration_ms: 230_666,
			explicit: false, genres: ['acoustic', 'pop'], artist: null
		};
		const p = music_params_of(input, 'Gen Hoshino');
		expect(p.has('tempo')).toBe(false);
		const r = parse_music_params(p, GENRES);
		expect(r.errors).toEqual({});
		const { tempo: _t, artist: _a, ...rest } = input;
		expect(r.input).toEqual(rest);
		expect(r.artist).toBe('Gen Hoshino');
	});
});

describe('short_number', () => {
	it('writes float32 values the way the data wrote them, without changing the float32', () => {
		for (const v of [0.618, 0.29, -6.764, 0.0484, 118.051, 1.01e-6, 0.5, 4, 211578]) {
			const wide = Math.fround(v);
			const text = short_number(wide);
			expect(Math.fround(Number(text))).toBe(wide);
			expect(Number(text)).toBe(v);
		}
	});
});
