/**
 * The JSON API's finite domain and addresses, shared by the prerendered endpoints (src/routes/api/catalog), the page
 * (which shows the address of the query on screen) and the tests. Every valid combination is a static file:
 *   api/catalog/max_duration/<year|any>/<platform|any>/<min|season|any>.json
 *   api/catalog/score_count/<platform>/<scored>/<year>.json        scored: 0.5, 1, 1.5, ... 5
 *   api/catalog/count_platform/<platform>.json
 *   api/catalog/actor/<platform>/<year>.json
 * Platforms by full name in the address (netflix, amazon, disney, hulu); the typed module also takes initials.
 */
import { PLATFORMS, type Platform } from './platforms';
import type { DurationUnit } from './types';

export const ANY = 'any';
/** every half point from 0.5 to 5, written without a trailing .0 */
export const SCORED_STEPS = Array.from({ length: 10 }, (_, i) => String((i + 1) / 2));

export type QueryName = 'max_duration' | 'score_count' | 'count_platform' | 'actor';
export const QUERY_NAMES: readonly QueryName[] = ['max_duration', 'score_count', 'count_platform', 'actor'];

export function years_of(range: { min: number; max: number }): string[] {
	return Array.from({ length: range.max - range.min + 1 }, (_, i) => String(range.min + i));
}

export function max_duration_path(year: number | null, platform: Platform | null, duration_type: DurationUnit | null): string {
	return `api/catalog/max_duration/${year ?? ANY}/${platform ?? ANY}/${duration_type ?? ANY}.json`;
}
export function score_count_path(platform: Platform, scored: number, year: number): string | null {
	const s = String(scored);
	return SCORED_STEPS.includes(s) ? `api/catalog/score_count/${platform}/${s}/${year}.json` : null;
}
export const count_platform_path = (platform: Platform) => `api/catalog/count_platform/${platform}.json`;
export const actor_path = (platform: Platform, year: number) => `api/catalog/actor/${platform}/${year}.json`;

export function max_duration_entries(range: { min: number; max: number }) {
	const out: { year: string; platform: string; duration_type: string }[] = [];
	for (const year of [ANY, ...years_of(range)]) for (const platform of [ANY, ...PLATFORMS]) for (const duration_type of [ANY, 'min', 'season']) out.push({ year, platform, duration_type });
	return out;
}
export function score_count_entries(range: { min: number; max: number }) {
	return PLATFORMS.flatMap((platform) => SCORED_STEPS.flatMap((scored) => years_of(range).map((year) => ({ platform, scored, year }))));
}
export const count_platform_entries = () => PLATFORMS.map((platform) => ({ platform }));
export const actor_entries = (range: { min: number; max: number }) => PLATFORMS.flatMap((platform) => years_of(range).map((year) => ({ platform, year })));

/** 'any' in an address means "no filter" */
export const from_any = (v: string) => (v === ANY ? null : v);
