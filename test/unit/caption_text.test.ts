import { describe, expect, it } from 'vitest';
import { analyse_caption, calls_to_action, grapheme_count, trait_vector, CAPTION_MAX_LENGTH, CAPTION_TRAITS } from '../../src/lib/core/text/caption';

describe('analyse_caption: lengths and emoji', () => {
	it('counts a family, a skin-toned professional, a flag and a keycap as one grapheme and one emoji each', () => {
		const a = analyse_caption('👨‍👩‍👧‍👦👩🏽‍💻🇹🇷1️⃣');
		expect(a.traits.length).toBe(4);
		expect(a.traits.emoji).toBe(4);
		expect(a.emoji_list).toEqual(['👨‍👩‍👧‍👦', '👩🏽‍💻', '🇹🇷', '1️⃣']);
		expect(a.utf16_length).toBeGreaterThan(20);
	});

	it('does not call plain digits, # or accented letters emoji', () => {
		const a = analyse_caption('Café 123 # ñ');
		expect(a.traits.emoji).toBe(0);
		expect(a.traits.length).toBe(12);
	});

	it('counts combining marks with their letter', () => {
		expect(grapheme_count('e\u0301')).toBe(1);
		expect(grapheme_count('नमस्ते')).toBe(3);
	});

	it('counts 2,200+ characters and warns past the limit without cutting anything', () => {
		const long = '🙂a'.repeat(1200);
		const a = analyse_caption(long);
		expect(a.traits.length).toBe(2400);
		expect(a.warnings).toEqual([{ code: 'too_long', length: 2400, max: CAPTION_MAX_LENGTH }]);
		expect(analyse_caption('a'.repeat(CAPTION_MAX_LENGTH)).warnings).toEqual([]);
		// a string of 2,200 graphemes but 4,400 UTF-16 units is within the limit
		expect(analyse_caption('🙂'.repeat(CAPTION_MAX_LENGTH)).warnings).toEqual([]);
	});

	it('is empty-safe', () => {
		const a = analyse_caption('');
		expect(trait_vector(a.traits)).toEqual(CAPTION_TRAITS.map(() => 0));
		expect(a.direction).toBe('neutral');
		expect(a.main_script).toBe('none');
	});
});

describe('analyse_caption: words and lines', () => {
	it('counts words in spaced and unspaced scripts', () => {
		expect(analyse_caption('Hello, world! It’s 2025.').traits.words).toBe(4);
		expect(analyse_caption('สวัสดีครับ').traits.words).toBeGreaterThanOrEqual(2);
		expect(analyse_caption('東京に行きました').traits.words).toBeGreaterThanOrEqual(3);
	});

	it('counts line breaks with any line ending', () => {
		expect(analyse_caption('a\nb\r\nc\rd').traits.line_breaks).toBe(3);
		expect(analyse_caption('a\n\n\nb').traits.line_breaks).toBe(3);
	});

	it('does not count hashtags, mentions and links as words', () => {
		expect(analyse_caption('Sunset #beach @anna https://x.com/a').traits.words).toBe(1);
	});
});

describe('analyse_caption: hashtags, mentions, links', () => {
	it('finds hashtags in any script and refuses look-alikes', () => {
		const a = analyse_caption('#Sunset #güneş #日本 #مرحبا #2025 #tag_2 C# a#b &#39; ＃全角');
		expect(a.hashtag_list).toEqual(['Sunset', 'güneş', '日本', 'مرحبا', 'tag_2', '全角']);
	});

	it('finds mentions but not e-mail addresses, and drops a trailing full stop', () => {
		const a = analyse_caption('Thanks @anna.k. and @bob_1! mail me: x@y.com (@carol)');
		expect(a.mention_list).toEqual(['anna.k', 'bob_1', 'carol']);
	});

	it('finds links with and without a scheme and trims punctuation; a link is not a question or a hashtag', () => {
		const a = analyse_caption('Read https://example.com/a?b=1#top. Or www.test.org/x, or shop.site.com! (see https://en.wikipedia.org/wiki/Foo_(bar))');
		expect(a.link_list).toEqual(['https://example.com/a?b=1#top', 'www.test.org/x', 'shop.site.com', 'https://en.wikipedia.org/wiki/Foo_(bar)']);
		expect(a.traits.questions).toBe(0);
		expect(a.traits.hashtags).toBe(0);
		expect(a.traits.links).toBe(4);
	});

	it('warns about more than 30 hashtags or 20 mentions', () => {
		const tags = Array.from({ length: 31 }, (_, i) => `#t${i}x`).join(' ');
		const at = Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' ');
		const codes = analyse_caption(`${tags} ${at}`).warnings.map((w) => w.code);
		expect(codes).toEqual(['too_many_hashtags', 'too_many_mentions']);
	});
});

describe('analyse_caption: questions and calls to action', () => {
	it('counts each run of question marks once, in Latin, Arabic and full-width forms', () => {
		expect(analyse_caption('Ready?? Really?! ¿Listo? هل أنت مستعد؟ 準備できた？').traits.questions).toBe(5);
	});

	it('recognises calls to action in English, Spanish and Turkish, each kind once', () => {
		expect(calls_to_action('Link in bio! Comment below and tag a friend. Link in bio.')).toEqual(['link_in_bio', 'comment', 'tag']);
		expect(calls_to_action('Enlace en la bio. ¡Sígueme y comparte!')).toEqual(['link_in_bio', 'share', 'follow']);
		expect(calls_to_action('Biyografideki link ile sipariş verin, kaydetmeyi unutmayın')).toEqual(['link_in_bio', 'save', 'shop']);
		expect(calls_to_action('𝗟𝗶𝗻𝗸 𝗶𝗻 𝗯𝗶𝗼')).toEqual(['link_in_bio']);
		expect(calls_to_action('A quiet morning by the sea.')).toEqual([]);
	});
});

describe('analyse_caption: direction and scripts', () => {
	it('finds right-to-left text from its first strong letter, as dir=auto does', () => {
		const ar = analyse_caption('  123 مرحبا بالعالم hello');
		expect(ar.direction).toBe('rtl');
		expect(ar.main_script).toBe('Arabic');
		expect(ar.rtl_share).toBeGreaterThan(0.5);
		const he = analyse_caption('שלום עולם');
		expect(he.direction).toBe('rtl');
		expect(he.rtl_share).toBe(1);
		const mixed = analyse_caption('Hello שלום');
		expect(mixed.direction).toBe('ltr');
		expect(mixed.rtl_share).toBeCloseTo(4 / 9);
	});

	it('names the main script and the share of capitals', () => {
		expect(analyse_caption('Привет МИР').main_script).toBe('Cyrillic');
		expect(analyse_caption('ABC def').upper_share).toBeCloseTo(0.5);
		expect(analyse_caption('한국어 텍스트').main_script).toBe('Hangul');
		expect(analyse_caption('ქართული').main_script).toBe('other');
	});
});

describe('grapheme counting fast path', () => {
	it('agrees with Intl.Segmenter on mixed text, accents after ASCII letters and keycaps', () => {
		const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
		const cases = ['plain ascii', 'cafe\u0301 1\ufe0f\u20e3 #\ufe0f\u20e3', 'a👍🏽b', 'x\u200d👩', 'مرحبا بالعالم؟ ok', 'ta\tb\nc', 'नमस्ते world', '🇹🇷🇪🇸 flags', 'e\u0301\u0302x', '\u0301lead', ''];
		for (const c of cases) expect(grapheme_count(c), c).toBe([...seg.segment(c)].length);
		expect(analyse_caption('1\ufe0f\u20e3 and 👍🏽').emoji_list).toEqual(['1\ufe0f\u20e3', '👍🏽']);
	});
});
