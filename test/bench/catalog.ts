/**
 * Catalogue studio benchmark: query latency, recommendation latency and MF training time. Prints markdown tables;
 * no assertion on time.
 *
 *   npx tsx test/bench/catalog.ts [--browser] [--no-train]
 *
 * - queries: the four queries on the real shard (static/data/catalog_titles.json) with random valid parameters, pure
 *   TypeScript in Node (the same module the worker runs); with --browser also the worker round trip seen by the page;
 * - recommendations: what the worker does for one rating change (fold-in, the ONNX scorer in onnxruntime-web, the
 *   explanations of the top 10) on the shipped model, for 3, 10 and 30 random ratings; with --browser the page's own
 *   figure (request to reply) over 20 rating changes in headless Chromium;
 * - training: one fit of the chosen MF setting on all 100,836 ratings (one thread), and the pipeline's recorded
 *   time for the whole step (search + 5 folds + final, on its threads).
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as ort from 'onnxruntime-web/wasm';
import { CatalogQueries } from '../../src/lib/catalog/queries';
import { load_catalog, type CatalogShard } from '../../src/lib/catalog/shard';
import { PLATFORMS } from '../../src/lib/catalog/platforms';
import { because_of, item_platform_bits, recommendation_mask, type CatalogItems } from '../../src/lib/catalog/recommend';
import { fold_in } from '../../src/lib/core/mf/fold_in';
import { MF_IO, read_mf_onnx } from '../../src/lib/core/mf/onnx';
import { train_svd } from '../../src/lib/core/mf/svd';
import { make_rng } from '../../src/lib/core/random';
import type { Manifest } from '../../src/lib/core/manifest';

const has = (flag: string) => process.argv.includes(flag);
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(2));
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

const shard = JSON.parse(readFileSync('static/data/catalog_titles.json', 'utf8')) as CatalogShard;
const queries = new CatalogQueries(load_catalog(shard));
const rng = make_rng(3);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
const year = () => String(shard.year_min + Math.floor(rng() * (shard.year_max - shard.year_min + 1)));
const plat = () => pick(['netflix', 'n', 'Amazon', 'a', 'DISNEY', 'd', 'hulu', 'H']);

console.log(`\nmachine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')}\n`);

// ---- queries ----------------------------------------------------------------------------------------------------
const cases: [string, () => unknown][] = [
	['get_max_duration(year?, platform?, type?)', () => queries.get_max_duration(rng() < 0.5 ? year() : null, rng() < 0.5 ? plat() : null, pick([null, 'min', 'season']))],
	['get_score_count(platform, scored, year)', () => queries.get_score_count(plat(), pick(['0.5', '2', '3.5', '4', '4.5']), year())],
	['get_count_platform(platform)', () => queries.get_count_platform(plat())],
	['get_actor(platform, year)', () => queries.get_actor(plat(), year())]
];
console.log(`### Catalogue queries (${shard.show.length} titles, pure TypeScript in Node, 2,000 calls each after 200 warm-up)\n`);
console.log(row(['query', 'p50 ms', 'p95 ms', 'max ms']));
console.log(row(['---', '---', '---', '---']));
for (const [name, run] of cases) {
	for (let i = 0; i < 200; i++) run();
	const t: number[] = [];
	for (let i = 0; i < 2000; i++) {
		const t0 = performance.now();
		run();
		t.push(performance.now() - t0);
	}
	console.log(row([name, fmt(q(t, 0.5)), fmt(q(t, 0.95)), fmt(Math.max(...t))]));
}

// ---- recommendations (the worker's path, in Node) ---------------------------------------------------------------
const manifest = JSON.parse(readFileSync('static/models/manifest.json', 'utf8')) as Manifest;
const model = manifest.models.find((m) => m.id === 'catalog_recommender')!;
const onnx = readFileSync(`static/models/${model.file}`);
const items = JSON.parse(readFileSync('static/data/catalog_items.json', 'utf8')) as CatalogItems;
const mf = read_mf_onnx(onnx);
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(onnx);
const bits = item_platform_bits(items, load_catalog(shard));
const reg = Number(model.hyperparameters.reg);
const reg_bias = Number(model.hyperparameters.reg_bias);
const pw = Number(model.hyperparameters.popularity_weight ?? 0);
// visitors rate films people know: draw from the 1,000 most-rated
const known = Array.from({ length: items.count.length }, (_, i) => i).sort((a, b) => items.count[b] - items.count[a]).slice(0, 1000);
async function recommend_once(n: number): Promise<number> {
	const ratings = Array.from(new Set(Array.from({ length: n }, () => pick(known)))).map((item) => ({ item, rating: 0.5 + Math.floor(rng() * 10) / 2 }));
	const t0 = performance.now();
	const { mask } = recommendation_mask(items, bits, new Set(ratings.map((r) => r.item)), { platforms: rng() < 0.5 ? [] : [pick(PLATFORMS)], type: null, genre: null }, pw);
	const taste = fold_in(mf, ratings, reg, reg_bias);
	const out = await session.run({ [MF_IO.user]: new ort.Tensor('float32', Float32Array.from(taste.p), [1, mf.factors]), [MF_IO.mask]: new ort.Tensor('float32', mask, [1, mf.n_items]) });
	const top = out[MF_IO.top_indices].data as BigInt64Array;
	for (let r = 0; r < 10; r++) because_of(mf, taste, Number(top[r]));
	return performance.now() - t0;
}
console.log(`\n### Recommendations, one rating change (${mf.n_items} films x ${mf.factors} factors; fold-in + ONNX scorer + top-10 explanations; Node, onnxruntime-web wasm)\n`);
console.log(row(['ratings', 'p50 ms', 'p95 ms', 'max ms']));
console.log(row(['---', '---', '---', '---']));
for (let i = 0; i < 20; i++) await recommend_once(5);
for (const n of [3, 10, 30]) {
	const t: number[] = [];
	for (let i = 0; i < 200; i++) t.push(await recommend_once(n));
	console.log(row([n, fmt(q(t, 0.5)), fmt(q(t, 0.95)), fmt(Math.max(...t))]));
}

// ---- in the browser ---------------------------------------------------------------------------------------------
if (has('--browser')) {
	const { open_session, close_browser } = await import('../e2e/harness');
	const s = await open_session();
	try {
		const page = s.page;
		await page.goto(`${s.site.url}en/catalog/?q=count_platform&platform=n`);
		await page.locator('#q-text').waitFor({ timeout: 60_000 });
		const query_ms: number[] = [];
		const worker_ms: number[] = [];
		for (let i = 0; i < 30; i++) {
			await page.selectOption('#q-name', pick(['max_duration', 'score_count', 'count_platform', 'actor']));
			const name = await page.inputValue('#q-name');
			if (await page.locator('#q-platform').count()) await page.fill('#q-platform', pick(['netflix', 'a', 'd', 'hulu']));
			if (await page.locator('#q-year').count()) await page.fill('#q-year', String(2000 + Math.floor(rng() * 21)));
			const before = await page.locator('#q-share').inputValue().catch(() => '');
			await page.click('#q-ask');
			await page.waitForFunction((b) => (document.querySelector('#q-share') as HTMLInputElement | null)?.value !== b, before, { timeout: 10_000 }).catch(() => undefined);
			const text = await page.locator('#q-ms').innerText();
			const m = /([\d.,]+) ms from the click/.exec(text);
			const w = /in ([\d.,]+) ms in the worker/.exec(text);
			if (!m || !w) continue;
			const t = Number(m[1].replace(',', ''));
			worker_ms.push(Number(w[1].replace(',', '')));
			void name;
			query_ms.push(t);
		}
		for (const [title, rating] of [['Toy Story', '5'], ['Heat', '4'], ['Titanic', '2']] as const) {
			await page.fill('#rate-search', title);
			await page.locator('#rate-results li').first().waitFor();
			await page.locator('#rate-results li select').first().selectOption(rating);
		}
		await page.locator('#rec-ms').waitFor();
		const rec_ms: number[] = [];
		const first = page.locator('#my-ratings select').first();
		for (let i = 0; i < 20; i++) {
			const before = await page.locator('#rec-ms').innerText();
			await first.selectOption(String(1 + (i % 8) / 2));
			await page.waitForFunction((b) => document.querySelector('#rec-ms')?.textContent !== b, before, { timeout: 10_000 }).catch(() => undefined);
			const m = /Updated in ([\d.,]+) ms/.exec(await page.locator('#rec-ms').innerText());
			if (m) rec_ms.push(Number(m[1].replace(',', '')));
		}
		console.log('\n### In headless Chromium (the built site)\n');
		console.log(row(['what', 'n', 'p50 ms', 'p95 ms']));
		console.log(row(['---', '---', '---', '---']));
		console.log(row(['query: in the worker (the query itself)', worker_ms.length, fmt(q(worker_ms, 0.5)), fmt(q(worker_ms, 0.95))]));
		console.log(row(['query: from the click to the reply (page to worker and back)', query_ms.length, fmt(q(query_ms, 0.5)), fmt(q(query_ms, 0.95))]));
		console.log(row(['rating change to new recommendations (page: request to reply)', rec_ms.length, fmt(q(rec_ms, 0.5)), fmt(q(rec_ms, 0.95))]));
	} finally {
		await s.close();
		await close_browser();
	}
}

// ---- training -----------------------------------------------------------------------------------------------------
if (!has('--no-train')) {
	const h = model.hyperparameters;
	const r = (await import('../../training/etl/streaming_movielens')).load_movielens((await import('../../training/lib/paths')).default_data_root());
	const single = { factors: Number(h.factors), epochs: Number(h.epochs), lr: Number(h.lr), reg: Number(h.reg), reg_bias: Number(h.reg_bias), init_std: Number(h.init_std), seed: 1, lr_decay: 1 };
	const t0 = performance.now();
	train_svd(r.ratings, single);
	const one = performance.now() - t0;
	const record = '.cache/train/catalog_mf.json';
	const step = existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')).result.train_ms as number) : NaN;
	console.log('\n### MF training (100,836 ratings)\n');
	console.log(row(['what', 'seconds']));
	console.log(row(['---', '---']));
	console.log(row([`one SGD run, k=${single.factors}, ${single.epochs} epochs, one thread`, (one / 1000).toFixed(1)]));
	console.log(row([`the served model: ${h.seeds ?? 1} runs (one thread, estimated as runs x one)`, ((one * Number(h.seeds ?? 1)) / 1000).toFixed(1)]));
	console.log(row(['the pipeline step (search + 5 folds + final, 2 threads), as recorded', Number.isNaN(step) ? '-' : (step / 1000).toFixed(1)]));
}
await session.release();
