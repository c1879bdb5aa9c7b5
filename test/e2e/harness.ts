/**
 * Shared setup for the browser tests: Debian's chromium driven by playwright-core against the built site,
 * served by scripts/serve.ts. Every page records console errors, any request to another origin and any
 * Content-Security-Policy violation, so each test can assert the app stayed clean.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serve, type StaticServer } from '../../scripts/serve';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

export { CHROMIUM_PATH };

export interface Session {
	site: StaticServer;
	context: BrowserContext;
	page: Page;
	console_errors: string[];
	foreign_requests: string[];
	/** what the site's CSP blocked on the session's page since it was last loaded ("directive blocked-uri") */
	csp_violations(): Promise<string[]>;
	close(): Promise<void>;
}

let shared_browser: Browser | null = null;

async function browser(): Promise<Browser> {
	shared_browser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
	return shared_browser;
}

export async function close_browser() {
	await shared_browser?.close();
	shared_browser = null;
}

/** A fresh browser context (so no service worker or cache carries over) on a fresh server over build/. */
export async function open_session(options: { viewport?: { width: number; height: number }; base?: string } = {}): Promise<Session> {
	const site = await serve('build', 0, options.base ?? '');
	const origin = new URL(site.url).origin;
	const context = await (await browser()).newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, serviceWorkers: 'allow' });
	await context.addInitScript(() => {
		const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
		document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	const page = await context.newPage();
	const console_errors: string[] = [];
	const foreign_requests: string[] = [];
	page.on('console', (msg) => { if (msg.type() === 'error') console_errors.push(msg.text()); });
	page.on('pageerror', (err) => console_errors.push(String(err)));
	context.on('request', (req) => {
		const url = req.url();
		if (/^(data|blob|chrome-extension):/.test(url)) return;
		if (new URL(url).origin !== origin) foreign_requests.push(url);
	});
	return {
		site, context, page, console_errors, foreign_requests,
		csp_violations: () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []),
		async close() {
			await context.close();
			await site.close();
		}
	};
}
