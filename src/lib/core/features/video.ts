/**
 * Video features: the one place that turns a planned video's description into a model's feature vector. Imported by
 * the training pipeline, the inference worker and the retraining worker, so all three encode identically.
 *
 * Only what is known before publishing: title, tags, category, country, channel subscribers, publish hour and
 * weekday, description length and the disabled flags. Nothing measured after publishing (likes never predict views).
 */

/** Countries of the trending sets, in code order (the model's categorical code is the index). */
export const VIDEO_COUNTRIES = ['US', 'GB', 'CA', 'FR', 'IN', 'DE', 'JP', 'KR', 'MX', 'BR', 'RU'] as const;
export type VideoCountry = (typeof VIDEO_COUNTRIES)[number];

/** Title words whose presence the data can speak to (indicator per group). */
const TITLE_KEYWORDS: readonly [string, RegExp][] = [
	['official', /\bofficial\b/i],
	['trailer', /\b(trailer|teaser)\b/i],
	['music_video', /\b(music video|mv|lyric video|lyrics)\b/i],
	['feat', /\b(ft|feat|featuring)\b\.?/i],
	['versus', /\b(vs|versus)\b\.?/i],
	['how_to', /\bhow to\b/i],
	['challenge', /\bchallenge\b/i],
	['reaction', /\b(react|reacts|reaction)\b/i],
	['live', /\blive\b/i],
	['episode', /\b(episode|ep\.?\s*\d+|season)\b/i]
];

export const TITLE_FEATURES = ['title_length', 'title_words', 'title_upper_share', 'title_exclaims', 'title_questions', 'title_digits', 'title_emoji', 'title_separators', ...TITLE_KEYWORDS.map(([k]) => `title_has_${k}`)] as const;
export const TAG_FEATURES = ['tag_count', 'tags_in_title', 'tag_mean', 'tag_max', 'tag_known'] as const;
export const OTHER_FEATURES = ['category', 'country', 'log_subscribers', 'publish_hour', 'publish_weekday', 'log_description_length', 'comments_disabled', 'ratings_disabled'] as const;
export const VIDEO_FEATURE_NAMES: readonly string[] = [...TITLE_FEATURES, ...TAG_FEATURES, ...OTHER_FEATURES];
export const VIDEO_N_FEATURES = VIDEO_FEATURE_NAMES.length;
/** categorical features (codes < 255): category id and country index */
export const VIDEO_CATEGORICAL = [VIDEO_FEATURE_NAMES.indexOf('category'), VIDEO_FEATURE_NAMES.indexOf('country')];
export const FEATURE_INDEX = Object.fromEntries(VIDEO_FEATURE_NAMES.map((n, i) => [n, i])) as Record<string, number>;

/** Display group of a feature, so drivers read "Title" rather than eighteen title indicators. */
export function video_feature_group(name: string): string {
	if (name.startsWith('title_')) return 'title';
	if (name.startsWith('tag')) return 'tags';
	if (name === 'publish_hour' || name === 'publish_weekday') return 'publish_time';
	if (name === 'comments_disabled' || name === 'ratings_disabled') return 'disabled';
	if (name === 'log_subscribers') return 'subscribers';
	if (name === 'log_description_length') return 'description';
	return name;
}

export interface VideoInput {
	title: string;
	tags: string[];
	/** YouTube category id (e.g. 24 = Entertainment) */
	category_id: number;
	country: string;
	/** channel subscribers; null when unknown (the model then sees a missing value, never zero) */
	subscribers: number | null;
	/** 0-23 UTC; null when unknown */
	publish_hour: number | null;
	/** 0 = Monday .. 6 = Sunday (UTC); null when unknown */
	publish_weekday: number | null;
	/** characters; null when unknown */
	description_length: number | null;
	comments_disabled: boolean | null;
	ratings_disabled: boolean | null;
}

/** Publish hour and weekday (Monday = 0) of an ISO time, in UTC as the datasets give them. */
export function publish_parts(iso: string | null): { publish_hour: number | null; publish_weekday: number | null } {
	if (!iso) return { publish_hour: null, publish_weekday: null };
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return { publish_hour: null, publish_weekday: null };
	const d = new Date(t);
	return { publish_hour: d.getUTCHours(), publish_weekday: (d.getUTCDay() + 6) % 7 };
}

/** Tags as the model reads them: trimmed, lower-cased, inner spaces collapsed, empties and repeats dropped. */
export function normalise_tags(tags: readonly string[]): string[] {
	const seen = new Set<string>();
	for (const t of tags) {
		const v = t.trim().toLowerCase().replace(/\s+/g, ' ');
		if (v) seen.add(v);
	}
	return [...seen];
}

const EMOJI = /\p{Extended_Pictographic}/gu;

/** The title's shape (TITLE_FEATURES order). */
export function title_traits(title: string): number[] {
	const chars = [...title];
	const letters = chars.filter((c) => c.toLowerCase() !== c.toUpperCase());
	const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
	const words = title.trim() === '' ? 0 : title.trim().split(/\s+/).length;
	const count = (re: RegExp) => (title.match(re) ?? []).length;
	return [
		chars.length,
		words,
		letters.length ? upper / letters.length : 0,
		count(/!/g),
		count(/\?/g),
		count(/\p{Nd}/gu),
		count(EMOJI),
		count(/[|\-–—:/]/g),
		...TITLE_KEYWORDS.map(([, re]) => (re.test(title) ? 1 : 0))
	];
}

/**
 * What the training data says about tags, for one target: per tag, how many training videos carry it and the mean
 * of the target over them. A row's tag features are then the mean and max of its known tags' deviations from the
 * prior (shrunk toward it by `k` pseudo-videos), and how many of its tags are known.
 */
export interface TagStats<K = string> {
	/** mean of the target over the rows the statistics were fitted on */
	prior: number;
	/** shrinkage strength in pseudo-videos */
	k: number;
	/** a tag is known when at least this many training videos carry it */
	min_count: number;
	/** tag (text, or an id into a tag vocabulary) -> [videos, mean of the target] */
	tags: Map<K, [number, number]>;
}

export const TAG_SHRINK_K = 5;
export const TAG_MIN_COUNT = 3;

/**
 * Fit tag statistics on `rows` only (the training fold): the leakage-free building block of out-of-fold features.
 * Tags are counted over integer ids in arrays; tags given as text are numbered first (the pipeline and the browser
 * pass ids already, which keeps a Map lookup off every tag of every row).
 */
export function fit_tag_stats<K = string>(
	tags: readonly (ArrayLike<K>)[],
	y: ArrayLike<number>,
	rows: ArrayLike<number>,
	min_count = TAG_MIN_COUNT,
	k = TAG_SHRINK_K
): TagStats<K> {
	const { ids, keys } = as_tag_ids(tags, rows);
	let max_id = -1;
	for (let q = 0; q < rows.length; q++) {
		const ts = ids[rows[q]];
		for (let j = 0; j < ts.length; j++) if (ts[j] > max_id) max_id = ts[j];
	}
	const n = new Int32Array(max_id + 1);
	const s = new Float64Array(max_id + 1);
	let sum = 0;
	for (let q = 0; q < rows.length; q++) {
		const i = rows[q];
		sum += y[i];
		const ts = ids[i];
		for (let j = 0; j < ts.length; j++) {
			n[ts[j]]++;
			s[ts[j]] += y[i];
		}
	}
	// text tags were numbered by first appearance, so the map keeps the order a Map of text would have
	const out = new Map<K, [number, number]>();
	for (let t = 0; t <= max_id; t++) if (n[t] >= min_count) out.set(keys ? keys[t] : (t as K), [n[t], s[t] / n[t]]);
	return { prior: rows.length ? sum / rows.length : 0, k, min_count, tags: out };
}

/**
 * The rows' tags as integer ids: as given when they are integer typed arrays (tag-vocabulary ids), else numbered by
 * first appearance over `rows`, with `keys` mapping each number back to its tag.
 */
function as_tag_ids<K>(tags: readonly ArrayLike<K>[], rows: ArrayLike<number>): { ids: readonly ArrayLike<number>[]; keys: K[] | null } {
	const t0 = rows.length ? tags[rows[0]] : null;
	if (t0 instanceof Int32Array || t0 instanceof Uint16Array || t0 instanceof Uint32Array || t0 instanceof Uint8Array) {
		return { ids: tags as unknown as readonly ArrayLike<number>[], keys: null };
	}
	const number_of = new Map<K, number>();
	const keys: K[] = [];
	const ids: ArrayLike<number>[] = new Array(tags.length);
	for (let q = 0; q < rows.length; q++) {
		const i = rows[q];
		const ts = tags[i];
		ids[i] = Int32Array.from({ length: ts.length }, (_, j) => {
			let id = number_of.get(ts[j]);
			if (id === undefined) {
				number_of.set(ts[j], (id = keys.length));
				keys.push(ts[j]);
			}
			return id;
		});
	}
	return { ids, keys };
}

/** [tag_mean, tag_max, tag_known] of one video's tags; mean and max are NaN (missing) when no tag is known. */
export function tag_stat_features<K = string>(tags: ArrayLike<K>, stats: TagStats<K>): [number, number, number] {
	let sum = 0;
	let max = -Infinity;
	let known = 0;
	for (let j = 0; j < tags.length; j++) {
		const s = stats.tags.get(tags[j]);
		if (!s) continue;
		const dev = (s[0] * s[1] + stats.k * stats.prior) / (s[0] + stats.k) - stats.prior;
		sum += dev;
		if (dev > max) max = dev;
		known++;
	}
	return known ? [sum / known, max, known] : [NaN, NaN, 0];
}

/** Count of tags that appear in the title (case-insensitive), a sign of a deliberately tagged upload. */
export function tags_in_title(title: string, tags: readonly string[]): number {
	const t = title.toLowerCase();
	let k = 0;
	for (const tag of tags) if (tag.length >= 3 && t.includes(tag)) k++;
	return k;
}

const nan_if_null = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? NaN : v);
const flag = (v: boolean | null) => (v === null ? NaN : v ? 1 : 0);

export function country_code(country: string): number {
	const i = (VIDEO_COUNTRIES as readonly string[]).indexOf(country);
	return i < 0 ? NaN : i;
}

/**
 * Write one video's feature vector into `out` at `offset` (VIDEO_FEATURE_NAMES order). Tags are normalised here.
 * Subscribers <= 0 or unknown become missing; an unknown country is missing (the trees send it down their default side).
 */
export function encode_video(v: VideoInput, stats: TagStats, out: Float32Array = new Float32Array(VIDEO_N_FEATURES), offset = 0): Float32Array {
	const tags = normalise_tags(v.tags);
	const [tag_mean, tag_max, tag_known] = tag_stat_features(tags, stats);
	const values = [
		...title_traits(v.title),
		tags.length,
		tags_in_title(v.title, tags),
		tag_mean,
		tag_max,
		tag_known,
		Number.isInteger(v.category_id) && v.category_id >= 0 && v.category_id < 255 ? v.category_id : NaN,
		country_code(v.country),
		v.subscribers !== null && v.subscribers > 0 && Number.isFinite(v.subscribers) ? Math.log(v.subscribers) : NaN,
		nan_if_null(v.publish_hour),
		nan_if_null(v.publish_weekday),
		v.description_length === null ? NaN : Math.log1p(Math.max(0, v.description_length)),
		flag(v.comments_disabled),
		flag(v.ratings_disabled)
	];
	for (let j = 0; j < values.length; j++) out[offset + j] = values[j];
	return out;
}

/** The targets, all on log1p scale (counts span six orders of magnitude). */
export const VIDEO_TARGETS = ['views', 'likes', 'dislikes'] as const;
export type VideoTarget = (typeof VIDEO_TARGETS)[number];
