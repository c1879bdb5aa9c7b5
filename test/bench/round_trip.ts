/**
 * The slider round trip, as the benchmarks (run.ts, round_trip_ab.ts) time it: in "describe your own song", one
 * slider is moved between two values, one input event at a time (a frame apart, as a person dragging it), and each
 * input is timed to the DOM update of the predicted popularity and of the similar-songs list, on the UI thread.
 */
import type { Page, Worker } from 'playwright-core';

/**
 * A function of this file as source to run in the page or a worker. tsx (esbuild, keepNames) wraps inner functions
 * in __name(...) calls, which the browser does not have; the wrapper provides it.
 */
function in_browser<A>(fn: (arg: A) => unknown, arg?: A): string {
	return `(() => { const __name = (f) => f; return (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`;
}

interface Sample { pred: number | null; sim: number | null }

/** Move one slider between two values, one input event at a time, timing each DOM update on the UI thread. */
function slider_samples(args: { feature: string; a: string; b: string; n: number }): Promise<Sample[]> {
	const slider = document.getElementById(`f-${args.feature}`) as HTMLInputElement;
	const predicted = () => document.querySelector('[data-testid="describe-view"] [data-testid="predicted-popularity"]');
	const in_similar = (node: Node | null) => {
		const el = node instanceof Element ? node : node?.parentElement;
		return !!el && (!!el.closest('[data-testid="similar-songs"]') || !!el.querySelector?.('[data-testid="similar-songs"]'));
	};
	const one = (value: string) =>
		new Promise<Sample>((resolve) => {
			let pred: number | null = null;
			let sim: number | null = null;
			const finish = () => {
				observer.disconnect();
				clearTimeout(timer);
				resolve({ pred, sim });
			};
			const observer = new MutationObserver((records) => {
				const now = performance.now() - t0;
				const p = predicted();
				for (const r of records) {
					if (pred === null && p && (p === r.target || p.contains(r.target))) pred = now;
					if (sim === null && r.type === 'childList' && (in_similar(r.target) || [...r.addedNodes].some(in_similar))) sim = now;
				}
				if (pred !== null && sim !== null) finish();
			});
			observer.observe(document.body, { subtree: true, childList: true, characterData: true });
			const timer = setTimeout(finish, 3000);
			slider.value = value;
			const t0 = performance.now();
			slider.dispatchEvent(new Event('input', { bubbles: true }));
		});
	return (async () => {
		const out: Sample[] = [];
		for (let i = 0; i < args.n; i++) {
			out.push(await one(i % 2 === 0 ? args.b : args.a));
			// let the frame finish (charts redraw) before the next input, as a person dragging a slider would
			await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
		}
		return out;
	})();
}

/**
 * Inside a worker: when each request arrived (its event's timeStamp, set before the worker's own handler runs) and
 * when its reply was posted, plus the latency the reply reports. The worker's handler is registered first and often
 * replies before this listener even runs (microtasks run between listeners), so arrivals and replies are matched by
 * id afterwards.
 */
function install_worker_probe() {
	const scope = self as unknown as {
		__bench?: { arrived: Map<number, { type: string; t: number }>; replied: Map<number, { t: number; reported: number | null }> };
		postMessage: (message: unknown, options?: unknown) => void;
		addEventListener: (type: string, listener: (e: MessageEvent) => void) => void;
	};
	if (scope.__bench) return;
	const rec = (scope.__bench = { arrived: new Map(), replied: new Map() });
	scope.addEventListener('message', (e: MessageEvent) => {
		const d = e.data as { id?: number; type?: string };
		if (typeof d?.id === 'number') rec.arrived.set(d.id, { type: String(d.type), t: e.timeStamp });
	});
	const post = scope.postMessage.bind(scope);
	scope.postMessage = (message: unknown, options?: unknown) => {
		const t = performance.now();
		const m = message as { id?: number; status?: string; result?: { latency_ms?: number } };
		if (m && m.status === 'complete' && typeof m.id === 'number') {
			rec.replied.set(m.id, { t, reported: typeof m.result?.latency_ms === 'number' ? m.result.latency_ms : null });
		}
		return post(message, options);
	};
}

async function worker_samples(workers: Worker[]) {
	const all: { worker: string; type: string; ms: number; reported: number | null }[] = [];
	for (const w of workers) {
		const r = (await w.evaluate(`(() => {
			const b = self.__bench;
			const out = [];
			if (b) {
				for (const [id, a] of b.arrived) {
					const r = b.replied.get(id);
					if (r) out.push({ type: a.type, ms: r.t - a.t, reported: r.reported });
				}
				b.arrived.clear();
				b.replied.clear();
			}
			return { name: self.name, samples: out };
		})()`)) as { name: string; samples: { type: string; ms: number; reported: number | null }[] };
		for (const s of r.samples) all.push({ worker: r.name, ...s });
	}
	return all;
}

/**
 * Open `url` (a track of the music studio), switch to "describe a song like this", pick a slider whose two ends give
 * different predictions and similar songs, and move it `samples` times between them. Returns the UI round trips (ms
 * from the input event to the DOM update of the prediction and of the similar-songs list) and the time each request
 * spent in its worker.
 */
export async function slider_round_trips(page: Page, url: string, samples: number) {
	const workers: Worker[] = [];
	page.on('worker', (w) => workers.push(w));
	await page.goto(url);
	await page.getByTestId('predicted-popularity').waitFor({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Describe a song like this' }).click();
	await page.getByTestId('describe-view').getByTestId('predicted-popularity').waitFor();
	for (const w of workers) await w.evaluate(in_browser(install_worker_probe));

	// a slider whose two ends show different predictions, so every input changes the text on screen
	let chosen: { feature: string; a: string; b: string } | null = null;
	for (const feature of ['speechiness', 'danceability', 'energy', 'valence', 'liveness', 'acousticness', 'instrumentalness', 'loudness', 'tempo']) {
		const slider = page.locator(`#f-${feature}`);
		const [a, b] = [await slider.getAttribute('min'), await slider.getAttribute('max')];
		if (a === null || b === null) continue;
		const probe = (await page.evaluate(in_browser(slider_samples, { feature, a, b, n: 4 }))) as Sample[];
		if (probe.every((s) => s.pred !== null && s.sim !== null)) {
			chosen = { feature, a, b };
			break;
		}
	}
	if (!chosen) throw new Error('no slider changes both the prediction and the similar songs at its two ends');
	await worker_samples(workers); // discard the probing
	const taken = (await page.evaluate(in_browser(slider_samples, { ...chosen, n: samples }))) as Sample[];
	const in_workers = await worker_samples(workers);
	const pred = taken.map((s) => s.pred).filter((v): v is number => v !== null);
	const sim = taken.map((s) => s.sim).filter((v): v is number => v !== null);
	const worker_predict = in_workers.filter((s) => s.type === 'predict');
	const worker_similar = in_workers.filter((s) => s.type === 'similar');
	return {
		slider: chosen,
		inputs: taken.length,
		missed: { prediction: taken.length - pred.length, similar: taken.length - sim.length },
		ui_predict: pred,
		ui_similar: sim,
		worker_predict: worker_predict.map((s) => s.ms),
		worker_predict_reported: worker_predict.map((s) => s.reported).filter((v): v is number => v !== null),
		worker_similar: worker_similar.map((s) => s.ms),
		/** every other request the workers answered meanwhile (market chances follow the slider too), by type */
		worker_other: in_workers.reduce<Record<string, number[]>>((by, s) => {
			if (s.type !== 'predict' && s.type !== 'similar') (by[s.type] ??= []).push(s.ms);
			return by;
		}, {})
	};
}

