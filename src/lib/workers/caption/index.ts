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
import type { CaptionApi } from '../../runtime/caption_protocol';
import { serve } from '../rpc';

export const CAPTION_MODEL_ID = 'caption_expected_likes';
export const CAPTION_SHARD_ID = 'caption_traits';

let loaded: { model: LinearLikesModel; shard: CaptionTraitsShard } | null = null;

const parse_json = (bytes: Uint8Array, what: string) => {
	try {
		return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
	} catch {
		throw new Error(`${what} is not valid JSON.`);
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
		const model = check_likes_model(parse_json(model_bytes, 'The expected-likes model'));
		const shard = check_traits_shard(parse_json(shard_bytes, 'The caption traits file'));
		loaded = { model, shard };
		const { reference, ...rest } = shard;
		return { model: entry, summary: { ...rest, reference_posts: reference.posts, reference_accounts: reference.accounts, ties: reference.ties }, reference };
	},
	analyse({ caption, followers }) {
		if (!loaded) throw new Error('The caption model is not loaded yet.');
		const t0 = performance.now();
		if (typeof caption !== 'string') throw new Error('The caption must be text.');
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
