/**
 * Caption and picture analysis latency. Not a unit test: no assertion on time; it prints markdown tables.
 *
 *   npx tsx test/bench/caption.ts [--browser]
 *
 * Core (Node, one thread): analyse_caption + place_traits on every caption of the scraped posts (the real captions
 * after the ETL, lengths up to 2,200) and on synthetic 2,200-character captions; picture_measures on generated
 * photo-like RGBA images at the analysis size (512 px longest side, as the worker measures) and at full 1080 x 1350.
 * --browser: the built site (build/) in headless chromium: typing a caption until the traits table shows it, and a
 * 1080 x 1350 PNG from file input to the measures on screen (decode, resize, measure, render), 20 runs each.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse_caption } from '../../src/lib/core/text/caption';
import { place_traits } from '../../src/lib/core/caption/traits_reference';
import { check_traits_shard } from '../../src/lib/core/caption/shard';
import { picture_measures, type Rgba } from '../../src/lib/core/picture/measures';
import { make_rng } from '../../src/lib/core/random';
import { load_instagram_posts, INSTAGRAM_POSTS_FILE, INSTAGRAM_PROFILES_FILE } from '../../training/etl/instagram_posts';
import { default_data_root, REPO_ROOT } from '../../training/lib/paths';

function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
	return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}
const row = (what: string, ms: number[]) => {
	const r = stats(ms);
	return `| ${what} | ${r.n} | ${r.p50.toFixed(3)} | ${r.p95.toFixed(3)} | ${r.max.toFixed(3)} |`;
};

function time(f: () => void): number {
	const t0 = performance.now();
	f();
	return performance.now() - t0;
}

function photo(width: number, height: number, seed: number): Rgba {
	const rng = make_rng(seed);
	const data = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
		const i = (y * width + x) * 4;
		const n = (rng() - 0.5) * 40;
		data[i] = 120 + 100 * Math.sin(x / 37) + n;
		data[i + 1] = 90 + 80 * Math.cos(y / 23) + n;
		data[i + 2] = 60 + (x * y) % 120 + n;
		data[i + 3] = 255;
	}
	return { data, width, height };
}

const shard_path = join(REPO_ROOT, 'static/data/caption_traits.json');
const shard = existsSync(shard_path) ? check_traits_shard(JSON.parse(readFileSync(shard_path, 'utf8'))) : null;
const data_root = default_data_root();
const captions = existsSync(join(data_root, INSTAGRAM_POSTS_FILE))
	? load_instagram_posts(join(data_root, INSTAGRAM_POSTS_FILE), join(data_root, INSTAGRAM_PROFILES_FILE)).posts.map((p) => p.text)
	: [];
const rng = make_rng(3);
const pieces = ['Morning light ', '👩🏽‍💻', ' #sunrise', ' @friend.one', ' مرحبا', '\n', ' Link in bio!', ' what do you think?', ' https://example.com/a'];
const long = Array.from({ length: 200 }, () => {
	let s = '';
	while ([...new Intl.Segmenter().segment(s)].length < 2190) s += pieces[Math.floor(rng() * pieces.length)];
	return s;
});

// warm-up: segmenters, regexes, JIT
for (const c of captions.slice(0, 50)) analyse_caption(c);

const lines = ['| what | n | p50 ms | p95 ms | max ms |', '|---|---|---|---|---|'];
const analyse = (c: string) => {
	const a = analyse_caption(c);
	if (shard) place_traits(shard.reference, a.traits);
};
if (captions.length) lines.push(row(`caption traits + placement, real captions (${captions.length})`, captions.map((c) => time(() => analyse(c)))));
lines.push(row('caption traits + placement, 2,190-2,200 characters', long.map((c) => time(() => analyse(c)))));
const small = Array.from({ length: 20 }, (_, k) => photo(410, 512, k));
const full = Array.from({ length: 5 }, (_, k) => photo(1080, 1350, k));
picture_measures(small[0]);
lines.push(row('picture measures at 410 x 512 (worker analysis size)', small.map((img) => time(() => picture_measures(img)))));
lines.push(row('picture measures at 1080 x 1350 (for comparison)', full.map((img) => time(() => picture_measures(img)))));
console.log(`\nCore, Node ${process.version}, one thread${shard ? '' : ' (no static/data/caption_traits.json: placement skipped)'}\n`);
console.log(lines.join('\n'));

if (process.argv.includes('--browser')) {
	const { close_browser, open_session } = await import('../e2e/harness');
	const { encode_png } = await import('../fixtures/png');
	const session = await open_session();
	const page = session.page;
	try {
		await page.goto(`${session.site.url}caption/`);
		await page.getByTestId('honest-statement').waitFor({ timeout: 30_000 });
		const box = page.getByLabel('Caption (hashtags and mentions included)');
		const typed: number[] = [];
		for (let k = 0; k < 20; k++) {
			const text = `${long[k].slice(0, 1500)} #tag${k}`;
			const t0 = performance.now();
			await box.fill(text);
			await page.waitForFunction((n) => document.querySelector('[data-testid="trait-hashtags"]')?.textContent?.trim() === String(n), analyse_caption(text).traits.hashtags);
			typed.push(performance.now() - t0);
		}
		const png = encode_png(1080, 1350, (x, y) => [(x * 7) % 256, (y * 3) % 256, (x ^ y) % 256, 255]);
		const picture: number[] = [];
		for (let k = 0; k < 20; k++) {
			const t0 = performance.now();
			await page.getByLabel('or choose an image file').setInputFiles({ name: `p${k}.png`, mimeType: 'image/png', buffer: png });
			await page.getByTestId('picture-measures').waitFor();
			picture.push(performance.now() - t0);
			await page.getByLabel('or choose an image file').setInputFiles([]);
		}
		console.log('\nBrowser (headless chromium, built site, localhost), from the input to the result on screen\n');
		console.log(['| what | n | p50 ms | p95 ms | max ms |', '|---|---|---|---|---|', row('caption typed (1,500+ characters) -> traits table updated', typed), row('1080 x 1350 PNG picked -> measures shown', picture)].join('\n'));
	} finally {
		await session.close();
		await close_browser();
	}
}
