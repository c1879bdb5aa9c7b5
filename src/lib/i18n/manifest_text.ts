/**
 * Text the training pipeline writes into the manifest (model titles, what a model outputs, how each split was made,
 * baselines, references), in the active language. The manifest stays English, the language of the pipeline and its
 * logs; the app translates by the exact English text. A text missing here shows in English, and the browser test of
 * every page in every language reports it, so a new model or a reworded split cannot slip through untranslated.
 * Free-form technical notes (counts from the ETL, caveats) stay English and are marked lang="en" where shown.
 */
import { m } from '$lib/paraglide/messages.js';

const TEXT: Record<string, () => string> = {
	"Spotify popularity (0-100), known artist": m.mf_music_title_known,
	"Spotify popularity (0-100), new artist": m.mf_music_title_new,
	"predicted Spotify popularity (0-100, unclipped: clip for display), shape [N, 1]": m.mf_music_meaning,
	"5 folds grouped by recording: a track id and its re-releases (same lower-cased title+artists or identical audio vector) are never split across folds; audio features + genres + out-of-fold artist record (set C, the shipped model)": m.mf_music_split_rec_c,
	"5 folds grouped by artist (\"a new artist\"): every track whose first listed artist is in the test fold is unseen in training, recordings kept whole; audio features + genres + out-of-fold artist record (set C, the shipped model). Test songs get no artist record. Shows why an unknown artist is served by the new-artist model instead.": m.mf_music_split_artist_c,
	"5 folds grouped by recording: a track id and its re-releases (same lower-cased title+artists or identical audio vector) are never split across folds; audio features + genres (set B)": m.mf_music_split_rec_b,
	"5 folds grouped by recording: a track id and its re-releases (same lower-cased title+artists or identical audio vector) are never split across folds; audio features only (set A)": m.mf_music_split_rec_a,
	"5 folds grouped by artist (\"a new artist\"): every track whose first listed artist is in the test fold is unseen in training, recordings kept whole; audio features + genres (set B)": m.mf_music_split_artist_b,
	"mean": m.mf_baseline_mean,
	"genre mean": m.mf_baseline_genre_mean,
	"ridge": m.mf_baseline_ridge,
	"the training folds' mean popularity": m.mf_music_base_mean,
	"mean over the track's genres of each genre's training mean": m.mf_music_base_genre,
	"ridge regression on the same features (C), standardised, missing -> training mean": m.mf_music_base_ridge_c,
	"ridge regression on the same features (B), standardised, missing -> training mean": m.mf_music_base_ridge_b,
	"ridge regression on the same features (A), standardised, missing -> training mean": m.mf_music_base_ridge_a,
	"XGBoost 1.7, set C (TARGETS.md)": m.mf_music_ref_c,
	"XGBoost 1.7, set B (TARGETS.md; no set-C reference on this split)": m.mf_music_ref_b_artist_c,
	"XGBoost 1.7, set B (TARGETS.md)": m.mf_music_ref_b,
	"XGBoost 1.7, set A (TARGETS.md; ridge 0.034, random forest 0.115)": m.mf_music_ref_a,
	"XGBoost 1.7, set B (TARGETS.md; ridge 0.328, random forest 0.349)": m.mf_music_ref_b_artist,
	"Instagram expected likes from followers": m.mf_caption_title,
	"log(1 + likes) of a post = -1.782 + 0.795 × log(1 + followers); the page shows exp(prediction) - 1 likes": m.mf_caption_meaning,
	"posts grouped by account: no account is both trained and tested on (R² on log(1 + likes))": m.mf_caption_split,
	"mean of the training folds": m.mf_caption_base_mean,
	"followers (GBDT)": m.mf_caption_base_followers_gbdt,
	"followers + caption traits (ridge)": m.mf_caption_base_traits_ridge,
	"followers + caption traits (GBDT)": m.mf_caption_base_traits_gbdt,
	"caption traits alone (GBDT)": m.mf_caption_base_traits_only,
	"followers alone, XGBoost/OLS (TARGETS.md)": m.mf_caption_ref,
	"random post split, for comparison only: posts of one account land on both sides, so a model is rewarded for recognising the account": m.mf_caption_split_random,
	"XGBoost, random post split (TARGETS.md)": m.mf_caption_ref_random,
	"Danceability": m.feature_danceability,
	"Energy": m.feature_energy,
	"Key": m.feature_key,
	"Loudness": m.feature_loudness,
	"Mode": m.feature_mode,
	"Speechiness": m.feature_speechiness,
	"Acousticness": m.feature_acousticness,
	"Instrumentalness": m.feature_instrumentalness,
	"Liveness": m.feature_liveness,
	"Valence": m.feature_valence,
	"Tempo": m.feature_tempo,
	"Time signature": m.feature_time_signature,
	"Duration": m.feature_duration_ms,
	"Followers (log10)": m.mf_drift_followers,
	"Caption length": m.mf_drift_length,
	"Caption words": m.mf_drift_words,
	"Caption line breaks": m.mf_drift_line_breaks,
	"Caption hashtags": m.mf_drift_hashtags,
	"Caption mentions": m.mf_drift_mentions,
	"Caption emoji": m.mf_drift_emoji,
	"Caption questions": m.mf_drift_questions,
	"Caption calls to action": m.mf_drift_calls_to_action,
	"Caption links": m.mf_drift_links
};

export function manifest_text(english: string): string {
	return TEXT[english]?.() ?? english;
}
