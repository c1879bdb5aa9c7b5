/**
 * Every message exists in every language with the same parameters: a key missing in one language, or a Turkish
 * sentence that forgot {count}, fails here rather than showing a blank or a raw placeholder to a visitor.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/paths';
import { message_file, message_patterns } from '../fixtures/message_files';

type Messages = Record<string, string>;
/** each message as one text (a plural message's cases joined) */
const load = (locale: string): Messages => Object.fromEntries(Object.entries(message_patterns(locale)).map(([k, v]) => [k, v.join(' | ')]));
const params = (text: string) => [...new Set([...text.matchAll(/\{([a-zA-Z_0-9]+)\}/g)].map((m) => m[1]))].sort();

describe('message files', () => {
	const all = Object.fromEntries(LOCALES.map((l) => [l, load(l)]));
	const keys = new Set(LOCALES.flatMap((l) => Object.keys(all[l])));

	it.each(LOCALES)('%s has every message of the other languages', (locale) => {
		const missing = [...keys].filter((k) => !(k in all[locale]));
		expect(missing).toEqual([]);
	});

	it.each(LOCALES)('%s has no empty message', (locale) => {
		expect(Object.entries(all[locale]).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
	});

	it('every language uses the same parameters in each message', () => {
		const mismatched: string[] = [];
		for (const key of keys) {
			const reference = params(all.en[key] ?? '').join(',');
			for (const l of LOCALES) if (params(all[l][key] ?? '').join(',') !== reference) mismatched.push(`${l}:${key}`);
		}
		expect(mismatched).toEqual([]);
	});
});

describe('translations', () => {
	const en = load('en');
	// A sentence left in English in the Turkish or Spanish file is an untranslated message, even though the key
	// exists. Single words and short labels (Hitcast, Tempo, RMSE) may legitimately read the same.
	it.each(['tr', 'es'])('%s translates every sentence', (locale) => {
		const messages = load(locale);
		const words = (text: string) => text.replace(/\{[a-zA-Z_0-9]+\}/g, '').trim();
		const same = Object.keys(en).filter((k) => messages[k] === en[k] && /\s/.test(words(en[k])) && words(en[k]).length > 12);
		expect(same).toEqual([]);
	});
});

describe('plural forms', () => {
	// compiled by paraglide from the message files (the vite plugin compiles them when the tests start)
	const messages = () => import('../../src/lib/paraglide/messages.js');
	// `amount` picks the case; the shown number is formatted separately (Turkish keeps one form after a number)
	it.each([
		['en', ['1 week on the chart', '3 weeks on the chart'], ['1 season', '3 seasons']],
		['es', ['1 semana en la lista', '3 semanas en la lista'], ['1 temporada', '3 temporadas']],
		['tr', ['listede 1 hafta', 'listede 3 hafta'], ['1 sezon', '3 sezon']]
	] as const)('%s: a count of one reads in the singular, other counts in the plural', async (locale, weeks, seasons) => {
		const { m } = await messages();
		expect([1, 3].map((n) => m.market_weeks({ amount: n, weeks: String(n) }, { locale }))).toEqual(weeks);
		expect([1, 3].map((n) => m.catalog_seasons({ amount: n, n: String(n) }, { locale }))).toEqual(seasons);
	});

	it('every plural message has a case for one and for every other count, in each language that varies', () => {
		for (const locale of ['en', 'es']) {
			for (const [key, v] of Object.entries(message_file(locale))) {
				if (typeof v === 'string') continue;
				expect(Object.keys(v[0].match).sort(), `${locale}:${key}`).toEqual(['amountPlural=one', 'amountPlural=other']);
			}
		}
	});
});
