/**
 * The first prediction of a page load, as the load benchmarks (run.ts, load_breakdown.ts, load_ab.ts) time it: when
 * the predicted popularity first shows a number in the DOM (MutationObserver) and when it is painted (Element Timing's
 * renderTime of the element marked elementtiming="prediction"), both in ms from navigation start.
 */
import type { Page } from 'playwright-core';

export interface FirstPrediction {
	dom: number;
	/** NaN for a build without the elementtiming mark (an older one, as the reference of an A/B) */
	paint: number;
}

/** Runs in the page before its own scripts (context.addInitScript). */
function install() {
	const w = window as unknown as { __bench_first?: number; __bench_paint?: number };
	const look = () => {
		if (w.__bench_first !== undefined) return;
		const el = document.querySelector('[data-testid="predicted-popularity"]');
		if (el && /\d/.test(el.textContent ?? '')) {
			w.__bench_first = performance.now();
			observer.disconnect();
		}
	};
	const observer = new MutationObserver(look);
	observer.observe(document, { subtree: true, childList: true, characterData: true });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number; loadTime?: number })[]) {
			if (e.identifier === 'prediction' && w.__bench_paint === undefined) w.__bench_paint = e.renderTime || e.loadTime;
		}
	}).observe({ type: 'element', buffered: true });
}

/** The probe as an init script (the __name shim covers the helper names tsx's compiler adds to functions). */
export const FIRST_PREDICTION_PROBE = `(() => { const __name = (f) => f; (${install.toString()})(); })()`;

/** Open `url` in a page whose context has the probe, and wait for the first prediction (its paint up to 5 s more). */
export async function first_prediction(page: Page, url: string): Promise<FirstPrediction> {
	await page.goto(url);
	await page.waitForFunction(() => (window as unknown as { __bench_first?: number }).__bench_first !== undefined, null, { timeout: 60_000, polling: 20 });
	await page.waitForFunction(() => (window as unknown as { __bench_paint?: number }).__bench_paint !== undefined, null, { timeout: 5_000, polling: 20 }).catch(() => undefined);
	return page.evaluate(() => {
		const w = window as unknown as { __bench_first: number; __bench_paint?: number };
		return { dom: w.__bench_first, paint: w.__bench_paint ?? NaN };
	});
}

/**
 * Ask the service worker (its own protocol, as in test/e2e/offline.test.ts) to cache every artifact, wait for it and
 * for the page to be controlled; throws when it did not succeed, so a "cached" load is never measured uncached.
 */
export async function make_available_offline(page: Page): Promise<OfflineStatus> {
	const status = (await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return new Promise((resolve) => {
			const channel = new MessageChannel();
			channel.port1.onmessage = (event) => {
				if (event.data.type !== 'progress') resolve(event.data);
			};
			registration.active!.postMessage({ type: 'make-available-offline' }, [channel.port2]);
		});
	})) as OfflineStatus;
	if (status.type !== 'status' || !status.ready) throw new Error(`make-available-offline failed: ${JSON.stringify(status)}`);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	return status;
}

export interface OfflineStatus { type: string; ready?: boolean; total_bytes?: number; message?: string }
