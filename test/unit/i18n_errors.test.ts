/**
 * Failures in the visitor's language: every error code has a sentence in English, Turkish and Spanish with its
 * parameters filled in (numbers in the language's notation); codes, parameters and detail survive the worker
 * boundary; anything that is not a coded error still gets a sentence, with its own text as the detail.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { set_locale, LOCALES, type Locale } from '../../src/lib/i18n';
import { ERROR_CODES, error_line, error_text } from '../../src/lib/i18n/errors';
import { AppError, ArtifactError, coded_fields, rebuild_coded, type ErrorCode, type ErrorParams } from '../../src/lib/runtime/errors';
import { MusicInputError } from '../../src/lib/runtime/music_input';

/** One example of each code's parameters (typed: a new code fails to compile here until it has one). */
const SAMPLE: { [C in ErrorCode]: ErrorParams[C] } = {
	download_network: { file: 'models/music_popularity.onnx' },
	download_http: { file: 'models/music_popularity.onnx', status: 404 },
	download_broken: { file: 'data/music_tracks.arrow', bytes: 1_500_000 },
	file_outdated: { file: 'data/music_tracks.arrow' },
	file_unreadable: { file: 'catalog_titles.json' },
	version_mismatch: { file: 'music_popularity.trees.bin' },
	manifest_broken: {},
	manifest_missing: { id: 'charts_chance' },
	runtime_start: {},
	worker_stopped: {},
	not_loaded: {},
	no_number: {},
	unknown_genre: { genre: 'zydeco-metal' },
	unknown_region: { region: 'xx' },
	years_reversed: {},
	bad_input: {},
	too_many_rows: { rows: 12345, max: 3000 },
	too_few_rows: { rows: 41, channels: 3 },
	no_offscreen_canvas: {},
	history_unavailable: {},
	history_full: {},
	history_blocked: {},
	offline_failed: {},
	offline_not_ready: {}
};

const coded = (code: ErrorCode) => new AppError(code, SAMPLE[code] as never, `english ${code}`);
const text_in = (locale: Locale, error: unknown) => {
	set_locale(locale);
	return error_text(error);
};

afterAll(() => set_locale('en'));

describe('error messages', () => {
	it('the mapping covers every code the sample lists, and no other', () => {
		expect([...ERROR_CODES].sort()).toEqual(Object.keys(SAMPLE).sort());
	});

	it.each(ERROR_CODES)('%s reads in every language, parameters filled in', (code) => {
		const texts = LOCALES.map((l) => text_in(l, coded(code)).text);
		for (const t of texts) {
			expect(t.trim()).not.toBe('');
			expect(t).not.toMatch(/[{}]/);
		}
		// Turkish and Spanish are their own sentences, not the English one
		expect(new Set(texts).size).toBe(LOCALES.length);
		for (const value of Object.values(SAMPLE[code])) {
			if (typeof value === 'string') for (const t of texts) expect(t).toContain(value);
		}
	});

	it('formats numbers in the language', () => {
		expect(text_in('en', coded('too_many_rows')).text).toContain('12,345');
		expect(text_in('tr', coded('too_many_rows')).text).toContain('12.345');
		expect(text_in('es', coded('too_many_rows')).text).toContain('12.345');
		expect(text_in('tr', coded('download_http')).text).toContain('HTTP 404');
	});

	it('keeps the underlying exception as an English detail', () => {
		const e = new ArtifactError('runtime_start', {}, 'Could not start the music model', 'u', new Error('no available backend found'));
		const { text, detail } = text_in('tr', e);
		expect(text).toBe('Model bu tarayıcıda başlatılamadı.');
		expect(detail).toBe('no available backend found');
		expect(error_line(e)).toBe('Model bu tarayıcıda başlatılamadı. (no available backend found)');
		expect(text_in('es', coded('no_number')).detail).toBe('');
	});

	it('words anything uncoded as a general failure with its text as the detail', () => {
		expect(text_in('es', new Error('boom'))).toEqual({ text: 'Algo salió mal.', detail: 'boom' });
		expect(text_in('tr', 'plain string')).toEqual({ text: 'Bir sorun oluştu.', detail: 'plain string' });
		expect(text_in('en', undefined).text).toBe('Something went wrong.');
		// a code this page does not know (a worker from another version)
		const foreign = new AppError('teleport_failed' as ErrorCode, {} as never, 'The teleporter broke.');
		expect(text_in('en', foreign)).toEqual({ text: 'Something went wrong.', detail: 'The teleporter broke.' });
	});

	it('a rejected music input is a coded error too', () => {
		const e = new MusicInputError({});
		expect(e).toBeInstanceOf(AppError);
		expect(text_in('es', e).text).toBe('No se pudieron leer los datos introducidos; revisa el formulario.');
	});
});

describe('across the worker boundary', () => {
	it('code, params, detail and URL survive a structured clone', () => {
		const sent = new ArtifactError('download_http', { file: 'models/x.onnx', status: 503 }, 'Could not download x: HTTP 503.', 'http://h/models/x.onnx', 'Service Unavailable');
		const wire = structuredClone({ name: sent.name, message: sent.message, url: sent.url, coded: coded_fields(sent) });
		const back = rebuild_coded(wire.name, wire.message, wire.coded, wire.url);
		expect(back).toBeInstanceOf(ArtifactError);
		expect(back).toMatchObject({ code: 'download_http', params: { file: 'models/x.onnx', status: 503 }, detail: 'Service Unavailable', url: 'http://h/models/x.onnx', message: sent.message });
		expect(text_in('en', back).text).toBe('models/x.onnx could not be downloaded: the server answered HTTP 503.');
	});

	it('an uncoded error comes back as a plain Error with its name', () => {
		const back = rebuild_coded('RangeError', 'bad', coded_fields(new RangeError('bad')), undefined);
		expect(back).not.toBeInstanceOf(AppError);
		expect(back.name).toBe('RangeError');
		expect(text_in('en', back)).toEqual({ text: 'Something went wrong.', detail: 'bad' });
	});
});
