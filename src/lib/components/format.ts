/**
 * Number formatting for the UI, in one place so the translation issue can swap the locale here.
 * Every formatter returns a dash for a missing or non-finite value: a NaN never reaches the screen.
 */
const LOCALE = 'en';
const DASH = '–';

// Formatters are costly to build (tens of microseconds each) and the studio formats numbers on every slider tick:
// build each once.
const fixed_cache = new Map<number, Intl.NumberFormat>();
const fixed = (digits: number) => {
	let f = fixed_cache.get(digits);
	if (!f) fixed_cache.set(digits, (f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
	return f;
};
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

export function format_number(v: number | null | undefined, digits = 0): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
	return digits === 0 ? integer.format(v) : fixed(digits).format(v);
}

/** 0.8 -> "80%" */
export function format_percent(fraction: number | null | undefined, digits = 0): string {
	if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
	return `${format_number(fraction * 100, digits)}%`;
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
	return new Intl.DateTimeFormat(LOCALE, with_time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}
