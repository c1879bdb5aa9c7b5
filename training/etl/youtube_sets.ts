/**
 * Readers of the four YouTube trending sets (../shared/datasets/youtube/SOURCES.md). Each turns one file's text into
 * appearances: one row per (video, trending day) in a common shape. The sets differ in columns, date formats and tag
 * quoting; every difference is handled here so that youtube.ts only has to pick one appearance per video.
 *
 * Date formats (all dates are UTC):
 * - youtube-new:            trending_date 'YY.DD.MM' (17.14.11 = 2017-11-14), publish_time ISO '2017-11-13T17:13:01.000Z'
 * - youtube-2017-sep-oct:   date 'DD.MM' of 2017 (13.09 = 2017-09-13); no publish time, no description, no flags
 * - trend-with-subscriber:  last_trending_date / publish_date ISO 'YYYY-MM-DD' (repaired file), publish_hour 0-23
 * - trending-2020-partial:  trending_date and publishedAt ISO with time
 */
import { parse_csv_text } from '../../src/lib/core/csv';

export type SetId = 'subscriber' | 'new' | 'sepoct' | '2020';

export interface Appearance {
	video_id: string;
	set: SetId;
	country: string;
	/** 'YYYY-MM-DD' */
	trending_date: string;
	title: string;
	channel: string;
	category_id: number;
	/** lower-cased, trimmed, de-duplicated, in source order; [] for the sets' "[none]" */
	tags: string[];
	/** ISO 'YYYY-MM-DDTHH:MM:SSZ'; null when the set has no publish time */
	publish_time: string | null;
	/** characters of the description (the literal two characters \n count as one line break); null when the set has none */
	description_length: number | null;
	/** null when the set has no such column */
	comments_disabled: boolean | null;
	ratings_disabled: boolean | null;
	views: number;
	likes: number;
	dislikes: number;
	/** only the subscriber table has it; null when absent or not a usable count */
	subscribers: number | null;
}

export class EtlError extends Error {}

/** 'YY.DD.MM' -> 'YYYY-MM-DD' (youtube-new). */
export function parse_yy_dd_mm(s: string): string {
	const m = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(s.trim());
	if (!m) throw new EtlError(`trending_date '${s}' is not YY.DD.MM`);
	return checked_date(2000 + Number(m[1]), Number(m[3]), Number(m[2]), s);
}

/** 'DD.MM' (year 2017) -> 'YYYY-MM-DD' (youtube-2017-sep-oct). */
export function parse_dd_mm_2017(s: string): string {
	const m = /^(\d{1,2})\.(\d{1,2})$/.exec(s.trim());
	if (!m) throw new EtlError(`date '${s}' is not DD.MM`);
	return checked_date(2017, Number(m[2]), Number(m[1]), s);
}

/** ISO date or date-time -> 'YYYY-MM-DD'. */
export function parse_iso_date(s: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
	if (!m) throw new EtlError(`date '${s}' is not ISO`);
	return checked_date(Number(m[1]), Number(m[2]), Number(m[3]), s);
}

/** ISO date-time (with or without milliseconds) -> normalised 'YYYY-MM-DDTHH:MM:SSZ'. */
export function parse_iso_time(s: string): string {
	const t = Date.parse(s.trim());
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s.trim()) || Number.isNaN(t)) throw new EtlError(`time '${s}' is not an ISO date-time`);
	return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function checked_date(y: number, mo: number, d: number, raw: string): string {
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) throw new EtlError(`date '${raw}' does not exist`);
	return dt.toISOString().slice(0, 10);
}

/** Tags: '|'-separated, each optionally double-quoted (youtube-new quotes them); '[none]' / '[None]' means no tags. */
export function parse_tags(s: string): string[] {
	const raw = s.trim();
	if (raw === '' || /^\[none\]$/i.test(raw)) return [];
	const seen = new Set<string>();
	for (const part of raw.split('|')) {
		const t = part.trim().replace(/^"+|"+$/g, '').trim().toLowerCase().replace(/\s+/g, ' ');
		if (t && !/^\[none\]$/.test(t)) seen.add(t);
	}
	return [...seen];
}

/** Description length; youtube-new and the subscriber table write line breaks as the two characters '\n'. */
export function description_length(s: string, literal_newlines: boolean): number {
	const text = literal_newlines ? s.replace(/\\n/g, '\n') : s;
	return text === 'nan' ? 0 : [...text].length;
}

function parse_bool(s: string, column: string): boolean {
	const v = s.trim().toLowerCase();
	if (v === 'true') return true;
	if (v === 'false') return false;
	throw new EtlError(`${column} '${s}' is not True/False`);
}

function parse_count(s: string, column: string): number {
	const v = Number(s.trim());
	if (s.trim() === '' || !Number.isFinite(v) || v < 0) throw new EtlError(`${column} '${s}' is not a count`);
	return Math.round(v);
}

/** Subscriber count as the table gives it: NaN/empty -> null, and 0 -> null too (a channel whose video trended has subscribers; 0 marks a missing count). */
export function parse_subscribers(s: string): number | null {
	const t = s.trim();
	if (t === '' || /^nan$/i.test(t)) return null;
	const v = Number(t);
	if (!Number.isFinite(v) || v <= 0) return null;
	return Math.round(v);
}

/** Category id -> name, from a <CC>_category_id.json file (the YouTube API's videoCategoryListResponse). */
export function parse_category_json(text: string): Map<number, string> {
	const out = new Map<number, string>();
	const doc = JSON.parse(text) as { items?: { id: string; snippet?: { title?: string } }[] };
	for (const item of doc.items ?? []) {
		const id = Number(item.id);
		const title = item.snippet?.title;
		if (Number.isInteger(id) && title) out.set(id, title);
	}
	return out;
}

type Getter = (row: string[], name: string) => string;

function records_of(text: string, source: string, required: readonly string[]): { get: Getter; rows: string[][] } {
	const { records, error } = parse_csv_text(text);
	if (error) throw new EtlError(`${source}: ${JSON.stringify(error)}`);
	if (records.length === 0) throw new EtlError(`${source}: empty CSV`);
	const header = records[0].fields.map((h) => h.trim());
	const index = new Map(header.map((h, i) => [h, i]));
	const missing = required.filter((c) => !index.has(c));
	if (missing.length) throw new EtlError(`${source}: missing column(s) ${missing.join(', ')}`);
	const rows = records.slice(1);
	for (const r of rows) {
		if (r.fields.length !== header.length) throw new EtlError(`${source}: line ${r.line} has ${r.fields.length} fields, the header has ${header.length}`);
	}
	return { get: (row, name) => row[index.get(name)!], rows: rows.map((r) => r.fields) };
}

function with_source<T>(source: string, k: number, f: () => T): T {
	try {
		return f();
	} catch (e) {
		if (e instanceof EtlError) throw new EtlError(`${source}: data row ${k + 1}: ${e.message}`);
		throw e;
	}
}

export const NEW_COLUMNS = ['video_id', 'trending_date', 'title', 'channel_title', 'category_id', 'publish_time', 'tags', 'views', 'likes', 'dislikes', 'comment_count', 'thumbnail_link', 'comments_disabled', 'ratings_disabled', 'video_error_or_removed', 'description'] as const;

/** youtube-new (Kaggle datasnaek/youtube-new), one country's head. */
export function read_new_set(text: string, country: string, source: string): Appearance[] {
	const { get, rows } = records_of(text, source, NEW_COLUMNS);
	return rows.map((r, k) => with_source(source, k, () => ({
		video_id: get(r, 'video_id').trim(),
		set: 'new' as const,
		country,
		trending_date: parse_yy_dd_mm(get(r, 'trending_date')),
		title: get(r, 'title'),
		channel: get(r, 'channel_title'),
		category_id: parse_count(get(r, 'category_id'), 'category_id'),
		tags: parse_tags(get(r, 'tags')),
		publish_time: parse_iso_time(get(r, 'publish_time')),
		description_length: description_length(get(r, 'description'), true),
		comments_disabled: parse_bool(get(r, 'comments_disabled'), 'comments_disabled'),
		ratings_disabled: parse_bool(get(r, 'ratings_disabled'), 'ratings_disabled'),
		views: parse_count(get(r, 'views'), 'views'),
		likes: parse_count(get(r, 'likes'), 'likes'),
		dislikes: parse_count(get(r, 'dislikes'), 'dislikes'),
		subscribers: null
	})));
}

export const SEPOCT_COLUMNS = ['video_id', 'title', 'channel_title', 'category_id', 'tags', 'views', 'likes', 'dislikes', 'comment_total', 'thumbnail_link', 'date'] as const;

/** youtube-2017-sep-oct (Kaggle datasnaek/youtube): no publish time, no description, no disabled flags. */
export function read_sepoct_set(text: string, country: string, source: string): Appearance[] {
	const { get, rows } = records_of(text, source, SEPOCT_COLUMNS);
	return rows.map((r, k) => with_source(source, k, () => ({
		video_id: get(r, 'video_id').trim(),
		set: 'sepoct' as const,
		country,
		trending_date: parse_dd_mm_2017(get(r, 'date')),
		title: get(r, 'title'),
		channel: get(r, 'channel_title'),
		category_id: parse_count(get(r, 'category_id'), 'category_id'),
		tags: parse_tags(get(r, 'tags')),
		publish_time: null,
		description_length: null,
		comments_disabled: null,
		ratings_disabled: null,
		views: parse_count(get(r, 'views'), 'views'),
		likes: parse_count(get(r, 'likes'), 'likes'),
		dislikes: parse_count(get(r, 'dislikes'), 'dislikes'),
		subscribers: null
	})));
}

export const SUBSCRIBER_COLUMNS = ['video_id', 'last_trending_date', 'publish_date', 'publish_hour', 'category_id', 'channel_title', 'views', 'likes', 'dislikes', 'comments_disabled', 'ratings_disabled', 'title', 'tags', 'description', 'subscriber'] as const;

/**
 * The subscriber table (Kaggle sgonkaggle/youtube-trend-with-subscriber, repaired file): US only, already one row per
 * video at its last trending day. Publish time is given to the hour (publish_date + publish_hour).
 */
export function read_subscriber_set(text: string, source: string): Appearance[] {
	const { get, rows } = records_of(text, source, SUBSCRIBER_COLUMNS);
	return rows.map((r, k) => with_source(source, k, () => {
		const hour = Number(get(r, 'publish_hour'));
		if (!(Number.isInteger(hour) && hour >= 0 && hour <= 23)) throw new EtlError(`publish_hour '${get(r, 'publish_hour')}' is not 0-23`);
		const day = parse_iso_date(get(r, 'publish_date'));
		const desc = get(r, 'description');
		return {
			video_id: get(r, 'video_id').trim(),
			set: 'subscriber' as const,
			country: 'US',
			trending_date: parse_iso_date(get(r, 'last_trending_date')),
			title: get(r, 'title'),
			channel: get(r, 'channel_title'),
			category_id: parse_count(get(r, 'category_id'), 'category_id'),
			tags: parse_tags(get(r, 'tags')),
			publish_time: `${day}T${String(hour).padStart(2, '0')}:00:00Z`,
			description_length: desc === '' ? 0 : description_length(desc, true),
			comments_disabled: parse_bool(get(r, 'comments_disabled'), 'comments_disabled'),
			ratings_disabled: parse_bool(get(r, 'ratings_disabled'), 'ratings_disabled'),
			views: parse_count(get(r, 'views'), 'views'),
			likes: parse_count(get(r, 'likes'), 'likes'),
			dislikes: parse_count(get(r, 'dislikes'), 'dislikes'),
			subscribers: parse_subscribers(get(r, 'subscriber'))
		};
	}));
}

export const Y2020_COLUMNS = ['video_id', 'title', 'publishedAt', 'channelId', 'channelTitle', 'categoryId', 'trending_date', 'tags', 'view_count', 'likes', 'dislikes', 'comment_count', 'thumbnail_link', 'comments_disabled', 'ratings_disabled', 'description'] as const;

/** trending-2020-partial (Kaggle rsrishav): descriptions hold real line breaks. */
export function read_2020_set(text: string, country: string, source: string): Appearance[] {
	const { get, rows } = records_of(text, source, Y2020_COLUMNS);
	return rows.map((r, k) => with_source(source, k, () => ({
		video_id: get(r, 'video_id').trim(),
		set: '2020' as const,
		country,
		trending_date: parse_iso_date(get(r, 'trending_date')),
		title: get(r, 'title'),
		channel: get(r, 'channelTitle'),
		category_id: parse_count(get(r, 'categoryId'), 'categoryId'),
		tags: parse_tags(get(r, 'tags')),
		publish_time: parse_iso_time(get(r, 'publishedAt')),
		description_length: description_length(get(r, 'description'), false),
		comments_disabled: parse_bool(get(r, 'comments_disabled'), 'comments_disabled'),
		ratings_disabled: parse_bool(get(r, 'ratings_disabled'), 'ratings_disabled'),
		views: parse_count(get(r, 'view_count'), 'view_count'),
		likes: parse_count(get(r, 'likes'), 'likes'),
		dislikes: parse_count(get(r, 'dislikes'), 'dislikes'),
		subscribers: null
	})));
}
