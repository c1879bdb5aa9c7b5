/**
 * Spotify's genre tags as labels (src/lib/i18n/genres.ts): every tag with a message reads in Turkish and Spanish,
 * English keeps the tag exactly as the data writes it, a tag without a message shows as written (marked as data),
 * and select options keep the tag as value and sort by the label in the page's language.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { set_locale } from '../../src/lib/i18n';
import { TRANSLATED_GENRES, genre_is_data, genre_label, genre_options } from '../../src/lib/i18n/genres';

type Messages = Record<string, string>;
const load = (locale: string): Messages => JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
const key = (tag: string) => `genre_${tag.replace(/-/g, '_')}`;

afterAll(() => set_locale('en'));

describe('genre labels', () => {
	it('every message-backed tag has English, Turkish and Spanish text, and English is the tag itself', () => {
		const en = load('en'), tr = load('tr'), es = load('es');
		for (const tag of TRANSLATED_GENRES) {
			expect(en[key(tag)], tag).toBe(tag);
			expect(tr[key(tag)]?.trim(), `tr ${tag}`).toBeTruthy();
			expect(es[key(tag)]?.trim(), `es ${tag}`).toBeTruthy();
			// a message exists because one of the languages names the genre differently from the data
			expect(tr[key(tag)] !== tag || es[key(tag)] !== tag, `${tag} needs no message`).toBe(true);
		}
	});

	it('no genre message is left without a tag in the module', () => {
		const keys = Object.keys(load('en')).filter((k) => /^genre_/.test(k) && !/^genre_picker_/.test(k));
		expect(keys.sort()).toEqual(TRANSLATED_GENRES.map(key).sort());
	});

	it('the tags of the music model are all covered: a message or the tag itself', () => {
		// the manifest is built by training; the module never reads it, the test only checks the list when present
		let manifest: string;
		try {
			manifest = readFileSync('static/models/manifest.json', 'utf8');
		} catch {
			return;
		}
		const tags = [...new Set([...manifest.matchAll(/"genre=([^"]+)"/g)].map((x) => x[1]))];
		expect(tags.length).toBeGreaterThan(100);
		for (const tag of TRANSLATED_GENRES) expect(tags, `${tag} is a genre of the data`).toContain(tag);
		set_locale('en');
		for (const tag of tags) expect(genre_label(tag)).toBe(tag);
	});

	it('labels follow the language; a tag without a message is its own label, marked as data', () => {
		set_locale('tr');
		expect(genre_label('acoustic')).toBe('akustik');
		expect(genre_label('world-music')).toBe('dünya müziği');
		expect(genre_is_data('acoustic')).toBe(false);
		expect(genre_label('k-pop')).toBe('k-pop');
		expect(genre_is_data('k-pop')).toBe(true);
		expect(genre_label('zydeco-metal')).toBe('zydeco-metal');
		expect(genre_is_data('zydeco-metal')).toBe(true);
		expect(genre_label('constructor')).toBe('constructor');
		set_locale('es');
		expect(genre_label('sad')).toBe('triste');
		expect(genre_label('rock')).toBe('rock');
		set_locale('en');
		expect(genre_label('sad')).toBe('sad');
	});

	it('options keep the tag as value and sort by the label with the language’s collation', () => {
		set_locale('es');
		const es = genre_options(['sad', 'acoustic', 'rock', 'children']);
		expect(es.map((o) => o.label)).toEqual(['acústica', 'infantil', 'rock', 'triste']);
		expect(es.map((o) => o.value)).toEqual(['acoustic', 'children', 'rock', 'sad']);
		expect(es.map((o) => o.data)).toEqual([false, false, true, false]);
		set_locale('tr');
		// Turkish order: ç after c, ı before i, ş after s
		const tr = genre_options(['children', 'comedy', 'sad', 'study', 'salsa']);
		expect(tr.map((o) => o.label)).toEqual(['çocuk şarkıları', 'ders çalışma', 'hüzünlü', 'komedi', 'salsa']);
		set_locale('en');
		expect(genre_options(['sad', 'acoustic', 'k-pop']).map((o) => o.label)).toEqual(['acoustic', 'k-pop', 'sad']);
	});
});
