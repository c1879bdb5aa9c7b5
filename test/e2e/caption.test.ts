/**
 * The caption studio in a browser: the honest statement with the measured figures, traits of a caption with emoji,
 * hashtags and right-to-left text placed against the reference groups, the 2,200-character counter, follower
 * validation and expected likes with an interval; the own-account import (a good file, a file with bad rows, a
 * malformed file); a picture measured in the worker (a generated PNG with known brightness) and a refused file (a PDF
 * named .png); accessibility (axe) on the page; no console error, no request to another origin.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';
import { assert_no_nan, LOAD_TIMEOUT, screenshot } from './helpers';
import { encode_png } from '../fixtures/png';

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

const trait = (name: string) => page.getByTestId(`trait-${name}`).innerText();

test('the page states what captions add across accounts, with the measured figure', async () => {
	await page.goto(`${session.site.url}caption/`);
	const statement = page.getByTestId('honest-statement');
	await statement.waitFor({ timeout: LOAD_TIMEOUT });
	const text = await statement.innerText();
	assert.match(text, /does not predict likes across accounts/);
	assert.match(text, /changed R² by [+−]\d\.\d{3} \(ridge\)/, text);
	await page.getByTestId('picture-no-prediction').waitFor();
});

test('a caption with emoji, hashtags, a mention and Arabic text is measured and placed', async () => {
	await page.getByLabel('Caption (hashtags and mentions included)').fill('Morning light 👩🏽‍💻🇹🇷\nمرحبا بالعالم؟\nLink in bio! #sunrise #güneş @friend.one');
	await page.getByTestId('traits-table').waitFor({ timeout: LOAD_TIMEOUT });
	await page.waitForFunction(() => document.querySelector('[data-testid="trait-hashtags"]')?.textContent?.trim() === '2');
	assert.equal(await trait('emoji'), '2');
	assert.equal(await trait('mentions'), '1');
	assert.equal(await trait('line_breaks'), '2');
	assert.equal(await trait('questions'), '1');
	assert.equal(await trait('calls_to_action'), '1');
	const row = await page.locator('tr[data-trait="hashtags"]').innerText();
	assert.match(row, /median \d+; yours at percentile \d+ · [\d,]+ posts/, row);
	assert.match(row, /accounts/);
	assert.match(await page.getByTestId('caption-counter').innerText(), /^\d+ of 2,200 characters$/);
});

test('past 2,200 characters the counter says so, and nothing is cut', async () => {
	const long = 'ab🙂'.repeat(800);
	await page.getByLabel('Caption (hashtags and mentions included)').fill(long);
	await page.waitForFunction(() => document.querySelector('[data-testid="caption-counter"]')?.textContent?.includes('2,400'));
	await page.getByTestId('caption-warning').waitFor();
	assert.match(await page.getByTestId('caption-warning').innerText(), /Instagram allows 2,200 characters; this caption has 2,400/);
	assert.equal((await page.getByLabel('Caption (hashtags and mentions included)').inputValue()).length, long.length);
	await page.getByLabel('Caption (hashtags and mentions included)').fill('Short again #one');
});

test('followers are checked beside the field; a valid count gives expected likes with an interval', async () => {
	const followers = page.getByLabel('Followers of the account');
	await followers.fill('12.5');
	assert.match(await page.getByTestId('followers-error').innerText(), /whole number/);
	await followers.fill('lots');
	assert.match(await page.getByTestId('followers-error').innerText(), /not a number of followers/);
	await followers.fill('25,000');
	assert.equal(await page.getByTestId('followers-error').innerText(), '');
	const expected = page.getByTestId('expected-likes');
	await expected.waitFor();
	const card = await page.locator('section').filter({ has: page.getByRole('heading', { name: 'Expected likes' }) }).innerText();
	assert.match(card, /80% of posts land between [\d.,K]+ and [\d.,K]+\./, card);
	assert.match(card, /R² 0\.\d{3} ± 0\.\d{3} on accounts the model never saw/);
	const small = await expected.innerText();
	await followers.fill('2500000');
	await page.waitForFunction((before) => document.querySelector('[data-testid="expected-likes"]')?.textContent?.trim() !== before, small);
	await assert_no_nan(page, '/caption with an estimate');
});

function account_csv(rows: number): string {
	const lines = ['caption,likes,date'];
	for (let i = 0; i < rows; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
		lines.push(`"Post ${i}${i % 3 === 0 ? ' — what do you think?' : ''} #photo",${200 + ((i * 37) % 150)},2024-${month}-${day}`);
	}
	return lines.join('\n') + '\n';
}

test('your own account: a good file is analysed with the number of posts it rests on', async () => {
	await page.getByLabel('Post history file (CSV or JSON)').setInputFiles({ name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(account_csv(40)) });
	await page.getByTestId('account-basis').waitFor({ timeout: LOAD_TIMEOUT });
	assert.match(await page.getByTestId('account-basis').innerText(), /This rests on 40 of your posts/);
	assert.match(await page.getByTestId('account-model').innerText(), /tested on 5 held-out stretches of time/);
	assert.equal(await page.getByTestId('account-table').locator('tbody tr').count(), 9);
});

test('your own account: bad rows are listed with their line, a malformed file is refused with the reason', async () => {
	const text = account_csv(12) + '"bad likes",many,2024-02-01\n"bad date",5,01/02/2024\n';
	await page.getByLabel('Post history file (CSV or JSON)').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
	await page.getByTestId('account-row-errors').waitFor();
	const errors = await page.getByTestId('account-row-errors').innerText();
	assert.match(errors, /Line 14: "many" is not a count of likes/);
	assert.match(errors, /Line 15: "01\/02\/2024" is not a date as YYYY-MM-DD/);
	assert.match(await page.getByTestId('account-summary').innerText(), /12 posts read; 2 rows refused/);
	await page.getByLabel('Post history file (CSV or JSON)').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('text,count\nhello,3\n') });
	await page.getByTestId('account-file-error').waitFor();
	assert.match(await page.getByTestId('account-file-error').innerText(), /wrong\.csv was not imported\.[\s\S]*missing: caption, likes, date/);
});

test('a picture is measured in the worker; a file that is not an image is refused with the reason', async () => {
	// left half black, right half white: brightness 50%, strong contrast; 1080 x 1350 is the 4:5 portrait format
	const png = encode_png(108, 135, (x) => (x < 54 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
	await page.getByLabel('or choose an image file').setInputFiles({ name: 'halves.png', mimeType: 'image/png', buffer: png });
	await page.getByTestId('picture-measures').waitFor({ timeout: LOAD_TIMEOUT });
	assert.match(await page.getByTestId('picture-brightness').innerText(), /^50%: balanced\./);
	assert.match(await page.getByTestId('picture-format').innerText(), /Aspect ratio 0\.80:1, closest to a portrait feed post \(4:5\)\. The feed shows it whole\./);
	const measures = await page.getByTestId('picture-measures').innerText();
	assert.match(measures, /108 × 135 pixels, PNG/);
	assert.match(measures, /#000000/);
	assert.match(measures, /#ffffff/);
	await page.getByLabel('or choose an image file').setInputFiles({ name: 'report.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n') });
	await page.getByTestId('picture-refused').waitFor();
	assert.match(await page.getByTestId('picture-refused').innerText(), /report\.png was not analysed\.[\s\S]*This is a PDF file; only PNG, JPEG, GIF and WebP/);
	await assert_no_nan(page, '/caption after a picture');
});

test('the caption page passes axe and works on a phone', async () => {
	const result = await new AxeBuilder({ page }).analyze();
	if (result.violations.length) {
		const shot = await screenshot(page, 'a11y-caption');
		assert.fail(`axe: ${result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')} (${shot})`);
	}
	await page.setViewportSize({ width: 390, height: 844 });
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
	await page.setViewportSize({ width: 1280, height: 900 });
});

test('no console errors, no CSP violation and no request to another origin', async () => {
	assert.deepEqual(await session.csp_violations(), []);
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
