import type { Handle } from '@sveltejs/kit';
import { base } from '$app/paths';
import { BASE_LOCALE, split_locale } from '$lib/i18n/paths';

/** The right `lang` on every prerendered page: /tr/... pages say lang="tr". */
export const handle: Handle = ({ event, resolve }) => {
	const locale = split_locale(event.url.pathname.slice(base.length) || '/').locale ?? BASE_LOCALE;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%hitcast.lang%', locale) });
};
