/**
 * Number and date formatting for the UI, in the active language (1,234.5 in English, 1.234,5 in Turkish and
 * Spanish; "%80" in Turkish). Every formatter returns a dash for a missing or non-finite value: a NaN never reaches
 * the screen.
 */
import { get_locale } from '$lib/i18n';

const DASH = '–';

// Formatters are costly to build (tens to hundreds of microseconds each) and the studio formats numbers, and the
// market panel dates, on every slider tick: build each once per language and option set.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (locale: string) => F): F {
	const locale = get_locale();
	const id = `${locale}|${key}`;
	let f = formatters.get(id) as F | undefined;
	if (!f) formatters.set(id, (f = make(locale)));
	return f;
}
const number_format = (key: string, options: Intl.NumberFormatOptions) => cached(`n${key}`, (locale) => new Intl.NumberFormat(locale, options));
const date_format = (with_time: boolean) =>
	cached(with_time ? 'datetime' : 'date', (locale) => new Intl.DateTimeFormat(locale, with_time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }));

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

export function format_number(v: number | null | undefined, digits = 0): string {
	if (missing(v)) return DASH;
	// 'always': Spanish groups four-digit numbers too (1.234,5), as the studios' tables expect
	return number_format(`f${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: 'always' }).format(v);
}

/** A value as typed, in the language's notation: up to 6 decimals, no grouping (0.5 -> "0,5" in Spanish). */
export function format_plain(v: number | null | undefined): string {
	if (missing(v)) return DASH;
	return number_format('plain', { maximumFractionDigits: 6, useGrouping: false }).format(v);
}

/** 0.8 -> "80%" ("%80" in Turkish) */
export function format_percent(fraction: number | null | undefined, digits = 0): string {
	if (missing(fraction)) return DASH;
	return number_format(`p${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

/**
 * Large counts the way each language abbreviates them: 1.2M, "1,2 Mn" (Turkish), "1,2 M" (Spanish); below a
 * thousand, a whole number ("142", never "142.2 dislikes").
 */
export function format_compact(v: number | null | undefined): string {
	if (missing(v)) return DASH;
	const value = Math.abs(v) < 1000 ? Math.round(v) : v;
	if (Math.abs(value) < 1000) return number_format('compact0', { notation: 'compact', maximumFractionDigits: 0 }).format(value);
	return number_format('compact', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A signed effect such as "+3.2" / "−1.0" (a real minus sign, which screen readers read as minus). */
export function format_signed(v: number, digits = 1): string {
	if (!Number.isFinite(v)) return DASH;
	const text = format_number(Math.abs(v), digits);
	return v >= 0 ? `+${text}` : `−${text}`;
}

export function format_bytes(bytes: number | null | undefined): string {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return DASH;
	if (bytes < 1024) return `${format_number(bytes)} B`;
	if (bytes < 1024 * 1024) return `${format_number(bytes / 1024, 0)} KB`;
	return `${format_number(bytes / (1024 * 1024), 1)} MB`;
}

export function format_ms(ms: number | null | undefined): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
	return ms < 10 ? `${format_number(ms, 2)} ms` : `${format_number(ms, 0)} ms`;
}

export function format_date(iso: string | number | null | undefined, with_time = false): string {
	if (iso === null || iso === undefined) return DASH;
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return DASH;
	return date_format(with_time).format(d);
}

/** A count people read at a glance: exact below 10,000 ("528"), compact above ("25K", "1,2 Mn"). */
export function format_count(v: number | null | undefined): string {
	if (missing(v)) return DASH;
	return Math.abs(v) < 10_000 ? format_number(v) : format_compact(v);
}

/**
 * What a download is, from its progress label: the file in its closing parentheses ("the music model
 * (models/music_popularity.onnx)" -> "models/music_popularity.onnx", "the model runtime (onnxruntime-web)" ->
 * "onnxruntime-web"). The workers word labels in English; a file name reads the same in every language.
 */
export function progress_file(what: string): string {
	return /\(([^()]+)\)$/.exec(what)?.[1] ?? what;
}
