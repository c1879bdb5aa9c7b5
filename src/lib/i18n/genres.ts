/**
 * Spotify's genre tags (`acoustic`, `k-pop`, `world-music`: the 114 genres of the music data and the model's
 * `genre=<tag>` inputs) as the app names them in the active language, wherever it offers them as labels: the genre
 * selects and chips on /music, the insights genre filter and the genre chart axes.
 *
 * - English is the data's language: the English label is the tag exactly as Spotify writes it, hyphens included,
 *   so what a visitor picks reads the same as the track badges, the links (`?genre=world-music`) and the CSVs.
 * - Turkish and Spanish get a message (`genre_<tag>`, hyphens as underscores) only where a speaker would say the
 *   genre differently: descriptive tags (acoustic, sad, sleep, study, children, piano, classical...), nationalities
 *   (british, turkish, brazil...) and the few genre names with a local form (jazz -> caz, disco -> disko, alt-rock
 *   -> rock alternativo). Genre names both languages use in English (rock, pop, hip-hop, techno, k-pop, grunge,
 *   sertanejo, mpb...) have no message: their label is the tag, and the page marks it translate="no" as data.
 * - A tag with no message (every tag of a future dataset, a tag typed into a link) shows as written: this module
 *   never needs the list of tags, and the app never hides a genre for want of a translation.
 *
 * A track's own genres (the badges on its card, the "artists · genres" line of a search or similar-songs result,
 * the genres of a logged prediction on /monitor and /score) stay as the data writes them: they are values of that
 * track, like its title and artists, not names the app chose, and the issue that asked for these labels keeps data
 * values as they are.
 */
import { m } from '$lib/paraglide/messages.js';
import { get_locale } from '$lib/i18n';

type Text = () => string;

/** the tags a Turkish or Spanish speaker names differently; every other tag is its own label */
const LABELS: Record<string, Text> = {
	acoustic: m.genre_acoustic,
	'alt-rock': m.genre_alt_rock,
	alternative: m.genre_alternative,
	brazil: m.genre_brazil,
	british: m.genre_british,
	children: m.genre_children,
	classical: m.genre_classical,
	comedy: m.genre_comedy,
	disco: m.genre_disco,
	electronic: m.genre_electronic,
	french: m.genre_french,
	german: m.genre_german,
	guitar: m.genre_guitar,
	happy: m.genre_happy,
	indian: m.genre_indian,
	industrial: m.genre_industrial,
	iranian: m.genre_iranian,
	jazz: m.genre_jazz,
	kids: m.genre_kids,
	latin: m.genre_latin,
	malay: m.genre_malay,
	'new-age': m.genre_new_age,
	opera: m.genre_opera,
	party: m.genre_party,
	piano: m.genre_piano,
	romance: m.genre_romance,
	sad: m.genre_sad,
	'show-tunes': m.genre_show_tunes,
	'singer-songwriter': m.genre_singer_songwriter,
	sleep: m.genre_sleep,
	songwriter: m.genre_songwriter,
	spanish: m.genre_spanish,
	study: m.genre_study,
	swedish: m.genre_swedish,
	turkish: m.genre_turkish,
	'world-music': m.genre_world_music
};

/** the tags that have a message (for the tests) */
export const TRANSLATED_GENRES: readonly string[] = Object.keys(LABELS);

/** The label of a genre tag in the active language; the tag itself when no message names it. */
export function genre_label(tag: string): string {
	return Object.hasOwn(LABELS, tag) ? LABELS[tag]() : tag;
}

/** Whether the label is the tag itself (a data value): the page marks it translate="no". */
export function genre_is_data(tag: string): boolean {
	return !Object.hasOwn(LABELS, tag);
}

export type GenreOption = { value: string; label: string; data: boolean };

const collators = new Map<string, Intl.Collator>();

/** Tags as options of a select: the value stays the tag, the text is its label, sorted by label in the active language. */
export function genre_options(tags: readonly string[]): GenreOption[] {
	const locale = get_locale();
	let collator = collators.get(locale);
	if (!collator) collators.set(locale, (collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
	const by = collator;
	return tags
		.map((value) => ({ value, label: genre_label(value), data: genre_is_data(value) }))
		.sort((a, b) => by.compare(a.label, b.label) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
