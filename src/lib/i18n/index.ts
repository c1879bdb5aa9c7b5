/**
 * The active language, for paraglide's messages and for number formatting. The root layout's load sets it from the
 * URL before anything renders; pages never read it from anywhere else. Prerendering runs one page at a time
 * (svelte.config.js pins concurrency to 1), so a module variable is enough on the server too.
 */
import { base } from '$app/paths';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { BASE_LOCALE, localize_path, type Locale } from './paths';

export { BASE_LOCALE, LOCALES, LOCALE_NAMES, is_locale, split_locale, localize_path, preferred_locale, type Locale } from './paths';

let current: Locale = BASE_LOCALE;
overwriteGetLocale(() => current);

export function set_locale(locale: Locale): void {
	current = locale;
}

export function get_locale(): Locale {
	return current;
}

/**
 * An internal link in the current language, under the site's base path: href('/music/') -> '/tr/music/'.
 * `path` is an app path with its trailing slash ('/', '/music/'); a query string or hash may follow.
 */
export function href(path: string, locale: Locale = current): string {
	return `${base}${localize_path(path, locale)}`;
}

/** localStorage key of the language the visitor chose with the switcher */
export const LOCALE_STORAGE_KEY = 'hitcast.locale';

export function remembered_locale(): string | null {
	try {
		return localStorage.getItem(LOCALE_STORAGE_KEY);
	} catch {
		return null; // storage blocked: the browser's preference decides
	}
}

export function remember_locale(locale: Locale): void {
	try {
		localStorage.setItem(LOCALE_STORAGE_KEY, locale);
	} catch {
		// storage blocked: the choice holds for this page only, which is all we can do
	}
}
