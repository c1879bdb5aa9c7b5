/** The video workers' APIs (see protocol.ts for the message shapes), shared by the facades and the workers. */
import type { Manifest, ModelEntry } from '../core/manifest';
import type { VideoInput } from '../core/features/video';
import type { CsvFileError } from '../core/csv';
import type { VideoFieldError, VideoField } from '../core/video/input';
import type { BatchRowResult, RetrainResult, ScatterData, SubsetStats, TagLift, VideoFilter, VideoPrediction } from '../core/video/types';

export interface VideoLoadArgs {
	manifest: Manifest;
	manifest_url: string;
	wasm_url: string;
	mjs_url: string;
}

export interface BatchLineError {
	line: number;
	/** the row's first bad field and why, or 'fields' when the row has the wrong number of fields */
	field: VideoField | 'fields';
	error: VideoFieldError | { code: 'field_count'; expected: number; got: number };
}

export interface BatchResult {
	rows: BatchRowResult[];
	errors: BatchLineError[];
	file_error?: CsvFileError | { code: 'missing_columns'; columns: string[] };
}

export type VideoApi = {
	/** models (ONNX + trees) and both shards loaded; the category ids present in the data with their video counts */
	load(args: VideoLoadArgs): { models: ModelEntry[]; rows: number; categories: { id: number; videos: number }[] };
	predict(args: { input: VideoInput }): VideoPrediction;
	explore(args: { filter: VideoFilter }): { stats: SubsetStats; scatter: ScatterData };
	tag_lift(args: { category: number | null; draft_tags: string[] }): { lifts: TagLift[]; suggestions: TagLift[] };
	batch(args: { bytes: ArrayBuffer }): BatchResult;
};

export type VideoTrainApi = {
	load(args: { manifest: Manifest; manifest_url: string }): { rows: number };
	retrain(args: { filter: VideoFilter; draft: VideoInput | null; max_rows: number }): RetrainResult;
};
