/**
 * The video page's Arrow shards: one row per trending video (what filters, the scatter, tag lift and retraining in
 * the browser need, in the narrowest types) and the tag statistics the served models read.
 */
import { tableFromArrays, tableToIPC, float32, int32, list, uint16, uint8, utf8 } from '@uwdata/flechette';
import { country_code, FEATURE_INDEX, VIDEO_N_FEATURES, VIDEO_TARGETS, type TagStats, type VideoTarget } from '../../src/lib/core/features/video';
import type { VideoRecord } from '../etl/youtube';

import { ROW_FEATURES } from '../../src/lib/workers/video/row_features';
export const SET_CODES = ['subscriber', 'new', 'sepoct', '2020'] as const;

/** Tags carried by at least `min_count` videos, sorted: the vocabulary row tag ids point into. */
export function tag_vocabulary(tags: string[][], min_count = 3): string[] {
	const n = new Map<string, number>();
	for (const ts of tags) for (const t of ts) n.set(t, (n.get(t) ?? 0) + 1);
	return [...n].filter(([, k]) => k >= min_count).map(([t]) => t).sort();
}

export function video_tags_arrow(vocab: string[], all: Record<VideoTarget, TagStats>, sub: Record<VideoTarget, TagStats>): Uint8Array {
	const cols: Record<string, unknown> = { tag: vocab };
	for (const [suffix, st] of [['all', all], ['sub', sub]] as const) {
		cols[`n_${suffix}`] = Uint16Array.from(vocab, (t) => Math.min(65535, st.views.tags.get(t)?.[0] ?? 0));
		// mean log1p counts (0..~21) in thousandths: exact to 0.0005, far below what a tag statistic can resolve;
		// 0 = no statistic (a tag seen on no video of that set)
		for (const target of VIDEO_TARGETS) cols[`${target}_${suffix}`] = Uint16Array.from(vocab, (t) => { const m = st[target].tags.get(t)?.[1]; return m === undefined ? 0 : Math.max(1, Math.round(m * 1000)); });
	}
	return tableToIPC(tableFromArrays(cols as never, { types: { tag: utf8() } }), { format: 'file' })!;
}

const milli = (values: number[]) => Uint16Array.from(values, (v) => Math.min(65535, Math.max(0, Math.round(v * 1000))));

export function video_rows_arrow(videos: VideoRecord[], X: Float32Array, tags: string[][], vocab: string[], served: Record<VideoTarget, Float32Array>): Uint8Array {
	const tag_id = new Map(vocab.map((t, i) => [t, i]));
	const channels = new Map<string, number>();
	const cols: Record<string, unknown> = {
		category: Uint8Array.from(videos, (v) => v.category_id),
		country: Uint8Array.from(videos, (v) => { const c = country_code(v.country); return Number.isNaN(c) ? 255 : c; }),
		set: Uint8Array.from(videos, (v) => SET_CODES.indexOf(v.set)),
		in_sub: Uint8Array.from(videos, (v) => (v.in_subscriber_table ? 1 : 0)),
		year: Uint16Array.from(videos, (v) => Number(v.trending_date.slice(0, 4))),
		channel: Int32Array.from(videos, (v) => { let c = channels.get(v.channel); if (c === undefined) channels.set(v.channel, (c = channels.size)); return c; }),
		subscribers: Float32Array.from(videos, (v) => v.subscribers ?? NaN),
		// log1p counts (0..~21) in thousandths: exact to 0.0005, and half the bytes of float32
		views: milli(videos.map((v) => Math.log1p(v.views))),
		likes: milli(videos.map((v) => Math.log1p(v.likes))),
		dislikes: milli(videos.map((v) => Math.log1p(v.dislikes))),
		tag_ids: tags.map((ts) => Uint16Array.from(ts.flatMap((t) => (tag_id.has(t) ? [tag_id.get(t)!] : []))))
	};
	// the narrowest type that holds each column exactly: most title traits are small counts
	for (const name of ROW_FEATURES) {
		const j = FEATURE_INDEX[name];
		const v = Float32Array.from(videos, (_, i) => X[i * VIDEO_N_FEATURES + j]);
		const ints = v.every((x) => Number.isInteger(x) && x >= 0);
		const max = ints ? Math.max(...v) : Infinity;
		cols[`f_${name}`] = max < 256 ? Uint8Array.from(v) : max < 65536 ? Uint16Array.from(v) : v;
	}
	for (const t of VIDEO_TARGETS) cols[`pred_${t}`] = milli(Array.from(served[t]));
	return tableToIPC(tableFromArrays(cols as never, { types: { tag_ids: list(uint16()), channel: int32(), category: uint8(), country: uint8(), year: uint16(), subscribers: float32() } }), { format: 'file' })!;
}
