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
	// the catalogue recommender (training/studios/catalog.ts)
	"Catalogue recommender (biased matrix factorisation)": m.mf_catalog_title,
	"predicted rating of every film before the visitor's own bias, and the best ones after the mask": m.mf_catalog_meaning,
	"MovieLens ratings, 5-fold cross-validation over ratings (seeded); the served model: biased MF compressed to its principal dimensions; setting chosen on fold 1": m.mf_catalog_split_rating,
	"MovieLens ratings, the same folds, per user: top 10 of the served films against the held-out ratings of 4 or more; ranked by predicted rating plus a popularity prior chosen on fold 1": m.mf_catalog_split_ranking,
	"the same MF before compression": m.mf_catalog_base_uncompressed,
	"all factors of the averaged runs, on the same folds": m.mf_catalog_base_uncompressed_desc,
	"user + item biases": m.mf_catalog_base_biases,
	"surprise's BaselineOnly (ALS, reg_i 10, reg_u 15, 10 epochs) on the same folds": m.mf_catalog_base_biases_desc,
	"surprise's default SVD": m.mf_catalog_base_default,
	"k 100, 20 epochs, lr 0.005, reg 0.02; fold 1 only (the search)": m.mf_catalog_base_default_desc,
	"biased MF tuned (TARGETS.md)": m.mf_catalog_ref,
	"popularity": m.mf_catalog_base_popularity,
	"the most-rated films in the training folds": m.mf_catalog_base_popularity_desc,
	"predicted rating alone": m.mf_catalog_base_rating_only,
	"the same model ranked without the popularity prior": m.mf_catalog_base_rating_only_desc
};

export function manifest_text(english: string): string {
	return TEXT[english]?.() ?? english;
}
