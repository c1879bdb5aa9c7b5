/**
 * Every message exists in every language with the same parameters: a key missing in one language, or a Turkish
 * sentence that forgot {count}, fails here rather than showing a blank or a raw placeholder to a visitor.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/paths';

type Messages = Record<string, string>;
const load = (locale: string): Messages => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
	return messages;
};
const params = (text: string) => [...text.matchAll(/\{([a-zA-Z_0-9]+)\}/g)].map((m) => m[1]).sort();

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
