/** Codes from src/lib/core (caption, account import, picture) turned into sentences in the active language. */
import { m } from '$lib/paraglide/messages.js';
import { format_bytes, format_number } from '$lib/components/format';
import type { CaptionWarning } from '$lib/core/text/caption';
import type { FollowersError } from '$lib/core/caption/model';
import type { FileError, RowError } from '$lib/core/caption/account_import';
import type { PictureResult } from '$lib/runtime/caption';

export { trait_label } from '$lib/i18n/caption_traits';

export function warning_text(w: CaptionWarning): string {
	if (w.code === 'too_long') return m.caption_warn_too_long({ length: format_number(w.length), max: format_number(w.max) });
	if (w.code === 'too_many_hashtags') return m.caption_warn_hashtags({ count: format_number(w.count), max: format_number(w.max) });
	return m.caption_warn_mentions({ count: format_number(w.count), max: format_number(w.max) });
}

export function followers_error(e: FollowersError): string {
	if (e.code === 'followers_empty') return m.caption_followers_empty();
	if (e.code === 'followers_fraction') return m.caption_followers_fraction();
	if (e.code === 'followers_range') return m.caption_followers_range({ max: format_number(e.max) });
	return m.caption_followers_not_number();
}

export function file_error(e: FileError): string {
	switch (e.code) {
		case 'file_empty': return m.caption_file_empty();
		case 'file_too_large': return m.caption_file_too_large({ max: format_bytes(e.max_bytes) });
		case 'file_not_text': return m.caption_file_not_text();
		case 'json_invalid': return m.caption_file_json_invalid({ detail: e.detail });
		case 'json_shape': return m.caption_file_json_shape();
		case 'csv_quote': return m.caption_file_csv_quote({ line: format_number(e.line) });
		case 'csv_columns': return m.caption_file_csv_columns({ missing: e.missing.join(', ') });
		case 'too_many_posts': return m.caption_file_too_many({ max: format_number(e.max), found: format_number(e.found) });
		case 'no_posts': return m.caption_file_no_posts();
	}
}

export function row_error(e: RowError): string {
	const line = format_number(e.line);
	switch (e.code) {
		case 'likes_missing': return m.caption_row_likes_missing({ line });
		case 'likes_not_count': return m.caption_row_likes_not_count({ line, value: e.value });
		case 'date_missing': return m.caption_row_date_missing({ line });
		case 'date_invalid': return m.caption_row_date_invalid({ line, value: e.value });
		case 'date_future': return m.caption_row_date_future({ line, value: e.value });
		case 'caption_not_text': return m.caption_row_caption_not_text({ line });
		case 'caption_too_long': return m.caption_row_caption_too_long({ line, length: format_number(e.length), max: format_number(e.max) });
		case 'row_not_object': return m.caption_row_not_object({ line });
		case 'row_fields': return m.caption_row_fields({ line, found: format_number(e.found), expected: format_number(e.expected) });
	}
}

export function picture_error(e: Extract<PictureResult, { ok: false }>['error']): string {
	switch (e.code) {
		case 'picture_empty': return m.picture_error_empty();
		case 'picture_too_large': return m.picture_error_too_large({ size: format_bytes(e.bytes), max: format_bytes(e.max_bytes) });
		case 'picture_unsupported': return m.picture_error_unsupported({ format: e.format.toUpperCase() });
		case 'picture_unknown': return m.picture_error_unknown();
		case 'picture_decode': return m.picture_error_decode();
	}
}
