import { json } from '@sveltejs/kit';
import { score_count_entries } from '$lib/catalog/api';
import { server_queries } from '$lib/server/catalog';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;
export const trailingSlash = 'never';
export const entries: EntryGenerator = () => score_count_entries(server_queries().year_range);
export const GET: RequestHandler = ({ params }) => json(server_queries().get_score_count(params.platform, params.scored, params.year));
