import type { Reroute } from '@sveltejs/kit';
import { base } from '$app/paths';
import { split_locale } from '$lib/i18n/paths';

/** /tr/music/ renders the /music/ route; the layout reads the language from the URL. */
export const reroute: Reroute = ({ url }) => {
	if (!url.pathname.startsWith(base)) return;
	const { locale, path } = split_locale(url.pathname.slice(base.length) || '/');
	if (locale) return `${base}${path}`;
};
