/**
 * The monitor: a fresh profile starts with no history; after a few predictions in the music studio (two tracks and
 * a described song), /monitor lists each with the id and version of the manifest model that answered it
 * (music_popularity for a known artist, music_popularity_new_artist for an unknown one) and its latency, summarises
 * the latencies, and shows the model card read from the manifest (title, id and version, the metrics of every
 * evaluation, training rows). A caption estimate joins the history; the studio filter narrows the table; input drift
 * is shown per model. The history exports as JSON and CSV; an import with one malformed record, or unreadable JSON, is
 * refused with the reason and loses nothing. Clearing the history (with a confirmation) empties it, also after a
 * reload, and the exported file imports back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';
import { COMEDY, HAYSEED, open_music, predicted, SEARCH_LABEL } from './helpers';

interface ManifestModel {
	id: string;
	version: string;
	title: string;
	training_rows: number;
	evaluations: { split: string; description: string; metrics: { name: string; mean: number }[] }[];
}

let session: Session;
let page: Page;
let model: ManifestModel;
let models: ManifestModel[];

before(async () => {
	session = await open_session();
	page = session.page;
});

after(async () => {
	await session?.close();
	await close_browser();
});

/** Predictions are saved once the visitor has settled on one for half a second. */
const SETTLE = () => page.waitForTimeout(900);

const rows = () => page.getByTestId('history-table').locator('tbody tr');

test('a fresh visitor has no history', async () => {
	await page.goto(`${session.site.url}monitor/`);
	await page.getByText('No predictions yet').waitFor();
	models = (await page.evaluate(async () => (await (await fetch('/models/manifest.json')).json()).models)) as ManifestModel[];
	model = models[0];
	assert.equal(model.id, 'music_popularity');
});

test('after a few predictions, the monitor lists them with model id, version and latency', async () => {
	await open_music(page, session.site.url, `music/?track=${HAYSEED.id}`);
	await predicted(page);
	await SETTLE();
	// a second track, chosen from the search
	await page.getByLabel(SEARCH_LABEL).fill(`${COMEDY.artist} ${COMEDY.title}`);
	await page.locator('#track-results a').filter({ hasText: COMEDY.title }).first().click();
	await page.getByTestId('track-view').getByRole('heading', { name: COMEDY.title }).waitFor();
	await predicted(page);
	await SETTLE();
	// and a described song
	await page.getByRole('button', { name: 'Describe a song like this' }).click();
	const speech = page.getByRole('slider', { name: 'Speechiness' });
	await speech.focus();
	await speech.press('End');
	await predicted(page);
	await SETTLE();

	await page.getByRole('navigation').getByRole('link', { name: 'Monitor', exact: true }).click();
	await page.getByTestId('history-table').waitFor();
	const texts = await rows().allInnerTexts();
	assert.equal(texts.length, 3, `three predictions listed:\n${texts.join('\n')}`);
	for (const t of texts) {
		// the model that answered: the one whose id and version the row shows (ids are word-bounded, since one id
		// is a prefix of the other)
		const answered = models.filter((m) => new RegExp(`\\b${m.id}\\b`).test(t) && t.includes(m.version));
		assert.equal(answered.length, 1, `one manifest model's id and version in: ${t}`);
		assert.match(t, /\d+(\.\d+)? ms\s*$/, `latency at the end of: ${t}`);
		assert.match(t, /\d+ \(\d+–\d+\), hit score \d+/, `prediction, interval and hit score in: ${t}`);
	}
	// newest first: the described song (speechiness at its maximum) is not one of the two tracks
	assert.ok(texts[2].includes(HAYSEED.genre), `the oldest is the ${HAYSEED.genre} track: ${texts[2]}`);
	assert.match(await page.getByTestId('latency-p50').innerText(), /^\d+(\.\d+)? ms$/);
	assert.ok(!/\bNaN\b/.test(await page.locator('main').innerText()), 'no NaN on the monitor');
});

test('the monitor shows the model card from the manifest', async () => {
	const card = page.locator('article').filter({ has: page.getByRole('heading', { name: model.title }) });
	await card.waitFor();
	const text = await card.innerText();
	assert.ok(text.includes(model.id) && text.includes(model.version), 'id and version on the card');
	for (const ev of model.evaluations) {
		assert.ok(text.includes(ev.description), `the ${ev.split} evaluation is described`);
		const rmse = ev.metrics.find((m) => m.name === 'rmse');
		if (rmse) assert.ok(text.includes(rmse.mean.toFixed(2)), `RMSE ${rmse.mean.toFixed(2)} of ${ev.split} shown`);
	}
	assert.ok(text.includes(model.training_rows.toLocaleString('en-US')), `training rows ${model.training_rows}`);
});

let exported = '';

test('a caption estimate joins the history; filters narrow by studio; drift is shown per model', async () => {
	await page.goto(`${session.site.url}caption/`);
	await page.getByLabel('Followers of the account').fill('8000');
	await page.getByTestId('expected-likes').waitFor({ timeout: 30_000 });
	await page.waitForTimeout(1500);
	await page.goto(`${session.site.url}monitor/`);
	await page.getByTestId('history-table').waitFor();
	assert.equal(await rows().count(), 4);
	await page.getByLabel('Studio', { exact: true }).selectOption('caption');
	assert.equal(await rows().count(), 1);
	assert.match(await rows().first().innerText(), /caption_expected_likes[\s\S]*8K followers[\s\S]*likes \(/);
	await page.getByLabel('Studio', { exact: true }).selectOption('all');
	assert.equal(await rows().count(), 4);
	const drift = page.getByTestId('drift-section');
	await drift.waitFor();
	const caption_drift = await page.getByTestId('drift-caption_expected_likes').innerText();
	assert.match(caption_drift, /Followers \(log10\)\s+1\s+[\d.]+\s+too few values/);
	assert.ok((await page.getByTestId('drift-music_popularity').count()) + (await page.getByTestId('drift-music_popularity_new_artist').count()) >= 1, 'music drift shown');
});

test('the history exports as JSON and CSV; a malformed import is refused and loses nothing', async () => {
	const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
	exported = await (await json.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	assert.equal(JSON.parse(exported).records.length, 4);
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
	const csv_text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	assert.equal(csv_text.trim().split('\r\n').length, 5);
	// one broken record (no latency) refuses the whole file
	const broken = JSON.parse(exported);
	delete broken.records[2].latency_ms;
	await page.getByLabel('Import a history file (JSON or CSV export)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
	await page.getByTestId('import-error').waitFor();
	assert.match(await page.getByTestId('import-error').innerText(), /broken\.json was not imported: record 3 is not a prediction this version can read\. Nothing stored was changed\./);
	await page.getByLabel('Import a history file (JSON or CSV export)').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"records": [') });
	await page.getByText('junk.json was not imported: the JSON cannot be read').waitFor();
	assert.equal(await rows().count(), 4, 'nothing stored was lost');
});

test('clearing the history (after confirming) empties it, also after a reload', async () => {
	await page.getByRole('button', { name: 'Clear history' }).click();
	await page.getByRole('button', { name: 'Delete 4 predictions' }).click();
	await page.getByText('No predictions yet').waitFor();
	await page.getByText('History cleared.').waitFor();
	assert.equal(await page.getByTestId('history-table').count(), 0);
	await page.reload();
	await page.getByText('No predictions yet').waitFor();
});

test('an exported history imports back', async () => {
	await page.getByLabel('Import a history file (JSON or CSV export)').setInputFiles({ name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
	await page.getByTestId('import-note').waitFor();
	assert.match(await page.getByTestId('import-note').innerText(), /4 predictions imported/);
	await page.getByTestId('history-table').waitFor();
	assert.equal(await rows().count(), 4);
});

test('no console errors and no request to another origin', async () => {
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
