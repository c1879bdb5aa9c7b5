/** The order the insights sections list groups in when their counts tie. */

/** Ties in order: numbers ascending, text by code point (the same in every locale), the missing value last. */
export function key_order(a: unknown, b: unknown): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
