/**
 * The video page's Arrow shards: one row per trending video (what filters, the scatter, tag lift and retraining in
 * the browser need, in the narrowest types) and the tag statistics the served models read.
 */
import { tableFromArrays, tableToIPC, float32, int32, list, uint16, uint8, utf8 } from '@uwdata/flechette';
import { country_code, FEATURE_INDEX, VIDEO_FEATURE_NAMES, VIDEO_N_FEATURES, VIDEO_TARGETS, type TagStats, type VideoTarget } from '../../src/lib/core/features/video';
import type { VideoRecord } from '../etl/youtube';

/** Feature columns stored per row: every base feature except those stored elsewhere or learnt per fold. */
export const ROW_FEATURES = VIDEO_FEATURE_NAMES.filter((n) => !['tag_mean', 'tag_max', 'tag_known', 'category', 'country', 'log_subscribers'].includes(n));
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
		cols[`n_${suffix}`] = Int32Array.from(vocab, (t) => st.views.tags.get(t)?.[0] ?? 0);
		for (const target of VIDEO_TARGETS) cols[`${target}_${suffix}`] = Float32Array.from(vocab, (t) => st[target].tags.get(t)?.[1] ?? NaN);
	}
	return tableToIPC(tableFromArrays(cols as never, { types: { tag: utf8() } }), { format: 'file' })!;
}

export function video_rows_arrow(videos: VideoRecord[], X: Float32Array, tags: string[][], vocab: string[], served: Record<VideoTarget, Float32Array>): Uint8Array {
	const tag_id = new Map(vocab.map((t, i) => [t, i]));
	const channels = new Map<string, number>();
	const cols: Record<string, unknown> = {
		category: Uint8Array.from(videos, (v) => v.category_id),
		country: Uint8Array.from(videos, (v) => { const c = country_code(v.country); return Number.isNaN(c) ? 255 : c; }),
		set: Uint8Array.from(videos, (v) => SET_CODES.indexOf(v.set)),
		year: Uint16Array.from(videos, (v) => Number(v.trending_date.slice(0, 4))),
		channel: Int32Array.from(videos, (v) => { let c = channels.get(v.channel); if (c === undefined) channels.set(v.channel, (c = channels.size)); return c; }),
		subscribers: Float32Array.from(videos, (v) => v.subscribers ?? NaN),
		views: Float32Array.from(videos, (v) => Math.log1p(v.views)),
		likes: Float32Array.from(videos, (v) => Math.log1p(v.likes)),
		dislikes: Float32Array.from(videos, (v) => Math.log1p(v.dislikes)),
		tag_ids: tags.map((ts) => Uint16Array.from(ts.flatMap((t) => (tag_id.has(t) ? [tag_id.get(t)!] : []))))
	};
	for (const name of ROW_FEATURES) {
		const j = FEATURE_INDEX[name];
		cols[`f_${name}`] = Float32Array.from(videos, (_, i) => X[i * VIDEO_N_FEATURES + j]);
	}
	for (const t of VIDEO_TARGETS) cols[`pred_${t}`] = served[t];
	return tableToIPC(tableFromArrays(cols as never, { types: { tag_ids: list(uint16()), channel: int32(), category: uint8(), country: uint8(), year: uint16(), subscribers: float32() } }), { format: 'file' })!;
}
