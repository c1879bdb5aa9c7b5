/**
 * A small RFC 4180 CSV reader. Written here rather than using arquero's parser because arquero infers types
 * (track ids such as "1e10..." or titles such as "True" would be coerced); the ETL wants every field as text
 * and decides each column's type itself.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/** Parse CSV text into rows of string fields. Quoted fields may contain commas, quotes ("") and newlines. */
export function parse_csv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	const n = text.length;
	// a UTF-8 byte-order mark would otherwise become part of the first header name
	if (text.charCodeAt(0) === 0xfeff) i = 1;
	while (i < n) {
		let field: string;
		if (text.charCodeAt(i) === 34 /* " */) {
			let j = i + 1;
			let parts = '';
			for (;;) {
				const q = text.indexOf('"', j);
				if (q < 0) throw new Error(`unterminated quoted field starting at offset ${i}`);
				parts += text.slice(j, q);
				if (text.charCodeAt(q + 1) === 34) {
					parts += '"';
					j = q + 2;
				} else {
					i = q + 1;
					break;
				}
			}
			field = parts;
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
		row.push(field);
		const c = text.charCodeAt(i);
		if (c === 44) {
			i++;
			// a trailing comma at the end of a line means one more empty field
			if (i >= n || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) row.push('');
			else continue;
		}
		if (i < n && text.charCodeAt(i) === 13) i++;
		if (i < n && text.charCodeAt(i) === 10) i++;
		rows.push(row);
		row = [];
	}
	if (row.length) rows.push(row);
	return rows;
}

/** Header plus rows as records keyed by column name; throws when a row's field count differs from the header. */
export function read_csv_records(rows: string[][], source: string): { header: string[]; records: string[][] } {
	if (rows.length === 0) throw new Error(`${source}: empty CSV`);
	const header = rows[0];
	const records = rows.slice(1).filter((r) => !(r.length === 1 && r[0] === ''));
	for (let k = 0; k < records.length; k++) {
		if (records[k].length !== header.length) {
			throw new Error(`${source}: row ${k + 2} has ${records[k].length} fields, the header has ${header.length}`);
		}
	}
	return { header, records };
}

/** Read a .csv or .csv.gz file as text. */
export function read_text_file(path: string): string {
	const buf = readFileSync(path);
	const raw = path.endsWith('.gz') ? gunzipSync(buf) : buf;
	return raw.toString('utf8');
}
