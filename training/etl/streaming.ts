/**
 * ETL of the four streaming catalogues (Kaggle, shivamb: Netflix, Amazon Prime Video, Disney+, Hulu) into one clean
 * table (src/lib/catalog/types.ts). Data quirks handled here (see ../shared/datasets/streaming/SOURCES.md):
 * - lines end in CRLF and a few quoted fields hold line breaks (19 Amazon, 17 Hulu, 2 Netflix): every \r is removed
 *   and an embedded line break becomes a space, so no field of the clean table spans lines;
 * - Hulu (292 rows) and Netflix (s5542, s5795, s5814) put the duration in `rating` and leave `duration` empty: moved
 *   back, and the age rating becomes missing (the source never gave it);
 * - date_added is "September 25, 2021", 88 Netflix values with a leading space: parsed to ISO, missing when empty;
 * - directors, cast, countries and genres are comma-separated lists: split and trimmed, empties dropped;
 * - duration "N min" / "N Season(s)" becomes a number and a unit ('min' or 'season');
 * - Amazon spells a few age ratings as codes (AGES_18_, ALL_AGES, NOT_RATE, "16"): written like its other rows.
 */
import { join } from 'node:path';
import { parse_csv, read_csv_records, read_text_file } from '../lib/csv';
import { PLATFORMS, type Platform } from '../../src/lib/catalog/platforms';
import type { CatalogTitle, DurationUnit } from '../../src/lib/catalog/types';

export const STREAMING_TITLE_FILES: Record<Platform, string> = {
	netflix: 'streaming/titles/netflix_titles.csv.gz',
	amazon: 'streaming/titles/amazon_prime_titles.csv.gz',
	disney: 'streaming/titles/disney_plus_titles.csv.gz',
	hulu: 'streaming/titles/hulu_titles.csv.gz'
};

export const TITLE_COLUMNS = [
	'show_id', 'type', 'title', 'director', 'cast', 'country', 'date_added', 'release_year', 'rating', 'duration', 'listed_in', 'description'
] as const;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "September 25, 2021" -> "2021-09-25"; null for empty; throws on anything else (a new quirk must be seen). */
export function parse_date_added(text: string): string | null {
	const t = text.trim();
	if (!t) return null;
	const m = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(t);
	const month = m ? MONTHS.indexOf(m[1].toLowerCase()) : -1;
	if (!m || month < 0) throw new Error(`unreadable date_added "${text}"`);
	const day = Number(m[2]);
	if (day < 1 || day > 31) throw new Error(`unreadable date_added "${text}"`);
	return `${m[3]}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DURATION = /^(\d+)\s*(min|seasons?)$/i;

/** "94 min" -> {94, 'min'}, "2 Seasons" -> {2, 'season'}; null when the text is no duration. */
export function parse_duration(text: string): { value: number; unit: DurationUnit } | null {
	const m = DURATION.exec(text.trim());
	if (!m) return null;
	return { value: Number(m[1]), unit: m[2].toLowerCase() === 'min' ? 'min' : 'season' };
}

/** "a, b ,, c" -> ["a", "b", "c"] */
export function split_list(text: string): string[] {
	return text.split(',').map((s) => s.trim()).filter(Boolean);
}

const AGE_RATING_SPELLINGS: Record<string, string> = { AGES_18_: '18+', AGES_16_: '16+', ALL_AGES: 'ALL', NOT_RATE: 'NR', '16': '16+' };

/**
 * A field's text with every carriage return removed, embedded line breaks turned into single spaces and zero-width
 * characters dropped (some Hulu descriptions start with U+200B, which would defeat search and sorting).
 */
export function clean_text(text: string): string {
	return text.replace(/\r/g, '').replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\s*\n\s*/g, ' ').trim();
}

export interface StreamingEtlStats {
	rows: Record<Platform, number>;
	/** rows whose duration sat in the rating column */
	repaired_duration: Record<Platform, number>;
	/** fields that held a carriage return or line break */
	fields_with_line_breaks: Record<Platform, number>;
	missing_duration: number;
	missing_date_added: number;
}

const per_platform = () => Object.fromEntries(PLATFORMS.map((p) => [p, 0])) as Record<Platform, number>;

/** Clean the rows of one platform's file (already parsed, header first). */
export function clean_platform_rows(platform: Platform, rows: string[][], stats: StreamingEtlStats, source: string = platform): CatalogTitle[] {
	const { header, records } = read_csv_records(rows, source);
	const col = Object.fromEntries(TITLE_COLUMNS.map((c) => {
		const k = header.indexOf(c);
		if (k < 0) throw new Error(`${source}: column ${c} missing`);
		return [c, k];
	})) as Record<(typeof TITLE_COLUMNS)[number], number>;
	const out: CatalogTitle[] = [];
	for (const raw of records) {
		const f = raw.map((v) => {
			if (v.includes('\r') || v.includes('\n')) stats.fields_with_line_breaks[platform]++;
			return clean_text(v);
		});
		const type_text = f[col.type];
		if (type_text !== 'Movie' && type_text !== 'TV Show') throw new Error(`${source} ${f[col.show_id]}: unknown type "${type_text}"`);
		let rating = f[col.rating];
		let duration = parse_duration(f[col.duration]);
		if (!duration && f[col.duration] === '') {
			const moved = parse_duration(rating);
			if (moved) {
				duration = moved;
				rating = '';
				stats.repaired_duration[platform]++;
			}
		} else if (!duration) throw new Error(`${source} ${f[col.show_id]}: unreadable duration "${f[col.duration]}"`);
		if (!duration) stats.missing_duration++;
		const year = Number(f[col.release_year]);
		if (!Number.isInteger(year)) throw new Error(`${source} ${f[col.show_id]}: release_year "${f[col.release_year]}"`);
		const date_added = parse_date_added(f[col.date_added]);
		if (!date_added) stats.missing_date_added++;
		stats.rows[platform]++;
		out.push({
			id: `${platform[0]}:${f[col.show_id]}`,
			platform,
			show_id: f[col.show_id],
			type: type_text === 'Movie' ? 'movie' : 'tv',
			title: f[col.title],
			directors: split_list(f[col.director]),
			cast: split_list(f[col.cast]),
			genres: split_list(f[col.listed_in]),
			countries: split_list(f[col.country]),
			date_added,
			release_year: year,
			age_rating: rating ? (AGE_RATING_SPELLINGS[rating] ?? rating) : null,
			duration: duration?.value ?? null,
			duration_unit: duration?.unit ?? null,
			description: f[col.description]
		});
	}
	return out;
}

export interface StreamingEtlResult {
	titles: CatalogTitle[];
	stats: StreamingEtlStats;
}

export function empty_streaming_stats(): StreamingEtlStats {
	return { rows: per_platform(), repaired_duration: per_platform(), fields_with_line_breaks: per_platform(), missing_duration: 0, missing_date_added: 0 };
}

/** All four files, in PLATFORMS order, rows in file order. */
export function load_streaming_titles(data_root: string): StreamingEtlResult {
	const stats = empty_streaming_stats();
	const titles: CatalogTitle[] = [];
	for (const p of PLATFORMS) {
		const path = join(data_root, STREAMING_TITLE_FILES[p]);
		titles.push(...clean_platform_rows(p, parse_csv(read_text_file(path)), stats, STREAMING_TITLE_FILES[p]));
	}
	return { titles, stats };
}

const CSV_COLUMNS = ['id', 'platform', 'show_id', 'type', 'title', 'directors', 'cast', 'genres', 'countries', 'date_added', 'release_year', 'age_rating', 'duration', 'duration_unit', 'description', 'movielens_id', 'score', 'score_count'] as const;

function csv_field(v: string): string {
	return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The clean table as CSV (LF line ends; lists joined with "; " so a list is one field). */
export function clean_table_csv(titles: CatalogTitle[], link: (t: CatalogTitle, k: number) => { movielens_id: number; score: number; count: number } | null): string {
	const lines = [CSV_COLUMNS.join(',')];
	for (const [k, t] of titles.entries()) {
		const s = link(t, k);
		lines.push([
			t.id, t.platform, t.show_id, t.type, t.title, t.directors.join('; '), t.cast.join('; '), t.genres.join('; '),
			t.countries.join('; '), t.date_added ?? '', String(t.release_year), t.age_rating ?? '', t.duration === null ? '' : String(t.duration),
			t.duration_unit ?? '', t.description, s ? String(s.movielens_id) : '', s ? s.score.toFixed(3) : '', s ? String(s.count) : ''
		].map(csv_field).join(','));
	}
	return lines.join('\n') + '\n';
}
