/**
 * Exporting the prediction history (JSON, and CSV for spreadsheets) and reading an export back. An import is checked
 * record by record before anything is stored: one malformed record refuses the whole file with its position and the
 * reason, so a half-imported history never mixes with what is stored.
 */
import { CsvError, parse_csv_lines, to_csv } from '../core/csv';
import { parse_record, type PredictionRecord } from './history';
import { kind_of } from './history_kinds';

export const HISTORY_FORMAT = 'hitcast-history';
export const HISTORY_MAX_BYTES = 20 * 1024 * 1024;
const CSV_COLUMNS = ['id', 'time', 'iso_time', 'kind', 'model_id', 'model_version', 'latency_ms', 'output', 'inputs_json', 'outputs_json'] as const;

export function history_json(records: readonly PredictionRecord[], exported_at = Date.now()): string {
	return JSON.stringify({ format: HISTORY_FORMAT, version: 1, exported_at: new Date(exported_at).toISOString(), records }, null, 1);
}

export function history_csv(records: readonly PredictionRecord[]): string {
	return to_csv(
		CSV_COLUMNS,
		records.map((r) => [r.id, r.time, new Date(r.time).toISOString(), r.kind, r.model_id, r.model_version, r.latency_ms, kind_of(r).output(r), JSON.stringify(r.inputs), JSON.stringify(r.outputs)])
	);
}

export type HistoryImportError =
	| { code: 'history_empty' }
	| { code: 'history_too_large'; max_bytes: number }
	| { code: 'history_json'; detail: string }
	| { code: 'history_shape' }
	| { code: 'history_csv_columns'; missing: string[] }
	| { code: 'history_csv_quote'; line: number }
	| { code: 'history_record'; position: number };

export type HistoryImport = { ok: true; records: PredictionRecord[] } | { ok: false; error: HistoryImportError };

/** Read an exported history (either format). Every record must be one this version can read. */
export function read_history_export(text: string, bytes: number): HistoryImport {
	if (bytes > HISTORY_MAX_BYTES) return { ok: false, error: { code: 'history_too_large', max_bytes: HISTORY_MAX_BYTES } };
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') return { ok: false, error: { code: 'history_empty' } };
	let raw: unknown[];
	const first = body.trimStart()[0];
	if (first === '{' || first === '[') {
		let value: unknown;
		try {
			value = JSON.parse(body);
		} catch (error) {
			return { ok: false, error: { code: 'history_json', detail: error instanceof Error ? error.message.slice(0, 120) : String(error) } };
		}
		const v = value as { format?: unknown; records?: unknown };
		if (Array.isArray(value)) raw = value;
		else if (v && typeof v === 'object' && v.format === HISTORY_FORMAT && Array.isArray(v.records)) raw = v.records;
		else return { ok: false, error: { code: 'history_shape' } };
	} else {
		let rows: ReturnType<typeof parse_csv_lines>;
		try {
			rows = parse_csv_lines(body);
		} catch (error) {
			if (error instanceof CsvError) return { ok: false, error: { code: 'history_csv_quote', line: error.line } };
			throw error;
		}
		const header = rows[0].fields.map((h) => h.trim());
		const needed = ['id', 'time', 'kind', 'model_id', 'model_version', 'latency_ms', 'inputs_json', 'outputs_json'];
		const missing = needed.filter((c) => !header.includes(c));
		if (missing.length) return { ok: false, error: { code: 'history_csv_columns', missing } };
		const col = (row: string[], name: string) => row[header.indexOf(name)];
		raw = rows.slice(1).map(({ fields }) => {
			try {
				return {
					id: col(fields, 'id'), time: Number(col(fields, 'time')), kind: col(fields, 'kind'), model_id: col(fields, 'model_id'),
					model_version: col(fields, 'model_version'), latency_ms: Number(col(fields, 'latency_ms')),
					inputs: JSON.parse(col(fields, 'inputs_json') ?? ''), outputs: JSON.parse(col(fields, 'outputs_json') ?? '')
				};
			} catch {
				return null;
			}
		});
	}
	if (raw.length === 0) return { ok: false, error: { code: 'history_empty' } };
	const records: PredictionRecord[] = [];
	for (let i = 0; i < raw.length; i++) {
		// JSON turns NaN into null: a music record's unknown tempo comes back as null, which parse_record accepts
		const r = parse_record(raw[i]);
		if (!r) return { ok: false, error: { code: 'history_record', position: i + 1 } };
		records.push(r);
	}
	return { ok: true, records };
}
