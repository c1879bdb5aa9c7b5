import { describe, expect, it } from 'vitest';
import { clean_instagram_posts, parse_count, posted_text, split_hashtags, PLACEHOLDER_LIKES } from '../../training/etl/instagram_posts';
import { make_instagram_fixture } from '../fixtures/make_instagram_fixture';

describe('instagram ETL on the synthetic fixture', () => {
	const { posts_csv, profiles_csv, facts } = make_instagram_fixture({ seed: 3 });
	const { posts, stats } = clean_instagram_posts(posts_csv, profiles_csv);

	it('drops every placeholder like count (Likes == 3), and says how many and on how many accounts', () => {
		expect(facts.placeholder_likes).toBeGreaterThan(20);
		expect(stats.placeholder_likes).toBe(facts.placeholder_likes);
		expect(stats.placeholder_accounts).toBe(facts.placeholder_accounts);
		expect(posts.some((p) => p.likes === PLACEHOLDER_LIKES)).toBe(false);
		// the placeholder sits on posts with many comments: a count of 3 there is not a count
		expect(posts.every((p) => !(p.likes === 3 && p.comments > 100))).toBe(true);
	});

	it('loses an account whose every post shows the placeholder', () => {
		expect(stats.placeholder_only_accounts).toBe(1);
		expect(posts.some((p) => p.account === facts.placeholder_only_account)).toBe(false);
	});

	it('ignores profile rows without a username and drops posts whose account has no follower count', () => {
		expect(stats.profiles_placeholder_rows).toBe(facts.profiles_placeholder_rows);
		expect(stats.no_followers).toBe(facts.no_profile_posts);
		expect(posts.some((p) => p.account === facts.no_profile_account)).toBe(false);
	});

	it('keeps the first of a repeated link', () => {
		expect(stats.duplicate_links).toBe(facts.duplicate_links);
		expect(new Set(posts.map((p) => p.link)).size).toBe(posts.length);
	});

	it('keeps exactly the clean posts, with followers joined and captions read verbatim', () => {
		expect(stats.raw_rows).toBe(facts.raw_rows);
		expect(stats.posts).toBe(facts.clean_posts);
		expect(posts.length).toBe(facts.clean_posts);
		expect(stats.accounts).toBe(facts.clean_accounts);
		expect(posts.every((p) => Number.isFinite(p.followers) && p.followers > 0 && p.likes >= 8)).toBe(true);
		const tricky = posts.find((p) => p.link === facts.tricky.link);
		if (tricky) expect(tricky.caption).toBe(facts.tricky.caption);
		expect(stats.empty_captions).toBeGreaterThan(0);
	});

	it('would inflate nothing: the placeholder rows are the lowest likes and are gone', () => {
		const min = Math.min(...posts.map((p) => p.likes));
		expect(min).toBeGreaterThan(PLACEHOLDER_LIKES);
	});
});

describe('posted_text', () => {
	it('puts the extracted hashtags back on a last line, once', () => {
		expect(posted_text('Hello', split_hashtags('SonyAlpha | ShotonSony'))).toBe('Hello\n#SonyAlpha #ShotonSony');
		expect(posted_text('Hello #sonyalpha', ['SonyAlpha', 'Leica'])).toBe('Hello #sonyalpha\n#Leica');
		expect(posted_text('', ['a'])).toBe('#a');
		expect(posted_text('Plain', [])).toBe('Plain');
		expect(split_hashtags('')).toEqual([]);
	});
});

describe('parse_count', () => {
	it('reads integers and float-written counts, refuses the rest', () => {
		expect(parse_count('533.0')).toBe(533);
		expect(parse_count('12')).toBe(12);
		expect(parse_count('')).toBeNaN();
		expect(parse_count('1.5')).toBeNaN();
		expect(parse_count('-4')).toBeNaN();
		expect(parse_count('1,234')).toBeNaN();
	});
});

describe('instagram ETL refuses a file of another shape', () => {
	it('names the missing column', () => {
		expect(() => clean_instagram_posts('a,b\n1,2\n', 'username,followersCount\n')).toThrow(/InstagramLink/);
	});
});
