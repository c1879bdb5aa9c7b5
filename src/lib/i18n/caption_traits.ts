/** A caption trait's name in the active language (the caption studio's tables, the caption model's notes). */
import { m } from '$lib/paraglide/messages.js';
import type { CaptionTrait } from '$lib/core/text/caption';

const LABELS: Record<CaptionTrait, () => string> = {
	length: m.caption_trait_length,
	words: m.caption_trait_words,
	line_breaks: m.caption_trait_line_breaks,
	hashtags: m.caption_trait_hashtags,
	mentions: m.caption_trait_mentions,
	emoji: m.caption_trait_emoji,
	questions: m.caption_trait_questions,
	calls_to_action: m.caption_trait_calls_to_action,
	links: m.caption_trait_links
};

export function trait_label(t: CaptionTrait): string {
	return LABELS[t]();
}

export function is_trait(name: string): name is CaptionTrait {
	return Object.prototype.hasOwnProperty.call(LABELS, name);
}
