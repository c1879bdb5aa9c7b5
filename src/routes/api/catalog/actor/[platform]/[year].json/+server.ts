import { json } from '@sveltejs/kit';
import { actor_entries } from '$lib/catalog/api';
import { server_queries } from '$lib/server/catalog';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;
export const trailingSlash = 'never';
export const entries: EntryGenerator = () => actor_entries(server_queries().year_range);
export const GET: RequestHandler = ({ params }) => json(server_queries().get_actor(params.platform, params.year));
