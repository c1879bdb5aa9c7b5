/**
 * Validation of the four queries' parameters, shared by the typed module, the page (form and URL) and the JSON
 * endpoints. Each problem is a code with parameters (the page turns it into a message in the visitor's language) and
 * an English sentence for programs (the JSON endpoints and thrown errors).
 */
import { ACCEPTED_PLATFORMS, parse_platform, type Platform } from './platforms';
import type { DurationUnit } from './types';

export type ParamCode = 'platform_unknown' | 'platform_missing' | 'year_not_integer' | 'year_out_of_range' | 'year_missing' | 'duration_type_unknown' | 'scored_not_number' | 'scored_out_of_range' | 'scored_missing';

export interface ParamProblem {
	field: 'platform' | 'year' | 'duration_type' | 'scored';
	code: ParamCode;
	params: Record<string, string | number>;
	message: string;
}

export class CatalogQueryError extends Error {
	constructor(readonly problems: ParamProblem[]) {
		super(problems.map((p) => p.message).join(' '));
		this.name = 'CatalogQueryError';
	}
}

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
export const ACCEPTED_DURATION_TYPES = "min (films) or season (series)";

type Raw = string | number | null | undefined;
const is_blank = (v: Raw) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function check_platform(v: Raw, problems: ParamProblem[]): Platform | null;
export function check_platform(v: Raw, problems: ParamProblem[], optional: true): Platform | null;
export function check_platform(v: Raw, problems: ParamProblem[], optional = false): Platform | null {
	if (is_blank(v)) {
		if (!optional) problems.push({ field: 'platform', code: 'platform_missing', params: { accepted: ACCEPTED_PLATFORMS }, message: `platform is required: one of ${ACCEPTED_PLATFORMS}.` });
		return null;
	}
	const p = parse_platform(String(v));
	if (!p) problems.push({ field: 'platform', code: 'platform_unknown', params: { value: String(v), accepted: ACCEPTED_PLATFORMS }, message: `Unknown platform "${String(v)}": use one of ${ACCEPTED_PLATFORMS} (any case).` });
	return p;
}

export function check_year(v: Raw, range: { min: number; max: number }, problems: ParamProblem[], optional = false): number | null {
	if (is_blank(v)) {
		if (!optional) problems.push({ field: 'year', code: 'year_missing', params: { min: range.min, max: range.max }, message: `year is required: a release year from ${range.min} to ${range.max}.` });
		return null;
	}
	const text = String(v).trim();
	if (!/^-?\d+$/.test(text)) {
		problems.push({ field: 'year', code: 'year_not_integer', params: { value: text, min: range.min, max: range.max }, message: `year "${text}" is not a whole number: use a release year from ${range.min} to ${range.max}.` });
		return null;
	}
	const y = Number(text);
	if (y < range.min || y > range.max) {
		problems.push({ field: 'year', code: 'year_out_of_range', params: { value: y, min: range.min, max: range.max }, message: `year ${y} is outside the catalogue's release years ${range.min} to ${range.max}.` });
		return null;
	}
	return y;
}

export function check_duration_type(v: Raw, problems: ParamProblem[]): DurationUnit | null {
	if (is_blank(v)) return null;
	const t = String(v).trim().toLowerCase();
	if (t === 'min' || t === 'season') return t;
	problems.push({ field: 'duration_type', code: 'duration_type_unknown', params: { value: String(v), accepted: ACCEPTED_DURATION_TYPES }, message: `Unknown duration_type "${String(v)}": use ${ACCEPTED_DURATION_TYPES}.` });
	return null;
}

export function check_scored(v: Raw, problems: ParamProblem[]): number | null {
	if (is_blank(v)) {
		problems.push({ field: 'scored', code: 'scored_missing', params: { min: SCORE_MIN, max: SCORE_MAX }, message: `scored is required: a score from ${SCORE_MIN} to ${SCORE_MAX}.` });
		return null;
	}
	const text = String(v).trim();
	const s = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isFinite(s)) {
		problems.push({ field: 'scored', code: 'scored_not_number', params: { value: text, min: SCORE_MIN, max: SCORE_MAX }, message: `scored "${text}" is not a number: use a score from ${SCORE_MIN} to ${SCORE_MAX}, such as 3.5.` });
		return null;
	}
	if (s < SCORE_MIN || s > SCORE_MAX) {
		problems.push({ field: 'scored', code: 'scored_out_of_range', params: { value: s, min: SCORE_MIN, max: SCORE_MAX }, message: `scored ${s} is outside the rating scale ${SCORE_MIN} to ${SCORE_MAX}.` });
		return null;
	}
	return s;
}
