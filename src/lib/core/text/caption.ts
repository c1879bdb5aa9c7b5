/**
 * The measurable traits of an Instagram caption. One source of truth: the training pipeline measures the scraped
 * posts with this module and the caption worker measures what a visitor types with it, so a trait means the same
 * on both sides.
 *
 * Lengths are in graphemes (what a person sees as one character: "👩🏽‍💻" is one, not seven UTF-16 units), words come
 * from Intl.Segmenter (so Thai, Japanese or Chinese without spaces still split into words), and nothing assumes a
 * left-to-right Latin text: hashtags, mentions and questions are recognised in any script, Arabic "؟" and
 * full-width "？" included.
 */
import { CTA_PATTERNS, type CtaKind } from './cta';

/** Instagram's caption limit; we count graphemes (see the header). */
export const CAPTION_MAX_LENGTH = 2200;
/** Instagram refuses a post with more hashtags or mentions than these. */
export const MAX_HASHTAGS = 30;
export const MAX_MENTIONS = 20;

/** The numeric traits, in a fixed order (the feature order of the caption models and distributions). */
export const CAPTION_TRAITS = ['length', 'words', 'line_breaks', 'hashtags', 'mentions', 'emoji', 'questions', 'calls_to_action', 'links'] as const;
export type CaptionTrait = (typeof CAPTION_TRAITS)[number];

export type Direction = 'ltr' | 'rtl' | 'neutral';

export type CaptionWarning =
	| { code: 'too_long'; length: number; max: number }
	| { code: 'too_many_hashtags'; count: number; max: number }
	| { code: 'too_many_mentions'; count: number; max: number };

export interface CaptionAnalysis {
	traits: Record<CaptionTrait, number>;
	/** the hashtags as written, without '#', in order of appearance (repeats kept) */
	hashtag_list: string[];
	mention_list: string[];
	link_list: string[];
	emoji_list: string[];
	cta_kinds: CtaKind[];
	/** UTF-16 code units, for reference (what a naive counter shows) */
	utf16_length: number;
	/** the base direction a browser's dir="auto" would pick: from the first strong letter */
	direction: Direction;
	/** share of letters written in right-to-left scripts (0..1; 0 without letters) */
	rtl_share: number;
	/** the script most letters are written in ('Latin', 'Arabic', ... or 'none') */
	main_script: string;
	/** share of cased letters that are upper case (0 without cased letters) */
	upper_share: number;
	warnings: CaptionWarning[];
}

// Shared segmenters: building one costs more than segmenting a caption.
let grapheme_segmenter: Intl.Segmenter | null = null;
let word_segmenter: Intl.Segmenter | null = null;
const graphemes_of = (text: string) => (grapheme_segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text);
const words_of = (text: string) => (word_segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })).segment(text);

// Printable ASCII (and tab, line feed) is one grapheme per character, so only the other runs go through
// Intl.Segmenter, which costs about a microsecond per segment: 3 ms for a 2,200-character caption otherwise.
const ASCII_RUNS = /[\t\n\x20-\x7e]+|[^\t\n\x20-\x7e]+/g;
// a run that starts with one of these extends the character before it (an accent, a joiner, a variation selector,
// a skin tone, a keycap), so that character joins the run
const PLAIN = /^[\t\n\x20-\x7e]/;
const EXTENDS = /^[\p{M}\u200d\ufe00-\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;

/**
 * Visit the graphemes: returns how many there are, and calls `complex` with every grapheme that is not plain ASCII
 * (where emoji live).
 */
function scan_graphemes(text: string, complex?: (segment: string) => void): number {
	let n = 0;
	let carry = '';
	const runs = text.match(ASCII_RUNS) ?? [];
	for (let k = 0; k < runs.length; k++) {
		const run = runs[k];
		if (PLAIN.test(run)) {
			const next = runs[k + 1];
			if (next !== undefined && EXTENDS.test(next)) {
				// the last ASCII character belongs to the next run's first grapheme
				n += run.length - 1;
				carry = run[run.length - 1];
			} else n += run.length;
			continue;
		}
		for (const { segment } of graphemes_of(carry + run)) {
			n++;
			complex?.(segment);
		}
		carry = '';
	}
	return n;
}

/** Number of graphemes (user-perceived characters). */
export function grapheme_count(text: string): number {
	return scan_graphemes(text);
}

// A hashtag: '#' or '＃' not glued to a preceding letter, digit, '_' or '&' (so "C#", "&#39;" and "a#b" are not
// tags), then letters, marks, digits and '_' with at least one that is not a digit (Instagram does not link "#123").
const HASHTAG_RE = /(?<![\p{L}\p{M}\p{N}_&#＃])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;
// A mention: '@' not inside a word or an e-mail address, then Instagram's username alphabet (letters, digits, '_',
// '.'; at most 30; a trailing '.' is punctuation, not part of the name).
const MENTION_RE = /(?<![\p{L}\p{M}\p{N}_.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)/gu;
// Links: a scheme, "www.", or a bare domain with a common top-level domain. Trailing punctuation is trimmed.
const LINK_RE = /\b(?:https?:\/\/[^\s<>"]+|www\.[^\s<>"]+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|ly|me|app|shop|store|tv|info|dev|ai|gl|gg|link|page|site|xyz|es|de|fr|uk|tr)(?:\/[^\s<>"]*)?)(?![\p{L}\p{N}@])/giu;
const QUESTION_RE = /[?？؟⸮]+/gu;
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const LETTER_RE = /\p{L}/u;
const RTL_RE = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const SCRIPTS: [string, RegExp][] = [
	['Latin', /\p{Script=Latin}/u],
	['Arabic', /\p{Script=Arabic}/u],
	['Hebrew', /\p{Script=Hebrew}/u],
	['Cyrillic', /\p{Script=Cyrillic}/u],
	['Greek', /\p{Script=Greek}/u],
	['Han', /\p{Script=Han}/u],
	['Japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
	['Hangul', /\p{Script=Hangul}/u],
	['Devanagari', /\p{Script=Devanagari}/u],
	['Thai', /\p{Script=Thai}/u]
];

interface LetterInfo { rtl: boolean; cased: boolean; upper: boolean; script: string | null }
// Per code point, memoised: a caption repeats few distinct letters, and a dozen regex tests per character made this
// loop the slowest part of the analysis (7 ms for 2,200 characters before, well under 1 ms after).
const letter_memo = new Map<string, LetterInfo | null>();
function letter_info(ch: string): LetterInfo | null {
	let info = letter_memo.get(ch);
	if (info !== undefined) return info;
	if (!LETTER_RE.test(ch)) info = null;
	else {
		const lower = ch.toLowerCase(), up = ch.toUpperCase();
		info = { rtl: RTL_RE.test(ch), cased: lower !== up, upper: lower !== up && ch === up, script: SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? null };
	}
	if (letter_memo.size < 20_000) letter_memo.set(ch, info);
	return info;
}

function trim_link(link: string): string {
	// ")" closes a parenthesis around the link unless the link opened one itself (Wikipedia-style URLs)
	let out = link.replace(/[.,;:!?'"»”’…]+$/u, '');
	while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1).replace(/[.,;:!?]+$/u, '');
	return out;
}

/** Every trait of one caption. Line endings CRLF / CR count as one line break each. */
export function analyse_caption(raw: string): CaptionAnalysis {
	const text = raw.replace(/\r\n?/g, '\n');
	// links first, and blanked out before hashtags, mentions and questions are read: "?utm=..." is not a question and
	// "site.com/#about" is not a hashtag
	const link_list: string[] = [];
	const without_links = text.replace(LINK_RE, (m) => {
		const link = trim_link(m);
		link_list.push(link);
		return ' '.repeat(link.length) + m.slice(link.length);
	});
	const hashtag_list = [...without_links.matchAll(HASHTAG_RE)].map((m) => m[1]);
	const mention_list = [...without_links.matchAll(MENTION_RE)].map((m) => m[1]);
	const questions = [...without_links.matchAll(QUESTION_RE)].length;

	// graphemes: length, emoji
	const emoji_list: string[] = [];
	const length = scan_graphemes(text, (segment) => {
		if (EMOJI_RE.test(segment)) emoji_list.push(segment);
	});

	// words: what the segmenter calls word-like, outside hashtags, mentions and links (those are counted on their own)
	const plain = without_links.replace(HASHTAG_RE, ' ').replace(MENTION_RE, ' ');
	let words = 0;
	for (const s of words_of(plain)) if (s.isWordLike) words++;

	// letters: direction, scripts, case
	let letters = 0, rtl = 0, cased = 0, upper = 0;
	let direction: Direction = 'neutral';
	const script_counts = new Map<string, number>();
	for (const ch of text) {
		const info = letter_info(ch);
		if (info === null) continue;
		letters++;
		if (info.rtl) rtl++;
		if (direction === 'neutral') direction = info.rtl ? 'rtl' : 'ltr';
		if (info.cased) {
			cased++;
			if (info.upper) upper++;
		}
		if (info.script) script_counts.set(info.script, (script_counts.get(info.script) ?? 0) + 1);
	}
	// the most frequent listed script; letters of unlisted scripts (Georgian, Tamil...) make 'other'
	let main_script = letters > 0 ? 'other' : 'none';
	let best = letters - [...script_counts.values()].reduce((a, b) => a + b, 0);
	for (const [name, n] of script_counts) if (n > best) (best = n), (main_script = name);

	const cta_kinds = calls_to_action(without_links);
	const line_breaks = (text.match(/\n/g) ?? []).length;

	const warnings: CaptionWarning[] = [];
	if (length > CAPTION_MAX_LENGTH) warnings.push({ code: 'too_long', length, max: CAPTION_MAX_LENGTH });
	if (hashtag_list.length > MAX_HASHTAGS) warnings.push({ code: 'too_many_hashtags', count: hashtag_list.length, max: MAX_HASHTAGS });
	if (mention_list.length > MAX_MENTIONS) warnings.push({ code: 'too_many_mentions', count: mention_list.length, max: MAX_MENTIONS });

	return {
		traits: {
			length,
			words,
			line_breaks,
			hashtags: hashtag_list.length,
			mentions: mention_list.length,
			emoji: emoji_list.length,
			questions,
			calls_to_action: cta_kinds.length,
			links: link_list.length
		},
		hashtag_list,
		mention_list,
		link_list,
		emoji_list,
		cta_kinds,
		utf16_length: text.length,
		direction,
		rtl_share: letters > 0 ? rtl / letters : 0,
		main_script,
		upper_share: cased > 0 ? upper / cased : 0,
		warnings
	};
}

/** The kinds of call to action a caption makes (each kind once), in the order of CTA_PATTERNS. */
export function calls_to_action(text: string): CtaKind[] {
	// NFKC + lower case so full-width or styled letters ("𝗹𝗶𝗻𝗸 𝗶𝗻 𝗯𝗶𝗼") match plain patterns
	const folded = text.normalize('NFKC').toLocaleLowerCase('und');
	return CTA_PATTERNS.filter(([, re]) => re.test(folded)).map(([kind]) => kind);
}

/** The numeric traits as a vector in CAPTION_TRAITS order. */
export function trait_vector(traits: Record<CaptionTrait, number>): number[] {
	return CAPTION_TRAITS.map((t) => traits[t]);
}
