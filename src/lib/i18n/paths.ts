/**
 * Language-prefixed URLs, pure (no DOM): every page exists once per language under /<locale>/..., so a shared link
 * opens in the language it was shared in and search engines see each language. The unprefixed paths are the English
 * pages too, for visitors without JavaScript; with it, they forward to the visitor's language.
 */
export const LOCALES = ['en', 'tr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';

/** What each language calls itself, for the switcher (always shown in its own language). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', tr: 'Türkçe', es: 'Español' };

export function is_locale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Split a pathname (without the site's base path) into its language and the rest:
 * '/tr/music/' -> { locale: 'tr', path: '/music/' }; '/music/' -> { locale: null, path: '/music/' }.
 */
export function split_locale(pathname: string): { locale: Locale | null; path: string } {
	const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
	if (match && is_locale(match[1])) return { locale: match[1], path: match[2] ?? '/' };
	return { locale: null, path: pathname };
}

/** '/music/' in Turkish -> '/tr/music/' (any language prefix already there is replaced). */
export function localize_path(path: string, locale: Locale): string {
	const rest = split_locale(path.startsWith('/') ? path : `/${path}`).path;
	return `/${locale}${rest}`;
}

/**
 * The visitor's language from what they chose before, else their browser's preference list (first supported
 * language wins, 'tr-TR' counts as 'tr'), else English.
 */
export function preferred_locale(remembered: string | null | undefined, languages: readonly string[]): Locale {
	if (is_locale(remembered)) return remembered;
	for (const tag of languages) {
		const primary = tag.toLowerCase().split('-')[0];
		if (is_locale(primary)) return primary;
	}
	return BASE_LOCALE;
}
