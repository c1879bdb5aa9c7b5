/**
 * Failures a visitor may be shown, each a stable code with the values its sentence needs. Workers and the runtime
 * throw AppError (or its ArtifactError); code, params and detail are plain data, so they cross postMessage
 * (workers/rpc.ts out, runtime/worker_client.ts back in), and one place on the main thread, i18n/errors.ts, turns
 * them into a sentence in the visitor's language. The English `message` stays for the console and the tests;
 * `detail` carries the raw text of an exception from elsewhere (onnxruntime, the network, a parser), which the page
 * shows as a secondary technical note, in English.
 *
 * This module imports no messages: workers load it.
 */

type None = Record<never, never>;

/** Each code and its parameters. Files are named by their path (models/x.onnx), which reads the same in every language. */
export interface ErrorParams {
	/** the request failed before an answer came (offline, blocked) */
	download_network: { file: string };
	download_http: { file: string; status: number };
	/** the connection broke partway */
	download_broken: { file: string; bytes: number };
	/** size or sha256 differ from the manifest: an older copy, or a release half deployed */
	file_outdated: { file: string };
	/** the file arrived whole but its content cannot be read */
	file_unreadable: { file: string };
	/** two files, or a file and the app, are from different versions */
	version_mismatch: { file: string };
	/** no manifest, or one that is not JSON or lacks its lists: the site was built without its models */
	manifest_broken: None;
	/** the manifest lacks a model or shard this page needs */
	manifest_missing: { id: string };
	/** onnxruntime-web could not start a model (the detail says why) */
	runtime_start: None;
	/** a background worker could not start or stopped */
	worker_stopped: None;
	/** a request reached a worker before its models loaded (a worker that restarted) */
	not_loaded: None;
	/** a model answered with something that is not a number */
	no_number: None;
	unknown_genre: { genre: string };
	unknown_region: { region: string };
	years_reversed: None;
	/** a request the form should have prevented: the input could not be read */
	bad_input: None;
	/** video retraining: the chosen videos are too many to retrain in the browser */
	too_many_rows: { rows: number; max: number };
	/** video retraining: too few videos or channels to retrain */
	too_few_rows: { rows: number; channels: number };
	/** no OffscreenCanvas with a 2D context in workers */
	no_offscreen_canvas: None;
	/** no IndexedDB, or the browser refuses it (private mode in some browsers) */
	history_unavailable: None;
	/** the site's storage quota is used up */
	history_full: None;
	/** another tab holds an older version of the history database open */
	history_blocked: None;
	/** making the site available offline failed (the detail says why) */
	offline_failed: None;
	/** the service worker is not active yet */
	offline_not_ready: None;
}

export type ErrorCode = keyof ErrorParams;

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
	/** the raw text of the exception behind this one, if any: technical, in English */
	readonly detail?: string;

	constructor(
		readonly code: C,
		readonly params: ErrorParams[C],
		/** English, for the console and tests; the page shows the code's message instead */
		message: string,
		cause?: unknown
	) {
		super(message);
		this.name = 'AppError';
		if (cause !== undefined) this.detail = cause instanceof Error ? cause.message : String(cause);
	}
}

/** A failed download or check of a generated file, with its URL. */
export class ArtifactError<C extends ErrorCode = ErrorCode> extends AppError<C> {
	constructor(
		code: C,
		params: ErrorParams[C],
		message: string,
		readonly url: string,
		cause?: unknown
	) {
		super(code, params, message, cause);
		this.name = 'ArtifactError';
	}
}

/** What of an AppError crosses postMessage. */
export interface CodedFields {
	code: ErrorCode;
	params: ErrorParams[ErrorCode];
	detail?: string;
}

export function coded_fields(error: unknown): CodedFields | undefined {
	return error instanceof AppError ? { code: error.code, params: error.params, detail: error.detail } : undefined;
}

/** Rebuild an error that crossed postMessage: an AppError (or ArtifactError, when it carries a URL) when it had a code. */
export function rebuild_coded(name: string, message: string, coded: CodedFields | undefined, url: string | undefined): Error {
	if (!coded) {
		const error = new Error(message);
		error.name = name;
		return error;
	}
	const { code, params, detail } = coded;
	return name === 'ArtifactError' ? new ArtifactError(code, params, message, url ?? '', detail) : new AppError(code, params, message, detail);
}
