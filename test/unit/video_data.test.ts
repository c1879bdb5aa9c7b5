import { describe, expect, it } from 'vitest';
import { filter_rows, scatter, subset_stats, tag_lift, type TagTable, type VideoRows } from '../../src/lib/workers/video/data';
import { VIDEO_N_FEATURES } from '../../src/lib/core/features/video';

// 40 videos: categories 10/24 alternating, countries US(0)/GB(1), channels of 4 videos, tag 0 ("gaming") on half
// with higher views, subscribers known for the first 30 with views = 2 + 0.5 ln(subs)
const n = 40;
const subs = Float32Array.from({ length: n }, (_, i) => (i < 30 ? 1000 * (i + 1) : NaN));
const views = Float32Array.from({ length: n }, (_, i) => (i < 30 ? 2 + 0.5 * Math.log(subs[i]) : 5) + (i % 2 === 0 ? 1 : 0));
const rows: VideoRows = {
	n,
	category: Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 10 : 24)),
	country: Uint8Array.from({ length: n }, (_, i) => (i < 20 ? 0 : 1)),
	in_sub: Uint8Array.from({ length: n }, (_, i) => (i < 30 ? 1 : 0)),
	channel: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 4)),
	subscribers: subs,
	y: { views, likes: views.map((v) => v - 3), dislikes: views.map((v) => v - 5) },
	pred: { views: views.map((v) => v + 0.1), likes: views.map((v) => v - 3), dislikes: views.map((v) => v - 5) },
	tag_ids: Array.from({ length: n }, (_, i) => Uint16Array.from(i % 2 === 0 ? [0, 1] : [1])),
	X: new Float32Array(n * VIDEO_N_FEATURES)
};
const table: TagTable = {
	tags: ['gaming', 'vlog'], index: new Map([['gaming', 0], ['vlog', 1]]),
	n_all: Int32Array.from([20, 40]), n_sub: Int32Array.from([15, 30]),
	mean_all: { views: new Float32Array(2), likes: new Float32Array(2), dislikes: new Float32Array(2) },
	mean_sub: { views: new Float32Array(2), likes: new Float32Array(2), dislikes: new Float32Array(2) }
};
const none = { categories: [], countries: [], tag_keyword: '', subscribers_min: null, subscribers_max: null };

describe('video data on the page', () => {
	it('filters by category, country, tag keyword and subscriber range (unknown counts leave a range)', () => {
		expect(filter_rows(rows, table, none).length).toBe(40);
		expect(filter_rows(rows, table, { ...none, categories: [10] }).length).toBe(20);
		expect(filter_rows(rows, table, { ...none, countries: ['GB'] }).length).toBe(20);
		expect(filter_rows(rows, table, { ...none, tag_keyword: 'GAM' }).length).toBe(20);
		expect(filter_rows(rows, table, { ...none, subscribers_min: 10_000, subscribers_max: null }).length).toBe(21);
		expect(filter_rows(rows, table, { ...none, subscribers_min: 0, subscribers_max: 1e9 }).length).toBe(30);
	});
	it('summarises a subset with the general model\'s accuracy on it', () => {
		const s = subset_stats(rows, table, { ...none, tag_keyword: 'gaming' }, filter_rows(rows, table, { ...none, tag_keyword: 'gaming' }));
		expect(s.matches).toBe(20);
		expect(s.with_subscribers).toBe(15);
		expect(s.matched_tags).toEqual(['gaming']);
		expect(s.general_r2!.likes).toBeCloseTo(1, 10);
		expect(s.general_r2!.views).toBeLessThan(1);
	});
	it('fits the log-log line on rows with a known count', () => {
		const sc = scatter(rows, filter_rows(rows, table, none));
		expect(sc.fit!.n).toBe(30);
		expect(sc.fit!.slope).toBeGreaterThan(0.4);
		expect(sc.fit!.slope).toBeLessThan(0.6);
		expect(sc.points.length).toBe(30);
	});
	it('ranks tags by lift with support, and needs several channels', () => {
		const lifts = tag_lift(rows, table, null, 5, 3);
		expect(lifts[0].tag).toBe('gaming');
		expect(lifts[0].lift).toBeGreaterThan(1);
		expect(lifts[0].videos).toBe(20);
		expect(lifts[0].channels).toBe(10);
		expect(tag_lift(rows, table, null, 5, 11).length).toBe(0);
	});
});
