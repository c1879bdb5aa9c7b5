/**
 * Recordings: one song is often published under several track ids (single, album, compilation, deluxe edition).
 * Those copies share the lower-cased title + artists or carry the identical audio vector, and their popularities are
 * correlated, so a split that puts one copy in training and another in test leaks. A recording is the connected
 * component of track ids linked by either key (transitively: A~B by title, B~C by audio vector => A, B, C together).
 * Pure code, shared by the training pipeline and anything in the app that wants the same grouping.
 */

/** Union-find with path halving and union by size. */
export class DisjointSets {
	private readonly parent: Int32Array;
	private readonly size: Int32Array;

	constructor(n: number) {
		this.parent = new Int32Array(n);
		this.size = new Int32Array(n).fill(1);
		for (let i = 0; i < n; i++) this.parent[i] = i;
	}

	find(i: number): number {
		const p = this.parent;
		while (p[i] !== i) {
			p[i] = p[p[i]];
			i = p[i];
		}
		return i;
	}

	union(a: number, b: number): void {
		let ra = this.find(a);
		let rb = this.find(b);
		if (ra === rb) return;
		if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
		this.parent[rb] = ra;
		this.size[ra] += this.size[rb];
	}
}

/**
 * Connected components of items that share any key. keys_of(i) lists item i's keys; an empty or null key links
 * nothing (a track with no title and no artists must not be merged with every other nameless track).
 * Returns a group id per item, numbered 0.. in order of each group's first item, so the numbering is deterministic.
 */
export function connected_groups(n: number, keys_of: (i: number) => readonly (string | null)[]): Int32Array {
	const sets = new DisjointSets(n);
	const first_with_key = new Map<string, number>();
	for (let i = 0; i < n; i++) {
		for (const key of keys_of(i)) {
			if (key === null || key === '') continue;
			const j = first_with_key.get(key);
			if (j === undefined) first_with_key.set(key, i);
			else sets.union(i, j);
		}
	}
	const out = new Int32Array(n);
	const id_of_root = new Map<number, number>();
	for (let i = 0; i < n; i++) {
		const r = sets.find(i);
		let id = id_of_root.get(r);
		if (id === undefined) {
			id = id_of_root.size;
			id_of_root.set(r, id);
		}
		out[i] = id;
	}
	return out;
}

/** Number of distinct groups in a group-id array numbered 0..k-1. */
export function count_groups(groups: Int32Array): number {
	let max = -1;
	for (let i = 0; i < groups.length; i++) if (groups[i] > max) max = groups[i];
	return max + 1;
}

export interface RecordingKeys {
	title: string;
	artists: string;
	/** the raw text of the 14 audio values (13 audio features + explicit), exactly as the source wrote them */
	audio_key: string;
}

/** Title+artists key: lower-cased, so "Hello" and "hello" by the same artists are one recording. */
export function title_artist_key(title: string, artists: string): string | null {
	// a track without both a title and artists has no usable name key (the 114k set has one such row)
	if (title.trim() === '' || artists.trim() === '') return null;
	return `${title.toLowerCase()}\u0001${artists.toLowerCase()}`;
}

/** Group tracks into recordings. */
export function recording_groups(tracks: readonly RecordingKeys[]): Int32Array {
	return connected_groups(tracks.length, (i) => {
		const t = tracks[i];
		return [title_artist_key(t.title, t.artists), `a\u0001${t.audio_key}`];
	});
}
