/**
 * The combined score in a browser: empty (nothing analysed, nothing defaulted), then one part (an expected-likes
 * estimate from /caption) whose percentile is the score, then two parts (a song from /music) combined as their mean,
 * a weight of 0 leaving only the other part; the sentence on what would raise it most; axe on the page.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';
import { assert_no_nan, HAYSEED, LOAD_TIMEOUT, open_music, predicted } from './helpers';

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

const number = async (test_id: string) => Number((await page.getByTestId(test_id).innerText()).replace(/,/g, ''));

test('with nothing analysed, the score says so and shows no number', async () => {
	await page.goto(`${session.site.url}score/`);
	await page.getByTestId('score-empty').waitFor({ timeout: LOAD_TIMEOUT });
	assert.equal(await page.getByTestId('combined-score').count(), 0);
	// it points to every studio whose predictions make a part
	const links = await page.getByTestId('score-empty').locator('a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	assert.deepEqual(links.map((p) => p.replace(/^.*\/(\w+)\/$/, '$1')).sort(), ['caption', 'music', 'video']);
	const line = await page.getByTestId('score-empty').locator('p').last().innerText();
	assert.doesNotMatch(line, /·\S/, `the links are set apart: "${line}"`);
});

test('one part: the expected-likes estimate, ranked against its training distribution', async () => {
	await page.goto(`${session.site.url}caption/`);
	await page.getByLabel('Followers of the account').fill('40000');
	await page.getByTestId('expected-likes').waitFor({ timeout: LOAD_TIMEOUT });
	await page.waitForTimeout(1500); // the estimate is kept once it has been shown for a second
	await page.goto(`${session.site.url}score/`);
	await page.getByTestId('combined-score').waitFor({ timeout: LOAD_TIMEOUT });
	const caption = await number('percentile-caption');
	assert.ok(caption >= 0 && caption <= 100);
	assert.equal(await number('combined-score'), caption);
	assert.match(await page.getByTestId('score-missing').innerText(), /Not analysed, so left out: Song/);
	const row = await page.locator('tr[data-part="caption"]').innerText();
	assert.match(row, /R² 0\.\d{3} ± 0\.\d{3} \(account-5fold\)/, row);
});

test('two parts: the weighted mean, adjustable, and what would raise it most', async () => {
	await open_music(page, session.site.url, `music/?track=${HAYSEED.id}`);
	await predicted(page);
	await page.waitForTimeout(900);
	await page.goto(`${session.site.url}score/`);
	await page.locator('tr[data-part="music"]').waitFor({ timeout: LOAD_TIMEOUT });
	const music = await number('percentile-music');
	const caption = await number('percentile-caption');
	const score = await number('combined-score');
	assert.ok(Math.abs(score - (music + caption) / 2) <= 1, `score ${score} is the mean of ${music} and ${caption}`);
	assert.match(await page.getByTestId('raise-most').innerText(), /would raise it most: at the top of its range it would add [\d.]+ points/);
	// a weight of 0 leaves the song alone
	const weight = page.getByLabel('Weight of Expected likes');
	await weight.focus();
	await weight.press('Home');
	await page.waitForFunction((m) => document.querySelector('[data-testid="combined-score"]')?.textContent?.trim() === String(m), Math.round(music));
	await assert_no_nan(page, '/score');
	const result = await new AxeBuilder({ page }).analyze();
	assert.deepEqual(result.violations.map((v) => v.id), []);
});

test('no console errors, no CSP violation and no request to another origin', async () => {
	assert.deepEqual(await session.csp_violations(), []);
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
