import { describe, expect, it } from 'vitest';
import { localize_path, preferred_locale, split_locale } from '../../src/lib/i18n/paths';

describe('language-prefixed paths', () => {
	it('splits a language prefix from the page path', () => {
		expect(split_locale('/tr/music/')).toEqual({ locale: 'tr', path: '/music/' });
		expect(split_locale('/es/')).toEqual({ locale: 'es', path: '/' });
		expect(split_locale('/es')).toEqual({ locale: 'es', path: '/' });
		expect(split_locale('/music/')).toEqual({ locale: null, path: '/music/' });
		// two letters that are not a language we have stay part of the path
		expect(split_locale('/de/music/')).toEqual({ locale: null, path: '/de/music/' });
		expect(split_locale('/')).toEqual({ locale: null, path: '/' });
	});

	it('localizes a path, replacing any language already there', () => {
		expect(localize_path('/music/', 'tr')).toBe('/tr/music/');
		expect(localize_path('/tr/music/', 'es')).toBe('/es/music/');
		expect(localize_path('/', 'en')).toBe('/en/');
		expect(localize_path('music/', 'es')).toBe('/es/music/');
	});

	it('follows the remembered choice, then the browser preference list, then English', () => {
		expect(preferred_locale('es', ['tr-TR'])).toBe('es');
		expect(preferred_locale(null, ['de-DE', 'tr-TR', 'en'])).toBe('tr');
		expect(preferred_locale(null, ['ES-mx'])).toBe('es');
		expect(preferred_locale('xx', ['fr'])).toBe('en');
		expect(preferred_locale(undefined, [])).toBe('en');
	});
});
