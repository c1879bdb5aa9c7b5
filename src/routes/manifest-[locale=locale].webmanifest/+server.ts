/**
 * The web app manifest, once per language (manifest-tr.webmanifest...): the installed app's name, description and
 * start page follow the language the visitor installed it from. Prerendered as static files.
 */
import { m } from '$lib/paraglide/messages.js';
import { LOCALES, type Locale } from '$lib/i18n/paths';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;
export const trailingSlash = 'never';

export const entries: EntryGenerator = () => LOCALES.map((locale) => ({ locale }));

const ICONS = [
	{ src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
	{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
	{ src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
	{ src: 'icons/maskable.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
	{ src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
	{ src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
];

export const GET: RequestHandler = ({ params }) => {
	const locale = params.locale as Locale;
	const manifest = {
		name: m.app_name({}, { locale }),
		short_name: m.app_name({}, { locale }),
		description: m.app_description({}, { locale }),
		lang: locale,
		// one installed app whichever language it was installed from; it opens in that language
		id: './',
		start_url: `./${locale}/`,
		scope: './',
		display: 'standalone',
		orientation: 'any',
		theme_color: '#5b21b6',
		background_color: '#ffffff',
		categories: ['music', 'productivity', 'utilities'],
		icons: ICONS
	};
	return new Response(JSON.stringify(manifest, null, '\t'), { headers: { 'content-type': 'application/manifest+json' } });
};
