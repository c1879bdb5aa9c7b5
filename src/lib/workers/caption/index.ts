/**
 * The caption worker: loads the expected-likes line and the trait distributions once (sha-checked), then measures
 * captions, places their traits, predicts expected likes and analyses an imported account history. Everything it
 * receives is raw (the caption text, the follower count, the file's text); it returns finished results.
 */
import { check_likes_model, expected_likes, type LinearLikesModel } from '../../core/caption/model';
import { check_traits_shard, type CaptionTraitsShard } from '../../core/caption/shard';
import { place_traits } from '../../core/caption/traits_reference';
import { import_account_history } from '../../core/caption/account_import';
import { analyse_account } from '../../core/caption/account_analysis';
import { analyse_caption } from '../../core/text/caption';
import { fetch_model_file, fetch_shard, find_model, find_shard } from '../../runtime/artifacts';
import { AppError } from '../../runtime/errors';
import type { CaptionApi } from '../../runtime/caption_protocol';
import { serve } from '../rpc';

export const CAPTION_MODEL_ID = 'caption_expected_likes';
export const CAPTION_SHARD_ID = 'caption_traits';

let loaded: { model: LinearLikesModel; shard: CaptionTraitsShard } | null = null;

/** Parse and check a JSON file; anything wrong with it is the file's fault, named by its file. */
const read_json = <T>(bytes: Uint8Array, file: string, check: (x: unknown) => T): T => {
	try {
		return check(JSON.parse(new TextDecoder().decode(bytes)) as unknown);
	} catch (error) {
		throw new AppError('file_unreadable', { file }, `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`, error);
	}
};

serve<CaptionApi>({
	async load({ manifest, manifest_url }, ctx) {
		const entry = find_model(manifest, CAPTION_MODEL_ID, manifest_url);
		const shard_entry = find_shard(manifest, CAPTION_SHARD_ID, manifest_url);
		const [model_bytes, shard_bytes] = await Promise.all([
			fetch_model_file(manifest_url, entry, 'model', 'the expected-likes model', ctx.progress),
			fetch_shard(manifest_url, shard_entry, 'the caption traits', ctx.progress)
		]);
		const model = read_json(model_bytes, entry.file, check_likes_model);
		const shard = read_json(shard_bytes, shard_entry.file, check_traits_shard);
		loaded = { model, shard };
		const { reference, ...rest } = shard;
		return { model: entry, summary: { ...rest, reference_posts: reference.posts, reference_accounts: reference.accounts, ties: reference.ties }, reference };
	},
	analyse({ caption, followers }) {
		if (!loaded) throw new AppError('not_loaded', {}, 'The caption model is not loaded yet.');
		const t0 = performance.now();
		if (typeof caption !== 'string') throw new AppError('bad_input', {}, 'The caption must be text.');
		const analysis = analyse_caption(caption);
		const placements = place_traits(loaded.shard.reference, analysis.traits);
		const expected = followers !== null && Number.isFinite(followers) && followers >= 0 ? expected_likes(loaded.model, followers) : null;
		return { analysis, placements, expected, latency_ms: performance.now() - t0 };
	},
	account({ text, bytes, today }) {
		const t0 = performance.now();
		const imported = import_account_history(text, bytes, today);
		const analysis = imported.ok ? analyse_account(imported.posts) : null;
		return { imported, analysis, latency_ms: performance.now() - t0 };
	}
});
