/**
 * The catalogue studio in a real browser: the four queries by form, a shareable URL that restores a query, a
 * prerendered JSON answer fetched with a plain GET (equal to the typed module's answer), bad input and tampered
 * URLs answered beside their fields, corrupted stored ratings reported without losing the good ones, and rating
 * films to get recommendations with the server stopped and the browser offline.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { close_browser, open_session, type Session } from './harness';
import { screenshot } from './helpers';
import { CatalogQueries } from '../../src/lib/catalog/queries';
import { load_catalog, type CatalogShard } from '../../src/lib/catalog/shard';

const LOAD = 60_000;
let session: Session;
const queries = new CatalogQueries(load_catalog(JSON.parse(readFileSync('static/data/catalog_titles.json', 'utf8')) as CatalogShard));

before(async () => {
	session = await open_session();
});

after(async () => {
	await session?.close();
	await close_browser();
});

async function open_catalog(page: Page, search = ''): Promise<void> {
	await page.goto(`${session.site.url}en/catalog/${search}`);
	await page.locator('#q-ask').waitFor({ timeout: LOAD });
}

const answer = (page: Page) => page.locator('#q-text').innerText({ timeout: 20_000 });

test('a query by form answers, puts itself in the URL and shows its JSON', async () => {
	const { page } = session;
	await open_catalog(page);
	await page.selectOption('#q-name', 'count_platform');
	await page.fill('#q-platform', 'N');
	await page.click('#q-ask');
	const want = queries.get_count_platform('netflix');
	const text = await answer(page);
	assert.match(text, /Netflix has 8,807 titles/);
	assert.ok(text.includes(want.movies.toLocaleString('en-US')), text);
	assert.match(page.url(), /q=count_platform&platform=N/);
	await page.click('#q-json-tab');
	const json = JSON.parse(await page.locator('#q-json').innerText());
	assert.deepEqual(json, want);
});

test('a shared URL restores the query and its answer', async () => {
	const { page } = session;
	await open_catalog(page, '?q=actor&platform=d&year=2019');
	const want = queries.get_actor('d', 2019);
	assert.ok(want.actor);
	const text = await answer(page);
	assert.ok(text.includes(want.actor!), `${text} / ${want.actor}`);
	assert.equal(await page.inputValue('#q-platform'), 'd');
	assert.equal(await page.inputValue('#q-year'), '2019');
	await open_catalog(page, '?q=max_duration&platform=hulu&duration_type=season');
	const longest = queries.get_max_duration(null, 'hulu', 'season').longest[0].title!;
	assert.ok((await answer(page)).includes(longest.title));
});

test('a JSON answer is a static file: a plain GET returns what the typed module computes', async () => {
	const base = session.site.url;
	for (const [path, want] of [
		['api/catalog/count_platform/netflix.json', queries.get_count_platform('netflix')],
		['api/catalog/score_count/amazon/3.5/2015.json', queries.get_score_count('amazon', 3.5, 2015)],
		['api/catalog/actor/netflix/2019.json', queries.get_actor('netflix', 2019)],
		['api/catalog/max_duration/any/any/any.json', queries.get_max_duration()]
	] as const) {
		const response = await fetch(base + path);
		assert.equal(response.status, 200, path);
		assert.match(response.headers.get('content-type') ?? '', /json/);
		assert.deepEqual(await response.json(), JSON.parse(JSON.stringify(want)), path);
	}
	// the page names the file of the question on screen
	const { page } = session;
	await open_catalog(page, '?q=score_count&platform=a&scored=3.5&year=2015');
	await answer(page);
	assert.match(await page.locator('#q-static-json').getAttribute('href') ?? '', /api\/catalog\/score_count\/amazon\/3\.5\/2015\.json$/);
});

test('bad input and tampered URLs get messages beside their fields, and no crash', async () => {
	const { page } = session;
	await open_catalog(page, '?q=score_count&platform=xbox&scored=lots&year=1800');
	await page.locator('#q-platform-msg.invalid-feedback').waitFor({ timeout: 20_000 });
	assert.match(await page.locator('#q-platform-msg').innerText(), /Unknown platform "xbox".*netflix\/n/);
	assert.match(await page.locator('#q-scored-msg').innerText(), /"lots" is not a number/);
	assert.match(await page.locator('#q-year-msg').innerText(), /1800 is outside the catalogue's release years/);
	assert.equal(await page.locator('#q-answer').count(), 0);
	// fixing the fields gives an answer
	await page.fill('#q-platform', 'amazon');
	await page.fill('#q-scored', '4');
	await page.fill('#q-year', '2010');
	await page.click('#q-ask');
	assert.match(await answer(page), /films released in 2010 on Amazon Prime Video/);
	await open_catalog(page, '?q=drop_tables&x=1');
	assert.match(await page.getByRole('alert').first().innerText(), /unknown question \("drop_tables"\)/);
	await open_catalog(page, '?q=actor&platform=h&year=2019&secret=1');
	assert.match(await page.getByRole('alert').first().innerText(), /does not take \("secret"\)/);
	assert.ok(!(await page.content()).includes('NaN'));
});

test('the page is accessible (axe) with an answer, ratings and recommendations on screen, and fits a phone', async () => {
	const { page } = session;
	await open_catalog(page, '?q=actor&platform=n&year=2019');
	await answer(page);
	await page.fill('#rate-search', 'Toy Story');
	await page.locator('#rate-results li select').first().selectOption('4.5');
	await page.locator('#recs li').first().waitFor({ timeout: 20_000 });
	await page.fill('#like-search', 'Stranger Things');
	await page.locator('#like-results button').first().click();
	await page.locator('#like-list li').first().waitFor({ timeout: 20_000 });
	const result = await new AxeBuilder({ page }).analyze();
	assert.ok(result.passes.length >= 10, `axe checked only ${result.passes.length} rules`);
	const shot = await screenshot(page, 'catalog-desktop');
	assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], `screenshot ${shot}`);
	await page.setViewportSize({ width: 390, height: 844 });
	const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
	await screenshot(page, 'catalog-phone');
	assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.click('#clear-ratings');
});

test('corrupted stored ratings are reported and the good ones kept', async () => {
	const { page } = session;
	await open_catalog(page);
	await page.evaluate(() => new Promise<void>((resolve, reject) => {
		const open = indexedDB.open('hitcast-catalog', 1);
		open.onupgradeneeded = () => open.result.createObjectStore('ratings', { keyPath: 'movielens_id' });
		open.onsuccess = () => {
			const tx = open.result.transaction('ratings', 'readwrite');
			tx.objectStore('ratings').put({ movielens_id: 1, rating: 4.5, time: 1 });
			tx.objectStore('ratings').put({ movielens_id: 2, rating: 'great' });
			tx.objectStore('ratings').put({ movielens_id: 3, rating: 99 });
			tx.oncomplete = () => { open.result.close(); resolve(); };
			tx.onerror = () => reject(tx.error);
		};
		open.onerror = () => reject(open.error);
	}));
	await open_catalog(page);
	await page.locator('#rec-corrupt').waitFor({ timeout: 20_000 });
	assert.match(await page.locator('#rec-corrupt').innerText(), /2 stored ratings could not be read/);
	assert.match(await page.locator('#my-ratings').innerText(), /Toy Story/);
	await page.locator('#recs').waitFor({ timeout: 20_000 });
	await page.getByRole('button', { name: 'Remove the unreadable records' }).click();
	await page.locator('#rec-corrupt').waitFor({ state: 'detached' });
	await page.click('#clear-ratings');
	await page.locator('#my-ratings').waitFor({ state: 'detached' });
});

test('offline: rate films and get recommendations that exclude them and say why', async () => {
	const { page, site, context } = session;
	await open_catalog(page);
	const status = await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return new Promise<{ type: string; ready?: boolean; message?: string }>((resolve) => {
			const channel = new MessageChannel();
			channel.port1.onmessage = (event) => { if (event.data.type !== 'progress') resolve(event.data); };
			registration.active!.postMessage({ type: 'make-available-offline' }, [channel.port2]);
		});
	});
	assert.equal(status.ready, true, status.message);
	await site.close();
	await context.setOffline(true);
	await page.goto(`${site.url}en/catalog/`);
	await page.locator('#rate-search').waitFor({ timeout: LOAD });
	for (const [title, rating] of [['Toy Story', '5'], ['Finding Nemo', '4.5'], ['Saw', '1']] as const) {
		await page.fill('#rate-search', title);
		const first = page.locator('#rate-results li').first();
		await first.waitFor({ timeout: 20_000 });
		await first.locator('select').selectOption(rating);
	}
	await page.locator('#recs li').first().waitFor({ timeout: 20_000 });
	const recs = await page.locator('#recs').innerText();
	assert.match(recs, /Because you rated/);
	assert.doesNotMatch(recs, /^Toy Story \(1995\)$/m);
	// limited to Disney+: every recommendation streams there
	await page.check('#plat-disney');
	await page.waitForFunction(() => [...document.querySelectorAll('#recs li')].every((li) => li.textContent!.includes('Disney+')), null, { timeout: 20_000 });
	assert.match(await page.locator('#rec-ms').innerText(), /Updated in .* from 3 ratings/);
	assert.deepEqual(session.foreign_requests, []);
});
