/**
 * "Titles like this" by content, for every title of the four catalogues: TF-IDF over genres, directors, the first
 * cast members and the description's words, cosine similarity through an inverted index, the best few per title.
 * Another copy of the same film on another platform (same normalised title and year) is skipped: it is the same
 * title, not a like one. Precomputed here because the browser does not download descriptions or full cast lists.
 */
import { normalise_title } from '../../src/lib/core/text/normalise';
import type { CatalogTitle } from '../../src/lib/catalog/types';

const STOP = new Set('the and for with from that this his her their its are was were has have had who whom when where what which while into over after about they them she him you your our out but not all one two new can will after before must more most only also than then there these those been being find finds finding takes take life world story young man woman film series documentary'.split(' '));

function tokens(t: CatalogTitle, cast_limit: number): string[] {
	const out = new Set<string>();
	for (const g of t.genres) out.add(`g:${g.toLowerCase()}`);
	for (const d of t.directors) out.add(`d:${d.toLowerCase()}`);
	for (const c of t.cast.slice(0, cast_limit)) out.add(`c:${c.toLowerCase()}`);
	for (const w of t.description.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/)) {
		if (w.length >= 3 && !STOP.has(w)) out.add(`w:${w}`);
	}
	out.add(`t:${t.type}`);
	return [...out];
}

/** a word shared by this few titles always counts, however small the catalogue (the share alone would drop it) */
const MIN_WORD_DF_CAP = 20;

/** Field weights on top of IDF: a shared director or actor says more than a shared common word. */
const FIELD_WEIGHT: Record<string, number> = { g: 1.5, d: 2, c: 1.5, w: 1, t: 0.5 };

export function content_neighbours(titles: CatalogTitle[], per_title: number, cast_limit = 6, max_df_share = 0.004): number[][] {
	const n = titles.length;
	const vocab = new Map<string, number>();
	const docs: Int32Array[] = [];
	for (const t of titles) docs.push(Int32Array.from(tokens(t, cast_limit), (tok) => {
		let id = vocab.get(tok);
		if (id === undefined) vocab.set(tok, (id = vocab.size));
		return id;
	}));
	const names = [...vocab.keys()];
	const df = new Int32Array(vocab.size);
	for (const d of docs) for (const id of d) df[id]++;
	// words in more than max_df_share of the titles carry little and cost the most (their posting lists are long);
	// genres and type always count
	const weight = Float64Array.from(names, (tok, id) => {
		const field = tok[0];
		// a common word says little; a common genre still says something (and is handled apart below)
		if (field === 'w' && df[id] > Math.max(max_df_share * n, MIN_WORD_DF_CAP)) return 0;
		if (df[id] < 2) return 0; // a token no other title has cannot make two titles alike
		return FIELD_WEIGHT[field] * Math.log(n / df[id]);
	});
	const vals: Float64Array[] = docs.map((d) => {
		const v = Float64Array.from(d, (id) => weight[id]);
		const norm = Math.hypot(...v) || 1;
		for (let j = 0; j < v.length; j++) v[j] /= norm;
		return v;
	});
	// Words in more than max_df_share of the titles are dropped. Other tokens go into an inverted index and find the
	// candidates; broad genres and the type (posting lists of thousands) are added for the candidates only, by
	// intersecting two short lists: this keeps the all-pairs search to seconds.
	const common = Uint8Array.from(df, (d, id) => (d > max_df_share * n / 2 && (names[id][0] === 'g' || names[id][0] === 't') ? 1 : 0));
	const postings: number[][] = Array.from({ length: vocab.size }, () => []);
	const post_w: number[][] = Array.from({ length: vocab.size }, () => []);
	// each title's common tokens as parallel arrays sorted by token id, intersected by a merge
	const common_ids: Int32Array[] = [];
	const common_w: Float64Array[] = [];
	docs.forEach((d, k) => {
		const pairs = [...d].map((id, j) => [id, vals[k][j]] as const).filter(([id, w]) => common[id] && w > 0).sort((a, b) => a[0] - b[0]);
		common_ids.push(Int32Array.from(pairs, (p) => p[0]));
		common_w.push(Float64Array.from(pairs, (p) => p[1]));
	});
	docs.forEach((d, k) => d.forEach((id, j) => {
		if (weight[id] <= 0) return;
		if (common[id]) return;
		else {
			postings[id].push(k);
			post_w[id].push(vals[k][j]);
		}
	}));
	const same = titles.map((t) => `${normalise_title(t.title)}|${t.release_year}`);
	const acc = new Float64Array(n);
	const touched: number[] = [];
	const out: number[][] = [];
	for (let k = 0; k < n; k++) {
		const d = docs[k];
		for (let j = 0; j < d.length; j++) {
			const wk = vals[k][j];
			if (wk === 0 || common[d[j]]) continue;
			const list = postings[d[j]];
			const lw = post_w[d[j]];
			for (let p = 0; p < list.length; p++) {
				const o = list[p];
				if (acc[o] === 0) touched.push(o);
				acc[o] += wk * lw[p];
			}
		}
		const ci = common_ids[k];
		const cw = common_w[k];
		if (ci.length) {
			for (const o of touched) {
				const oi = common_ids[o];
				const ow = common_w[o];
				let a = 0;
				let b = 0;
				while (a < ci.length && b < oi.length) {
					if (ci[a] === oi[b]) acc[o] += cw[a++] * ow[b++];
					else if (ci[a] < oi[b]) a++;
					else b++;
				}
			}
		}
		const best: number[] = [];
		for (const o of touched) {
			if (o === k || same[o] === same[k]) continue;
			const s = acc[o];
			if (best.length === per_title && !(s > acc[best[per_title - 1]] || (s === acc[best[per_title - 1]] && o < best[per_title - 1]))) continue;
			if (best.length === per_title) best.pop();
			let pos = best.length;
			best.push(o);
			while (pos > 0 && (s > acc[best[pos - 1]] || (s === acc[best[pos - 1]] && o < best[pos - 1]))) {
				best[pos] = best[pos - 1];
				pos--;
			}
			best[pos] = o;
		}
		out.push(best);
		for (const o of touched) acc[o] = 0;
		touched.length = 0;
	}
	return out;
}
