import { describe, expect, it } from 'vitest';
import {
	parse_yy_dd_mm, parse_dd_mm_2017, parse_iso_date, parse_tags, parse_subscribers, parse_category_json, description_length,
	read_new_set, read_sepoct_set, read_subscriber_set, read_2020_set, EtlError, type SetId
} from '../../training/etl/youtube_sets';
import { unify_appearances } from '../../training/etl/youtube';
import { make_youtube_fixture, category_json, US_CATEGORIES, FR_CATEGORIES } from '../fixtures/make_youtube_fixture';

describe('per-set date formats', () => {
	it('reads YY.DD.MM (youtube-new), DD.MM of 2017 (Sep-Oct) and ISO (subscriber table, 2020)', () => {
		expect(parse_yy_dd_mm('17.14.11')).toBe('2017-11-14');
		expect(parse_yy_dd_mm('18.01.03')).toBe('2018-03-01');
		expect(parse_dd_mm_2017('13.09')).toBe('2017-09-13');
		expect(parse_iso_date('2020-08-12T00:00:00Z')).toBe('2020-08-12');
	});
	it('rejects impossible or misordered dates instead of rolling them over', () => {
		expect(() => parse_yy_dd_mm('17.11.14')).toThrow(EtlError); // month 14
		expect(() => parse_dd_mm_2017('31.09')).toThrow(EtlError);
		expect(() => parse_iso_date('11/14/2017')).toThrow(EtlError);
	});
});

describe('field readers', () => {
	it('parses quoted and unquoted tags, lower-cases, de-duplicates, and reads [none] as no tags', () => {
		expect(parse_tags('"Alpha"|"beta  Gamma"|"alpha"')).toEqual(['alpha', 'beta gamma']);
		expect(parse_tags('a|b|c')).toEqual(['a', 'b', 'c']);
		expect(parse_tags('[none]')).toEqual([]);
		expect(parse_tags('[None]')).toEqual([]);
	});
	it('reads missing and zero subscriber counts as missing, never zero', () => {
		expect(parse_subscribers('NaN')).toBeNull();
		expect(parse_subscribers('')).toBeNull();
		expect(parse_subscribers('0')).toBeNull();
		expect(parse_subscribers('9086142')).toBe(9086142);
	});
	it('counts a literal \\n as one line break', () => {
		expect(description_length('a\\nb', true)).toBe(3);
		expect(description_length('a\\nb', false)).toBe(4);
	});
	it('reads category names from the API JSON', () => {
		expect(parse_category_json(category_json(US_CATEGORIES)).get(29)).toBe('Nonprofits & Activism');
	});
});

describe('unifying the sets on the synthetic fixture', () => {
	const f = make_youtube_fixture(7, 20);
	const appearances = [
		...read_new_set(f.new_us, 'US', 'US'),
		...read_new_set(f.new_fr, 'FR', 'FR'),
		...read_new_set(f.new_in, 'IN', 'IN'),
		...read_new_set(f.new_gb, 'GB', 'GB'),
		...read_sepoct_set(f.sepoct_us, 'US', 'sep'),
		...read_subscriber_set(f.subscriber, 'sub'),
		...read_2020_set(f.y2020_de, 'DE', 'de')
	];
	const us = parse_category_json(category_json(US_CATEGORIES));
	const fr = parse_category_json(category_json(FR_CATEGORIES));
	const union = new Map([...us, ...fr]);
	const names = (_set: SetId, country: string) => (country === 'FR' ? new Map([...union, ...fr]) : us);
	const { videos, stats } = unify_appearances(appearances, names);
	const by = new Map(videos.map((v) => [v.video_id, v]));

	it('keeps one row per video', () => {
		expect(new Set(videos.map((v) => v.video_id)).size).toBe(videos.length);
		expect(stats.appearances).toBe(appearances.length);
	});
	it('keeps the last appearance (cumulative counts) and lists every country', () => {
		const v = by.get('vid_multi')!;
		expect(v.set).toBe('subscriber');
		expect(v.views).toBe(12000);
		expect(v.appearances).toBe(4);
		expect(by.get('vid_sep')!.views).toBe(2400);
		expect(by.get('vid_sep')!.trending_date).toBe('2017-09-14');
	});
	it('joins subscribers by video id even when a later appearance elsewhere is kept', () => {
		const v = by.get('vid_gb_late')!;
		expect(v.country).toBe('GB');
		expect(v.countries).toEqual(['GB', 'US']);
		expect(v.subscribers).toBe(123456);
		expect(v.in_subscriber_table).toBe(true);
	});
	it('leaves subscribers missing outside the subscriber table and for NaN / 0 in it', () => {
		expect(by.get('vid_nan_subs')!.subscribers).toBeNull();
		expect(by.get('vid_zero_subs')!.subscribers).toBeNull();
		expect(by.get('vid_2020')!.subscribers).toBeNull();
		expect(by.get('vid_none')!.subscribers).toBeNull();
		expect(stats.subscriber_table_missing).toBe(2);
		expect(stats.with_subscribers).toBe(2);
	});
	it('takes the higher count of a repeated (video, day) pair and counts the repeat', () => {
		expect(by.get('vid_rep')!.views).toBe(800);
		expect(stats.repeated_day_pairs).toBe(1);
	});
	it('names categories from the set\'s file, falling back to another file for a missing id', () => {
		expect(by.get('vid_cat29')!.category).toBe('Nonprofits & Activism');
		expect(by.get('vid_none')!.category).toBe('People & Blogs');
	});
	it('reads each set\'s publish time, description and flags (missing where a set has none)', () => {
		expect(by.get('vid_multi')!.publish_time).toBe('2017-11-13T17:00:00Z');
		expect(by.get('vid_sep')!.publish_time).toBeNull();
		expect(by.get('vid_sep')!.description_length).toBeNull();
		expect(by.get('vid_sep')!.comments_disabled).toBeNull();
		const d = by.get('vid_2020')!;
		expect(d.publish_time).toBe('2020-08-11T19:20:14Z');
		expect(d.ratings_disabled).toBe(true);
		expect(d.description_length).toBe('Zeile eins, mit Komma\nZeile zwei'.length);
		expect(by.get('vid_none')!.tags).toEqual([]);
		expect(by.get('vid_multi')!.tags).toEqual(['tag one', 'tag two']);
		expect(by.get('rnd_us_0')!.tags).toEqual(['alpha', 'beta gamma']);
	});
	it('names the file and row of a malformed value', () => {
		const bad = f.new_us.replace('17.14.11', '2017-11-14');
		expect(() => read_new_set(bad, 'US', 'USvideos.csv')).toThrow(/USvideos.csv: data row 1/);
	});
});
