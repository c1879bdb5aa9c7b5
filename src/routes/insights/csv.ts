/** CSV and file downloads for the insights charts: each chart's data as the table it was drawn from. */

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; numbers written in full. */
export function to_csv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
	const cell = (v: string | number | null) => {
		if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
		const s = String(v);
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Save a data URL or text as a file (a temporary link; nothing leaves the device). */
export function download(name: string, content: string, type = 'text/csv;charset=utf-8'): void {
	const url = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	if (!content.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}
