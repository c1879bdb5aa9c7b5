/**
 * The training ETL's CSV reading: files as text (gzip or not), rows from the same RFC 4180 reader the app uses for a
 * visitor's files (src/lib/core/csv.ts: quoted commas, doubled quotes and line breaks; BOM dropped; blank lines
 * skipped), and a header check. Not arquero's parser: it infers types (track ids such as "1e10..." or titles such as
 * "True" would be coerced), while the ETL wants every field as text and decides each column's type itself.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parse_csv_text } from '../../src/lib/core/csv';

/** Parse CSV text into rows of string fields; a file that cannot be read to its end throws. */
export function parse_csv(text: string): string[][] {
	const { records, error } = parse_csv_text(text);
	if (error) throw new Error(error.code === 'unterminated_quote' ? `unterminated quoted field starting on line ${error.line}` : `unreadable CSV (${error.code})`);
	return records.map((r) => r.fields);
}

/** Header plus rows as records keyed by column name; throws when a row's field count differs from the header. */
export function read_csv_records(rows: string[][], source: string): { header: string[]; records: string[][] } {
	if (rows.length === 0) throw new Error(`${source}: empty CSV`);
	const header = rows[0];
	const records = rows.slice(1);
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
