/**
 * Benchmark of the insights and chart-chance work on the shipped artifacts (static/, or ARTIFACTS_DIR): the insights
 * aggregations (every figure of a section for one filter state, as the insights worker computes them: music, video,
 * catalogue) and the chart-chance
 * model (one song through the 20-output ONNX model in onnxruntime-web, one thread, as the market worker runs it)
 * plus the similar-charted-songs scan. Prints a markdown table; not a test, no assertion on time.
 *
 *   npx tsx test/bench/insights.ts [--runs 15]
 *
 * Times are wall clock in Node (the workers run the same code in the browser), median and 95th percentile.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web/wasm';
import { fromArrow } from 'arquero';
import { music_insights, prepare_charts, prepare_music, type MusicFilters } from '../../src/lib/core/insights/music';
import { prepare_video, video_choices, video_insights, VIDEO_INSIGHT_COLUMNS, type VideoFilters } from '../../src/lib/core/insights/video';
import { catalog_insights, catalog_table, catalog_years, type CatalogFilters } from '../../src/lib/core/insights/catalog';
import { load_catalog, type CatalogShard } from '../../src/lib/catalog/shard';
import { CHART_FEATURES, CHART_REGIONS, chart_feature_row } from '../../src/lib/core/charts/regions';
import { build_chart_catalogue, nearest_charted } from '../../src/lib/core/charts/similar';
import { dequantize } from '../../src/lib/core/charts/shard';

const dir = process.env.ARTIFACTS_DIR ?? 'static';
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const need = ['data/music_tracks.arrow', 'data/charts_tracks.arrow', 'data/video_rows.arrow', 'data/catalog_titles.json', 'models/charts_chance.onnx'].map((f) => join(dir, f));
for (const f of need) if (!existsSync(f)) throw new Error(`${f} not found: run npm run train first`);

const quantiles = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
	return { p50: q(0.5), p95: q(0.95) };
};
async function time(fn: () => unknown | Promise<unknown>, n = runs) {
	await fn(); // warm-up
	const out: number[] = [];
	for (let k = 0; k < n; k++) {
		const t0 = performance.now();
		await fn();
		out.push(performance.now() - t0);
	}
	return quantiles(out);
}

const rows: string[][] = [];
const add = (what: string, size: string, t: { p50: number; p95: number }) => rows.push([what, size, t.p50.toFixed(2), t.p95.toFixed(2)]);

// ---- insights --------------------------------------------------------------------------------------------------
let t0 = performance.now();
const music = prepare_music(fromArrow(readFileSync(join(dir, 'data/music_tracks.arrow'))));
const charts = prepare_charts(fromArrow(readFileSync(join(dir, 'data/charts_tracks.arrow'))));
add('insights: read + prepare both shards (once per visit)', `${music.numRows()} + ${charts.numRows()} rows`, { p50: performance.now() - t0, p95: NaN });
const base: MusicFilters = { genre: '', year_from: 2016, year_to: 2021, quiet_db: -30 };
add('insights: every music figure, no filter', `${music.numRows()} rows`, await time(() => music_insights(music, charts, base)));
add('insights: every music figure, genre "pop"', 'one genre', await time(() => music_insights(music, charts, { ...base, genre: 'pop' })));
add('insights: every music figure, years 2019-2020', 'year range', await time(() => music_insights(music, charts, { ...base, year_from: 2019, year_to: 2020 })));

t0 = performance.now();
const video = prepare_video(fromArrow(readFileSync(join(dir, 'data/video_rows.arrow')), { columns: [...VIDEO_INSIGHT_COLUMNS] }));
const choices = video_choices(video);
add('insights: read + prepare the video rows (when the section nears the screen)', `${video.numRows()} rows`, { p50: performance.now() - t0, p95: NaN });
const vbase: VideoFilters = { category: null, country: '', year_from: choices.years[0], year_to: choices.years[1] };
const top = choices.categories[0];
add('insights: every video figure, no filter', `${video.numRows()} rows`, await time(() => video_insights(video, vbase)));
add(`insights: every video figure, category ${top.id} + country US`, 'category + country', await time(() => video_insights(video, { ...vbase, category: top.id, country: 'US' })));

t0 = performance.now();
const catalog = catalog_table(load_catalog(JSON.parse(readFileSync(join(dir, 'data/catalog_titles.json'), 'utf8')) as CatalogShard));
const span = catalog_years(catalog);
add('insights: parse + prepare the catalogue shard (when the section nears the screen)', `${catalog.numRows()} rows`, { p50: performance.now() - t0, p95: NaN });
const cbase: CatalogFilters = { platform: '', year_from: span[0], year_to: span[1] };
add('insights: every catalogue figure, no filter', `${catalog.numRows()} rows`, await time(() => catalog_insights(catalog, cbase)));
add('insights: every catalogue figure, Netflix 2015-2020', 'platform + years', await time(() => catalog_insights(catalog, { platform: 'netflix', year_from: 2015, year_to: 2020 })));

// ---- chart chances ---------------------------------------------------------------------------------------------
ort.env.wasm.numThreads = 1;
t0 = performance.now();
const session = await ort.InferenceSession.create(readFileSync(join(dir, 'models/charts_chance.onnx')));
add('chart model: session creation', '20 outputs', { p50: performance.now() - t0, p95: NaN });
const ct = fromArrow(readFileSync(join(dir, 'data/charts_tracks.arrow')));
const cat = build_chart_catalogue({
	title: ct.array('title') as string[], artist: ct.array('artist') as string[], first_week: ct.array('first_week') as string[],
	features: Object.fromEntries(CHART_FEATURES.map((f) => [f, dequantize(f, ct.array(f) as ArrayLike<number>)])),
	peak: Object.fromEntries(CHART_REGIONS.map((r) => [r, ct.array(`peak_${r}`) as ArrayLike<number>])),
	weeks: Object.fromEntries(CHART_REGIONS.map((r) => [r, ct.array(`weeks_${r}`) as ArrayLike<number>]))
});
const song = { danceability: 0.7, energy: 0.6, loudness: -6, mode: 1, speechiness: 0.1, acousticness: 0.2, instrumentalness: 0, liveness: 0.12, valence: 0.5, tempo: 118, time_signature: 4 };
const row = chart_feature_row(song);
add('chart model: one song, 20 probabilities (ONNX, wasm, 1 thread)', '1 row', await time(() => session.run({ features: new ort.Tensor('float32', row, [1, row.length]) }), runs * 20));
add('similar charted songs: scan one region, 5 nearest', `${cat.n} songs`, await time(() => nearest_charted(cat, row, 'us', 5), runs * 20));
add('market answer (model + scan)', 'as the worker runs it', await time(async () => {
	await session.run({ features: new ort.Tensor('float32', row, [1, row.length]) });
	nearest_charted(cat, row, 'us', 5);
}, runs * 20));

console.log(`\n| what | size | p50 ms | p95 ms |\n|---|---|---|---|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`.replace(/NaN/g, '-'));
await session.release();
