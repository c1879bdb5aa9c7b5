/**
 * The query in the page's address, so a link restores it: ?q=<query>&platform=..&year=..&scored=..&duration_type=..
 * Parsing never throws: an unknown query name or stray parameter becomes a problem to show, and the raw values are
 * kept for the form so the visitor sees (and can fix) what the link said.
 */
import { QUERY_NAMES, type QueryName } from '$lib/catalog/api';

export const QUERY_FIELDS: Record<QueryName, readonly string[]> = {
	max_duration: ['year', 'platform', 'duration_type'],
	score_count: ['platform', 'scored', 'year'],
	count_platform: ['platform'],
	actor: ['platform', 'year']
};

export interface UrlQuery {
	name: QueryName;
	params: Record<string, string>;
}

export type UrlProblem = { code: 'unknown_query'; value: string } | { code: 'unknown_param'; value: string } | { code: 'too_long'; value: string };

const MAX_VALUE = 40;

export function parse_query_url(search: URLSearchParams): { query: UrlQuery | null; problems: UrlProblem[] } {
	const q = search.get('q');
	if (q === null) return { query: null, problems: [] };
	const problems: UrlProblem[] = [];
	if (!(QUERY_NAMES as readonly string[]).includes(q)) return { query: null, problems: [{ code: 'unknown_query', value: q.slice(0, MAX_VALUE) }] };
	const name = q as QueryName;
	const params: Record<string, string> = {};
	for (const [key, value] of search) {
		if (key === 'q' || key === 'lang') continue;
		if (!QUERY_FIELDS[name].includes(key)) problems.push({ code: 'unknown_param', value: key.slice(0, MAX_VALUE) });
		else if (value.length > MAX_VALUE) problems.push({ code: 'too_long', value: key });
		else params[key] = value;
	}
	return { query: { name, params }, problems };
}

export function query_search(q: UrlQuery): string {
	const s = new URLSearchParams({ q: q.name });
	for (const f of QUERY_FIELDS[q.name]) if (q.params[f]) s.set(f, q.params[f]);
	return `?${s}`;
}
