/**
 * ETL of the YouTube trending sets: every appearance of every set -> one row per video.
 *
 * Which appearance is kept: the LAST one (latest trending date). Views, likes and dislikes are cumulative counts
 * taken on each trending day, so the last appearance is the fullest count the data has and the one the subscriber
 * table itself keeps; an earlier day would mix "how big the video got" with "how many days it had been out".
 * Ties (the same day in two countries, or a day listed twice, as in the IN head): the subscriber table first (its
 * row is the curated one), then the highest views. `countries` keeps every country the video trended in.
 *
 * Subscribers come from the subscriber table, joined by video id: the only table whose counts belong to these videos
 * (US channels, collected once in early 2018). Every other video has a missing count (null), never zero. The channel
 * tables (Socialblade top 5000, about 2019; Global YouTube Statistics, 2023) are NOT joined: they were collected 1.5
 * to 5 years after the 2017-18 videos trended (and before or after the 2020 ones), match channels by name only
 * (3-36% of rows) and would put a later channel size next to an earlier video's views.
 *
 * Category names come from each set's <CC>_category_id.json (the set's US file when a country has none).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { read_text_file } from '../lib/csv';
import {
	EtlError, parse_category_json, read_2020_set, read_new_set, read_sepoct_set, read_subscriber_set,
	type Appearance, type SetId
} from './youtube_sets';

export interface VideoRecord extends Appearance {
	/** every country the video trended in (sorted) */
	countries: string[];
	/** how many appearances were merged (trending days x countries; not a model feature: known only after publishing) */
	appearances: number;
	category: string;
	/** the video is a row of the subscriber table (the models' evaluation set), whichever appearance was kept */
	in_subscriber_table: boolean;
}

interface SetFile {
	set: SetId;
	country: string;
	file: string;
	/** category JSON (relative to the datasets root) */
	categories: string;
}

const Y = 'youtube';
const NEW = `${Y}/youtube-new`;
const SEPOCT = `${Y}/youtube-2017-sep-oct`;
const SUB = `${Y}/youtube-trend-with-subscriber`;
const Y2020 = `${Y}/youtube-trending-2020-partial`;

export const YOUTUBE_SET_FILES: readonly SetFile[] = [
	{ set: 'subscriber', country: 'US', file: `${SUB}/USvideos_modified_repaired.csv.gz`, categories: `${NEW}/US_category_id.json` },
	...([['US', '20171114-20171128'], ['FR', '20171114-20171130'], ['CA', '20171114-20171117'], ['GB', '20171114-20171117'], ['IN', '20171114-20171118']] as const).map(
		([cc, range]) => ({ set: 'new' as const, country: cc, file: `${NEW}/${cc}videos_${range}.csv.gz`, categories: `${NEW}/${cc}_category_id.json` })
	),
	...(['US', 'GB'] as const).map((cc) => ({ set: 'sepoct' as const, country: cc, file: `${SEPOCT}/${cc}videos.csv.gz`, categories: `${SEPOCT}/${cc}_category_id.json` })),
	...([['US', 872], ['GB', 852], ['CA', 831], ['DE', 782], ['FR', 956], ['IN', 740], ['JP', 658], ['KR', 992], ['MX', 966], ['BR', 943], ['RU', 601]] as const).map(
		([cc, n]) => ({ set: '2020' as const, country: cc, file: `${Y2020}/${cc}_youtube_trending_data_first${n}rows.csv.gz`, categories: `${Y2020}/${cc}_category_id.json` })
	)
];

export const YOUTUBE_DATA_FILES: readonly string[] = [...new Set(YOUTUBE_SET_FILES.flatMap((f) => [f.file, f.categories]))];

export interface YoutubeEtlStats {
	appearances: number;
	appearances_by_set: Record<string, number>;
	videos: number;
	videos_by_set: Record<string, number>;
	videos_by_country: Record<string, number>;
	/** videos seen in more than one country */
	multi_country: number;
	/** appearances sharing (video, trending day, country) with another */
	repeated_day_pairs: number;
	with_subscribers: number;
	/** subscriber-table rows whose count is missing (NaN or 0 in the source) */
	subscriber_table_missing: number;
	subscriber_table_rows: number;
	without_publish_time: number;
	unknown_category: number;
}

const SET_PRIORITY: Record<SetId, number> = { subscriber: 0, new: 1, '2020': 2, sepoct: 3 };

/** True when appearance a should be kept over b. */
function better(a: Appearance, b: Appearance): boolean {
	if (a.trending_date !== b.trending_date) return a.trending_date > b.trending_date;
	if (a.set !== b.set) return SET_PRIORITY[a.set] < SET_PRIORITY[b.set];
	return a.views > b.views;
}

/**
 * Unify appearances into one record per video id (see the module comment for the rule). Subscribers are joined by
 * video id from the subscriber-table appearances, whichever appearance is kept. Output order: by video id.
 */
export function unify_appearances(
	appearances: Appearance[],
	category_names: (set: SetId, country: string) => Map<number, string>
): { videos: VideoRecord[]; stats: YoutubeEtlStats } {
	const kept = new Map<string, Appearance>();
	const countries = new Map<string, Set<string>>();
	const counts = new Map<string, number>();
	const subscribers = new Map<string, number | null>();
	const day_keys = new Set<string>();
	let repeated_day_pairs = 0;
	const appearances_by_set: Record<string, number> = {};
	for (const a of appearances) {
		if (!a.video_id) throw new EtlError(`${a.set} ${a.country}: an appearance has an empty video id`);
		appearances_by_set[a.set] = (appearances_by_set[a.set] ?? 0) + 1;
		const day_key = `${a.video_id}\u0000${a.trending_date}\u0000${a.country}\u0000${a.set}`;
		if (day_keys.has(day_key)) repeated_day_pairs++;
		else day_keys.add(day_key);
		const prev = kept.get(a.video_id);
		if (!prev || better(a, prev)) kept.set(a.video_id, a);
		let cs = countries.get(a.video_id);
		if (!cs) countries.set(a.video_id, (cs = new Set()));
		cs.add(a.country);
		counts.set(a.video_id, (counts.get(a.video_id) ?? 0) + 1);
		if (a.set === 'subscriber') subscribers.set(a.video_id, a.subscribers);
	}
	const ids = [...kept.keys()].sort();
	const stats: YoutubeEtlStats = {
		appearances: appearances.length, appearances_by_set, videos: ids.length, videos_by_set: {}, videos_by_country: {},
		multi_country: 0, repeated_day_pairs, with_subscribers: 0, subscriber_table_missing: 0,
		subscriber_table_rows: subscribers.size, without_publish_time: 0, unknown_category: 0
	};
	const videos: VideoRecord[] = ids.map((id) => {
		const a = kept.get(id)!;
		const cs = [...countries.get(id)!].sort();
		const name = category_names(a.set, a.country).get(a.category_id);
		const subs = subscribers.has(id) ? subscribers.get(id)! : null;
		if (subscribers.has(id) && subs === null) stats.subscriber_table_missing++;
		if (subs !== null) stats.with_subscribers++;
		if (cs.length > 1) stats.multi_country++;
		if (a.publish_time === null) stats.without_publish_time++;
		if (!name) stats.unknown_category++;
		stats.videos_by_set[a.set] = (stats.videos_by_set[a.set] ?? 0) + 1;
		stats.videos_by_country[a.country] = (stats.videos_by_country[a.country] ?? 0) + 1;
		return { ...a, subscribers: subs, countries: cs, appearances: counts.get(id)!, category: name ?? `Category ${a.category_id}`, in_subscriber_table: subscribers.has(id) };
	});
	return { videos, stats };
}

export interface YoutubeEtlResult {
	videos: VideoRecord[];
	stats: YoutubeEtlStats;
	/** category id -> name over every set (first name seen, US files first) */
	categories: Map<number, string>;
}

/** Read every set under `data_root` and unify them. */
export function load_youtube(data_root: string): YoutubeEtlResult {
	const category_files = new Map<string, Map<number, string>>();
	const categories_of = (rel: string) => {
		let m = category_files.get(rel);
		if (!m) category_files.set(rel, (m = parse_category_json(readFileSync(join(data_root, rel), 'utf8'))));
		return m;
	};
	const appearances: Appearance[] = [];
	for (const f of YOUTUBE_SET_FILES) {
		const text = read_text_file(join(data_root, f.file));
		const rows =
			f.set === 'subscriber' ? read_subscriber_set(text, f.file)
			: f.set === 'new' ? read_new_set(text, f.country, f.file)
			: f.set === 'sepoct' ? read_sepoct_set(text, f.country, f.file)
			: read_2020_set(text, f.country, f.file);
		for (const r of rows) appearances.push(r);
	}
	// the union first (US files first): a category missing from a country's file (29, Nonprofits & Activism, is only
	// in the US files) takes its name from another set's file instead of becoming "unknown"
	const categories = new Map<number, string>();
	for (const f of [...YOUTUBE_SET_FILES].sort((a, b) => (a.country === 'US' ? 0 : 1) - (b.country === 'US' ? 0 : 1))) {
		for (const [id, name] of categories_of(f.categories)) if (!categories.has(id)) categories.set(id, name);
	}
	const merged = new Map<string, Map<number, string>>();
	const names_for = (set: SetId, country: string) => {
		const key = `${set}:${country}`;
		let m = merged.get(key);
		if (!m) {
			const f = YOUTUBE_SET_FILES.find((x) => x.set === set && x.country === country) ?? YOUTUBE_SET_FILES.find((x) => x.set === set)!;
			merged.set(key, (m = new Map([...categories, ...categories_of(f.categories)])));
		}
		return m;
	};
	const { videos, stats } = unify_appearances(appearances, names_for);
	return { videos, stats, categories };
}
