import { describe, expect, it } from 'vitest';
import { check_video_draft, parse_count, parse_video_input, type VideoDraft } from '../../src/lib/core/video/input';
import { YOUTUBE_CATEGORIES } from '../../src/lib/core/video/categories';
import { parse_record } from '../../src/lib/runtime/history';
import { HISTORY_KINDS } from '../../src/lib/runtime/history_kinds';

const ok: VideoDraft = { title: 'My video', tags: ['A', ' b '], category: '24', country: 'gb', subscribers: '12,000', publish_date: '2020-08-14', publish_hour: '17' };
const errors = (d: Partial<VideoDraft>) => {
	const r = check_video_draft({ ...ok, ...d }, YOUTUBE_CATEGORIES);
	return r.ok ? {} : r.errors;
};

describe('check_video_draft', () => {
	it('reads a good draft into the encoder input', () => {
		const r = check_video_draft(ok, YOUTUBE_CATEGORIES);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toMatchObject({ title: 'My video', tags: ['a', 'b'], category_id: 24, country: 'GB', subscribers: 12000, publish_hour: 17, publish_weekday: 4 });
		expect(check_video_draft({ ...ok, category: 'entertainment', subscribers: '', publish_date: '', publish_hour: '' }, YOUTUBE_CATEGORIES)).toMatchObject({ ok: true, value: { category_id: 24, subscribers: null, publish_hour: null, publish_weekday: null } });
	});
	it('gives one coded error per bad field', () => {
		expect(errors({ title: '  ' }).title).toEqual({ code: 'required' });
		expect(errors({ title: 'x'.repeat(101) }).title).toEqual({ code: 'too_long', max: 100 });
		expect(errors({ tags: Array.from({ length: 300 }, (_, i) => `t${i}`) }).tags).toEqual({ code: 'too_many', max: 60 });
		expect(errors({ tags: ['y'.repeat(120)] }).tags?.code).toBe('tag_too_long');
		expect(errors({ category: '999' }).category).toEqual({ code: 'unknown_category', value: '999' });
		expect(errors({ country: 'ZZ' }).country).toEqual({ code: 'unknown_country', value: 'ZZ' });
		expect(errors({ subscribers: '-3' }).subscribers).toEqual({ code: 'negative' });
		expect(errors({ subscribers: 'many' }).subscribers).toEqual({ code: 'not_a_number', value: 'many' });
		expect(errors({ subscribers: '2e12' }).subscribers).toEqual({ code: 'too_large', max: 1_000_000_000 });
		expect(errors({ subscribers: '10.5' }).subscribers).toEqual({ code: 'not_integer' });
		expect(errors({ publish_date: '2021-02-30' }).publish_date).toEqual({ code: 'bad_date', value: '2021-02-30' });
		expect(errors({ publish_hour: '24' }).publish_hour).toEqual({ code: 'out_of_range', min: 0, max: 23 });
		expect(errors({ publish_hour: '7.5' }).publish_hour?.code).toBe('out_of_range');
	});
	it('reads counts with separators and suffixes', () => {
		expect(parse_count('1,200')).toBe(1200);
		expect(parse_count('1.200.000')).toBe(1200000);
		expect(parse_count('1.2M')).toBe(1200000);
		expect(parse_count('350k')).toBe(350000);
		expect(parse_count('12 000')).toBe(12000);
		expect(parse_count('abc')).toBeNull();
	});
});

describe('stored video records', () => {
	const input = { title: 'T', tags: ['a'], category_id: 24, country: 'US', subscribers: null, publish_hour: 3, publish_weekday: 1, description_length: null, comments_disabled: false, ratings_disabled: false };
	const target = (t: string) => ({ target: t, model_id: 'm', model_version: 'v', count: 10, log_value: 2.4, interval: { low: 1, high: 100, level: 0.8, coverage: 0.8 }, base_value: 12, contributions: [{ feature: 'title', value: 0.1 }] });
	const record = { id: 'x1', time: 1, model_id: 'video_views_nosubs', model_version: 'abc', kind: 'video', inputs: input, outputs: { subscribers_model: 'without', targets: ['views', 'likes', 'dislikes'].map(target), latency_ms: 3 }, latency_ms: 4 };
	it('reads a video record back and refuses damaged ones', () => {
		expect(parse_record(record)?.kind).toBe('video');
		expect(parse_video_input(input)).not.toBeNull();
		expect(parse_record({ ...record, inputs: { ...input, publish_hour: 30 } })).toBeNull();
		expect(parse_record({ ...record, outputs: { ...record.outputs, targets: [target('views')] } })).toBeNull();
		expect(parse_record({ ...record, outputs: { ...record.outputs, targets: ['views', 'likes', 'dislikes'].map((t) => ({ ...target(t), count: NaN })) } })).toBeNull();
		expect(parse_record({ ...record, kind: 'podcast' })).toBeNull();
	});
	it('gives /monitor and /score the headline (log views) and the drift values', () => {
		const r = parse_record(record)!;
		expect(r.kind).toBe('video');
		if (r.kind !== 'video') return;
		expect(HISTORY_KINDS.video.output(r)).toBe(2.4);
		expect(HISTORY_KINDS.video.drift_values(r)).toEqual({ log_subscribers: NaN, tag_count: 1, title_length: 1, publish_hour: 3 });
	});
});
