/**
 * The copied-row trap of the charted-tracks audio-features file: for about 15% of its rows the features belong to
 * another track (ten German rap ids carry the name and audio vector of Kendrick Lamar's "HUMBLE."). The row's own
 * track_name then matches none of the names the charts give that id. Such rows are dropped before anything is
 * learned, or a model learns "this copied vector means Germany".
 *
 * Matching is exact: the names come from the same Spotify catalogue, and the charts' mis-encoded names ('?' for
 * accented letters) are kept beside their recovered UTF-8 twins, so every honest row finds its exact name. An
 * empty name matches nothing (212 chart rows and 32 feature rows have none, and "" = "" proves no identity).
 */

export interface NamedRow {
	track_id: string;
	track_name: string;
}

/** Every non-empty name the charts give each track id. */
export function chart_names(rows: Iterable<NamedRow>): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	for (const r of rows) {
		if (r.track_name === '') continue;
		let s = out.get(r.track_id);
		if (!s) out.set(r.track_id, (s = new Set()));
		s.add(r.track_name);
	}
	return out;
}

/** True when the feature row's name is one the charts use for its id: the features describe that track. */
export function features_match_chart(row: NamedRow, names: Map<string, Set<string>>): boolean {
	return row.track_name !== '' && (names.get(row.track_id)?.has(row.track_name) ?? false);
}
