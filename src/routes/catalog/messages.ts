/** Query problems (codes from $lib/catalog/params and ./url) as messages in the visitor's language. */
import { m } from '$lib/paraglide/messages.js';
import type { ParamProblem } from '$lib/catalog/params';
import type { UrlProblem } from './url';

export function problem_message(p: ParamProblem): string {
	const v = { value: String(p.params.value ?? ''), min: String(p.params.min ?? ''), max: String(p.params.max ?? '') };
	switch (p.code) {
		case 'platform_unknown': return m.catalog_err_platform_unknown(v);
		case 'platform_missing': return m.catalog_err_platform_missing();
		case 'year_not_integer': return m.catalog_err_year_not_integer(v);
		case 'year_out_of_range': return m.catalog_err_year_out_of_range(v);
		case 'year_missing': return m.catalog_err_year_missing(v);
		case 'duration_type_unknown': return m.catalog_err_duration_type_unknown(v);
		case 'scored_not_number': return m.catalog_err_scored_not_number(v);
		case 'scored_out_of_range': return m.catalog_err_scored_out_of_range(v);
		case 'scored_missing': return m.catalog_err_scored_missing();
	}
}

export function url_problem_message(p: UrlProblem): string {
	switch (p.code) {
		case 'unknown_query': return m.catalog_url_unknown_query({ value: p.value });
		case 'unknown_param': return m.catalog_url_unknown_param({ value: p.value });
		case 'too_long': return m.catalog_url_too_long({ value: p.value });
	}
}
