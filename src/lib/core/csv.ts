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

/** Rows of string fields, each with the 1-based line it starts on. A BOM is dropped; blank lines are skipped. */
export function parse_csv_lines(text: string): { fields: string[]; line: number }[] {
	const rows: { fields: string[]; line: number }[] = [];
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const n = text.length;
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
					if (q < 0) throw new CsvError(start_line);
					const chunk = text.slice(j, q);
					for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
					field += chunk;
					if (text.charCodeAt(q + 1) === 34) {
						field += '"';
						j = q + 2;
					} else {
						i = q + 1;
						break;
					}
				}
				// anything between the closing quote and the next separator is kept, as spreadsheets do
				while (i < n && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) field += text[i++];
			} else {
				let j = i;
				while (j < n) {
					const c = text.charCodeAt(j);
					if (c === 44 || c === 10 || c === 13) break;
					j++;
				}
				field = text.slice(i, j);
				i = j;
			}
			fields.push(field);
			if (text.charCodeAt(i) === 44) {
				i++;
				continue;
			}
			break;
		}
		if (text.charCodeAt(i) === 13) i++;
		if (text.charCodeAt(i) === 10) i++;
		line++;
		if (!(fields.length === 1 && fields[0].trim() === '')) rows.push({ fields, line: start_line });
	}
	return rows;
}

/** One CSV field, quoted when it must be. */
export function csv_field(value: string | number): string {
	const s = String(value);
	return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function to_csv(header: readonly string[], rows: readonly (string | number)[][]): string {
	return [header, ...rows].map((r) => r.map(csv_field).join(',')).join('\r\n') + '\r\n';
}
