/**
 * The video studio as a visitor uses it, against the built site: live prediction (views, likes, dislikes, intervals,
 * drivers) that moves with the inputs and switches model when a subscriber count is given; bad input in every field
 * and in the URL; filters with match counts; retraining on a subset in the browser; batch CSV upload with bad rows,
 * download, and wrong files; history records. The last test checks for console errors and requests to other origins.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { close_browser, open_session, type Session } from './harness';
import { assert_no_nan, LOAD_TIMEOUT, screenshot, settled } from './helpers';

let session: Session;
let page: Page;
let url: string;
const files = mkdtempSync(join(tmpdir(), 'hitcast-video-e2e-'));

before(async () => {
	session = await open_session();
	page = session.page;
	url = session.site.url;
});

after(async () => {
	await session?.close();
	await close_browser();
});

const views_text = () => page.getByTestId('pred-views').innerText();
const likes_text = () => page.getByTestId('pred-likes').innerText();

async function open_video(path = 'video/') {
	await page.goto(url + path);
	await page.getByTestId('pred-views').waitFor({ timeout: LOAD_TIMEOUT });
}

test('predicts views, likes and dislikes with intervals and drivers, live', async () => {
	try {
		await open_video();
		const before_views = await settled(views_text);
		assert.match(before_views, /\d/);
		assert.match(await page.getByTestId('interval-views').innerText(), /\d.*–.*\d/);
		assert.match(await page.getByTestId('pred-dislikes').innerText(), /\d/);
		await page.getByText('Subscribers unknown').waitFor();
		await assert_no_nan(page, 'first prediction');
		// a subscriber count switches to the subscriber models and moves the figures
		await page.getByLabel('Channel subscribers').fill('5000000');
		await page.getByText('Answered by the models that know subscribers').waitFor();
		const big = await settled(views_text);
		await page.getByLabel('Channel subscribers').fill('2000');
		const small = await settled(views_text);
		assert.notEqual(big, small, 'views should follow the subscriber count');
		// drivers of likes
		await page.getByRole('button', { name: 'Likes', exact: true }).click();
		await page.getByText('Show the values as a table').click();
		await page.getByRole('cell', { name: 'Subscribers' }).first().waitFor();
		// tags as chips: Enter adds, the x removes
		await page.locator('#v-tags').fill('music video');
		await page.locator('#v-tags').press('Enter');
		await page.getByRole('button', { name: 'Remove tag music video' }).waitFor();
		await page.getByRole('button', { name: 'Remove tag music video' }).click();
		assert.equal(await page.getByRole('button', { name: 'Remove tag music video' }).count(), 0);
		await assert_no_nan(page, 'after edits');
	} catch (e) {
		await screenshot(page, 'video-predict');
		throw e;
	}
});

test('every prediction is stored in the history as a video record', async () => {
	const kinds = await page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('hitcast');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('predictions').objectStore('predictions').getAll();
					req.onsuccess = () => resolve((req.result as { kind: string }[]).map((r) => r.kind));
					req.onerror = () => reject(req.error);
				};
			})
	);
	assert.ok(kinds.filter((k) => k === 'video').length >= 2, `video records: ${kinds.join(',')}`);
});

test('bad input gets a message beside its field and nothing breaks', async () => {
	try {
		await open_video();
		const title = page.getByLabel('Title', { exact: true });
		await title.fill('');
		await page.getByText('Required.').first().waitFor();
		await page.getByTestId('fix-fields').waitFor();
		await title.fill('x'.repeat(150));
		await page.getByText('Too long: at most 100 characters.').waitFor();
		await title.fill('A fine title');
		const subs = page.getByLabel('Channel subscribers');
		for (const [value, message] of [['-5', 'Cannot be negative.'], ['lots', '“lots” is not a number.'], ['5000000000000', 'Too large: at most 1,000,000,000.']] as const) {
			await subs.fill(value);
			await page.getByText(message).waitFor();
		}
		await subs.fill('1.2M');
		await page.getByText('Answered by the models that know subscribers').waitFor();
		// hundreds of tags pasted at once
		await page.locator('#v-tags').fill(Array.from({ length: 200 }, (_, i) => `tag${i}`).join(','));
		await page.locator('#v-tags').press('Enter');
		await page.getByText(/Too many tags/).waitFor();
		await assert_no_nan(page, 'bad input');
		// a link with bad values: each is named beside its field
		await page.goto(url + 'video/?title=&category=999&country=ZZ&subscribers=-1&hour=77&date=2021-02-30');
		await page.getByTestId('url-note').waitFor({ timeout: LOAD_TIMEOUT });
		await page.getByText('Required.').first().waitFor();
		await page.getByText('“ZZ” is not one of the data\'s countries.').waitFor();
		await page.getByText('Cannot be negative.').waitFor();
		await page.getByText('Must be between 0 and 23.').waitFor();
		await page.getByText('“2021-02-30” is not a date (YYYY-MM-DD).').waitFor();
		await page.getByText('“999” is not a YouTube category.').waitFor();
		// a good link predicts what it says
		await open_video('video/?title=Official%20Trailer&tags=trailer,movie&category=1&country=GB&subscribers=300000&hour=16&date=2020-08-14');
		assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Official Trailer');
		await page.getByText('Answered by the models that know subscribers').waitFor();
		await assert_no_nan(page, 'link');
	} catch (e) {
		await screenshot(page, 'video-bad-input');
		throw e;
	}
});

test('filters show match counts and statistics; retraining on the subset reports both accuracies', async () => {
	try {
		await open_video();
		const count = () => page.getByTestId('match-count').innerText();
		const all = await settled(count);
		assert.match(all, /^14,704 of 14,704/);
		await page.locator('#f-category').selectOption({ label: 'Music' });
		const music = await settled(count);
		assert.notEqual(music, all);
		await page.locator('#f-keyword').fill('official');
		const kw = await settled(count);
		assert.notEqual(kw, music);
		await page.locator('#f-min').fill('5000');
		await page.locator('#f-max').fill('100');
		await page.getByText('The minimum is above the maximum.').waitFor();
		await page.locator('#f-max').fill('');
		await page.locator('#f-min').fill('');
		await page.locator('#f-keyword').fill('');
		await settled(count);
		await page.getByTestId('retrain').click();
		const result = page.getByTestId('retrain-result');
		await result.waitFor({ timeout: 60_000 });
		const subset_r2 = Number((await page.getByTestId('subset-r2').innerText()).replace(/[^\d.-]/g, ''));
		const general_r2 = Number((await page.getByTestId('general-r2').innerText()).replace(/[^\d.-]/g, ''));
		assert.ok(Number.isFinite(subset_r2) && subset_r2 > -1 && subset_r2 < 1, `subset R² ${subset_r2}`);
		assert.ok(Number.isFinite(general_r2) && general_r2 > -1 && general_r2 < 1, `general R² ${general_r2}`);
		assert.match(await result.innerText(), /Trained on [\d,]+ videos/);
		// a subset too small to measure honestly is refused with the reason
		await page.locator('#f-keyword').fill('zzzzqqq');
		await settled(count);
		assert.equal(await page.getByTestId('retrain').isDisabled(), true);
		await assert_no_nan(page, 'interests');
	} catch (e) {
		await screenshot(page, 'video-interests');
		throw e;
	}
});

test('batch CSV: predictions table, unreadable rows with line and reason, download; wrong files get a message', async () => {
	try {
		await open_video();
		const csv = [
			'title,tags,category,country,subscribers,publish_date,publish_hour',
			'My first vlog,vlog|daily,22,US,12000,2020-08-14,17',
			',nothing,24,US,,,',
			'"Quoted, title",a|b,Music,GB,,,',
			'Bad country,x,24,ZZ,,,',
			'Too few fields,x',
			'Negative subs,x,24,US,-4,,'
		].join('\n');
		const good = join(files, 'planned.csv');
		writeFileSync(good, csv);
		await page.locator('#batch-file').setInputFiles(good);
		await page.getByTestId('batch-summary').waitFor();
		assert.match(await page.getByTestId('batch-summary').innerText(), /^2 rows predicted, 4 rows could not be read/);
		const errors = await page.getByTestId('batch-errors').innerText();
		assert.match(errors, /Line 3: Title: Required\./);
		assert.match(errors, /Line 5: Country/);
		assert.match(errors, /Line 6: .*2 fields where the header has 7/);
		assert.match(errors, /Line 7: Channel subscribers: Cannot be negative\./);
		assert.match(await page.getByTestId('batch-table').innerText(), /Quoted, title/);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-download').click()]);
		const saved = join(files, 'out.csv');
		await download.saveAs(saved);
		const out = readFileSync(saved, 'utf8').trim().split('\n');
		assert.equal(out[0], 'line,title,views,views_low,views_high,likes,dislikes,subscribers_model');
		assert.equal(out.length, 3);
		assert.match(out[2], /^4,"Quoted, title",\d+,\d+,\d+,\d+,\d+,without$/);
		// wrong encoding (Latin-1), binary, missing columns, huge
		const latin1 = join(files, 'latin1.csv');
		writeFileSync(latin1, Buffer.from('title,category,country\nCaf\xe9,24,US\n', 'latin1'));
		await page.locator('#batch-file').setInputFiles(latin1);
		await page.getByText(/not UTF-8 text/).waitFor();
		const binary = join(files, 'pic.csv');
		writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
		await page.locator('#batch-file').setInputFiles(binary);
		await page.getByText(/not a text file/).waitFor();
		const cols = join(files, 'cols.csv');
		writeFileSync(cols, 'name,views\nx,1\n');
		await page.locator('#batch-file').setInputFiles(cols);
		await page.getByText('The header lacks the column(s): title, category, country.').waitFor();
		const huge = join(files, 'huge.csv');
		writeFileSync(huge, 'title,category,country\n' + 'A video,24,US\n'.repeat(250_000));
		await page.locator('#batch-file').setInputFiles(huge);
		await page.getByText(/; at most .* is accepted/).waitFor();
		await assert_no_nan(page, 'batch');
	} catch (e) {
		await screenshot(page, 'video-batch');
		throw e;
	}
});

test('the page has no axe violations, and fits a 390x844 phone without sideways scrolling', async () => {
	await open_video();
	await page.getByTestId('match-count').waitFor();
	const result = await new AxeBuilder({ page }).analyze();
	assert.ok(result.passes.length >= 10, `axe checked only ${result.passes.length} rules`);
	assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
	const phone = await open_session({ viewport: { width: 390, height: 844 } });
	try {
		await phone.page.goto(phone.site.url + 'video/');
		await phone.page.getByTestId('pred-views').waitFor({ timeout: LOAD_TIMEOUT });
		await phone.page.getByTestId('match-count').waitFor();
		const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		await phone.page.screenshot({ path: 'test-results/video-phone.png', fullPage: true }).catch(() => {});
		assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
		assert.deepEqual(phone.console_errors, []);
	} finally {
		await phone.close();
	}
});

test('no console errors and no requests to other origins', () => {
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
