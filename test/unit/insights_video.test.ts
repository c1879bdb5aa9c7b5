import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { prepare_video, subscriber_scatter, video_choices, video_insights, filter_video } from '../../src/lib/core/insights/video';

// five videos in the shard's schema (country as an index into VIDEO_COUNTRIES, 255 unknown; subscribers NaN when
// unknown), counts already in units, so every figure below can be checked by hand
function videos() {
	return prepare_video(table({
		category: [10, 10, 10, 24, 24],
		country: [0, 0, 1, 255, 1],
		year: [2017, 2017, 2018, 2020, 2020],
		subscribers: Float32Array.from([1000, NaN, 100000, 10, NaN]),
		views: [100, 1000, 10000, 500, 50],
		likes: [10, 20, 30, 40, 50],
		dislikes: [1, 2, 3, 4, 5]
	}), false);
}

const all = { category: null, country: '', year_from: 2017, year_to: 2020 };

describe('video insights, hand-computed', () => {
	it('counts come back from the shard: log1p in thousandths, rounded to whole counts', () => {
		const t = prepare_video(table({ category: [1, 1], country: [0, 3], year: [2017, 2017], subscribers: [NaN, 5], views: [Math.round(Math.log1p(1000) * 1000), 0], likes: [Math.round(Math.log1p(7) * 1000), 0], dislikes: [0, 0] }));
		expect(t.array('views')).toEqual([1000, 0]);
		expect(t.array('likes')).toEqual([7, 0]);
		expect(t.array('country')).toEqual(['US', 'FR']);
		expect(t.array('subscribers')).toEqual([null, 5]);
	});

	it('quartiles, median and mean per category (linear interpolation), most videos first', () => {
		const r = video_insights(videos(), all);
		expect(r.rows).toBe(5);
		expect(r.by_category.map((g) => [g.key, g.videos])).toEqual([[10, 3], [24, 2]]);
		// category 10: views 100, 1000, 10000
		expect(r.by_category[0].stats.views).toEqual({ p25: 550, median: 1000, p75: 5500, mean: 3700 });
		expect(r.by_category[0].stats.likes).toEqual({ p25: 15, median: 20, p75: 25, mean: 20 });
		// category 24: views 500, 50
		expect(r.by_category[1].stats.views).toEqual({ p25: 162.5, median: 275, p75: 387.5, mean: 275 });
		expect(r.by_category[1].stats.dislikes.median).toBe(4.5);
	});

	it('per country: the unknown country is left out, ties in code order', () => {
		const r = video_insights(videos(), all);
		expect(r.by_country.map((g) => [g.key, g.videos])).toEqual([['GB', 2], ['US', 2]]);
		expect(r.by_country[0].stats.views.median).toBe(5025);
		expect(r.by_country[1].stats.likes.mean).toBe(15);
	});

	it('subscribers against views: only videos with a count, least squares of the logs', () => {
		const s = subscriber_scatter(videos());
		expect(s.videos).toBe(5);
		expect(s.with_subscribers).toBe(3);
		expect(s.points).toEqual([[1000, 100], [100000, 10000], [10, 500]]);
		// x = log10 subscribers = 3, 5, 1 (mean 3); y = log10 views = 2, 4, log10 500
		const y = [2, 4, Math.log10(500)];
		const my = (y[0] + y[1] + y[2]) / 3;
		const sxy = 0 * (y[0] - my) + 2 * (y[1] - my) - 2 * (y[2] - my);
		const syy = y.reduce((a, v) => a + (v - my) ** 2, 0);
		expect(s.fit!.n).toBe(3);
		expect(s.fit!.slope).toBeCloseTo(sxy / 8, 12);
		expect(s.fit!.intercept).toBeCloseTo(my - (sxy / 8) * 3, 12);
		expect(s.fit!.r).toBeCloseTo(sxy / Math.sqrt(8 * syy), 12);
	});

	it('every figure follows the category, country and year filters', () => {
		const us_music = video_insights(videos(), { ...all, category: 10, country: 'US' });
		expect(us_music.rows).toBe(2);
		expect(us_music.by_category).toHaveLength(1);
		expect(us_music.by_category[0].stats.views.median).toBe(550);
		expect(us_music.by_country.map((g) => g.key)).toEqual(['US']);
		expect(us_music.subscribers).toMatchObject({ videos: 2, with_subscribers: 1, fit: null });
		const later = video_insights(videos(), { ...all, year_from: 2018 });
		expect(later.rows).toBe(3);
		expect(later.by_category.map((g) => [g.key, g.videos])).toEqual([[24, 2], [10, 1]]);
		expect(filter_video(videos(), { ...all, country: 'GB', year_to: 2018 }).numRows()).toBe(1);
		expect(video_insights(videos(), { ...all, category: 24, year_to: 2018 })).toMatchObject({ rows: 0, by_category: [], by_country: [], subscribers: { with_subscribers: 0, fit: null } });
	});

	it('filter choices: categories by size, countries present, trending years', () => {
		expect(video_choices(videos())).toEqual({ categories: [{ id: 10, videos: 3 }, { id: 24, videos: 2 }], countries: ['US', 'GB'], years: [2017, 2020] });
	});
});
