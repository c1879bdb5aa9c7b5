/**
 * Instant search by name: lower-cased, accent-folded, token-prefix matching over a few text fields per document
 * (a track's title and each of its artists). Ranking: an exact name match, then a name that starts with the query,
 * then any document whose tokens all start with the query's tokens; within a tier, by the caller's rank
 * (popularity). Built once per shard; a query scans only the postings of the matching tokens plus one pass in rank order.
 */

// Letters NFKD does not decompose into base + mark.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th', ı: 'i' };

const ASCII = /^[\x00-\x7f]*$/;
const NON_ALNUM_ASCII = /[^a-z0-9]+/;
const NON_ALNUM = /[^\p{L}\p{N}]+/u;

export function fold(text: string): string {
	// most titles are plain ASCII: skip the (slow) Unicode normalisation for them
	if (ASCII.test(text)) return text.toLowerCase();
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[ßæœøłđþı]/g, (c) => FOLD[c]);
}

export function tokenize(text: string): string[] {
	const folded = fold(text);
	return folded.split(ASCII.test(folded) ? NON_ALNUM_ASCII : NON_ALNUM).filter((t) => t !== '');
}

/** More query tokens than this only slow matching down; no title needs them. */
const MAX_QUERY_TOKENS = 16;

function lower_bound(sorted: readonly string[], key: string): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export class TextIndex {
	private readonly tokens: string[];
	/** postings of tokens[t] are postings[offsets[t] .. offsets[t + 1]) */
	private readonly offsets: Int32Array;
	private readonly postings: Int32Array;
	/** each document's fields as normalised token strings, each preceded and the last followed by "\n", for the tiers */
	private readonly names: string[];
	/** document ids, best rank first */
	private readonly order: Int32Array;
	private readonly matched: Uint8Array;
	private readonly group: Int32Array | null;
	private readonly seen: Uint8Array;

	private constructor(parts: {
		tokens: string[];
		offsets: Int32Array;
		postings: Int32Array;
		names: string[];
		order: Int32Array;
		group: Int32Array | null;
	}) {
		this.tokens = parts.tokens;
		this.offsets = parts.offsets;
		this.postings = parts.postings;
		this.names = parts.names;
		this.order = parts.order;
		this.group = parts.group;
		let groups = 0;
		if (parts.group) for (const g of parts.group) groups = Math.max(groups, g + 1);
		this.seen = new Uint8Array(groups);
		this.matched = new Uint8Array(parts.names.length);
	}

	/**
	 * `docs[i]` are document i's searchable fields; a higher `rank[i]` comes first among equal matches. Documents
	 * sharing a `group` (one recording released under several ids) are listed once, the best-ranked copy.
	 * `pause` is awaited every few thousand documents, so a worker can answer other requests while it builds.
	 */
	static async build(
		docs: readonly (readonly string[])[],
		rank: ArrayLike<number>,
		group?: Int32Array,
		pause: () => Promise<void> = () => Promise.resolve()
	): Promise<TextIndex> {
		const n = docs.length;
		// (token id, doc) pairs, then a counting sort by token: far cheaper than one growing array per token
		const token_ids = new Map<string, number>();
		let pair_token = new Int32Array(1 << 16);
		let pair_doc = new Int32Array(1 << 16);
		let pairs = 0;
		const names: string[] = new Array(n);
		// the last document each token was paired with: skips repeats within a document without a Set per document
		let last_doc = new Int32Array(1 << 16).fill(-1);
		for (let d = 0; d < n; d++) {
			if (d % 8192 === 8191) await pause();
			let doc_names = '\n';
			for (const field of docs[d]) {
				const toks = tokenize(field);
				doc_names += toks.join(' ') + '\n';
				for (const t of toks) {
					let id = token_ids.get(t);
					if (id === undefined) {
						token_ids.set(t, (id = token_ids.size));
						if (id === last_doc.length) last_doc = grow(last_doc, -1);
					}
					if (last_doc[id] === d) continue;
					last_doc[id] = d;
					if (pairs === pair_token.length) {
						pair_token = grow(pair_token);
						pair_doc = grow(pair_doc);
					}
					pair_token[pairs] = id;
					pair_doc[pairs++] = d;
				}
			}
			names[d] = doc_names;
		}
		await pause();
		const by_id = [...token_ids.keys()];
		const sorted = Int32Array.from(by_id.keys()).sort((a, b) => (by_id[a] < by_id[b] ? -1 : by_id[a] > by_id[b] ? 1 : 0));
		const position = new Int32Array(sorted.length);
		sorted.forEach((id, pos) => (position[id] = pos));
		const offsets = new Int32Array(sorted.length + 1);
		for (let p = 0; p < pairs; p++) offsets[position[pair_token[p]] + 1]++;
		for (let t = 0; t < sorted.length; t++) offsets[t + 1] += offsets[t];
		const fill = offsets.slice(0, sorted.length);
		const postings = new Int32Array(pairs);
		// pairs are in document order, so each token's postings come out ascending
		for (let p = 0; p < pairs; p++) postings[fill[position[pair_token[p]]]++] = pair_doc[p];
		const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => rank[b] - rank[a] || a - b);
		return new TextIndex({ tokens: Array.from(sorted, (id) => by_id[id]), offsets, postings, names, order, group: group ?? null });
	}

	get size(): number {
		return this.names.length;
	}

	/** Best documents first; `limit` of them at most. A query without letters or digits matches nothing. */
	search(query: string, limit: number): number[] {
		const q_tokens = [...new Set(tokenize(query))].slice(0, MAX_QUERY_TOKENS);
		if (q_tokens.length === 0 || limit <= 0) return [];
		const q_name = q_tokens.join(' ');
		const exact = `\n${q_name}\n`;
		const prefix = `\n${q_name}`;

		// matched[d] counts how many query tokens d has matched so far; it only advances when d matched all before.
		const matched = this.matched;
		matched.fill(0);
		q_tokens.forEach((qt, k) => {
			const lo = lower_bound(this.tokens, qt);
			const hi = lower_bound(this.tokens, qt + '\uffff');
			for (let p = this.offsets[lo], end = this.offsets[hi]; p < end; p++) {
				const d = this.postings[p];
				if (matched[d] === k) matched[d] = k + 1;
			}
		});

		const need = q_tokens.length;
		const tiers: number[][] = [[], [], []];
		const group = this.group;
		this.seen.fill(0);
		for (let i = 0; i < this.order.length; i++) {
			const d = this.order[i];
			if (matched[d] !== need) continue;
			if (group) {
				if (this.seen[group[d]]) continue;
				this.seen[group[d]] = 1;
			}
			const names = this.names[d];
			const tier = names.includes(exact) ? 0 : names.includes(prefix) ? 1 : 2;
			if (tiers[tier].length < limit) tiers[tier].push(d);
			// in rank order, once the best tier is full nothing later can displace it
			if (tiers[0].length >= limit) break;
		}
		return [...tiers[0], ...tiers[1], ...tiers[2]].slice(0, limit);
	}

	/** The best-ranked documents (one per group), for an empty query. */
	top(limit: number): number[] {
		const out: number[] = [];
		this.seen.fill(0);
		for (let i = 0; i < this.order.length && out.length < limit; i++) {
			const d = this.order[i];
			if (this.group) {
				if (this.seen[this.group[d]]) continue;
				this.seen[this.group[d]] = 1;
			}
			out.push(d);
		}
		return out;
	}
}

/**
 * TextIndex.top without an index, for integer ranks (the tracks' popularity, 0-100): the same rows in the same
 * order (rank descending, then row; one per group), by scanning the rows once per rank value from the highest down
 * until `limit` are found. The first page shows this list while the index is not built yet: building it (tokenising
 * 89k titles and artists) would compete with the page's first prediction for the CPU. Null when a rank is not a
 * small non-negative integer.
 */
export function top_by_integer_rank(rank: ArrayLike<number>, group: Int32Array | null, limit: number): number[] | null {
	let max = 0;
	for (let i = 0; i < rank.length; i++) {
		const r = rank[i];
		if (!Number.isInteger(r) || r < 0 || r > 1000) return null;
		if (r > max) max = r;
	}
	const out: number[] = [];
	const seen = new Set<number>();
	for (let r = max; r >= 0 && out.length < limit; r--) {
		for (let d = 0; d < rank.length && out.length < limit; d++) {
			if (rank[d] !== r) continue;
			if (group) {
				if (seen.has(group[d])) continue;
				seen.add(group[d]);
			}
			out.push(d);
		}
	}
	return out;
}

function grow(a: Int32Array, fill = 0): Int32Array<ArrayBuffer> {
	const b = new Int32Array(a.length * 2);
	if (fill !== 0) b.fill(fill, a.length);
	b.set(a);
	return b;
}
