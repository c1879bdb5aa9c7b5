/**
 * Hitcast in English, Turkish and Spanish, checked on the built pages: every page has the right `lang` and shows no
 * text that is not in that language's messages (data values such as titles and artists are marked translate="no";
 * numbers, units and symbols are allowed); the switcher keeps the page and its state, and the choice is remembered;
 * numbers follow the language; a failure in a worker is worded in the page language.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { message_patterns } from '../fixtures/message_files';
import type { Page } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';
import { HAYSEED, LOAD_TIMEOUT, predicted, screenshot } from './helpers';

const LOCALES = ['en', 'tr', 'es'] as const;

let session: Session;
let page: Page;

before(async () => {
	session = await open_session();
	page = session.page;
});

after(async () => {
	await session?.close();
	await close_browser();
});

/** Each message as a pattern: literal text with `{param}` matching anything; longest first so sentences win over words. */
function text_patterns(locale: string): string[] {
	const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return Object.values(message_patterns(locale))
		.flat() // every case of a plural message
		.flatMap((text) => text.split('|')) // list messages (pitch names) hold several labels
		.map((text) => text.trim())
		.filter((text) => text.length > 0)
		.sort((a, b) => b.length - a.length)
		// whole words only ("E" as a pitch name must not eat the E of "English"); a parameter runs to a word's end
		// (a parameter that ends the message takes the rest of the text: it is a value such as an album name)
		.map((text) => {
			const parts = text.split(/\{[a-zA-Z_0-9]+\}/).map(escape);
			const tail = parts.at(-1) === '' ? '[\\s\\S]+' : '';
			const body = (tail ? parts.slice(0, -1) : parts).join('[\\s\\S]+?');
			return `(?<![\\p{L}])${body}${tail}${tail ? '' : '(?![\\p{L}])'}`;
		});
}

/**
 * Visible text and accessible labels on the page that no message accounts for. The checker runs in the page as
 * plain JavaScript source: tsx would otherwise wrap its inner functions in a helper the page does not have.
 */
const FIND_OUTSIDE = `(patterns) => {
	const regexes = patterns.map((p) => new RegExp(p, 'gu'));
	const whole = patterns.map((p) => new RegExp('^(?:' + p + ')$', 'u'));
	// what may remain once messages are taken out: numbers, punctuation, symbols, units
	const allowed = /^[\\s\\d.,:;!?%+\\-−–—()[\\]/·×…|•°#'"“”«»‘’→←↑↓✓✗★☆♯♭±≈<>=~*&@^_]*(?:\\s*(?:ms|s|KB|MB|GB|B|BPM|dB|R²|RMSE|MAE|AUC|PSI|Spearman|px|Hz|min|k|K|M|Mn|B|mil|bin)(?![\\p{L}])[\\s\\d.,:;%()+\\-−–—/·×…]*)*$/u;
	const leftovers = [];
	const check = (text, where) => {
		let rest = text.replace(/\\s+/g, ' ').trim();
		if (!rest) return;
		// one message that is the whole text, else take messages out longest first
		if (whole.some((r) => r.test(rest))) return;
		for (const r of regexes) rest = rest.replace(r, ' ');
		if (!allowed.test(rest)) leftovers.push(where + ': “' + text.trim().slice(0, 120) + '” (left: “' + rest.trim().slice(0, 60) + '”)');
	};
	// dates are written by Intl in the page's language (<time>); data values and identifiers carry translate="no"
	const skipped = (el) => !el || !!el.closest('[translate="no"], time, script, style, noscript, template, svg, [hidden]');
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const el = node.parentElement;
		if (skipped(el)) continue;
		const hidden_visually = !el.offsetParent && getComputedStyle(el).position !== 'fixed';
		if (hidden_visually && !el.closest('.visually-hidden, details')) continue;
		check(node.textContent || '', el.tagName.toLowerCase());
	}
	for (const el of document.body.querySelectorAll('[aria-label],[placeholder],[title],[alt],[aria-valuetext]')) {
		if (el.closest('[translate="no"]')) continue;
		for (const attr of ['aria-label', 'placeholder', 'title', 'alt', 'aria-valuetext']) {
			const v = el.getAttribute(attr);
			if (v) check(v, el.tagName.toLowerCase() + '[' + attr + ']');
		}
	}
	check(document.title, 'title');
	return leftovers;
}`;

async function strings_outside_messages(locale: string): Promise<string[]> {
	return page.evaluate(`(${FIND_OUTSIDE})(${JSON.stringify(text_patterns(locale))})`);
}

async function assert_all_translated(locale: string, name: string) {
	assert.equal(await page.getAttribute('html', 'lang'), locale, `${name}: lang attribute`);
	const outside = await strings_outside_messages(locale);
	if (outside.length) {
		const shot = await screenshot(page, `i18n-${locale}-${name}`);
		assert.fail(`${name} (${locale}) shows ${outside.length} string(s) outside the messages (screenshot ${shot}):\n${outside.slice(0, Number(process.env.I18N_SHOW ?? 25)).join('\n')}`);
	}
}

for (const locale of LOCALES) {
	test(`${locale}: every page shows only ${locale} messages and data`, async () => {
		await page.goto(`${session.site.url}${locale}/`);
		await page.locator('main h1').waitFor();
		await assert_all_translated(locale, 'home');

		await page.goto(`${session.site.url}${locale}/music/?track=${HAYSEED.id}`);
		await predicted(page);
		await page.getByTestId('contributions').first().waitFor({ timeout: LOAD_TIMEOUT }).catch(() => {});
		// the market panel (chart chances) below the similar songs, once its model has answered
		await page.getByTestId('market-similar').waitFor({ timeout: LOAD_TIMEOUT });
		await assert_all_translated(locale, 'music');

		await page.goto(`${session.site.url}${locale}/insights/`);
		await page.getByTestId('figure-quiet').scrollIntoViewIfNeeded({ timeout: LOAD_TIMEOUT * 2 });
		await page.locator('[data-testid="figure-quiet"] [data-ready="true"]').waitFor({ timeout: LOAD_TIMEOUT * 2 });
		await assert_all_translated(locale, 'insights');
		// the video and catalogue sections load as they near the screen
		for (const [section, last] of [['video', 'video-subscribers'], ['catalog', 'catalog-series']]) {
			await page.getByTestId(`section-${section}`).scrollIntoViewIfNeeded({ timeout: LOAD_TIMEOUT });
			await page.getByTestId(`figure-${last}`).scrollIntoViewIfNeeded({ timeout: LOAD_TIMEOUT * 2 });
			await page.locator(`[data-testid="figure-${last}"] [data-ready="true"]`).waitFor({ timeout: LOAD_TIMEOUT * 2 });
		}
		await assert_all_translated(locale, 'insights (video and catalogue)');

		// the other studios in their first state (each waits for its page's own content)
		for (const studio of ['video', 'catalog', 'caption', 'score']) {
			await page.goto(`${session.site.url}${locale}/${studio}/`);
			await page.locator('main h1').waitFor();
			await page.waitForTimeout(1500);
			await assert_all_translated(locale, studio);
		}

		await page.goto(`${session.site.url}${locale}/monitor/`);
		await page.locator('main h1').waitFor();
		await page.waitForTimeout(500);
		await assert_all_translated(locale, 'monitor');

		await page.goto(`${session.site.url}${locale}/about/`);
		await page.locator('main h1').waitFor();
		await page.waitForTimeout(500);
		await assert_all_translated(locale, 'about');
	});
}

test('a failure in a worker reads in the page language', async () => {
	for (const [locale, expected] of [
		['tr', 'models/gone.trees.bin dosyası indirilemedi: sunucu HTTP 404 yanıtını verdi.'],
		['es', 'No se pudo descargar models/gone.trees.bin: el servidor respondió con HTTP 404.']
	] as const) {
		// a fresh profile, so no service worker answers from its cache; its manifest names a file the server does not
		// have, and the inference worker's download fails with HTTP 404
		const fresh = await open_session();
		try {
			await fresh.context.route(/models\/manifest\.json/, async (route) => {
				const response = await route.fetch();
				const json = (await response.json()) as { models: { id: string; trees_file?: string }[] };
				json.models.find((x) => x.id === 'music_popularity')!.trees_file = 'gone.trees.bin';
				await route.fulfill({ response, json });
			});
			await fresh.page.goto(`${fresh.site.url}${locale}/music/`);
			const shown = fresh.page.getByTestId('load-error');
			await shown.waitFor({ timeout: LOAD_TIMEOUT });
			assert.equal((await shown.innerText()).trim(), expected);
			// nothing else on the page is left in English either
			const outside = await fresh.page.evaluate(`(${FIND_OUTSIDE})(${JSON.stringify(text_patterns(locale))})`);
			assert.deepEqual(outside, []);
		} finally {
			// the service worker may still be fetching the manifest through the route: let that request go quietly
			// (an in-flight route.fetch on a closing context rejects after the test, which fails the file)
			await fresh.context.unrouteAll({ behavior: 'ignoreErrors' });
			await fresh.close();
		}
	}
});

test('the switcher keeps the page and its query, and the choice is remembered', async () => {
	await page.goto(`${session.site.url}en/music/?track=${HAYSEED.id}`);
	await predicted(page);
	await page.getByRole('link', { name: 'Türkçe' }).click();
	await page.waitForURL(/\/tr\/music\/\?track=/);
	assert.equal(await page.getAttribute('html', 'lang'), 'tr');
	await predicted(page);
	// an unprefixed address now opens in Turkish, whatever the browser prefers
	await page.goto(session.site.url);
	await page.waitForURL(/\/tr\/$/);
	assert.equal(await page.getAttribute('html', 'lang'), 'tr');
});

test('a shared link opens in its own language even when the visitor chose another', async () => {
	// the previous test remembered Turkish
	await page.goto(`${session.site.url}es/about/`);
	await page.locator('main h1').waitFor();
	assert.match(page.url(), /\/es\/about\/$/);
	assert.equal(await page.getAttribute('html', 'lang'), 'es');
});

test('numbers follow the language: decimal comma in Turkish and Spanish', async () => {
	const r2_text = async (locale: string) => {
		await page.goto(`${session.site.url}${locale}/monitor/`);
		const cell = page.getByTestId('metric-r2').first();
		await cell.waitFor({ timeout: LOAD_TIMEOUT });
		return /^[\d.,]+/.exec((await cell.innerText()).trim())?.[0] ?? '';
	};
	const en = await r2_text('en');
	const tr = await r2_text('tr');
	const es = await r2_text('es');
	assert.match(en, /^0\.\d+/, `English R² “${en}”`);
	assert.equal(tr.replace(',', '.'), en, `Turkish R² “${tr}” is the English figure with a decimal comma`);
	assert.match(tr, /^0,\d+/);
	assert.match(es, /^0,\d+/);
});

test('on a desktop-sized screen the navigation stays one line in every language, with the offline control shown', async () => {
	// the narrowest width with the links laid out (bootstrap's xl); the offline control appears after hydration, and a
	// second line would push the whole page down at that moment
	await page.setViewportSize({ width: 1200, height: 800 });
	try {
		for (const locale of LOCALES) {
			await page.goto(`${session.site.url}${locale}/insights/`);
			await page.locator('.navbar .offline-compact > *').first().waitFor({ timeout: LOAD_TIMEOUT });
			const height = await page.locator('.navbar').evaluate((nav) => nav.getBoundingClientRect().height);
			assert.ok(height < 70, `${locale}: the navigation is ${height} px tall`);
		}
	} finally {
		await page.setViewportSize({ width: 1280, height: 900 });
	}
});
