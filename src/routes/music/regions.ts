/** Region names in the active language: Intl knows every country's name; "global" is ours. */
import { m } from '$lib/paraglide/messages.js';
import { get_locale } from '$lib/i18n';
import type { ChartRegion } from '$lib/core/charts/regions';

const names = new Map<string, Intl.DisplayNames>();

export function region_name(region: ChartRegion): string {
	if (region === 'global') return m.market_global();
	const locale = get_locale();
	let d = names.get(locale);
	if (!d) names.set(locale, (d = new Intl.DisplayNames([locale], { type: 'region' })));
	return d.of(region.toUpperCase()) ?? region.toUpperCase();
}
