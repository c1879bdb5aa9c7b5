/**
 * Title normalisation for linking MovieLens movies to catalogue titles and for search. MovieLens writes
 * "American President, The (1995)" and keeps alternative titles in brackets; the catalogues write "The American
 * President". Both sides go through the same function: lower case, accents removed, a trailing ", The" / ", A" /
 * ", An" (and the French / Spanish / German articles MovieLens moves the same way) moved to the front, "&" -> "and",
 * punctuation dropped, spaces collapsed.
 */
const MOVED_ARTICLE = /^(.*), (the|a|an|les|le|la|l'|el|los|las|il|die|der|das|den)$/i;

export function normalise_title(text: string): string {
	let t = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim();
	const m = MOVED_ARTICLE.exec(t);
	if (m) t = `${m[2]}${m[2].endsWith("'") ? '' : ' '}${m[1]}`;
	return t
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/['’`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
		.replace(/\s+/g, ' ');
}

/**
 * A MovieLens title split into its names and year: "City of Lost Children, The (Cité des enfants perdus, La) (1995)"
 * -> names ["City of Lost Children, The", "Cité des enfants perdus, La"], year 1995. Either name may be the one a
 * catalogue uses. The year is null when the title carries none (a few dozen MovieLens rows).
 */
export function split_movielens_title(raw: string): { names: string[]; year: number | null } {
	let t = raw.trim();
	let year: number | null = null;
	const y = /\((\d{4})(?:[-–]\d{0,4})?\)\s*$/.exec(t);
	if (y) {
		year = Number(y[1]);
		t = t.slice(0, y.index).trim();
	}
	const names = [t];
	// bracketed alternative titles, possibly prefixed "a.k.a."
	const alt = /^(.*?)\s*\(((?:a\.k\.a\. )?[^()]+)\)$/.exec(t);
	if (alt && alt[1]) {
		names[0] = alt[1].trim();
		names.push(alt[2].replace(/^a\.k\.a\. /, '').trim());
	}
	return { names, year };
}

/** "American President, The (1995)" -> "The American President": MovieLens titles as people write them. */
export function display_movielens_title(raw: string): string {
	const { names } = split_movielens_title(raw);
	const m = MOVED_ARTICLE.exec(names[0]);
	return m ? `${m[2]}${m[2].endsWith("'") ? '' : ' '}${m[1]}` : names[0];
}
