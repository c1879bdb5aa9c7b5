import { json } from '@sveltejs/kit';
import { count_platform_entries } from '$lib/catalog/api';
import { server_queries } from '$lib/server/catalog';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;
export const trailingSlash = 'never';
export const entries: EntryGenerator = () => count_platform_entries();
export const GET: RequestHandler = ({ params }) => json(server_queries().get_count_platform(params.platform));
