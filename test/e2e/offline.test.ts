/**
 * Offline and CSP: the service worker caches the app shell and, on request, every artifact of the manifest; then,
 * with the server stopped and the browser offline, /music still loads and onnxruntime-web predicts in its worker
 * (the music ONNX files are rebuilt there from the cached trees files, so the service worker never holds them),
 * under the site's CSP (no violations, no request to another origin); /caption works offline as well, and so does
 * the catalogue section of /insights (it reads the cached titles shard, not the CSV download).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Request } from 'playwright-core';
import { close_browser, open_session, type Session } from './harness';

let session: Session;

before(async () => {
	session = await open_session();
});

after(async () => {
	await session?.close();
	await close_browser();
});

test('the service worker caches the shell and every artifact on request', async () => {
	const { page, site } = session;
	await page.goto(site.url);
	// the bare root forwards to the visitor's language first
	await page.waitForURL(/\/en\/$/);
	// ask the worker through its own protocol, so the test does not depend on the control's wording
	const status = await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return new Promise<{ type: string; ready?: boolean; cached_bytes?: number; total_bytes?: number; message?: string }>((resolve) => {
			const channel = new MessageChannel();
			channel.port1.onmessage = (event) => {
				if (event.data.type !== 'progress') resolve(event.data);
			};
			registration.active!.postMessage({ type: 'make-available-offline' }, [channel.port2]);
		});
	});
	assert.equal(status.type, 'status', status.message);
	assert.equal(status.ready, true);
	assert.ok(status.total_bytes! > 0 && status.cached_bytes === status.total_bytes);
	const names: string[] = await page.evaluate(() => globalThis.caches.keys());
	assert.equal(names.filter((c) => c.startsWith('hitcast-app-')).length, 1);
	assert.equal(names.filter((c) => c.startsWith('hitcast-artifacts-')).length, 1);
	const cached: string[] = await page.evaluate(async () => {
		const name = (await caches.keys()).find((n) => n.startsWith('hitcast-artifacts-'))!;
		return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
	});
	assert.ok(cached.some((p) => p.endsWith('/models/music_popularity.trees.bin')), 'the music trees are cached');
	assert.ok(!cached.some((p) => /\/models\/music_popularity.*\.onnx$/.test(p)), 'the music ONNX files are rebuilt from the trees, not cached');
});

test('with the server stopped and the browser offline, /music predicts from the cache', async () => {
	const { page, site, context } = session;
	await site.close();
	await context.setOffline(true);
	await page.goto(`${site.url}music/?genre=pop&energy=0.8`);
	const predicted = page.getByTestId('predicted-popularity');
	await predicted.waitFor({ timeout: 30_000 });
	const value = Number(await predicted.innerText());
	assert.ok(value >= 0 && value <= 100, `prediction shown: ${value}`);
	// the hashed build files came straight from the app cache through the worker's static route, not its fetch event
	const sources = await page.evaluate(() =>
		performance.getEntriesByType('resource').filter((e) => e.name.includes('/_app/immutable/'))
			.map((e) => (e as PerformanceResourceTiming & { workerFinalSourceType?: string }).workerFinalSourceType ?? 'none')
	);
	assert.ok(sources.length >= 10, `the page loaded its build files (${sources.length})`);
	assert.deepEqual([...new Set(sources)], ['cache']);
	// the first answers come from the trees while onnxruntime starts; its session (the ONNX bytes rebuilt from the
	// cached trees file, never downloaded) then answers the next moves of a slider
	const energy = page.getByRole('slider', { name: 'Energy' });
	let engine: string | null = null;
	for (let i = 0; i < 60 && engine !== 'onnxruntime'; i++) {
		await energy.focus();
		await energy.press(i % 2 ? 'ArrowUp' : 'ArrowDown');
		await page.waitForTimeout(500);
		engine = await predicted.getAttribute('data-engine');
	}
	assert.equal(engine, 'onnxruntime', 'onnxruntime-web answers offline');
	// the chart chances too: their worker, model and charted-songs shard come from the cache
	const markets = page.getByTestId('market-table');
	await markets.waitFor({ timeout: 30_000 });
	assert.equal(await markets.locator('tbody tr').count(), 10);
	assert.deepEqual(await session.csp_violations(), []);
	assert.deepEqual(session.foreign_requests, []);
	assert.deepEqual(session.console_errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
});

test('offline too, /caption measures a caption and gives expected likes from the cache', async () => {
	const { page, site } = session;
	await page.goto(`${site.url}caption/`);
	await page.getByTestId('honest-statement').waitFor({ timeout: 30_000 });
	await page.getByLabel('Followers of the account').fill('12000');
	await page.getByLabel('Caption (hashtags and mentions included)').fill('Offline #one #two');
	await page.getByTestId('expected-likes').waitFor();
	await page.waitForFunction(() => document.querySelector('[data-testid="trait-hashtags"]')?.textContent?.trim() === '2');
	assert.deepEqual(await session.csp_violations(), []);
	assert.deepEqual(session.foreign_requests, []);
});

test('offline too, the catalogue section of /insights draws from the cached titles shard', async () => {
	const { page, site } = session;
	const requested: string[] = [];
	const on_request = (r: Request) => requested.push(new URL(r.url()).pathname);
	page.on('request', on_request);
	try {
		await page.goto(`${site.url}en/insights/`);
		// "Load now" loads the section without waiting for the sections above it to draw. Scrolled near, the section
		// may start loading by itself first and take the button away; either way it must draw from the cache.
		const load = page.getByTestId('catalog-load');
		await load.waitFor({ timeout: 30_000 });
		await load.click({ timeout: 10_000 }).catch(async (error) => {
			if ((await load.count()) > 0) throw error;
		});
		const ratings = page.getByTestId('figure-catalog-ratings');
		await ratings.scrollIntoViewIfNeeded({ timeout: 60_000 });
		await ratings.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
		assert.ok(Number(await ratings.getAttribute('data-points')) > 0, 'age ratings drawn from the shard');
		assert.match(await page.getByTestId('catalog-status').innerText(), /^[\d,]+ of [\d,]+ titles/);
	} finally {
		page.off('request', on_request);
	}
	assert.ok(requested.some((p) => p.endsWith('/data/catalog_titles.json')), 'the titles shard came from the cache');
	assert.deepEqual(requested.filter((p) => p.endsWith('catalog_clean.csv')), [], 'the CSV download is not needed');
	assert.deepEqual(await session.csp_violations(), []);
	assert.deepEqual(session.foreign_requests, []);
});
