/**
 * The video shards as typed arrays, shared by the video worker and the retraining worker: one row per trending video
 * (video_rows.arrow) and the tag statistics (video_tags.arrow). Also the pure computations on them: filters, subset
 * statistics, the subscribers scatter and tag lift.
 */
import { tableFromIPC } from '@uwdata/flechette';
import { FEATURE_INDEX, VIDEO_COUNTRIES, VIDEO_N_FEATURES, VIDEO_TARGETS, type TagStats, type VideoTarget, TAG_MIN_COUNT, TAG_SHRINK_K } from '../../core/features/video';
import { fit_loglog } from '../../core/video/model';
import { r2 } from '../../core/metrics/regression';
import type { ScatterData, SubsetStats, Summary, TagLift, VideoFilter } from '../../core/video/types';
import { AppError } from '../../runtime/errors';

export interface VideoRows {
	n: number;
	category: Uint8Array;
	country: Uint8Array;
	in_sub: Uint8Array;
	channel: Int32Array;
	subscribers: Float32Array;
	y: Record<VideoTarget, Float32Array>;
	pred: Record<VideoTarget, Float32Array>;
	tag_ids: Uint16Array[];
	/** row-major n x VIDEO_N_FEATURES base features (tag statistics NaN: learnt per fold) */
	X: Float32Array;
}

export interface TagTable {
	tags: string[];
	index: Map<string, number>;
	n_all: Int32Array;
	n_sub: Int32Array;
	mean_all: Record<VideoTarget, Float32Array>;
	mean_sub: Record<VideoTarget, Float32Array>;
}

type Col = { toArray(): ArrayLike<unknown>; at(i: number): unknown };

function column(table: ReturnType<typeof tableFromIPC>, name: string): Col {
	const c = table.getChild(name) as Col | null;
	if (!c) throw new AppError('version_mismatch', { file: 'video_rows' }, `the video data shard has no column "${name}"; it is from another version`);
	return c;
}

export function read_rows(bytes: Uint8Array, row_features: readonly string[]): VideoRows {
	const t = tableFromIPC(bytes);
	const n = t.numRows;
	const typed = <T>(name: string, C: { from(a: ArrayLike<number>): T }) => C.from(column(t, name).toArray() as ArrayLike<number>);
	const subscribers = typed('subscribers', Float32Array);
	const category = typed('category', Uint8Array);
	const country = typed('country', Uint8Array);
	const X = new Float32Array(n * VIDEO_N_FEATURES).fill(NaN);
	for (const name of row_features) {
		const j = FEATURE_INDEX[name];
		const values = column(t, `f_${name}`).toArray() as ArrayLike<number>;
		for (let i = 0; i < n; i++) X[i * VIDEO_N_FEATURES + j] = values[i] ?? NaN;
	}
	for (let i = 0; i < n; i++) {
		X[i * VIDEO_N_FEATURES + FEATURE_INDEX.category] = category[i];
		X[i * VIDEO_N_FEATURES + FEATURE_INDEX.country] = country[i] === 255 ? NaN : country[i];
		X[i * VIDEO_N_FEATURES + FEATURE_INDEX.log_subscribers] = subscribers[i] > 0 ? Math.log(subscribers[i]) : NaN;
	}
	const tags_col = column(t, 'tag_ids');
	const tag_ids: Uint16Array[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const v = tags_col.at(i) as ArrayLike<number> | null;
		tag_ids[i] = v ? Uint16Array.from(v) : new Uint16Array(0);
	}
	return {
		n, category, country, X, tag_ids, subscribers,
		in_sub: typed('in_sub', Uint8Array),
		channel: typed('channel', Int32Array),
		// stored in thousandths (uint16)
		y: Object.fromEntries(VIDEO_TARGETS.map((k) => [k, Float32Array.from(column(t, k).toArray() as ArrayLike<number>, (v) => v / 1000)])) as Record<VideoTarget, Float32Array>,
		pred: Object.fromEntries(VIDEO_TARGETS.map((k) => [k, Float32Array.from(column(t, `pred_${k}`).toArray() as ArrayLike<number>, (v) => v / 1000)])) as Record<VideoTarget, Float32Array>
	};
}

export function read_tags(bytes: Uint8Array): TagTable {
	const t = tableFromIPC(bytes);
	const tags = Array.from(column(t, 'tag').toArray() as ArrayLike<string>);
	// means are stored in thousandths (uint16); 0 = no statistic
	const f32 = (name: string) => Float32Array.from(column(t, name).toArray() as ArrayLike<number>, (v) => (v === 0 ? NaN : v / 1000));
	return {
		tags,
		index: new Map(tags.map((x, i) => [x, i])),
		n_all: Int32Array.from(column(t, 'n_all').toArray() as ArrayLike<number>),
		n_sub: Int32Array.from(column(t, 'n_sub').toArray() as ArrayLike<number>),
		mean_all: Object.fromEntries(VIDEO_TARGETS.map((k) => [k, f32(`${k}_all`)])) as Record<VideoTarget, Float32Array>,
		mean_sub: Object.fromEntries(VIDEO_TARGETS.map((k) => [k, f32(`${k}_sub`)])) as Record<VideoTarget, Float32Array>
	};
}

/** The served models' tag statistics: from the tag table, with the prior = the target's mean over the model's rows. */
export function serving_tag_stats(table: TagTable, rows: VideoRows, set: 'sub' | 'all', target: VideoTarget): TagStats {
	const n = set === 'sub' ? table.n_sub : table.n_all;
	const mean = (set === 'sub' ? table.mean_sub : table.mean_all)[target];
	let sum = 0;
	let k = 0;
	for (let i = 0; i < rows.n; i++) {
		if (set === 'sub' && !rows.in_sub[i]) continue;
		sum += rows.y[target][i];
		k++;
	}
	const tags = new Map<string, [number, number]>();
	for (let i = 0; i < table.tags.length; i++) if (n[i] >= TAG_MIN_COUNT) tags.set(table.tags[i], [n[i], mean[i]]);
	return { prior: k ? sum / k : 0, k: TAG_SHRINK_K, min_count: TAG_MIN_COUNT, tags };
}

/** Tag ids whose text contains the keyword (lower-cased); null when there is no keyword. */
export function keyword_tags(table: TagTable, keyword: string): Set<number> | null {
	const k = keyword.trim().toLowerCase();
	if (!k) return null;
	const out = new Set<number>();
	for (let i = 0; i < table.tags.length; i++) if (table.tags[i].includes(k)) out.add(i);
	return out;
}

/** Row indices matching the filter. */
export function filter_rows(rows: VideoRows, table: TagTable, f: VideoFilter): Int32Array {
	const cats = new Set(f.categories);
	const countries = new Set(f.countries.map((c) => (VIDEO_COUNTRIES as readonly string[]).indexOf(c)));
	const tags = keyword_tags(table, f.tag_keyword);
	const ranged = f.subscribers_min !== null || f.subscribers_max !== null;
	const out: number[] = [];
	for (let i = 0; i < rows.n; i++) {
		if (cats.size && !cats.has(rows.category[i])) continue;
		if (countries.size && !countries.has(rows.country[i])) continue;
		if (ranged) {
			const s = rows.subscribers[i];
			if (!(s > 0)) continue;
			if (f.subscribers_min !== null && s < f.subscribers_min) continue;
			if (f.subscribers_max !== null && s > f.subscribers_max) continue;
		}
		if (tags) {
			let hit = false;
			for (const id of rows.tag_ids[i]) if (tags.has(id)) { hit = true; break; }
			if (!hit) continue;
		}
		out.push(i);
	}
	return Int32Array.from(out);
}

function summary(values: Float32Array, rows: Int32Array): Summary | null {
	if (rows.length === 0) return null;
	const v = Float64Array.from(rows, (i) => values[i]).sort();
	const q = (p: number) => Math.expm1(v[Math.min(v.length - 1, Math.floor(p * (v.length - 1) + 0.5))]);
	return { median: q(0.5), p25: q(0.25), p75: q(0.75), mean_log: v.reduce((s, x) => s + x, 0) / v.length };
}

export function subset_stats(rows: VideoRows, table: TagTable, f: VideoFilter, subset: Int32Array): SubsetStats {
	const by_country = new Map<number, number>();
	let with_subs = 0;
	const channels = new Set<number>();
	for (const i of subset) {
		by_country.set(rows.country[i], (by_country.get(rows.country[i]) ?? 0) + 1);
		if (rows.subscribers[i] > 0) with_subs++;
		channels.add(rows.channel[i]);
	}
	const kw = keyword_tags(table, f.tag_keyword);
	const general = subset.length >= 2
		? (Object.fromEntries(VIDEO_TARGETS.map((t) => [t, r2(Array.from(subset, (i) => rows.y[t][i]), Array.from(subset, (i) => rows.pred[t][i]))])) as Record<VideoTarget, number>)
		: null;
	return {
		matches: subset.length,
		total: rows.n,
		with_subscribers: with_subs,
		channels: channels.size,
		views: summary(rows.y.views, subset),
		likes: summary(rows.y.likes, subset),
		dislikes: summary(rows.y.dislikes, subset),
		countries: [...by_country].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([c, count]) => ({ country: VIDEO_COUNTRIES[c] ?? '?', count })),
		general_r2: general && Object.values(general).every(Number.isFinite) ? general : null,
		matched_tags: kw ? [...kw].slice(0, 8).map((id) => table.tags[id]) : []
	};
}

/** Subscribers against views on the subset's rows with a known count: a chart sample, the log-log fit, per category. */
export function scatter(rows: VideoRows, subset: Int32Array, max_points = 1500): ScatterData {
	const known = Array.from(subset).filter((i) => rows.subscribers[i] > 0);
	const x = new Float64Array(rows.n).fill(NaN);
	for (const i of known) x[i] = Math.log(rows.subscribers[i]);
	const y = Float64Array.from(rows.y.views);
	const fit = fit_loglog(x, y, known);
	const step = Math.max(1, Math.ceil(known.length / max_points));
	const points: [number, number][] = [];
	for (let k = 0; k < known.length; k += step) {
		const i = known[k];
		points.push([Math.log10(rows.subscribers[i]), Math.log10(Math.expm1(rows.y.views[i]) + 1)]);
	}
	const by_cat = new Map<number, number[]>();
	for (const i of known) {
		const list = by_cat.get(rows.category[i]) ?? [];
		list.push(i);
		by_cat.set(rows.category[i], list);
	}
	const per_category = [...by_cat]
		.filter(([, list]) => list.length >= 30)
		.map(([category, list]) => ({ category, fit: fit_loglog(x, y, list) }))
		.filter((c) => c.fit !== null)
		.map((c) => ({ category: c.category, slope: c.fit!.slope, n: c.fit!.n }))
		.sort((a, b) => b.n - a.n);
	return { points, fit, per_category };
}

/**
 * Tags with the highest lift in views within a category. Support counts videos AND channels: a channel tags its own
 * name on every upload, so a tag must appear on videos of at least `min_channels` channels to say anything about
 * the category rather than about one channel.
 */
export function tag_lift(rows: VideoRows, table: TagTable, category: number | null, min_videos = 5, min_channels = 3, limit = 15): TagLift[] {
	const sum = new Map<number, [number, number, Set<number>]>();
	let total = 0;
	let count = 0;
	for (let i = 0; i < rows.n; i++) {
		if (category !== null && rows.category[i] !== category) continue;
		const v = rows.y.views[i];
		total += v;
		count++;
		for (const id of rows.tag_ids[i]) {
			const a = sum.get(id);
			if (a) { a[0]++; a[1] += v; a[2].add(rows.channel[i]); } else sum.set(id, [1, v, new Set([rows.channel[i]])]);
		}
	}
	if (count === 0) return [];
	const base = total / count;
	return [...sum]
		.filter(([, [n, , ch]]) => n >= min_videos && ch.size >= min_channels)
		// shrink toward the category mean by 5 pseudo-videos, so a tag on 5 lucky videos does not top the list
		.map(([id, [n, s, ch]]) => ({ tag: table.tags[id], videos: n, channels: ch.size, lift: Math.exp((s + 5 * base) / (n + 5) - base) }))
		.sort((a, b) => b.lift - a.lift)
		.slice(0, limit);
}
