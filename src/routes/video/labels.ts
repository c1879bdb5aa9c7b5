/** Words for the video page: driver names, field error messages, file errors. Every string comes from messages/*.json. */
import { m } from '$lib/paraglide/messages.js';
import { format_bytes, format_number } from '$lib/components/format';
import type { CsvFileError } from '$lib/core/csv';
import type { VideoField, VideoFieldError } from '$lib/core/video/input';
import type { BatchLineError } from '$lib/runtime/video_protocol';

export function driver_label(feature: string): string {
	const labels: Record<string, () => string> = {
		title: m.video_driver_title,
		tags: m.video_driver_tags,
		category: m.video_driver_category,
		country: m.video_driver_country,
		subscribers: m.video_driver_subscribers,
		publish_time: m.video_driver_publish_time,
		description: m.video_driver_description,
		disabled: m.video_driver_disabled
	};
	return labels[feature]?.() ?? feature;
}

export function field_label(field: VideoField | 'fields'): string {
	const labels: Record<VideoField | 'fields', () => string> = {
		title: m.video_form_title,
		tags: m.video_form_tags,
		category: m.video_form_category,
		country: m.video_form_country,
		subscribers: m.video_form_subscribers,
		publish_date: m.video_form_date,
		publish_hour: m.video_form_hour,
		description_length: m.video_form_description_length,
		fields: m.video_batch_fields
	};
	return labels[field]();
}

export function field_error(e: VideoFieldError): string {
	switch (e.code) {
		case 'required': return m.video_err_required();
		case 'too_long': return m.video_err_too_long({ max: format_number(e.max) });
		case 'too_many': return m.video_err_too_many_tags({ max: format_number(e.max) });
		case 'tag_too_long': return m.video_err_tag_too_long({ max: format_number(e.max), tag: e.tag });
		case 'unknown_category': return m.video_err_unknown_category({ value: e.value });
		case 'unknown_country': return m.video_err_unknown_country({ value: e.value });
		case 'not_a_number': return m.video_err_not_a_number({ value: e.value });
		case 'negative': return m.video_err_negative();
		case 'not_integer': return m.video_err_not_integer();
		case 'too_large': return m.video_err_too_large({ max: format_number(e.max) });
		case 'out_of_range': return m.video_err_out_of_range({ min: format_number(e.min), max: format_number(e.max) });
		case 'bad_date': return m.video_err_bad_date({ value: e.value });
	}
}

export function line_error(e: BatchLineError): string {
	if (e.error.code === 'field_count') return m.video_batch_field_count({ expected: format_number(e.error.expected), got: format_number(e.error.got) });
	return `${field_label(e.field)}: ${field_error(e.error)}`;
}

export function file_error(e: CsvFileError | { code: 'missing_columns'; columns: string[] }): string {
	switch (e.code) {
		case 'empty': return m.video_file_empty();
		case 'too_large': return m.video_file_too_large({ size: format_bytes(e.bytes), max: format_bytes(e.max_bytes) });
		case 'not_text': return m.video_file_not_text();
		case 'encoding': return m.video_file_encoding();
		case 'unterminated_quote': return m.video_file_quote({ line: format_number(e.line) });
		case 'too_many_rows': return m.video_file_too_many_rows({ max: format_number(e.max_rows) });
		case 'missing_columns': return m.video_file_missing_columns({ columns: e.columns.join(', ') });
	}
}

export const TARGET_LABEL = { views: () => m.video_views(), likes: () => m.video_likes(), dislikes: () => m.video_dislikes() };
