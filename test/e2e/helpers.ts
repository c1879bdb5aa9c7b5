/**
 * What the browser tests share beyond the harness: tracks known to be in the data, waiting for the music studio to
 * be ready, reading a prediction off the page, and checks that the page shows no NaN.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** "Bohemian Rhapsody" by Hayseed Dixie (bluegrass, one genre): the only track by this artist with that title. */
export const HAYSEED = { id: '7sqVeKB8wgYnztqWvKRYr3', title: 'Bohemian Rhapsody', artist: 'Hayseed Dixie', genre: 'bluegrass' };
/** "Comedy" by Gen Hoshino, the first row of the 114k dataset. */
export const COMEDY = { id: '5SuOikwiRyPMVoIQDJUgSV', title: 'Comedy', artist: 'Gen Hoshino' };

/** Loading 33 MB of model and catalogue plus onnxruntime start-up; generous for a busy 2-core machine. */
export const LOAD_TIMEOUT = 30_000;

export const SEARCH_LABEL = 'Search tracks by title or artist';

/** Open a /music URL (path relative to the site root, e.g. 'music/?track=...') and wait until the studio is ready. */
export async function open_music(page: Page, site_url: string, path = 'music/'): Promise<void> {
	await page.goto(site_url + path);
	await page.getByLabel(SEARCH_LABEL).waitFor({ timeout: LOAD_TIMEOUT });
}

/** The predicted popularity shown on the page, once it is there; asserts it is a number in 0-100. */
export async function predicted(page: Page): Promise<number> {
	const el = page.getByTestId('predicted-popularity').first();
	await el.waitFor({ timeout: LOAD_TIMEOUT });
	const text = (await el.innerText()).trim();
	const value = Number(text);
	assert.ok(Number.isFinite(value) && value >= 0 && value <= 100, `predicted popularity shown as “${text}”`);
	return value;
}

/** No NaN, undefined or Infinity anywhere in the visible text or in an accessible label of the page. */
export async function assert_no_nan(page: Page, where: string): Promise<void> {
	const found = await page.evaluate(() => {
		const bad = /\b(NaN|undefined|Infinity)\b/;
		const hits: string[] = [];
		const text = document.body.innerText;
		for (const line of text.split('\n')) if (bad.test(line)) hits.push(line.trim());
		for (const el of document.querySelectorAll('[aria-label],[aria-valuetext],[title]')) {
			for (const attr of ['aria-label', 'aria-valuetext', 'title']) {
				const v = el.getAttribute(attr);
				if (v && bad.test(v)) hits.push(`${attr}="${v}"`);
			}
		}
		return hits;
	});
	assert.deepEqual(found, [], `${where}: the page shows ${found.join(' | ')}`);
}

/** Wait until `read` returns something different from `before` (polling, since the UI updates asynchronously). */
export async function until_changed<T>(read: () => Promise<T>, before: T, timeout = 10_000): Promise<T> {
	const t0 = Date.now();
	for (;;) {
		const now = await read();
		if (now !== before) return now;
		if (Date.now() - t0 > timeout) return now;
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** Where a failing test leaves its evidence. */
export async function screenshot(page: Page, name: string): Promise<string> {
	const path = `test-results/${name}.png`;
	await page.screenshot({ path, fullPage: true }).catch(() => {});
	return path;
}

/** Read until two reads `gap` ms apart agree (an asynchronous update has landed), then return that value. */
export async function settled<T>(read: () => Promise<T>, gap = 300, timeout = 10_000): Promise<T> {
	const t0 = Date.now();
	let last = await read();
	for (;;) {
		await new Promise((r) => setTimeout(r, gap));
		const now = await read();
		if (now === last || Date.now() - t0 > timeout) return now;
		last = now;
	}
}
