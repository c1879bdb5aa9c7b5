/**
 * The monitor: a fresh profile starts with no history; after a few predictions in the music studio (two tracks and
 * a described song), /monitor lists each with the id and version of the manifest model that answered it
 * (music_popularity for a known artist, music_popularity_new_artist for an unknown one) and its latency, summarises
 * the latencies, and shows the model card read from the manifest (title, id and version, the metrics of every
 * evaluation, training rows). Clearing the history (with a confirmation) empties it, also after a reload.
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

test('clearing the history (after confirming) empties it, also after a reload', async () => {
	await page.getByRole('button', { name: 'Clear history' }).click();
	await page.getByRole('button', { name: 'Delete 3 predictions' }).click();
	await page.getByText('No predictions yet').waitFor();
	await page.getByText('History cleared.').waitFor();
	assert.equal(await page.getByTestId('history-table').count(), 0);
	await page.reload();
	await page.getByText('No predictions yet').waitFor();
});

test('no console errors and no request to another origin', async () => {
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
