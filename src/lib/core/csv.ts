/**
 * RFC 4180 CSV for the browser (no Node APIs): quoted fields may hold commas, doubled quotes and line breaks. Used for
 * a visitor's own files (post history, prediction history). Throws CsvError with the 1-based line of an unterminated
 * quote, the one malformation a reader cannot recover from.
 */
export class CsvError extends Error {
	constructor(readonly line: number) {
		super(`unterminated quoted field starting on line ${line}`);
		this.name = 'CsvError';
	}
}

/**
 * Rows of string fields, each with the 1-based line it starts on, for readers that stop at the first malformation
 * (post history, prediction history): parse_csv_text's reading, with an unterminated quote thrown as CsvError. A BOM
 * is dropped; blank and whitespace-only lines are skipped.
 */
export function parse_csv_lines(text: string): { fields: string[]; line: number }[] {
	const { records, error } = parse_csv_text(text);
	if (error?.code === 'unterminated_quote') throw new CsvError(error.line);
	return records.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
}

/** One CSV field, quoted when it must be. */
export function csv_field(value: string | number): string {
	const s = String(value);
	return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function to_csv(header: readonly string[], rows: readonly (string | number)[][]): string {
	return [header, ...rows].map((r) => r.map(csv_field).join(',')).join('\r\n') + '\r\n';
}

/*
 * parse_csv_text / decode_csv_bytes: the RFC 4180 reading for uploads that must not throw (the video batch and the
 * training ETL): errors come back as codes with the line, and bytes are checked (size, binary, UTF-8) before parsing.
 * Text after a closing quote is kept, as spreadsheets do (youtube-new writes tags as "a"|"b", as pandas reads them).
 */
export interface CsvRecord {
	/** 1-based line of the file where the record starts */
	line: number;
	fields: string[];
}

export type CsvFileError =
	| { code: 'empty' }
	| { code: 'too_large'; bytes: number; max_bytes: number }
	| { code: 'not_text' }
	| { code: 'encoding' }
	| { code: 'unterminated_quote'; line: number }
	| { code: 'too_many_rows'; max_rows: number };

export interface CsvParseResult {
	records: CsvRecord[];
	/** set when the text could not be read to its end (records holds what was read before) */
	error?: CsvFileError;
}

/** Parse CSV text. Blank lines are skipped. A UTF-8 byte-order mark is dropped. */
export function parse_csv_text(text: string, delimiter = ',', max_records = Infinity): CsvParseResult {
	const records: CsvRecord[] = [];
	const d = delimiter.charCodeAt(0);
	const n = text.length;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	while (i < n) {
		const start_line = line;
		const fields: string[] = [];
		for (;;) {
			let field = '';
			if (text.charCodeAt(i) === 34) {
				let j = i + 1;
				for (;;) {
					const q = text.indexOf('"', j);
					if (q < 0) return { records, error: { code: 'unterminated_quote', line: start_line } };
					const chunk = text.slice(j, q);
					field += chunk;
					line += count_newlines(chunk);
					if (text.charCodeAt(q + 1) === 34) {
						field += '"';
						j = q + 2;
					} else {
						i = q + 1;
						break;
					}
				}
			}
			// unquoted text, or text after a closing quote (kept literally, quotes included)
			let j = i;
			while (j < n) {
				const c = text.charCodeAt(j);
				if (c === d || c === 10 || c === 13) break;
				j++;
			}
			field += text.slice(i, j);
			i = j;
			fields.push(field);
			if (i < n && text.charCodeAt(i) === d) {
				i++;
				continue;
			}
			break;
		}
		if (i < n && text.charCodeAt(i) === 13) i++;
		if (i < n && text.charCodeAt(i) === 10) i++;
		line++;
		if (fields.length === 1 && fields[0] === '') continue;
		if (records.length >= max_records) return { records, error: { code: 'too_many_rows', max_rows: max_records - 1 } };
		records.push({ line: start_line, fields });
	}
	return { records };
}

function count_newlines(s: string): number {
	let k = 0;
	for (let p = s.indexOf('\n'); p >= 0; p = s.indexOf('\n', p + 1)) k++;
	// a lone CR (old Mac line ends) also ends a line
	for (let p = s.indexOf('\r'); p >= 0; p = s.indexOf('\r', p + 1)) if (s.charCodeAt(p + 1) !== 10) k++;
	return k;
}

/**
 * Decode uploaded bytes as UTF-8 text, refusing what is not: too large, binary (NUL bytes), or not valid UTF-8
 * (a Latin-1 or UTF-16 export). Checking before parsing means a wrong file gets one clear message, not a hundred bad rows.
 */
export function decode_csv_bytes(bytes: Uint8Array, max_bytes: number): { text: string } | { error: CsvFileError } {
	if (bytes.length === 0) return { error: { code: 'empty' } };
	if (bytes.length > max_bytes) return { error: { code: 'too_large', bytes: bytes.length, max_bytes } };
	// UTF-16 byte-order marks: a spreadsheet's "Unicode text" export
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { error: { code: 'encoding' } };
	const probe = Math.min(bytes.length, 65536);
	for (let k = 0; k < probe; k++) if (bytes[k] === 0) return { error: { code: 'not_text' } };
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		if (text.trim() === '') return { error: { code: 'empty' } };
		return { text };
	} catch {
		return { error: { code: 'encoding' } };
	}
}
