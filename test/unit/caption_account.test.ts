import { describe, expect, it } from 'vitest';
import { account_template_csv, account_template_json, import_account_history } from '../../src/lib/core/caption/account_import';
import { analyse_account, ACCOUNT_MIN_POSTS } from '../../src/lib/core/caption/account_analysis';
import { expected_likes, check_likes_model, parse_followers, type LinearLikesModel } from '../../src/lib/core/caption/model';
import { beat_median_labels, place_traits, trait_reference } from '../../src/lib/core/caption/traits_reference';
import { analyse_caption } from '../../src/lib/core/text/caption';
import { parse_csv_lines, to_csv } from '../../src/lib/core/csv';

const TODAY = '2025-12-31';

describe('account history import', () => {
	it('reads its own templates', () => {
		const csv = import_account_history(account_template_csv(), 100, TODAY);
		expect(csv.ok && csv.posts.length).toBe(3);
		expect(csv.ok && csv.posts[1].caption).toBe('New print shop is open!\nLink in bio 🛒');
		const json = import_account_history(account_template_json(), 100, TODAY);
		expect(json.ok && json.posts.length).toBe(2);
	});

	it('reports every bad row with its line and reason, and keeps the good ones', () => {
		const text = 'Caption,Likes,Date,extra\n"ok",10,2025-01-01,x\n"no likes",,2025-01-02,x\n"bad likes",ten,2025-01-03,x\n"bad date",5,03/01/2025,x\n"future",5,2099-01-01,x\n"feb 30",5,2025-02-30,x\nshort,1\n"multi\nline",7,2025-01-04,x\n';
		const r = import_account_history(text, text.length, TODAY);
		if (!r.ok) throw new Error('refused');
		expect(r.posts.map((p) => [p.caption, p.line])).toEqual([['ok', 2], ['multi\nline', 9]]);
		expect(r.errors).toEqual([
			{ line: 3, code: 'likes_missing' },
			{ line: 4, code: 'likes_not_count', value: 'ten' },
			{ line: 5, code: 'date_invalid', value: '03/01/2025' },
			{ line: 6, code: 'date_future', value: '2099-01-01' },
			{ line: 7, code: 'date_invalid', value: '2025-02-30' },
			{ line: 8, code: 'row_fields', found: 2, expected: 4 }
		]);
	});

	it('refuses whole files that cannot be read, with the reason', () => {
		expect(import_account_history('', 0, TODAY)).toEqual({ ok: false, error: { code: 'file_empty' } });
		expect(import_account_history('caption,likes\n"a",1\n', 20, TODAY)).toEqual({ ok: false, error: { code: 'csv_columns', missing: ['date'] } });
		expect(import_account_history('caption,likes,date\n"open,1,2025-01-01\n', 40, TODAY)).toEqual({ ok: false, error: { code: 'csv_quote', line: 2 } });
		expect(import_account_history('[{"caption": 1,', 20, TODAY)).toMatchObject({ ok: false, error: { code: 'json_invalid' } });
		expect(import_account_history('{"a": 1}', 20, TODAY)).toEqual({ ok: false, error: { code: 'json_shape' } });
		expect(import_account_history('x', 6 * 1024 * 1024, TODAY)).toMatchObject({ ok: false, error: { code: 'file_too_large' } });
		const json = import_account_history('[1, {"caption": "x", "likes": -1, "date": "2025-01-01"}, {"caption": ["x"], "likes": 3, "date": "2025-01-01"}]', 50, TODAY);
		expect(json.ok && json.errors.map((e) => e.code)).toEqual(['row_not_object', 'likes_not_count', 'caption_not_text']);
	});

	it('refuses a caption over 2,200 characters', () => {
		const r = import_account_history(JSON.stringify([{ caption: 'a'.repeat(2201), likes: 1, date: '2025-01-01' }]), 3000, TODAY);
		expect(r.ok && r.errors[0]).toEqual({ line: 1, code: 'caption_too_long', length: 2201, max: 2200 });
	});
});

describe('account analysis', () => {
	const make = (n: number) =>
		Array.from({ length: n }, (_, i) => ({
			// posts with a question do better here, by construction
			caption: i % 2 ? `Post ${1000 + i}?` : `Post ${1000 + i}.`,
			likes: 100 + (i % 2) * 50 + i,
			date: `2025-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
			line: i + 2
		}));

	it('says how few posts are too few', () => {
		expect(analyse_account(make(ACCOUNT_MIN_POSTS - 1))).toEqual({ ok: false, code: 'too_few_posts', posts: ACCOUNT_MIN_POSTS - 1, min: ACCOUNT_MIN_POSTS });
		const small = analyse_account(make(12));
		expect(small.ok && small.model).toEqual({ skipped: 'too_few_posts', min: 30 });
	});

	it('finds a planted difference within the account and fits a model on held-out time blocks', () => {
		const a = analyse_account(make(60));
		if (!a.ok) throw new Error('refused');
		const q = a.differences.find((d) => d.trait === 'questions')!;
		expect(q.diff).toBeGreaterThan(0.5);
		expect(q.measurable).toBe(true);
		expect(a.differences.find((d) => d.trait === 'links')!.measurable).toBe(false);
		if (!('trend_r2' in a.model)) throw new Error('no model');
		expect(a.model.folds).toBe(5);
		expect(a.model.gain.mean).toBeGreaterThan(0);
		expect(a.model.coefficients[0].trait).toBe('questions');
		expect(a.reference.posts + a.reference.ties).toBe(60);
	});
});

describe('trait reference (beat the account median)', () => {
	it('labels posts against their own account, leaves ties and small accounts out', () => {
		const rows = [
			...[1, 2, 3, 4, 5].map((likes) => ({ account: 'a', likes })),
			...[10, 20].map((likes) => ({ account: 'small', likes }))
		];
		expect(Array.from(beat_median_labels(rows))).toEqual([0, 0, -1, 1, 1, -1, -1]);
	});

	it('places a caption against both groups with their support counts', () => {
		const rows = Array.from({ length: 40 }, (_, i) => ({ account: `acc${i % 4}`, likes: i, traits: analyse_caption(i >= 20 ? '#a #b #c' : '#a').traits }));
		const ref = trait_reference(rows);
		expect(ref.posts).toBe(40);
		const h = ref.traits.find((t) => t.trait === 'hashtags')!;
		expect(h.beat.n).toBe(20);
		expect(h.within_account.accounts).toBe(4);
		const placed = place_traits(ref, analyse_caption('#x #y #z').traits).find((p) => p.trait === 'hashtags')!;
		expect(placed.beat_n).toBe(20);
		expect(placed.not_n).toBe(20);
		// three hashtags is the middle of the beat group (all have three) and above every other post
		expect(placed.beat_percentile).toBe(50);
		expect(placed.not_percentile).toBe(100);
	});
});

describe('expected likes model', () => {
	const model: LinearLikesModel = { format: 'hitcast-linear', version: 1, intercept: -1, slope: 0.8, target: 'log1p_likes', feature: 'log1p_followers', interval: { level: 0.8, lower: -1.5, upper: 1.5, coverage: 0.8 }, followers_range: [100, 1e6], training_rows: 10 };
	it('predicts on the log scale and back, with the interval around it', () => {
		const e = expected_likes(check_likes_model(model), 10_000);
		expect(e.log_prediction).toBeCloseTo(-1 + 0.8 * Math.log1p(10_000), 10);
		expect(e.likes).toBeCloseTo(Math.expm1(e.log_prediction), 6);
		expect(e.low).toBeLessThan(e.likes);
		expect(e.high).toBeGreaterThan(e.likes);
		expect(e.extrapolated).toBe(false);
		expect(expected_likes(model, 5e7).extrapolated).toBe(true);
		expect(() => check_likes_model({ ...model, slope: 'x' })).toThrow(/malformed/);
	});

	it('parses follower counts as people type them', () => {
		expect(parse_followers('12,500')).toEqual({ ok: true, value: 12500 });
		expect(parse_followers('12.500')).toEqual({ ok: true, value: 12500 });
		expect(parse_followers('1 234 567')).toEqual({ ok: true, value: 1234567 });
		expect(parse_followers('0')).toEqual({ ok: true, value: 0 });
		expect(parse_followers('')).toEqual({ ok: false, error: { code: 'followers_empty' } });
		expect(parse_followers('12.5')).toEqual({ ok: false, error: { code: 'followers_fraction' } });
		expect(parse_followers('-3')).toMatchObject({ ok: false, error: { code: 'followers_range' } });
		expect(parse_followers('2000000000')).toMatchObject({ ok: false, error: { code: 'followers_range' } });
		expect(parse_followers('lots')).toEqual({ ok: false, error: { code: 'followers_not_number' } });
	});
});

describe('browser CSV', () => {
	it('round-trips fields with commas, quotes and line breaks, and reports line numbers', () => {
		const text = to_csv(['a', 'b'], [['x, "y"', 'line\nbreak'], [' pad', 3]]);
		const rows = parse_csv_lines(text);
		expect(rows.map((r) => r.fields)).toEqual([['a', 'b'], ['x, "y"', 'line\nbreak'], [' pad', '3']]);
		expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
	});
});
