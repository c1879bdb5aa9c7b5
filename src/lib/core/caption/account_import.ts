/**
 * A visitor's own post history, imported from a CSV or JSON file (caption, likes, date per post) and checked row by
 * row: every refused row is reported with its line and a code the page turns into a message; the rows that pass are
 * analysed. Nothing here leaves the device: the file is read and parsed in the browser.
 */
import { CsvError, parse_csv_lines, to_csv } from '../csv';
import { grapheme_count, CAPTION_MAX_LENGTH } from '../text/caption';

export const ACCOUNT_MAX_BYTES = 5 * 1024 * 1024;
export const ACCOUNT_MAX_POSTS = 10_000;

export interface AccountPost {
	caption: string;
	likes: number;
	/** YYYY-MM-DD */
	date: string;
	/** where it came from: CSV line or JSON array position (1-based) */
	line: number;
}

export type RowError =
	| { line: number; code: 'likes_missing' }
	| { line: number; code: 'likes_not_count'; value: string }
	| { line: number; code: 'date_missing' }
	| { line: number; code: 'date_invalid'; value: string }
	| { line: number; code: 'date_future'; value: string }
	| { line: number; code: 'caption_not_text' }
	| { line: number; code: 'caption_too_long'; length: number; max: number }
	| { line: number; code: 'row_not_object' }
	| { line: number; code: 'row_fields'; found: number; expected: number };

export type FileError =
	| { code: 'file_empty' }
	| { code: 'file_too_large'; max_bytes: number }
	| { code: 'file_not_text' }
	| { code: 'json_invalid'; detail: string }
	| { code: 'json_shape' }
	| { code: 'csv_quote'; line: number }
	| { code: 'csv_columns'; missing: string[] }
	| { code: 'too_many_posts'; max: number; found: number }
	| { code: 'no_posts' };

export type AccountImport = { ok: true; posts: AccountPost[]; errors: RowError[]; format: 'csv' | 'json' } | { ok: false; error: FileError };

const COLUMNS = ['caption', 'likes', 'date'] as const;

/** The downloadable template: the header and three example rows (commas, quotes, a line break and emoji included). */
export function account_template_csv(): string {
	return to_csv(COLUMNS, [
		['First light over the harbour 🌅 #sunrise', 1240, '2025-03-02'],
		['New print shop is open!\nLink in bio 🛒', 980, '2025-03-09'],
		['Which one do you prefer, "A" or "B"? @friend', 1515, '2025-03-16']
	]);
}

export function account_template_json(): string {
	return JSON.stringify(
		[
			{ caption: 'First light over the harbour 🌅 #sunrise', likes: 1240, date: '2025-03-02' },
			{ caption: 'New print shop is open!\nLink in bio 🛒', likes: 980, date: '2025-03-09' }
		],
		null,
		2
	);
}

function check_likes(raw: unknown, line: number): number | RowError {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { line, code: 'likes_missing' };
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/[,\s\u00a0\u202f'_]/g, '') : '';
	if (!/^\d{1,12}$/.test(text)) return { line, code: 'likes_not_count', value: String(raw).slice(0, 40) };
	return Number(text);
}

function check_date(raw: unknown, line: number, today: string): string | RowError {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { line, code: 'date_missing' };
	const text = typeof raw === 'string' ? raw.trim() : String(raw);
	// ISO dates only: "03/04/2025" means March in one country and April in another
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	if (!m) return { line, code: 'date_invalid', value: text.slice(0, 40) };
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d || y < 2010) return { line, code: 'date_invalid', value: text.slice(0, 40) };
	const iso = `${m[1]}-${m[2]}-${m[3]}`;
	if (iso > today) return { line, code: 'date_future', value: iso };
	return iso;
}

function check_row(caption: unknown, likes: unknown, date: unknown, line: number, today: string): AccountPost | RowError[] {
	const errors: RowError[] = [];
	let text = '';
	if (caption === undefined || caption === null) text = '';
	else if (typeof caption === 'string') text = caption;
	else errors.push({ line, code: 'caption_not_text' });
	const length = grapheme_count(text);
	if (length > CAPTION_MAX_LENGTH) errors.push({ line, code: 'caption_too_long', length, max: CAPTION_MAX_LENGTH });
	const l = check_likes(likes, line);
	if (typeof l !== 'number') errors.push(l);
	const d = check_date(date, line, today);
	if (typeof d !== 'string') errors.push(d);
	if (errors.length) return errors;
	return { caption: text, likes: l as number, date: d as string, line };
}

/**
 * Parse a history file. `bytes` is the file's size (checked before reading the text in the page too); `today` is
 * YYYY-MM-DD (passed in so tests do not depend on the clock).
 */
export function import_account_history(text: string, bytes: number, today: string): AccountImport {
	if (bytes > ACCOUNT_MAX_BYTES) return { ok: false, error: { code: 'file_too_large', max_bytes: ACCOUNT_MAX_BYTES } };
	if (text.trim() === '') return { ok: false, error: { code: 'file_empty' } };
	if (text.includes('\u0000')) return { ok: false, error: { code: 'file_not_text' } };
	const first = text.replace(/^\uFEFF/, '').trimStart()[0];
	const posts: AccountPost[] = [];
	const errors: RowError[] = [];
	const take = (r: AccountPost | RowError[]) => (Array.isArray(r) ? errors.push(...r) : posts.push(r));
	let format: 'csv' | 'json';
	if (first === '[' || first === '{') {
		format = 'json';
		let value: unknown;
		try {
			value = JSON.parse(text.replace(/^\uFEFF/, ''));
		} catch (error) {
			return { ok: false, error: { code: 'json_invalid', detail: error instanceof Error ? error.message.slice(0, 120) : String(error) } };
		}
		const list = Array.isArray(value) ? value : value && typeof value === 'object' && Array.isArray((value as { posts?: unknown }).posts) ? (value as { posts: unknown[] }).posts : null;
		if (!list) return { ok: false, error: { code: 'json_shape' } };
		if (list.length > ACCOUNT_MAX_POSTS) return { ok: false, error: { code: 'too_many_posts', max: ACCOUNT_MAX_POSTS, found: list.length } };
		list.forEach((item, k) => {
			if (!item || typeof item !== 'object' || Array.isArray(item)) return errors.push({ line: k + 1, code: 'row_not_object' });
			const o = item as Record<string, unknown>;
			take(check_row(o.caption, o.likes, o.date, k + 1, today));
		});
	} else {
		format = 'csv';
		let rows: ReturnType<typeof parse_csv_lines>;
		try {
			rows = parse_csv_lines(text);
		} catch (error) {
			if (error instanceof CsvError) return { ok: false, error: { code: 'csv_quote', line: error.line } };
			throw error;
		}
		const header = rows[0].fields.map((h) => h.trim().toLowerCase());
		const missing = COLUMNS.filter((c) => !header.includes(c));
		if (missing.length) return { ok: false, error: { code: 'csv_columns', missing } };
		if (rows.length - 1 > ACCOUNT_MAX_POSTS) return { ok: false, error: { code: 'too_many_posts', max: ACCOUNT_MAX_POSTS, found: rows.length - 1 } };
		const [c, l, d] = COLUMNS.map((name) => header.indexOf(name));
		for (const row of rows.slice(1)) {
			if (row.fields.length !== header.length) {
				errors.push({ line: row.line, code: 'row_fields', found: row.fields.length, expected: header.length });
				continue;
			}
			take(check_row(row.fields[c], row.fields[l], row.fields[d], row.line, today));
		}
	}
	if (posts.length === 0 && errors.length === 0) return { ok: false, error: { code: 'no_posts' } };
	return { ok: true, posts, errors, format };
}
