import type { ParamMatcher } from '@sveltejs/kit';
import { is_locale } from '$lib/i18n/paths';

export const match: ParamMatcher = (value) => is_locale(value);
