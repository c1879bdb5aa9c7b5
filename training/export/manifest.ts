/** static/models/manifest.json: assembled from the step results (types in src/lib/core/manifest.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { hash_of } from '../lib/hash';
import type { Manifest, ModelEntry, ShardEntry, SourceEntry } from '../../src/lib/core/manifest';

/** The cache version: one hash over every artifact's sha256 (file name included), so any change to any file changes it. */
export function manifest_version(models: ModelEntry[], shards: ShardEntry[]): string {
	const parts: [string, string][] = [];
	for (const m of models) {
		parts.push([m.file, m.sha256]);
		if (m.trees_file && m.trees_sha256) parts.push([m.trees_file, m.trees_sha256]);
	}
	for (const s of shards) parts.push([s.file, s.sha256]);
	parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	return hash_of(parts).slice(0, 16);
}

export function build_manifest(models: ModelEntry[], shards: ShardEntry[], sources: SourceEntry[], generated_at: string): Manifest {
	return { version: manifest_version(models, shards), generated_at, models, shards, sources };
}

/**
 * A source entry from the datasets' SOURCES.md: the table row whose first cell names the file (by its path relative
 * to the datasets root, or relative to the SOURCES.md folder, as the folders' tables write it) gives the origin, the
 * repository and the license; quality-note bullets that mention `note_prefixes` become notes. When SOURCES.md is
 * absent (a synthetic fixture) or has no row for the file, the entry says so instead of inventing provenance.
 */
export function source_from_sources_md(
	sources_md_path: string,
	file: string,
	id: string,
	rows: number,
	note_prefixes: string[]
): SourceEntry {
	const base: SourceEntry = { id, title: file, origin: 'unknown (SOURCES.md not found)', license: 'unknown', rows, files: [file], notes: [] };
	if (!existsSync(sources_md_path)) return base;
	const text = readFileSync(sources_md_path, 'utf8');
	base.origin = `unknown (SOURCES.md has no row for ${file})`;
	for (const row of table_records(text)) {
		// the spotify and streaming layout: file | original dataset | taken from (GitHub repo @ commit) | rows | license
		const taken_from = Object.keys(row).find((k) => k.startsWith('taken from'));
		if (!taken_from || row['original dataset'] === undefined || row.license === undefined || !names_file(row.file, file)) continue;
		base.title = row['original dataset'];
		base.origin = row[taken_from];
		base.license = row.license;
	}
	// bullets may wrap over several lines; join continuation lines (indented) to their bullet
	const bullets: string[] = [];
	for (const line of text.split('\n')) {
		if (line.startsWith('- ')) bullets.push(line.slice(2).trim());
		else if (/^\s+\S/.test(line) && bullets.length) bullets[bullets.length - 1] += ' ' + line.trim();
		else if (line.trim() === '' || line.startsWith('#')) bullets.push('');
	}
	base.notes = bullets.filter((b) => b && note_prefixes.some((p) => b.startsWith(p))).map((b) => b.replace(/`/g, ''));
	return base;
}

/**
 * The cells of every Markdown table row, trimmed, without inline-code backticks (they are for the Markdown view). A
 * cell that says only "same" takes the cell above it, as a reader of the table would.
 */
export function table_rows(markdown: string): string[][] {
	const rows: string[][] = [];
	for (const line of markdown.split('\n')) {
		if (!line.startsWith('|')) continue;
		const above = rows.at(-1);
		const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
		rows.push(cells.map((c, k) => (c === 'same' && above?.[k] !== undefined ? above[k] : c)));
	}
	return rows;
}

/**
 * Every data row of the Markdown tables as { column header: cell }, each under the header of its own table (the row
 * above a |---| line), so a reader names the columns it wants whatever their places in that table. Cells are as
 * table_rows gives them; a row shorter than its header has "" for the missing cells.
 */
export function table_records(markdown: string): Record<string, string>[] {
	const rows = table_rows(markdown);
	const records: Record<string, string>[] = [];
	let header: string[] | null = null;
	for (let i = 0; i < rows.length; i++) {
		if (rows[i + 1]?.every((c) => /^:?-+:?$/.test(c))) {
			header = rows[i];
			i++; // the separator
		} else if (header) {
			const cells = rows[i];
			records.push(Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ''])));
		}
	}
	return records;
}

/**
 * The repository snapshots the listed files were taken from, as "owner/repo @ commit" (8 hex digits), in the order
 * of the tables, once each: read from the SOURCES.md tables that have "source repo" and "commit (HEAD)" columns (the
 * YouTube folder's layout; "same" cells take the row above; a file cell may go on with a remark after the path).
 * Empty when SOURCES.md is absent or lists none of them.
 */
export function repository_snapshots(sources_md_path: string, files: readonly string[]): string[] {
	if (!existsSync(sources_md_path)) return [];
	const found: string[] = [];
	for (const row of table_records(readFileSync(sources_md_path, 'utf8'))) {
		const repo = row['source repo'];
		const commit = row['commit (HEAD)'];
		if (!repo || !commit) continue;
		// the path is the file cell's first word: some cells go on with a remark ("(**recommended**)")
		const named = expand_braces(row.file.split(/\s+/)[0]);
		if (!files.some((f) => named.some((cell) => names_file(cell, f)))) continue;
		const snapshot = `${repo} @ ${commit.slice(0, 8)}`;
		if (!found.includes(snapshot)) found.push(snapshot);
	}
	return found;
}

/** "dir/{US,GB}_x.json" -> ["dir/US_x.json", "dir/GB_x.json"] (one brace group, as the tables write file families). */
export function expand_braces(cell: string): string[] {
	const m = /^(.*)\{([^{}]*)\}(.*)$/.exec(cell);
	return m ? m[2].split(',').map((part) => m[1] + part.trim() + m[3]) : [cell];
}

/** A table's file cell names `file` (a path under the datasets root) when it is that path or a tail of it. */
function names_file(cell: string | undefined, file: string): boolean {
	return !!cell && (cell === file || file.endsWith('/' + cell));
}
