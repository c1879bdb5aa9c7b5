/**
 * Names the video and catalogue figures show, in the active language; apart from labels.ts so that their messages
 * load with those sections' figures.
 */
import { m } from '$lib/paraglide/messages.js';

/** Views, likes, dislikes in the active language. */
export function measure_name(k: string): string {
	const names: Record<string, () => string> = { views: m.insights_m_views, likes: m.insights_m_likes, dislikes: m.insights_m_dislikes };
	return names[k]?.() ?? k;
}

/** An age rating as the data spells it; a title without one says so in the active language. */
export function rating_name(r: string | null): string {
	return r ?? m.insights_rating_none();
}
