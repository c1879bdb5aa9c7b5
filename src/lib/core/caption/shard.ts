/** The caption traits shard (data/caption_traits.json), written by training/studios/caption.ts, read by the caption worker. */
import type { TraitReference } from './traits_reference';

export interface CaptionTraitsShard {
	format: 'hitcast-caption-traits';
	version: 1;
	reference: TraitReference;
	/** what the caption adds to followers on the account folds: R² with minus R² without, per learner */
	gain: { learner: string; mean: number; std: number; per_fold: number[] }[];
	/** the best account-fold R² with and without caption traits (any learner) */
	best: { without_caption: { model: string; r2: number }; with_caption: { model: string; r2: number } };
	/** log(likes / followers) from caption traits alone, account folds */
	engagement: { model: string; r2: number; r2_std: number; spearman: number }[];
	folds: number;
	accounts: number;
	posts: number;
}

export function check_traits_shard(value: unknown): CaptionTraitsShard {
	const s = value as Partial<CaptionTraitsShard> | null;
	if (!s || typeof s !== 'object' || s.format !== 'hitcast-caption-traits' || s.version !== 1 || !s.reference || !Array.isArray(s.reference.traits) || !Array.isArray(s.gain) || !s.best) {
		throw new Error('The caption traits file is malformed: not a hitcast-caption-traits v1 file.');
	}
	return s as CaptionTraitsShard;
}
