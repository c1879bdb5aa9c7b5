import { afterAll, describe, expect, it } from 'vitest';
import { format_compact, format_date } from '../../src/lib/components/format';
import { set_locale } from '../../src/lib/i18n';

afterAll(() => set_locale('en'));

describe('format_compact (expected counts on the video, monitor and score pages)', () => {
	it('shows a count below a thousand as a whole number, larger ones with one decimal and a suffix', () => {
		set_locale('en');
		expect(format_compact(142.2)).toBe('142');
		expect(format_compact(0.4)).toBe('0');
		expect(format_compact(999.6)).toBe('1K');
		expect(format_compact(4321)).toBe('4.3K');
		expect(format_compact(141_700)).toBe('141.7K');
		expect(format_compact(2_500_000)).toBe('2.5M');
	});
	it('follows the language and shows a dash for a missing value', () => {
		set_locale('tr');
		expect(format_compact(142.2)).toBe('142');
		expect(format_compact(4321)).toMatch(/^4,3\s?B$/);
		set_locale('en');
		expect(format_compact(Number.NaN)).toBe('–');
		expect(format_compact(null)).toBe('–');
	});
});

describe('format_date (market panel, monitor, model cards)', () => {
	it('follows the active language with its cached formatters, and shows a dash for a missing or bad date', () => {
		set_locale('en');
		const en = format_date('2021-03-05');
		expect(en).toMatch(/Mar/);
		expect(format_date('2021-03-05')).toBe(en);
		expect(format_date('2021-03-05T14:30:00Z', true)).not.toBe(en); // with the time, from its own formatter
		set_locale('es');
		expect(format_date('2021-03-05')).toMatch(/mar/);
		expect(format_date('2021-03-05')).not.toBe(en);
		set_locale('en');
		expect(format_date('2021-03-05')).toBe(en);
		expect(format_date(null)).toBe('–');
		expect(format_date('not a date')).toBe('–');
	});
});
