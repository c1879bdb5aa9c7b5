/**
 * A phone-sized viewport (390x844, the size of a current iPhone): the music studio fits the width (no sideways
 * scrolling) while loading, with a track, and while describing a song; the navigation collapses behind a toggler
 * that opens and closes it; a prediction is visible on screen; the other pages fit the width as well.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';
import { HAYSEED, open_music, predicted, screenshot } from './helpers';

const WIDTH = 390;
let session: Session;
let page: Page;

before(async () => {
	session = await open_session({ viewport: { width: WIDTH, height: 844 } });
	page = session.page;
});

after(async () => {
	await session?.close();
	await close_browser();
});

async function assert_fits(where: string) {
	const { scroll, widest } = await page.evaluate(() => {
		const scroll = document.scrollingElement!.scrollWidth;
		// name the element that sticks out, so a failure says where to look
		let widest = '';
		let right = window.innerWidth;
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			let clipped = false;
			for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
				if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowX)) clipped = true;
			}
			if (!clipped && r.right > right + 0.5 && getComputedStyle(el).position !== 'fixed') {
				right = r.right;
				widest = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} (right edge ${Math.round(r.right)})`;
			}
		}
		return { scroll, widest };
	});
	if (scroll > WIDTH) {
		const shot = await screenshot(page, `mobile-overflow-${where}`);
		assert.fail(`${where}: the page is ${scroll}px wide on a ${WIDTH}px screen; widest: ${widest} (screenshot ${shot})`);
	}
}

test('the music studio fits a 390px-wide screen and shows a prediction', async () => {
	await open_music(page, session.site.url, `music/?track=${HAYSEED.id}`);
	const value = await predicted(page);
	const shown = page.getByTestId('predicted-popularity').first();
	await shown.scrollIntoViewIfNeeded();
	assert.ok(await shown.isVisible(), `the prediction (${value}) is visible`);
	const box = (await shown.boundingBox())!;
	assert.ok(box.x >= 0 && box.x + box.width <= WIDTH, `the prediction lies within the screen: ${JSON.stringify(box)}`);
	await page.getByTestId('similar-songs').waitFor();
	await assert_fits('track');
});

test('describing a song fits the screen too, with the prediction kept in view', async () => {
	await page.getByRole('button', { name: 'Describe a song like this' }).click();
	await page.getByTestId('describe-view').waitFor();
	await predicted(page);
	// the sliders fill the screen; a bar fixed to the bottom keeps the current prediction in sight
	const bar = page.locator('.fixed-bottom').filter({ hasText: /Predicted \d+ · hit score \d+/ });
	await bar.waitFor({ state: 'visible' });
	await page.getByRole('slider', { name: 'Energy' }).scrollIntoViewIfNeeded();
	assert.ok(await bar.isVisible(), 'the prediction bar stays visible while the sliders are in view');
	await assert_fits('describe');
	// the 5,000-character search is reported, not laid out as a 5,000-character line
	await page.getByLabel('Search tracks by title or artist').fill('w'.repeat(5000));
	await page.locator('#track-search-error').waitFor();
	await assert_fits('long-search');
});

test('a shared link to a described song opens on the song, below the search', async () => {
	await open_music(page, session.site.url, 'music/?danceability=0.8&energy=0.7&genre=pop');
	await predicted(page);
	await page.waitForFunction(() => document.activeElement?.id === 'describe-heading', null, { timeout: 5_000 });
	// scrolled smoothly or at once: wait until the heading has arrived at the top of the screen
	await page.waitForFunction(() => Math.abs(document.getElementById('describe-heading')!.getBoundingClientRect().top) < 120, null, { timeout: 5_000 });
	assert.ok(await page.getByRole('slider', { name: 'Danceability' }).isVisible(), 'the sliders follow the heading');
});

test('the navigation toggler opens and closes the menu, and its links work', async () => {
	const toggler = page.getByRole('button', { name: 'Toggle navigation' });
	const monitor = page.getByRole('navigation').getByRole('link', { name: 'Monitor', exact: true });
	assert.ok(await toggler.isVisible(), 'a toggler on a phone');
	assert.equal(await toggler.getAttribute('aria-expanded'), 'false');
	assert.equal(await monitor.isVisible(), false, 'links hidden while collapsed');
	await toggler.click();
	await monitor.waitFor({ state: 'visible' });
	assert.equal(await toggler.getAttribute('aria-expanded'), 'true');
	await toggler.click();
	await monitor.waitFor({ state: 'hidden' });
	assert.equal(await toggler.getAttribute('aria-expanded'), 'false');
	await toggler.click();
	await monitor.click();
	await page.waitForURL(/\/monitor\/?$/);
	await page.getByRole('heading', { level: 1, name: 'Monitor' }).waitFor();
	await monitor.waitFor({ state: 'hidden' });
	assert.equal(await toggler.getAttribute('aria-expanded'), 'false', 'the menu closes after following a link');
});

test('the monitor, about and home pages fit the screen too', async () => {
	await page.getByRole('heading', { name: 'Models' }).waitFor();
	await page.locator('article.card').first().waitFor();
	await assert_fits('monitor');
	await page.goto(`${session.site.url}about/`);
	await page.getByRole('heading', { level: 1 }).waitFor();
	await assert_fits('about');
	await page.goto(session.site.url);
	await page.getByRole('heading', { level: 1 }).waitFor();
	await assert_fits('home');
});

test('no console errors and no request to another origin', async () => {
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
