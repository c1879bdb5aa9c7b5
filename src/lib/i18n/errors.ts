/**
 * What a failure says to the visitor, in their language: the one place that maps an AppError's code
 * (runtime/errors.ts) to its message. The record below must name every code, so a new code cannot ship without its
 * sentence; the message files are checked for all three languages by test/unit/i18n_errors.test.ts. Anything else
 * thrown (a bug, a browser's own exception) reads as "Something went wrong" with its text as the detail.
 */
import { m } from '$lib/paraglide/messages.js';
import { format_bytes, format_number } from '$lib/components/format';
import { AppError, type ErrorCode, type ErrorParams } from '$lib/runtime/errors';

const TEXT: { [C in ErrorCode]: (p: ErrorParams[C]) => string } = {
	download_network: ({ file }) => m.error_download_network({ file }),
	download_http: ({ file, status }) => m.error_download_http({ file, status: String(status) }),
	download_broken: ({ file, bytes }) => m.error_download_broken({ file, bytes: format_bytes(bytes) }),
	file_outdated: ({ file }) => m.error_file_outdated({ file }),
	file_unreadable: ({ file }) => m.error_file_unreadable({ file }),
	version_mismatch: ({ file }) => m.error_version_mismatch({ file }),
	manifest_broken: () => m.error_manifest_broken(),
	manifest_missing: ({ id }) => m.error_manifest_missing({ id }),
	runtime_start: () => m.error_runtime_start(),
	worker_stopped: () => m.error_worker_stopped(),
	not_loaded: () => m.error_not_loaded(),
	no_number: () => m.error_no_number(),
	unknown_genre: ({ genre }) => m.error_unknown_genre({ genre }),
	unknown_region: ({ region }) => m.error_unknown_region({ region }),
	years_reversed: () => m.error_years_reversed(),
	bad_input: () => m.error_bad_input(),
	too_many_rows: ({ rows, max }) => m.video_retrain_too_many({ n: format_number(rows), max: format_number(max) }),
	too_few_rows: ({ rows, channels }) => m.video_retrain_too_few({ n: format_number(rows), channels: format_number(channels) }),
	no_offscreen_canvas: () => m.error_no_offscreen_canvas(),
	history_unavailable: () => m.error_history_unavailable(),
	history_full: () => m.error_history_full(),
	history_blocked: () => m.error_history_blocked(),
	offline_failed: () => m.error_offline_failed(),
	offline_not_ready: () => m.error_offline_not_ready()
};

/** The codes, for tests. */
export const ERROR_CODES = Object.keys(TEXT) as ErrorCode[];

export interface ErrorText {
	/** the sentence, in the visitor's language */
	text: string;
	/** technical detail in English (an exception's own text), or '' */
	detail: string;
}

export function error_text(error: unknown): ErrorText {
	// (an AppError from an older or newer worker could carry a code this page does not know)
	if (error instanceof AppError && Object.prototype.hasOwnProperty.call(TEXT, error.code)) {
		const { code, params, detail } = error as AppError;
		const text = (TEXT[code] as (p: unknown) => string)(params ?? {});
		return { text, detail: detail ?? '' };
	}
	const detail = error instanceof Error ? error.message : String(error ?? '');
	return { text: m.error_unknown(), detail };
}

/** The sentence and its detail as one line, where markup cannot go (an aria-label, a console message). */
export function error_line(error: unknown): string {
	const { text, detail } = error_text(error);
	return detail ? `${text} (${detail})` : text;
}
