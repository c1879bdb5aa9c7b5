/**
 * Work that can wait until the page has what it came for. A load that matters to the first result (the music model
 * and catalogue) is held here while it runs; when_quiet resolves after the window's load event once every held load
 * has settled, or after `max_ms` at most. The service worker registers then: its install downloads the whole app
 * shell (the 14 MB onnxruntime wasm included) and would otherwise compete with the first prediction for the network,
 * the cache and both cores.
 */
const held = new Set<Promise<unknown>>();

export function hold_while(work: Promise<unknown>): void {
	const settled = work.then(
		() => undefined,
		() => undefined
	);
	held.add(settled);
	void settled.then(() => held.delete(settled));
}

export async function when_quiet(max_ms = 15_000): Promise<void> {
	const deadline = new Promise<void>((done) => setTimeout(done, max_ms));
	const loaded =
		document.readyState === 'complete'
			? Promise.resolve()
			: new Promise<void>((done) => addEventListener('load', () => done(), { once: true }));
	const quiet = (async () => {
		await loaded;
		while (held.size > 0) await Promise.all(held);
	})();
	await Promise.race([quiet, deadline]);
}
