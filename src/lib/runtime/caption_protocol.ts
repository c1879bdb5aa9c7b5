/** The caption and picture workers' APIs (see protocol.ts for the message protocol they share with music). */
import type { ModelEntry } from '../core/manifest';
import type { AccountImport } from '../core/caption/account_import';
import type { AccountAnalysis } from '../core/caption/account_analysis';
import type { ExpectedLikes } from '../core/caption/model';
import type { CaptionTraitsShard } from '../core/caption/shard';
import type { TraitPlacement } from '../core/caption/traits_reference';
import type { CaptionAnalysis } from '../core/text/caption';
import type { PictureFileError, PictureType } from '../core/picture/file_check';
import type { FormatFit } from '../core/picture/formats';
import type { PictureMeasures } from '../core/picture/measures';
import type { ManifestRef } from './protocol';

export interface CaptionInfo {
	model: ModelEntry;
	/** the shard without its per-trait distributions (the worker keeps those) */
	summary: Omit<CaptionTraitsShard, 'reference'> & { reference_posts: number; reference_accounts: number; ties: number };
	/** the distributions, for charts */
	reference: CaptionTraitsShard['reference'];
}

export interface CaptionResult {
	analysis: CaptionAnalysis;
	placements: TraitPlacement[];
	expected: ExpectedLikes | null;
	/** worker-side time, ms */
	latency_ms: number;
}

export type CaptionApi = {
	load(args: ManifestRef): CaptionInfo;
	/** followers: null when the visitor has not given a valid count */
	analyse(args: { caption: string; followers: number | null }): CaptionResult;
	/** today: YYYY-MM-DD in the visitor's calendar */
	account(args: { text: string; bytes: number; today: string }): { imported: AccountImport; analysis: AccountAnalysis | null; latency_ms: number };
};

export type PictureResult =
	| { ok: false; error: PictureFileError | { code: 'picture_decode' } }
	| { ok: true; type: PictureType; bytes: number; fit: FormatFit; measures: PictureMeasures; analysed_width: number; analysed_height: number; latency_ms: number };

export type PictureApi = {
	analyse(args: { file: Blob }): PictureResult;
};
