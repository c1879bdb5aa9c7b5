/** Plain-text tables for the end-of-run summary. */

export function format_table(header: string[], rows: string[][]): string {
	const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, j) => (c ?? '').padEnd(widths[j])).join('  ').trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** "0.571 ± 0.006" */
export function pm(mean: number, std: number | undefined, digits = 3): string {
	if (!Number.isFinite(mean)) return '-';
	return std === undefined ? mean.toFixed(digits) : `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
}
