import { redirect } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { base } from '$app/paths';
import { BASE_LOCALE, href, preferred_locale, remembered_locale, set_locale, split_locale } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// Every page is prerendered to a static file. 'always' writes music/index.html rather than music.html, which every
// static host serves at /music/ without rewrite rules, also under a base path (GitHub Pages project sites).
export const prerender = true;
export const trailingSlash = 'always';

export const load: LayoutLoad = ({ url }) => {
	const { locale, path } = split_locale(url.pathname.slice(base.length) || '/');
	// An unprefixed address (an old link, the bare site root) forwards to the visitor's language, keeping its query;
	// without JavaScript it stays the English page it was prerendered as.
	if (browser && locale === null) {
		const target = preferred_locale(remembered_locale(), navigator.languages ?? [navigator.language]);
		redirect(307, href(path, target) + location.search + location.hash);
	}
	const active = locale ?? BASE_LOCALE;
	set_locale(active);
	return { locale: active, path };
};
