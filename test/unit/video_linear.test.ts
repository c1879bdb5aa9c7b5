import { describe, expect, it } from 'vitest';
import { encode_video, normalise_tags, VIDEO_N_FEATURES, type TagStats, type VideoInput } from '../../src/lib/core/features/video';
import { blend, blend_drivers, fit_video_linear, linear_drivers, linear_reader, video_tokens, words_of, VIDEO_GBDT_WEIGHT } from '../../src/lib/core/video/linear';
import { cross_validate, fit_video_model, predict_rows, type VideoMatrix } from '../../src/lib/core/video/model';
import { make_rng, normal } from '../../src/lib/core/random';

const EMPTY: TagStats = { prior: 0, k: 5, min_count: 3, tags: new Map() };

/** Synthetic videos whose log views carry a planted effect of title words and tag words (plus subscribers). */
function synthetic(n: number, seed: number) {
	const rng = make_rng(seed);
	const good = ['unboxing', 'epic', 'official'];
	const bad = ['vlog', 'update', 'random'];
	const filler = ['my', 'the', 'new', 'day', 'video', 'best', 'week', 'story', 'part', 'one'];
	const inputs: VideoInput[] = [];
	const y = new Float64Array(n);
	const channel: number[] = [];
	for (let i = 0; i < n; i++) {
		const words = Array.from({ length: 4 }, () => filler[Math.floor(rng() * filler.length)]);
		let effect = 0;
		if (rng() < 0.4) { words.push(good[Math.floor(rng() * 3)]); effect += 1.5; }
		if (rng() < 0.4) { words.push(bad[Math.floor(rng() * 3)]); effect -= 1.5; }
		const tags = rng() < 0.5 ? ['Gaming Night'] : ['cooking'];
		if (tags[0] === 'Gaming Night') effect += 0.8;
		// one channel in ten has no known count: the planted effect is then that of a small channel
		const subs = rng() < 0.1 ? null : Math.exp(8 + 2 * normal(rng));
		inputs.push({ title: words.join(' '), tags, category_id: rng() < 0.5 ? 20 : 24, country: 'US', subscribers: subs, publish_hour: Math.floor(rng() * 24), publish_weekday: 2, description_length: 100, comments_disabled: false, ratings_disabled: false });
		y[i] = 10 + 0.7 * (subs === null ? 6 : Math.log(subs)) + effect + 0.3 * normal(rng);
		channel.push(Math.floor(i / 4));
	}
	const X = new Float32Array(n * VIDEO_N_FEATURES);
	inputs.forEach((v, i) => encode_video(v, EMPTY, X, i * VIDEO_N_FEATURES));
	const tags = inputs.map((v) => normalise_tags(v.tags));
	const m: VideoMatrix = { n, X, tags, y, tokens: inputs.map((v, i) => video_tokens(v.title, tags[i])) };
	return { inputs, m, channel };
}

describe('video word ridge', () => {
	it('reads words once, lower-cased, in any script', () => {
		expect(words_of('Épico VLOG: vlog #2 — 日本')).toEqual(['épico', 'vlog', '2', '日本']);
		expect(words_of('!!!')).toEqual([]);
	});
	it('hashes title words and tag words apart, deterministically, inside the buckets', () => {
		const a = video_tokens('Epic Epic unboxing', ['gaming night']);
		expect(a.title.length).toBe(2);
		expect(a.tags.length).toBe(2);
		expect(Array.from(video_tokens('epic unboxing', ['gaming night']).title)).toEqual(Array.from(a.title));
		for (const b of [...a.title, ...a.tags]) expect(b >= 0 && b < 2 ** 14).toBe(true);
		// the same word in the title and in a tag is two features
		expect(video_tokens('gaming', []).title[0]).not.toBe(video_tokens('', ['gaming']).tags[0]);
	});
	it('learns planted word effects; predictions and drivers add up; the served weights survive JSON', () => {
		const { m, inputs } = synthetic(800, 3);
		const fit = fit_video_linear(m.X, m.tokens!, m.y, m.n, { gbdt_weight: 0.3 });
		const reader = linear_reader(JSON.parse(JSON.stringify(fit)));
		const x = (v: VideoInput) => encode_video(v, EMPTY);
		const tok = (v: VideoInput) => video_tokens(v.title, normalise_tags(v.tags));
		const probe = { ...inputs[0], title: 'my day', tags: ['cooking'] };
		const up = { ...probe, title: 'my day epic' };
		const down = { ...probe, title: 'my day vlog' };
		expect(reader.predict(x(up), tok(up)) - reader.predict(x(probe), tok(probe))).toBeGreaterThan(0.5);
		expect(reader.predict(x(down), tok(down)) - reader.predict(x(probe), tok(probe))).toBeLessThan(-0.5);
		const d = linear_drivers(reader, x(up), tok(up));
		const sum = d.base + Object.values(d.drivers).reduce((a, v) => a + v, 0);
		expect(sum).toBeCloseTo(reader.predict(x(up), tok(up)), 6);
		expect(d.drivers.title).toBeGreaterThan(0);
		// the drivers are centred: over the training rows the mean prediction is the base
		let mean = 0;
		for (let i = 0; i < m.n; i++) mean += reader.predict(m.X.subarray(i * VIDEO_N_FEATURES, (i + 1) * VIDEO_N_FEATURES), m.tokens![i]);
		expect(mean / m.n).toBeCloseTo(d.base, 6);
		expect(blend(fit, 2, 4)).toBeCloseTo(0.3 * 2 + 0.7 * 4, 12);
	});
	it('the served drivers add up to the served (blended) value, and are the trees\' own without a ridge', () => {
		const { m, inputs } = synthetic(400, 7);
		const reader = linear_reader(fit_video_linear(m.X, m.tokens!, m.y, m.n, { gbdt_weight: 0.3 }));
		const v = inputs[1];
		const x = encode_video(v, EMPTY);
		const tok = video_tokens(v.title, normalise_tags(v.tags));
		// a stand-in for the trees' TreeSHAP: base 12 and two groups, so the trees predict 12.4
		const trees = { base: 12, groups: new Map([['title', 0.5], ['subscribers', -0.1]]) };
		const served = blend(reader.model, 12.4, reader.predict(x, tok));
		const d = blend_drivers(reader, trees, x, tok);
		expect(d.base + [...d.groups.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(served, 9);
		expect(blend_drivers(null, trees, x, tok)).toBe(trees);
	});
	it('a missing subscriber count is a missing value, not zero subscribers', () => {
		const { m, inputs } = synthetic(400, 5);
		const reader = linear_reader(fit_video_linear(m.X, m.tokens!, m.y, m.n, { gbdt_weight: 0.5 }));
		const v = { ...inputs[0], subscribers: 1e5 };
		const tok = video_tokens(v.title, normalise_tags(v.tags));
		const known = reader.parts(encode_video(v, EMPTY), tok);
		const unknown = reader.parts(encode_video({ ...v, subscribers: null }, EMPTY), tok);
		expect(Number.isFinite(unknown.subscribers)).toBe(true);
		expect(unknown.subscribers).not.toBe(known.subscribers);
		// the unknown count reads as a small channel here (the planted effect), not as zero subscribers' ln = -inf
		expect(unknown.subscribers).toBeLessThan(known.subscribers);
	});
	it('blending the ridge into the cross-validated model beats the GBDT alone on word-driven targets, out of fold', () => {
		const { m, channel } = synthetic(600, 9);
		const rows = Int32Array.from({ length: m.n }, (_, i) => i);
		const opts = { k: 3, seed: 1, without_subscribers: false, params: { n_estimators: 40 } };
		const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
		const alone = cross_validate(m, rows, channel, opts);
		const blended = cross_validate(m, rows, channel, { ...opts, gbdt_weight: 0.3 });
		expect(mean(blended.scores.r2)).toBeGreaterThan(mean(alone.scores.r2));
		// without tokens (the browser's retraining) the fit is the GBDT alone
		const fitted = fit_video_model({ ...m, tokens: undefined }, rows, channel, { without_subscribers: false, seed: 1, params: { n_estimators: 10 }, gbdt_weight: 0.3 });
		expect(fitted.linear).toBeUndefined();
		const with_words = fit_video_model(m, rows, channel, { without_subscribers: false, seed: 1, params: { n_estimators: 10 }, gbdt_weight: 0.3 });
		expect(with_words.linear?.gbdt_weight).toBe(0.3);
		expect(predict_rows(m, [0, 1], with_words, false).every(Number.isFinite)).toBe(true);
	});
	it('weights the GBDT at most fully for every target', () => {
		for (const set of Object.values(VIDEO_GBDT_WEIGHT)) for (const w of Object.values(set)) expect(w > 0 && w <= 1).toBe(true);
	});
});
