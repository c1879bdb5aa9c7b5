/**
 * The planned video as a visitor gives it (form, URL parameters, a CSV row, a stored history record), checked at the
 * boundary. Errors are codes with parameters per field; pages turn them into messages in the visitor's language.
 * Nothing is clamped silently: a value out of range is refused with the range.
 */
import { VIDEO_COUNTRIES, normalise_tags, type VideoInput } from '../features/video';

/** YouTube's own limits: titles up to 100 characters, tags up to 500 characters in all. */
export const TITLE_MAX = 100;
export const TAGS_MAX_CHARS = 500;
export const TAG_MAX_CHARS = 100;
export const TAGS_MAX = 60;
/** The largest channel has a few hundred million subscribers; beyond this a count is a typo. */
export const SUBSCRIBERS_MAX = 1_000_000_000;
export const DESCRIPTION_MAX = 5000;

export type VideoField = 'title' | 'tags' | 'category' | 'country' | 'subscribers' | 'publish_date' | 'publish_hour' | 'description_length';

export type VideoFieldError =
	| { code: 'required' }
	| { code: 'too_long'; max: number }
	| { code: 'too_many'; max: number }
	| { code: 'tag_too_long'; max: number; tag: string }
	| { code: 'unknown_category'; value: string }
	| { code: 'unknown_country'; value: string }
	| { code: 'not_a_number'; value: string }
	| { code: 'negative' }
	| { code: 'not_integer' }
	| { code: 'too_large'; max: number }
	| { code: 'out_of_range'; min: number; max: number }
	| { code: 'bad_date'; value: string };

export type VideoInputErrors = Partial<Record<VideoField, VideoFieldError>>;

/** What a form, a URL or a CSV row gives: text for everything (a number field may hold anything). */
export interface VideoDraft {
	title: string;
	/** chips, or one comma- / '|'-separated text (CSV, URL) */
	tags: string[] | string;
	/** category id ("24") or name ("Entertainment") */
	category: string;
	country: string;
	/** empty = unknown */
	subscribers: string;
	/** 'YYYY-MM-DD'; empty = unknown */
	publish_date: string;
	/** '0'-'23'; empty = unknown */
	publish_hour: string;
	/** empty = unknown */
	description_length?: string;
}

export function split_tags(tags: string[] | string): string[] {
	const list = Array.isArray(tags) ? tags : tags.split(/[|,]/);
	return list.map((t) => t.trim()).filter(Boolean);
}

/** Read a count: digits with optional thousands separators (1,200 / 1.200 / 1 200) or a short suffix (1.2M, 350k). */
export function parse_count(text: string): number | null {
	const t = text.trim().replace(/[\s\u00a0\u202f_]/g, '');
	const suffix = /^(\d+(?:[.,]\d+)?)([kKmMbB])$/.exec(t);
	if (suffix) {
		const v = Number(suffix[1].replace(',', '.')) * ({ k: 1e3, m: 1e6, b: 1e9 } as Record<string, number>)[suffix[2].toLowerCase()];
		return Number.isFinite(v) ? Math.round(v) : null;
	}
	if (/^-?\d{1,3}([.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
	if (/^-?\d+(\.\d+)?(e\d+)?$/i.test(t)) return Number(t);
	return null;
}

export function check_video_draft(
	d: VideoDraft,
	categories: ReadonlyMap<number, string>
): { ok: true; value: VideoInput; publish_date: string | null } | { ok: false; errors: VideoInputErrors } {
	const errors: VideoInputErrors = {};
	const title = (d.title ?? '').trim();
	if (!title) errors.title = { code: 'required' };
	else if ([...title].length > TITLE_MAX) errors.title = { code: 'too_long', max: TITLE_MAX };

	const raw_tags = split_tags(d.tags ?? []);
	const tags = normalise_tags(raw_tags);
	const long_tag = tags.find((t) => t.length > TAG_MAX_CHARS);
	if (tags.length > TAGS_MAX) errors.tags = { code: 'too_many', max: TAGS_MAX };
	else if (long_tag) errors.tags = { code: 'tag_too_long', max: TAG_MAX_CHARS, tag: long_tag.slice(0, 30) };
	else if (tags.join(',').length > TAGS_MAX_CHARS) errors.tags = { code: 'too_long', max: TAGS_MAX_CHARS };

	let category_id = NaN;
	const cat = (d.category ?? '').trim();
	if (!cat) errors.category = { code: 'required' };
	else if (/^\d+$/.test(cat) && categories.has(Number(cat))) category_id = Number(cat);
	else {
		const hit = [...categories].find(([, name]) => name.toLowerCase() === cat.toLowerCase());
		if (hit) category_id = hit[0];
		else errors.category = { code: 'unknown_category', value: cat.slice(0, 40) };
	}

	const country = (d.country ?? '').trim().toUpperCase();
	if (!country) errors.country = { code: 'required' };
	else if (!(VIDEO_COUNTRIES as readonly string[]).includes(country)) errors.country = { code: 'unknown_country', value: country.slice(0, 20) };

	let subscribers: number | null = null;
	const s = (d.subscribers ?? '').trim();
	if (s) {
		const v = parse_count(s);
		if (v === null || !Number.isFinite(v)) errors.subscribers = { code: 'not_a_number', value: s.slice(0, 20) };
		else if (v < 0) errors.subscribers = { code: 'negative' };
		else if (!Number.isInteger(v)) errors.subscribers = { code: 'not_integer' };
		else if (v > SUBSCRIBERS_MAX) errors.subscribers = { code: 'too_large', max: SUBSCRIBERS_MAX };
		// 0 subscribers is a real (new) channel, but the data has none: it is read as "unknown" by the encoder
		else subscribers = v;
	}

	let publish_weekday: number | null = null;
	let publish_date: string | null = null;
	const date = (d.publish_date ?? '').trim();
	if (date) {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
		const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
		const back = Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10);
		if (!m || back !== date || Number(m[1]) < 2005 || Number(m[1]) > 2100) errors.publish_date = { code: 'bad_date', value: date.slice(0, 20) };
		else {
			publish_weekday = (new Date(t).getUTCDay() + 6) % 7;
			publish_date = date;
		}
	}
	let publish_hour: number | null = null;
	const h = (d.publish_hour ?? '').trim();
	if (h) {
		const v = Number(h);
		if (!/^\d{1,2}$/.test(h) || !(v >= 0 && v <= 23)) errors.publish_hour = { code: 'out_of_range', min: 0, max: 23 };
		else publish_hour = v;
	}

	let description_length: number | null = null;
	const dl = (d.description_length ?? '').trim();
	if (dl) {
		const v = parse_count(dl);
		if (v === null) errors.description_length = { code: 'not_a_number', value: dl.slice(0, 20) };
		else if (v < 0) errors.description_length = { code: 'negative' };
		else if (v > DESCRIPTION_MAX) errors.description_length = { code: 'too_large', max: DESCRIPTION_MAX };
		else description_length = Math.round(v);
	}

	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		publish_date,
		value: {
			title, tags, category_id, country, subscribers, publish_hour, publish_weekday, description_length,
			comments_disabled: false, ratings_disabled: false
		}
	};
}

/** A VideoInput read back from storage or a message, or null when it is not one this version accepts. */
export function parse_video_input(v: unknown): VideoInput | null {
	if (!v || typeof v !== 'object') return null;
	const r = v as Record<string, unknown>;
	const int_or_null = (x: unknown, lo: number, hi: number) => x === null || (typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi);
	if (typeof r.title !== 'string' || r.title.length > TITLE_MAX * 4) return null;
	if (!Array.isArray(r.tags) || r.tags.length > TAGS_MAX || r.tags.some((t) => typeof t !== 'string')) return null;
	if (typeof r.category_id !== 'number' || !Number.isInteger(r.category_id) || r.category_id < 0 || r.category_id > 254) return null;
	if (typeof r.country !== 'string' || r.country.length > 3) return null;
	if (!int_or_null(r.subscribers, 0, SUBSCRIBERS_MAX) || !int_or_null(r.publish_hour, 0, 23) || !int_or_null(r.publish_weekday, 0, 6)) return null;
	if (!int_or_null(r.description_length, 0, DESCRIPTION_MAX)) return null;
	const flag = (x: unknown) => x === null || typeof x === 'boolean';
	if (!flag(r.comments_disabled) || !flag(r.ratings_disabled)) return null;
	return r as unknown as VideoInput;
}
