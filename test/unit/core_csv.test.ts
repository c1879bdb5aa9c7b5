import { describe, expect, it } from 'vitest';
import { parse_csv_text, decode_csv_bytes } from '../../src/lib/core/csv';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parse_csv_text', () => {
	it('handles quotes, escaped quotes, embedded delimiters and line breaks, CRLF, blank lines and a BOM', () => {
		const { records, error } = parse_csv_text('\ufeffa,b,c\r\n"x, y","say ""hi""","line\nbreak"\n\n1,,\n');
		expect(error).toBeUndefined();
		expect(records.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'line\nbreak'], ['1', '', '']]);
		expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
	});
	it('keeps text after a closing quote, like pandas (youtube-new tags)', () => {
		const { records } = parse_csv_text('t\n"a"|"b"\n');
		expect(records[1].fields).toEqual(['a|"b"']);
	});
	it('reports an unterminated quote with its line, keeping the rows before it', () => {
		const r = parse_csv_text('a\n1\n"open\n2\n');
		expect(r.error).toEqual({ code: 'unterminated_quote', line: 3 });
		expect(r.records.length).toBe(2);
	});
	it('stops at a row limit', () => {
		const r = parse_csv_text('a\n1\n2\n3\n', ',', 3);
		expect(r.error).toEqual({ code: 'too_many_rows', max_rows: 2 });
	});
	it('reads other delimiters', () => {
		expect(parse_csv_text('a;b\n1;2', ';').records[1].fields).toEqual(['1', '2']);
	});
});

describe('decode_csv_bytes', () => {
	it('accepts UTF-8 text', () => expect(decode_csv_bytes(enc('título,ok\n'), 1000)).toEqual({ text: 'título,ok\n' }));
	it('refuses empty, too large, binary, Latin-1 and UTF-16 files with a code', () => {
		expect(decode_csv_bytes(new Uint8Array(), 10)).toEqual({ error: { code: 'empty' } });
		expect(decode_csv_bytes(enc('  \n'), 10)).toEqual({ error: { code: 'empty' } });
		expect(decode_csv_bytes(enc('a,b\n1,2\n'), 4)).toEqual({ error: { code: 'too_large', bytes: 8, max_bytes: 4 } });
		expect(decode_csv_bytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 100)).toEqual({ error: { code: 'not_text' } });
		expect(decode_csv_bytes(Uint8Array.from([0x74, 0xed, 0x74, 0x75, 0x6c, 0x6f]), 100)).toEqual({ error: { code: 'encoding' } });
		expect(decode_csv_bytes(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), 100)).toEqual({ error: { code: 'encoding' } });
	});
});
