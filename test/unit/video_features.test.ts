import { describe, expect, it } from 'vitest';
import {
	encode_video, fit_tag_stats, tag_stat_features, title_traits, normalise_tags, publish_parts, VIDEO_FEATURE_NAMES,
	VIDEO_N_FEATURES, FEATURE_INDEX, TITLE_FEATURES, type VideoInput, type TagStats
} from '../../src/lib/core/features/video';
import { oof_training_matrix, rows_matrix, cross_validate, fit_loglog, TAG_COLUMNS, type VideoMatrix } from '../../src/lib/core/video/model';
import { make_rng, normal } from '../../src/lib/core/random';

const EMPTY: TagStats = { prior: 0, k: 5, min_count: 3, tags: new Map() };
const base: VideoInput = {
	title: 'HOW TO win 2 games?! 🎮', tags: [' Gaming ', 'gaming', 'Win'], category_id: 20, country: 'GB', subscribers: 1000,
	publish_hour: 17, publish_weekday: 4, description_length: 120, comments_disabled: false, ratings_disabled: null
};
const f = (x: Float32Array, name: string) => x[FEATURE_INDEX[name]];

describe('video feature encoding', () => {
	it('reads the title shape', () => {
		const t = title_traits('HOW TO win 2 games?! 🎮');
		const at = (n: string) => t[(TITLE_FEATURES as readonly string[]).indexOf(n)];
		expect(at('title_words')).toBe(6);
		expect(at('title_exclaims')).toBe(1);
		expect(at('title_questions')).toBe(1);
		expect(at('title_digits')).toBe(1);
		expect(at('title_emoji')).toBe(1);
		expect(at('title_has_how_to')).toBe(1);
		expect(at('title_upper_share')).toBeCloseTo(5 / 13, 6);
	});
	it('encodes every field, with missing values as NaN (never zero)', () => {
		const x = encode_video(base, EMPTY);
		expect(x.length).toBe(VIDEO_N_FEATURES);
		expect(VIDEO_FEATURE_NAMES.length).toBe(VIDEO_N_FEATURES);
		expect(f(x, 'tag_count')).toBe(2);
		expect(f(x, 'category')).toBe(20);
		expect(f(x, 'country')).toBe(1);
		expect(f(x, 'log_subscribers')).toBeCloseTo(Math.log(1000), 5);
		expect(f(x, 'publish_hour')).toBe(17);
		expect(f(x, 'ratings_disabled')).toBeNaN();
		expect(f(x, 'comments_disabled')).toBe(0);
		expect(f(x, 'tag_mean')).toBeNaN();
		expect(f(x, 'tag_known')).toBe(0);
		const none = encode_video({ ...base, subscribers: null, country: 'ZZ', publish_hour: null, description_length: null }, EMPTY);
		for (const n of ['log_subscribers', 'country', 'publish_hour', 'log_description_length']) expect(f(none, n)).toBeNaN();
		expect(f(encode_video({ ...base, subscribers: 0 }, EMPTY), 'log_subscribers')).toBeNaN();
		expect(f(encode_video({ ...base, subscribers: -5 }, EMPTY), 'log_subscribers')).toBeNaN();
	});
	it('normalises tags and reads publish parts in UTC with Monday = 0', () => {
		expect(normalise_tags([' A  b ', 'a b', ''])).toEqual(['a b']);
		expect(publish_parts('2017-11-13T17:13:01Z')).toEqual({ publish_hour: 17, publish_weekday: 0 });
		expect(publish_parts(null)).toEqual({ publish_hour: null, publish_weekday: null });
	});
});

describe('tag statistics', () => {
	const tags = [['a'], ['a'], ['a', 'b'], ['b'], ['b'], ['c']];
	const y = [10, 12, 14, 2, 4, 100];
	it('uses only the rows it is fitted on, needs min_count videos and shrinks toward the prior', () => {
		const s = fit_tag_stats(tags, y, [0, 1, 2, 3, 4], 3, 5);
		expect(s.tags.get('a')).toEqual([3, 12]);
		expect(s.tags.has('c')).toBe(false);
		expect(s.prior).toBeCloseTo(8.4, 10);
		const [mean, max, known] = tag_stat_features(['a', 'zzz'], s);
		expect(known).toBe(1);
		expect(mean).toBeCloseTo((3 * 12 + 5 * 8.4) / 8 - 8.4, 10);
		expect(max).toBe(mean);
	});

	it('tags given as ids get the same statistics as the same tags as text (the pipeline counts ids)', () => {
		const ids = new Map<string, number>();
		const as_ids = tags.map((ts) => Int32Array.from(ts, (t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1)));
		for (const rows of [[0, 1, 2, 3, 4], [2, 3, 4, 5]]) {
			const text = fit_tag_stats(tags, y, rows, 2, 5);
			const num = fit_tag_stats(as_ids, y, rows, 2, 5);
			expect(num.prior).toBe(text.prior);
			expect(num.tags.size).toBe(text.tags.size);
			for (const [t, v] of text.tags) expect(num.tags.get(ids.get(t)!)).toEqual(v);
			for (let i = 0; i < tags.length; i++) expect(tag_stat_features(as_ids[i], num)).toEqual(tag_stat_features(tags[i], text));
		}
	});

	// a synthetic set where tags are channel-specific and carry the target: leakage would show up as training
	// tag features that know their own row's target
	const rng = make_rng(3);
	const n = 600;
	const channel = Array.from({ length: n }, (_, i) => `ch${i % 60}`);
	const m: VideoMatrix = {
		n,
		X: new Float32Array(n * VIDEO_N_FEATURES).fill(NaN),
		tags: Array.from({ length: n }, (_, i) => [`chan${i % 60}`, `t${Math.floor(rng() * 20)}`]),
		y: Float64Array.from({ length: n }, (_, i) => (i % 60) / 10 + normal(rng))
	};
	for (let i = 0; i < n; i++) m.X[i * VIDEO_N_FEATURES + FEATURE_INDEX.log_subscribers] = (i % 60) / 10 + normal(rng);

	it('training rows never see their own target, nor their channel\'s when grouped by channel', () => {
		const rows = Array.from({ length: n }, (_, i) => i);
		const X1 = oof_training_matrix(m, rows, channel, false, 1);
		const m2 = { ...m, y: Float64Array.from(m.y) };
		for (let i = 0; i < n; i += 60) m2.y[i] += 1000; // change every target of channel 0
		const X2 = oof_training_matrix(m2, rows, channel, false, 1);
		for (let i = 0; i < n; i += 60) {
			for (const c of TAG_COLUMNS) {
				const a = X1[i * VIDEO_N_FEATURES + c];
				const b = X2[i * VIDEO_N_FEATURES + c];
				if (Number.isNaN(a)) expect(b).toBeNaN();
				else expect(b).toBe(a);
			}
		}
	});
	it('test rows\' tag features depend only on training rows', () => {
		const train = Array.from({ length: 480 }, (_, i) => i);
		const s1 = fit_tag_stats(m.tags, m.y, train);
		const m2 = { ...m, y: Float64Array.from(m.y) };
		for (let i = 480; i < n; i++) m2.y[i] = -1e6;
		const s2 = fit_tag_stats(m2.tags, m2.y, train);
		const test = Array.from({ length: 120 }, (_, i) => 480 + i);
		expect(Array.from(rows_matrix(m, test, s1, false))).toEqual(Array.from(rows_matrix(m2, test, s2, false)));
	});
	it('cross-validation by channel: the GBDT beats the mean, and the log-log OLS finds the planted slope', () => {
		const rows = Int32Array.from({ length: n }, (_, i) => i);
		const cv = cross_validate(m, rows, channel, { k: 5, seed: 1, without_subscribers: false, params: { n_estimators: 40 } });
		const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
		expect(mean(cv.scores.r2)).toBeGreaterThan(0.2);
		expect(mean(cv.baselines.mean.r2)).toBeLessThan(0.01);
		const xs = Float64Array.from({ length: n }, (_, i) => m.X[i * VIDEO_N_FEATURES + FEATURE_INDEX.log_subscribers]);
		const ols = fit_loglog(xs, m.y, rows)!;
		expect(ols.slope).toBeGreaterThan(0.65); // var(s) / (var(s) + 1) = 0.75 for the planted x = s + noise
		expect(ols.slope).toBeLessThan(0.85);
	});
});
