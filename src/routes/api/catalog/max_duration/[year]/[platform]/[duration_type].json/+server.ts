import { json } from '@sveltejs/kit';
import { from_any, max_duration_entries } from '$lib/catalog/api';
import { server_queries } from '$lib/server/catalog';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;
export const trailingSlash = 'never';
export const entries: EntryGenerator = () => max_duration_entries(server_queries().year_range);
export const GET: RequestHandler = ({ params }) =>
	json(server_queries().get_max_duration(from_any(params.year), from_any(params.platform), from_any(params.duration_type)));
