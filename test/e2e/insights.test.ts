/**
 * The insights studio against the built site: every figure renders with data (a drawn canvas, points in its data),
 * follows the filters it names (genre for the 114k figures, the year range for the time figure, the threshold for
 * the quiet-track figure), downloads as PNG and CSV, keeps its figures when a filter is typed wrong (with a message
 * beside the field), and the model comparison shows every model of the manifest.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';
import { AxeBuilder } from '@axe-core/playwright';
import { assert_no_nan, until_changed } from './helpers';

let session: Session;
let page: Page;

const MUSIC_FIGURES = ['distribution', 'correlation', 'genres', 'speechiness', 'years', 'outliers', 'quiet'];
const GENRE_FIGURES = ['distribution', 'correlation', 'genres', 'speechiness', 'outliers', 'quiet'];
const LOAD = 60_000;

before(async () => {
	session = await open_session();
	page = session.page;
});

after(async () => {
	await session?.close();
	await close_browser();
});

const figure = (id: string) => page.getByTestId(`figure-${id}`);
const signature = (id: string) => figure(id).getAttribute('data-signature').then((s) => s ?? '');
const status = () => page.getByTestId('insights-status').innerText();
const rows_shown = () => page.getByTestId('insights-status').getAttribute('data-rows').then(Number);

/** Share of the canvas's pixels that are not plain white: a drawn chart has bars, cells or lines. */
async function ink(id: string): Promise<number> {
	return figure(id).locator('canvas').evaluate((c: HTMLCanvasElement) => {
		const ctx = c.getContext('2d')!;
		const { data } = ctx.getImageData(0, 0, c.width, c.height);
		let inked = 0;
		for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) inked++;
		return inked / (data.length / 4);
	});
}

test('every music figure renders with data', async () => {
	await page.goto(`${session.site.url}en/insights/`);
	for (const id of MUSIC_FIGURES) {
		// charts draw when they come near the viewport, as a visitor scrolls to them
		await figure(id).scrollIntoViewIfNeeded({ timeout: LOAD });
		await figure(id).locator('[data-ready="true"]').waitFor({ timeout: LOAD });
		assert.ok(Number(await figure(id).getAttribute('data-points')) > 0, `${id}: has data points`);
		assert.ok((await ink(id)) > 0.01, `${id}: the canvas is drawn`);
	}
	assert.match(await status(), /89,741 of 89,741 tracks/);
	await assert_no_nan(page, 'insights');
});

test('the genre filter changes every figure that follows it, and the row count', async () => {
	const before = Object.fromEntries(await Promise.all(GENRE_FIGURES.map(async (id) => [id, await signature(id)])));
	const years_before = await signature('years');
	await page.getByTestId('filter-genre').selectOption('k-pop');
	const n = await until_changed(rows_shown, 89741, 20_000);
	assert.ok(n > 0 && n < 5000, `k-pop is a small part: ${n} rows`);
	assert.match(await status(), /^[\d,]+ of 89,741 tracks/);
	for (const id of GENRE_FIGURES) {
		const after = await until_changed(() => signature(id), before[id], 5_000);
		assert.notEqual(after, before[id], `${id} followed the genre filter`);
		assert.ok(Number(await figure(id).getAttribute('data-points')) > 0, `${id}: still has data`);
	}
	assert.equal(await signature('years'), years_before, 'the time figure (charts data, no genres) does not claim to follow the genre');
	await page.getByTestId('filter-genre').selectOption('');
	assert.equal(await until_changed(rows_shown, n, 20_000), 89741);
});

test('the year range changes the time figure; the threshold changes the quiet-track figure', async () => {
	const years_before = await signature('years');
	await page.getByTestId('filter-year-from').fill('2019');
	const years_after = await until_changed(() => signature('years'), years_before, 20_000);
	assert.notEqual(years_after, years_before, 'years followed the range');
	const csv = await download_text('years', 'csv');
	const years = csv.trim().split('\r\n').slice(1).map((l) => Number(l.split(',')[0]));
	assert.ok(years.length > 0 && years.every((y) => y >= 2019), `only 2019 on: ${years.join(' ')}`);

	const quiet_before = await page.getByTestId('quiet-counts').innerText();
	await page.getByTestId('filter-quiet').fill('-10');
	const quiet_after = await until_changed(() => page.getByTestId('quiet-counts').innerText(), quiet_before, 20_000);
	assert.notEqual(quiet_after, quiet_before);
	assert.ok(Number(quiet_after.match(/([\d,]+) removed/)![1].replace(/,/g, '')) > Number(quiet_before.match(/([\d,]+) removed/)![1].replace(/,/g, '')), `a louder threshold removes more: ${quiet_before} -> ${quiet_after}`);
	await page.getByTestId('filter-quiet').fill('-30');
	await page.getByTestId('filter-year-from').fill('2016');
});

test('a wrongly typed year gets a message beside the field and the figures stay', async () => {
	const before = await signature('years');
	await page.getByTestId('filter-year-to').fill('20x1');
	assert.match(await page.getByTestId('year-error').innerText(), /Enter two years between 2016 and 2021/);
	assert.equal(await page.getByTestId('filter-year-to').getAttribute('class').then((c) => /is-invalid/.test(c ?? '')), true);
	await new Promise((r) => setTimeout(r, 500));
	assert.ok(Number(await figure('years').getAttribute('data-points')) > 0, 'the time figure keeps its data');
	await page.getByTestId('filter-year-to').fill('2018');
	await page.getByTestId('filter-year-from').fill('2020');
	assert.match(await page.getByTestId('year-error').innerText(), /must not come after/);
	await page.getByTestId('filter-year-from').fill('2016');
	await page.getByTestId('filter-year-to').fill('2021');
	await until_changed(() => page.getByTestId('year-error').innerText(), '');
	void before;
	await assert_no_nan(page, 'insights after bad input');
});

async function download_text(id: string, kind: 'csv' | 'png'): Promise<string> {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${id}-${kind}`).click()]);
	const path = await d.path();
	return readFileSync(path!, kind === 'csv' ? 'utf8' : 'latin1');
}

test('each figure downloads as PNG and as CSV of its data', async () => {
	for (const id of MUSIC_FIGURES) {
		const csv = await download_text(id, 'csv');
		const lines = csv.trim().split('\r\n');
		assert.ok(lines.length >= 2, `${id}.csv has a header and rows`);
		assert.ok(!/NaN|undefined/.test(csv), `${id}.csv has no NaN`);
		const png = await download_text(id, 'png');
		assert.ok(png.startsWith('\x89PNG'), `${id}.png is a PNG`);
	}
	const dist = (await download_text('distribution', 'csv')).trim().split('\r\n');
	assert.equal(dist[0], 'bin_from,bin_to,tracks');
	assert.equal(dist.slice(1).reduce((s, l) => s + Number(l.split(',')[2]), 0), 89741, 'the histogram counts every track');
});

test('the model comparison shows every model of the manifest with baselines and references', async () => {
	const manifest = await page.evaluate(async () => (await fetch(new URL('../../models/manifest.json', location.href))).json());
	for (const model of manifest.models as { id: string }[]) {
		const card = page.getByTestId(`figure-model-${model.id}`);
		await card.scrollIntoViewIfNeeded({ timeout: LOAD });
		await card.locator('[data-ready="true"]').waitFor({ timeout: LOAD });
		assert.ok(Number(await card.getAttribute('data-points')) > 0, `${model.id}: has bars`);
	}
	const charts = page.getByTestId('figure-model-charts_chance');
	const text = await charts.innerText();
	for (const method of ['base rate', 'logistic regression', 'Hitcast untuned', 'Hitcast (tuned, shipped)', 'Reference (XGBoost)']) assert.ok(text.includes(method), `chart model compared with ${method}`);
	const before = await charts.getAttribute('data-signature');
	await page.getByLabel('Chart depth').selectOption('top50');
	assert.notEqual(await until_changed(() => charts.getAttribute('data-signature'), before), before, 'the Top-50 comparison is another set of figures');
});

test('the page has no axe violations and fits a phone screen', async () => {
	const result = await new AxeBuilder({ page }).analyze();
	assert.ok(result.passes.length >= 10, 'axe ran');
	assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.waitForTimeout(300);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow} px too wide)`);
	assert.ok((await ink('distribution')) > 0.01, 'figures redrawn at phone width');
	await page.setViewportSize({ width: 1280, height: 900 });
});

test('no console errors and no request to another origin', () => {
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
