/**
 * The free-form notes the training pipeline writes into the manifest (a model's caveats, a source's ETL counts), in
 * the active language. Each note is one message whose English text is the note's template: the figures computed
 * from the data are its parameters. The English message itself is the pattern, so the text lives once, in
 * messages/en.json, and must read exactly as training/ writes it (test/unit/i18n_manifest_notes.test.ts checks a
 * copy of a real manifest; the browser test of every page fails on a note that no longer matches).
 *
 * Parameters are numbers unless listed in KINDS: numbers are rewritten in the language's notation (0.156 -> 0,156),
 * 'text' is kept as written (hyperparameter settings, split ids), 'list' is a list of numbers, and 'traits' the
 * caption traits that passed the within-account test.
 */
import { m } from '$lib/paraglide/messages.js';
import { format_number } from '$lib/components/format';
import { get_locale } from '$lib/i18n';
import { is_trait, trait_label } from './caption_traits';

/** a note's message; each takes its own parameters, all strings, which the pattern below supplies */
type Message = (inputs: never, options?: { locale?: 'en' | 'tr' | 'es' }) => string;
type Kind = 'number' | 'text' | 'list' | 'traits';

const NOTES: [Message, Record<string, Kind>?][] = [
	[m.note_music_serve_known],
	[m.note_music_artist_record],
	[m.note_music_rounds],
	[m.note_music_early_stopping],
	[m.note_onnx_parity],
	[m.note_music_hit_score],
	[m.note_music_zero],
	[m.note_music_serve_new],
	[m.note_music_artist_split],
	[m.note_caption_traits_gain],
	[m.note_caption_engagement],
	[m.note_caption_random],
	[m.note_caption_data],
	[m.note_caption_what, { traits: 'traits' }],
	[m.note_caption_interval],
	[m.note_caption_partitions],
	[m.note_charts_population],
	[m.note_charts_input],
	[m.note_charts_etl],
	[m.note_charts_rows],
	[m.note_charts_cover],
	[m.note_charts_onnx],
	[m.note_video_serve_sub],
	[m.note_video_serve_all],
	[m.note_video_trended],
	[m.note_video_era],
	[m.note_video_dislikes],
	[m.note_video_interval, { split: 'text' }],
	[m.note_video_blend],
	[m.note_catalog_served, { setting: 'text' }],
	[m.note_catalog_ranking, { grid: 'list', ndcg: 'list' }],
	[m.note_catalog_search, { search: 'text' }],
	[m.note_catalog_factors],
	[m.note_catalog_training],
	[m.note_src_114k],
	[m.note_src_rereleases],
	[m.note_src_spotify_etl],
	[m.note_src_instagram_etl],
	[m.note_src_followers],
	[m.note_src_weekly_charts],
	[m.note_src_thin_joins],
	[m.note_src_copied_features],
	[m.note_src_charts_etl],
	[m.note_src_youtube_subscribers],
	[m.note_src_youtube_new],
	[m.note_src_youtube_sepoct],
	[m.note_src_youtube_2020],
	[m.note_src_streaming_duration],
	[m.note_src_streaming_missing],
	[m.note_src_streaming_crlf],
	[m.note_src_streaming_dates],
	[m.note_src_streaming_etl],
	[m.note_src_movielens_link, { by_platform: 'text' }],
	[m.note_src_movielens_series]
];

const NUMBER = String.raw`[+\u2212-]?\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]?\d+)?`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Compiled {
	pattern: RegExp;
	names: string[];
	message: Message;
	kinds: Record<string, Kind>;
}

let compiled: Compiled[] | null = null;

/** Each note's English message, its parameters replaced by markers, becomes a pattern that captures them. */
function compile(): Compiled[] {
	const marker = (name: string) => `\u0001${name}\u0002`;
	return NOTES.map(([message, kinds = {}]) => {
		const inputs = new Proxy({} as Record<string, string>, { get: (_, name) => marker(String(name)) });
		const parts = message(inputs as never, { locale: 'en' }).split(/\u0001(\w+)\u0002/);
		const names: string[] = [];
		let source = '';
		parts.forEach((part, i) => {
			if (i % 2 === 0) source += escape(part);
			else {
				names.push(part);
				source += (kinds[part] ?? 'number') === 'number' ? `(${NUMBER})` : '(.+?)';
			}
		});
		return { pattern: new RegExp(`^${source}$`), names, message, kinds };
	});
}

/** A number as the pipeline wrote it (89741, 0.156, −0.007, 3.75e-6), in the language's notation. */
export function localise_number(raw: string): string {
	const sign = /^[+\u2212-]/.test(raw) ? raw[0] : '';
	const body = raw.slice(sign.length).replace(/,/g, '');
	const value = Number(body);
	if (!Number.isFinite(value)) return raw;
	const shown = /e/i.test(body)
		? new Intl.NumberFormat(get_locale(), { notation: 'scientific', maximumFractionDigits: 2 }).format(value)
		: format_number(value, (body.split('.')[1] ?? '').length);
	return (sign === '-' ? '\u2212' : sign) + shown;
}

/** Every number in a list ("0, 0.25, 0.5" or "0 -> 0.0157, 0.25 -> 0.1605"); with a decimal comma the items are split by semicolons. */
function localise_list(raw: string): string {
	const separator = format_number(0.5, 1).includes(',') ? '; ' : ', ';
	return raw
		.split(', ')
		.map((item) => item.replace(new RegExp(NUMBER, 'g'), localise_number))
		.join(separator);
}

/** "hashtags (+1.19, 95% 0.50 to 1.88); links (...)" or "none" */
function localise_traits(raw: string): string | null {
	if (raw === 'none') return m.note_none();
	const items = raw.split('; ').map((item) => {
		const match = new RegExp(`^(\\w+) \\((${NUMBER}), 95% (${NUMBER}) to (${NUMBER})\\)$`).exec(item);
		if (!match || !is_trait(match[1])) return null;
		const [, trait, diff, low, high] = match;
		return m.note_trait_interval({ trait: trait_label(trait), diff: localise_number(diff), low: localise_number(low), high: localise_number(high) });
	});
	return items.every((x) => x !== null) ? items.join('; ') : null;
}

/** The note in the active language, or null when no message matches it (it is then shown in English). */
export function manifest_note(english: string): string | null {
	compiled ??= compile();
	for (const { pattern, names, message, kinds } of compiled) {
		const match = pattern.exec(english);
		if (!match) continue;
		const inputs: Record<string, string> = {};
		for (const [i, name] of names.entries()) {
			const raw = match[i + 1];
			const kind = kinds[name] ?? 'number';
			const value = kind === 'number' ? localise_number(raw) : kind === 'list' ? localise_list(raw) : kind === 'traits' ? localise_traits(raw) : raw;
			if (value === null) return null;
			inputs[name] = value;
		}
		return message(inputs as never);
	}
	return null;
}
