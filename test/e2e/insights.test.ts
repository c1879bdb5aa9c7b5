/**
 * The insights studio against the built site: every figure renders with data (a drawn canvas, points in its data),
 * follows the filters it names (genre for the 114k figures, the year range for the time figure, the threshold for
 * the quiet-track figure; category, country and years for the video figures; platform and years for the catalogue
 * figures), downloads as PNG and CSV, keeps its figures when a filter is typed wrong (with a message beside the
 * field), and the model comparison shows every model of the manifest. The video and catalogue data (the video rows
 * and catalogue titles shards; never the catalogue CSV download) are fetched only when their sections come near the
 * screen.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { fromArrow } from 'arquero';
import { close_browser, open_session, type Session } from './harness';
import { AxeBuilder } from '@axe-core/playwright';
import { assert_no_nan, until_changed } from './helpers';

let session: Session;
let page: Page;

const MUSIC_FIGURES = ['distribution', 'correlation', 'genres', 'speechiness', 'years', 'outliers', 'quiet'];
const GENRE_FIGURES = ['distribution', 'correlation', 'genres', 'speechiness', 'outliers', 'quiet'];
const VIDEO_FIGURES = ['video-categories', 'video-countries', 'video-subscribers'];
const CATALOG_FIGURES = ['catalog-years', 'catalog-genres', 'catalog-ratings', 'catalog-films', 'catalog-series'];
const LOAD = 60_000;
const LAZY_FILES = /\/data\/(video_rows\.arrow|catalog_titles\.json)$/;

// what the sections must report, read here from the data files themselves
const video_shard = fromArrow(readFileSync('build/data/video_rows.arrow'), { columns: ['subscribers', 'year'] });
const VIDEO_ROWS = video_shard.numRows();
const WITH_SUBSCRIBERS = Array.from(video_shard.array('subscribers') as ArrayLike<number>).filter((v) => v > 0).length;
const VIDEO_2018_2019 = Array.from(video_shard.array('year') as ArrayLike<number>).filter((y) => y >= 2018 && y <= 2019).length;
const catalog_shard = JSON.parse(readFileSync('build/data/catalog_titles.json', 'utf8')) as { year: number[] };
const CATALOG_ROWS = catalog_shard.year.length;
const CATALOG_2018_2019 = catalog_shard.year.filter((y) => y === 2018 || y === 2019).length;

/** every request the page made, in order */
const requested: string[] = [];

before(async () => {
	session = await open_session();
	page = session.page;
	page.on('request', (r) => requested.push(new URL(r.url()).pathname));
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

test('every music figure renders with data; the video and catalogue data wait until their sections near the screen', async () => {
	await page.goto(`${session.site.url}en/insights/`);
	await figure('distribution').waitFor({ timeout: LOAD });
	assert.equal(await page.getByTestId('section-video').getAttribute('data-phase'), 'waiting');
	assert.equal(await page.getByTestId('section-catalog').getAttribute('data-phase'), 'waiting');
	assert.deepEqual(requested.filter((p) => LAZY_FILES.test(p)), [], 'nothing of the lower sections is fetched with the page');
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
	const [lo] = await year_bounds();
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
	await page.getByTestId('filter-year-from').fill(lo);
});

test('the music figures are in the features\' units (the shard\'s integer codes decoded)', async () => {
	const speech = (await download_text('speechiness', 'csv')).trim().split('\r\n');
	const column = speech[0].split(',').indexOf('mean_speechiness');
	const means = speech.slice(1).map((l) => Number(l.split(',')[column]));
	assert.ok(means.length > 0 && means.every((v) => v >= 0 && v <= 1), `mean speechiness per genre within 0-1: ${means.slice(0, 5).join(' ')}`);
	// at -30 dB only a small share of the tracks is quiet; read as thousandths of a dB, nearly all would be. The
	// threshold is set here and the figure recomputes in the worker, so the counts are read once they follow it.
	await page.getByTestId('filter-quiet').fill('-30');
	const few_quiet = (text: string) => {
		const [removed, kept] = [/([\d,]+) removed/, /([\d,]+) tracks kept/].map((re) => Number((text.match(re)?.[1] ?? 'NaN').replace(/,/g, '')));
		return removed > 0 && removed < kept / 10;
	};
	let quiet = '';
	for (const deadline = Date.now() + 20_000; Date.now() < deadline; await page.waitForTimeout(200)) {
		quiet = await page.getByTestId('quiet-counts').innerText();
		if (few_quiet(quiet)) break;
	}
	assert.ok(few_quiet(quiet), `quiet tracks at -30 dB: ${quiet}`);
});

/** The years the loaded sections span, as the help beside the year fields gives them. */
async function year_bounds(): Promise<[string, string]> {
	const help = await page.getByTestId('year-error').innerText();
	const [, lo, hi] = help.match(/Between (\d{4}) and (\d{4})/) ?? [];
	assert.ok(lo && hi, `year bounds in “${help}”`);
	return [lo, hi];
}

async function set_years(from: string, to: string) {
	await page.getByTestId('filter-year-from').fill(from);
	await page.getByTestId('filter-year-to').fill(to);
}

test('a wrongly typed year gets a message beside the field and the figures stay', async () => {
	const before = await signature('years');
	const [lo, hi] = await year_bounds();
	await page.getByTestId('filter-year-to').fill('20x1');
	assert.match(await page.getByTestId('year-error').innerText(), new RegExp(`Enter two years between ${lo} and ${hi}`));
	assert.equal(await page.getByTestId('filter-year-to').getAttribute('class').then((c) => /is-invalid/.test(c ?? '')), true);
	await new Promise((r) => setTimeout(r, 500));
	assert.ok(Number(await figure('years').getAttribute('data-points')) > 0, 'the time figure keeps its data');
	await page.getByTestId('filter-year-to').fill('2018');
	await page.getByTestId('filter-year-from').fill('2020');
	assert.match(await page.getByTestId('year-error').innerText(), /must not come after/);
	await set_years(lo, hi);
	await until_changed(() => page.getByTestId('year-error').innerText(), '');
	void before;
	await assert_no_nan(page, 'insights after bad input');
});

async function download_text(id: string, kind: 'csv' | 'png'): Promise<string> {
	// headless chromium now and then drops one of many quick downloads from a page (the link is clicked, no download
	// event comes): a second click then counts; a button that never downloads still fails
	for (let attempt = 1; ; attempt++) {
		const [d] = await Promise.all([page.waitForEvent('download', { timeout: 5_000 }).catch(() => null), page.getByTestId(`${id}-${kind}`).click()]);
		if (d) {
			const path = await d.path();
			return readFileSync(path!, kind === 'csv' ? 'utf8' : 'latin1');
		}
		if (attempt === 2) assert.fail(`${id}: no ${kind} download (chart ready: ${await figure(id).locator('.hc-chart').getAttribute('data-ready')})`);
	}
}

test('the video and catalogue sections load near the screen and every figure renders with data', async () => {
	for (const id of [...VIDEO_FIGURES, ...CATALOG_FIGURES]) {
		// a section's figures exist once its data is there: scroll to the section, then to the figure
		await page.getByTestId(`section-${id.split('-')[0]}`).scrollIntoViewIfNeeded({ timeout: LOAD });
		await figure(id).scrollIntoViewIfNeeded({ timeout: LOAD });
		await figure(id).locator('[data-ready="true"]').waitFor({ timeout: LOAD });
		assert.ok(Number(await figure(id).getAttribute('data-points')) > 0, `${id}: has data points`);
		assert.ok((await ink(id)) > 0.01, `${id}: the canvas is drawn`);
	}
	assert.equal(requested.filter((p) => LAZY_FILES.test(p)).length, 2, 'each lower section fetched its data once');
	assert.deepEqual(requested.filter((p) => /catalog_clean\.csv/.test(p)), [], 'the catalogue section reads the titles shard, never the CSV download');
	const fmt = (n: number) => n.toLocaleString('en-US');
	assert.match(await page.getByTestId('video-status').innerText(), new RegExp(`^${fmt(VIDEO_ROWS)} of ${fmt(VIDEO_ROWS)} videos`));
	assert.match(await page.getByTestId('catalog-status').innerText(), new RegExp(`^${fmt(CATALOG_ROWS)} of ${fmt(CATALOG_ROWS)} titles`));
	assert.match(await page.getByTestId('video-subscribers-known').innerText(), new RegExp(`^${fmt(WITH_SUBSCRIBERS)} of ${fmt(VIDEO_ROWS)} videos \\(\\d+%\\) have a subscriber count`));
	// the catalogue spans more years than the charts: the year fields widened to take them in, unfiltered
	const [lo, hi] = await year_bounds();
	assert.ok(Number(lo) < 2000, `the catalogue's first release year joins the range (${lo})`);
	assert.equal(await page.getByTestId('filter-year-from').inputValue(), lo);
	assert.equal(await page.getByTestId('filter-year-to').inputValue(), hi);
	await assert_no_nan(page, 'insights, every section');
});

/** Wait until `read` returns `expected` (a filter change can pass through intermediate states as fields are filled). */
async function until_is<T>(read: () => Promise<T>, expected: T, timeout = 20_000): Promise<T> {
	const t0 = Date.now();
	for (;;) {
		const now = await read();
		if (now === expected || Date.now() - t0 > timeout) return now;
		await new Promise((r) => setTimeout(r, 50));
	}
}

const rows_of = (id: string) => page.getByTestId(`${id}-status`).getAttribute('data-rows').then(Number);
const csv_rows = async (id: string) => (await download_text(id, 'csv')).trim().split('\r\n').map((l) => l.split(','));

test('the category and country filters change every video figure', async () => {
	const before = Object.fromEntries(await Promise.all(VIDEO_FIGURES.map(async (id) => [id, await signature(id)])));
	const catalog_before = await signature('catalog-years');
	const known_before = await page.getByTestId('video-subscribers-known').innerText();
	// YouTube's category 10 is Music
	await page.getByTestId('filter-category').selectOption('10');
	const n = await until_changed(() => rows_of('video'), VIDEO_ROWS, 20_000);
	assert.ok(n > 0 && n < VIDEO_ROWS, `music videos are a part: ${n}`);
	for (const id of VIDEO_FIGURES) {
		assert.notEqual(await until_changed(() => signature(id), before[id], 5_000), before[id], `${id} followed the category`);
		assert.ok(Number(await figure(id).getAttribute('data-points')) > 0, `${id}: still has data`);
	}
	assert.notEqual(await page.getByTestId('video-subscribers-known').innerText(), known_before);
	const categories = await csv_rows('video-categories');
	assert.deepEqual(categories.slice(1).map((r) => [r[0], r[2]]), [['10', String(n)]], 'one category left, with every video under the filters');
	assert.equal(await signature('catalog-years'), catalog_before, 'the catalogue does not follow the video category');

	await page.getByTestId('filter-country').selectOption('GB');
	const gb = await until_changed(() => rows_of('video'), n, 20_000);
	assert.ok(gb > 0 && gb < n, `music videos trending in GB: ${gb}`);
	const countries = await csv_rows('video-countries');
	assert.deepEqual(countries.slice(1).map((r) => r[0]), ['GB']);
	await page.getByTestId('filter-country').selectOption('');
	await page.getByTestId('filter-category').selectOption('');
	assert.equal(await until_is(() => rows_of('video'), VIDEO_ROWS), VIDEO_ROWS);
});

test('the platform filter changes every catalogue figure; the year range applies to video and catalogue', async () => {
	const before = Object.fromEntries(await Promise.all(CATALOG_FIGURES.map(async (id) => [id, await signature(id)])));
	const video_before = await signature('video-categories');
	await page.getByTestId('filter-platform').selectOption('disney');
	const n = await until_changed(() => rows_of('catalog'), CATALOG_ROWS, 20_000);
	assert.ok(n > 0 && n < CATALOG_ROWS, `Disney+ is a part: ${n}`);
	for (const id of CATALOG_FIGURES) {
		assert.notEqual(await until_changed(() => signature(id), before[id], 5_000), before[id], `${id} followed the platform`);
		assert.ok(Number(await figure(id).getAttribute('data-points')) > 0, `${id}: still has data`);
	}
	const years = await csv_rows('catalog-years');
	assert.deepEqual(years[0], ['year', 'netflix', 'amazon', 'disney', 'hulu', 'total']);
	assert.ok(years.slice(1).every((r) => r[1] === '0' && r[2] === '0' && r[4] === '0' && r[3] === r[5]), 'only Disney+ titles left');
	assert.equal(years.slice(1).reduce((s, r) => s + Number(r[5]), 0), n, 'the year counts add up to the titles under the filter');
	assert.equal(await signature('video-categories'), video_before, 'the video figures do not follow the platform');
	await page.getByTestId('filter-platform').selectOption('');
	assert.equal(await until_is(() => rows_of('catalog'), CATALOG_ROWS), CATALOG_ROWS);

	const [lo, hi] = await year_bounds();
	await set_years('2018', '2019');
	assert.equal(await until_is(() => rows_of('catalog'), CATALOG_2018_2019), CATALOG_2018_2019, 'titles released 2018-2019');
	assert.equal(await until_is(() => rows_of('video'), VIDEO_2018_2019), VIDEO_2018_2019, 'videos trending 2018-2019');
	assert.deepEqual([...new Set((await csv_rows('catalog-years')).slice(1).map((r) => r[0]))], ['2018', '2019']);
	await set_years(lo, hi);
	assert.equal(await until_is(() => rows_of('catalog'), CATALOG_ROWS), CATALOG_ROWS);
	assert.equal(await until_is(() => rows_of('video'), VIDEO_ROWS), VIDEO_ROWS);
});

test('each figure downloads as PNG and as CSV of its data', async () => {
	for (const id of [...MUSIC_FIGURES, ...VIDEO_FIGURES, ...CATALOG_FIGURES]) {
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
