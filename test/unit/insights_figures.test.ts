import { describe, expect, it } from 'vitest';
import { to_csv } from '../../src/routes/insights/csv';
import { comparison, pick_evaluations } from '../../src/routes/insights/comparison';
import { corr_colour } from '../../src/routes/insights/figures';
import { duration_figure, platform_figure, scatter_figure, spread_figure } from '../../src/routes/insights/section_figures';
import { catalog_insights, catalog_table } from '../../src/lib/core/insights/catalog';
import { PLATFORMS } from '../../src/lib/catalog/platforms';
import { CATALOG_SHARD_FORMAT, load_catalog, type CatalogShard } from '../../src/lib/catalog/shard';
import { histogram } from '../../src/lib/core/insights/music';
import type { VideoGroup } from '../../src/lib/core/insights/video';
import type { Evaluation, ModelEntry } from '../../src/lib/core/manifest';

describe('insights CSV', () => {
	it('quotes what needs quoting, writes numbers in full and missing values empty', () => {
		const csv = to_csv(['name', 'value'], [['a, "b"', 0.125], ['line\nbreak', NaN], ['plain', null]]);
		expect(csv).toBe('name,value\r\n"a, ""b""",0.125\r\n"line\nbreak",\r\nplain,\r\n');
	});
});

describe('correlation colours', () => {
	it('white at 0, full red at +1, full blue at -1, grey when unknown', () => {
		expect(corr_colour(0)).toBe('rgb(255, 255, 255)');
		expect(corr_colour(1)).toBe('rgb(178, 24, 43)');
		expect(corr_colour(-1)).toBe('rgb(33, 102, 172)');
		expect(corr_colour(NaN)).toBe('#eeeeee');
	});
});

const ev = (split: string, output: string | undefined, model: number, logistic: number, untuned?: number, ref?: number): Evaluation => ({
	split, output, description: '', folds: 5,
	metrics: [{ name: 'auc', mean: model, std: 0.01 }],
	baselines: [{ name: 'base rate', description: '', metrics: [{ name: 'auc', mean: 0.5 }] }, { name: 'logistic regression', description: '', metrics: [{ name: 'auc', mean: logistic }] }],
	...(untuned !== undefined ? { untuned: { description: '', metrics: [{ name: 'auc', mean: untuned }], hyperparameters: {} } } : {}),
	...(ref !== undefined ? { reference: { name: 'XGBoost', metrics: [{ name: 'auc', mean: ref }] } } : {})
});

describe('model comparison from the manifest', () => {
	const names = { model: 'tuned', untuned: 'untuned', reference: 'reference' };
	const model = {
		output: { name: 'p', meaning: '', columns: [{ name: 'us:top200', index: 0, base_rate: 0.27, positives: 1 }] },
		evaluations: [ev('artist-5fold', 'us:top200', 0.71, 0.66, 0.67, 0.712), ev('artist-5fold', 'us:top50', 0.67, 0.6), ev('recording-5fold', 'us:top200', 0.72, 0.68)]
	} as unknown as ModelEntry;

	it('a multi-output model is compared for one split and chart depth at a time', () => {
		expect(pick_evaluations(model, 'artist-5fold', 'top200').map((e) => e.output)).toEqual(['us:top200']);
		expect(pick_evaluations(model, 'recording-5fold', 'top200')).toHaveLength(1);
	});

	it('baselines first, then untuned, the shipped model and the reference, with their values', () => {
		const c = comparison(pick_evaluations(model, 'artist-5fold', 'top200'), names, (e) => e.output!.split(':')[0]);
		expect(c.metric).toBe('auc');
		expect(c.methods).toEqual(['base rate', 'logistic regression', 'untuned', 'tuned', 'reference']);
		expect(c.rows[0]).toMatchObject({ label: 'us', values: { 'base rate': 0.5, 'logistic regression': 0.66, untuned: 0.67, tuned: 0.71, reference: 0.712 } });
		expect(c.rows[0].std.tuned).toBe(0.01);
	});
});

describe('video and catalogue figures from fixtures', () => {
	const spread = (p25: number, median: number, p75: number) => ({ p25, median, p75, mean: median });
	const groups: VideoGroup[] = [
		{ key: 24, videos: 3, stats: { views: spread(100, 1000, 5000), likes: spread(10, 20, 30), dislikes: spread(1, 2, 3) } },
		{ key: 10, videos: 2, stats: { views: spread(50, 500, 900), likes: spread(5, 6, 7), dislikes: spread(0, 1, 2) } }
	];

	it('spreads: labels from the group, a bar per quartile range and a median mark, every measure in the CSV', () => {
		const f = spread_figure(groups, 'likes', (g) => `cat ${g.key}`, { header: ['category_id', 'category'], cells: (g) => [g.key, `cat ${g.key}`] }, String);
		expect(f.data.labels).toEqual(['cat 24', 'cat 10']);
		expect(f.data.datasets[0].data).toEqual([[10, 30], [5, 7]]);
		expect((f.data.datasets[1].data[0] as number[]).map((v) => Number(v.toFixed(6)))).toEqual([Number((20 / 1.04).toFixed(6)), 20.8]);
		expect(f.csv.header).toEqual(['category_id', 'category', 'videos', 'views_p25', 'views_median', 'views_p75', 'views_mean', 'likes_p25', 'likes_median', 'likes_p75', 'likes_mean', 'dislikes_p25', 'dislikes_median', 'dislikes_p75', 'dislikes_mean']);
		expect(f.csv.rows[1]).toEqual([10, 'cat 10', 2, 50, 500, 900, 500, 5, 6, 7, 6, 0, 1, 2, 1]);
	});

	it('subscribers: the fitted line spans the points, the CSV lists every point', () => {
		const f = scatter_figure({ videos: 4, with_subscribers: 2, points: [[10, 100], [1000, 1000]], fit: { intercept: 1.5, slope: 0.5, r: 1, n: 2 } }, { videos: 'v', fit: 'f', x: 'x', y: 'y' }, String);
		expect(f.data.datasets[0].data).toEqual([{ x: 10, y: 100 }, { x: 1000, y: 1000 }]);
		expect(f.data.datasets[1].data).toEqual([{ x: 10, y: 10 ** 2 }, { x: 1000, y: 10 ** 3 }]);
		expect(f.csv).toEqual({ header: ['subscribers', 'views'], rows: [[10, 100], [1000, 1000]] });
	});

	// three titles in the catalogue shard's schema: A a Netflix film of 2019 (TV-MA, 95 min), B a Hulu series of 2021
	// (3 seasons) and C a Hulu film of 2021 (400 min), neither rated
	const shard: CatalogShard = {
		format: CATALOG_SHARD_FORMAT, platforms: PLATFORMS, year_min: 2019, year_max: 2021, genres: ['Drama', 'Dramas'], ratings: ['TV-MA'], actors: [],
		show: [1, 1, 2], title: ['A', 'B', 'C'], platform: [0, 3, 3], type: [0, 1, 0], year: [2019, 2021, 2021], rating: [0, null, null],
		duration: [95, 3, 400], unit: [0, 1, 0], score: [null, null, null], score_count: [0, 0, 0], item: [-1, -1, -1],
		genre_ids: [[1], [0], [0]], actor_ids: [[], [], []], similar: [[], [], []]
	};
	const catalogue = catalog_insights(catalog_table(load_catalog(shard)), { platform: '', year_from: 1900, year_to: 2100 });

	it('platform stacks: a label per key, a series per platform with titles, a CSV column per platform and the total', () => {
		const f = platform_figure(catalogue.years, String, 'year', false);
		expect(f.data.labels).toEqual(['2019', '2020', '2021']);
		expect(f.data.datasets.map((d) => [d.label, d.data])).toEqual([['Netflix', [1, 0, 0]], ['Hulu', [0, 0, 2]]]);
		expect(f.csv.header).toEqual(['year', 'netflix', 'amazon', 'disney', 'hulu', 'total']);
		expect(f.csv.rows[2]).toEqual(['2021', 0, 0, 0, 2, 2]);
		const r = platform_figure(catalogue.ratings, (k) => k ?? 'none', 'age_rating', true);
		expect(r.data.labels).toEqual(['none', 'TV-MA']);
	});

	it('durations: bins named by their left edge, the last one open', () => {
		const f = duration_figure(catalogue.films.histogram, 'films', String);
		const labels = f.data.labels as string[];
		expect([labels[0], labels[9], labels.at(-1)]).toEqual(['0', '90', '230+']);
		expect(f.csv.header).toEqual(['bin_from', 'bin_to', 'films']);
		expect(f.csv.rows[9]).toEqual([90, 100, 1]);
		expect(f.csv.rows.at(-1)).toEqual([230, null, 1]);
		const s = duration_figure(histogram([1, 2, 2, 15], 'season', 1, 11, 10), 'series', String);
		expect(s.data.labels).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10+']);
		expect(s.data.datasets[0].data).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
	});
});
