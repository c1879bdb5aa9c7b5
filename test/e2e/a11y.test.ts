/**
 * Accessibility: axe-core (all of its default rules: WCAG 2.x A and AA plus best practices) reports no violation on
 * every page a visitor reaches: the home page, the music studio with a track chosen and while describing a song,
 * the monitor with some history in it, and the about page. A failure lists each violation with its rule, impact,
 * help text and the offending elements, and leaves a screenshot in test-results/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';
import { HAYSEED, open_music, predicted, screenshot } from './helpers';

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

async function assert_accessible(name: string) {
	const result = await new AxeBuilder({ page }).analyze();
	// guard against a vacuous pass (axe not injected, an empty page)
	assert.ok(result.passes.length >= 10, `${name}: axe checked only ${result.passes.length} rules`);
	if (result.violations.length === 0) return;
	const shot = await screenshot(page, `a11y-${name}`);
	const lines = result.violations.map(
		(v) =>
			`- ${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n') +
			(v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '')
	);
	assert.fail(`${name}: ${result.violations.length} axe violation(s) (screenshot ${shot})\n${lines.join('\n')}`);
}

test('home page (/) has no axe violations', async () => {
	await page.goto(session.site.url);
	await page.getByRole('heading', { level: 1 }).waitFor();
	await assert_accessible('home');
});

test('music studio with a track chosen has no axe violations', async () => {
	await open_music(page, session.site.url, `music/?track=${HAYSEED.id}`);
	await predicted(page);
	await page.getByTestId('similar-songs').waitFor();
	await assert_accessible('music-track');
});

test('music studio while describing a song has no axe violations', async () => {
	await page.getByRole('button', { name: 'Describe a song like this' }).click();
	await page.getByTestId('describe-view').waitFor();
	await predicted(page);
	// wait past the moment the prediction is saved, so the monitor below has history to show
	await page.waitForTimeout(800);
	await assert_accessible('music-describe');
});

test('monitor (with history) has no axe violations', async () => {
	await page.getByRole('link', { name: 'Monitor', exact: true }).first().click();
	await page.getByTestId('history-table').waitFor();
	await page.getByRole('heading', { name: 'Models' }).waitFor();
	await page.locator('article.card').first().waitFor();
	await assert_accessible('monitor');
});

test('about has no axe violations', async () => {
	await page.goto(`${session.site.url}about/`);
	await page.getByRole('heading', { level: 1 }).waitFor();
	// the page reads the manifest; let it render what it reads
	await page.waitForLoadState('networkidle');
	await assert_accessible('about');
});

test('no console errors and no request to another origin', async () => {
	assert.deepEqual(session.console_errors, []);
	assert.deepEqual(session.foreign_requests, []);
});
