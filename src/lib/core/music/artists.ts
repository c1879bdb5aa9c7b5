/**
 * Artist helpers shared by training and the app. The 114k set writes a track's artists as one ';'-separated field
 * ("Ingrid Michaelson;ZAYN"). Names are kept as written (case included): two spellings are two artists.
 */

/** Split the ';'-separated artists field into distinct, trimmed, non-empty names in their listed order. */
export function split_artists(field: string): string[] {
	const out: string[] = [];
	for (const part of field.split(';')) {
		const name = part.trim();
		if (name !== '' && !out.includes(name)) out.push(name);
	}
	return out;
}
