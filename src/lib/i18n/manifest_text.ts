/**
 * Text the training pipeline writes into the manifest (model titles, what a model outputs, how each split was made,
 * baselines, references), in the active language. The manifest stays English, the language of the pipeline and its
 * logs; the app translates by the exact English text. A text missing here shows in English, and the browser test of
 * every page in every language reports it, so a new model or a reworded split cannot slip through untranslated.
 * Free-form notes (a model's caveats, a source's ETL counts) go through manifest_notes.ts, one message per note.
 */
import { m } from '$lib/paraglide/messages.js';
import { format_plain } from '$lib/components/format';
import { manifest_note } from './manifest_notes';

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
	"Caption links": m.mf_drift_links,
	// chart chances (training/studios/charts.ts),
	"Chart chances per region (Top 200 and Top 50)": m.mf_charts_title,
	"P(the song enters the region's chart | it charts somewhere), shape [N, 20]: columns 0-9 Top 200 of global, us, gb, de, fr, nl, ca, au, jp, at, columns 10-19 Top 50 of the same regions": m.mf_charts_meaning,
	"5 folds grouped by chart artist (headline): every track of an artist in the test fold is unseen in training (recordings kept whole); one label per region and chart depth: entered that chart": m.mf_charts_split_artist,
	"5 folds grouped by recording: a track id and its re-releases (same lower-cased title + artist or identical audio vector) never split; one label per region and chart depth: entered that chart": m.mf_charts_split_recording,
	"base rate": m.mf_charts_base_rate,
	"predict the base rate (share of charting songs that entered this chart) for every song: AUC 0.5 by definition": m.mf_charts_base_rate_desc,
	"logistic regression": m.mf_charts_logistic,
	"L2 logistic regression (lambda 1) on the standardised audio features, same folds": m.mf_charts_logistic_desc,
	"XGBoost 1.7, about 200 rounds, depth 6, by chart artist (TARGETS.md)": m.mf_charts_ref_artist,
	"XGBoost 1.7, by track id (TARGETS.md; a looser split than by recording)": m.mf_charts_ref_track,
	// the catalogue recommender (training/studios/catalog.ts),
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
	"the same model ranked without the popularity prior": m.mf_catalog_base_rating_only_desc,
	"subscribers_ols": m.mf_video_base_ols_name,
	"XGBoost 1.7 with subscribers (TARGETS.md)": m.mf_video_ref_subs,
	"XGBoost 1.7 without subscribers (TARGETS.md)": m.mf_video_ref_nosubs,
	"Subscribers (ln)": m.mf_drift_subscribers,
	"Tags": m.mf_drift_tags,
	"Title length": m.mf_drift_title_length,
	"Publish hour (UTC)": m.mf_drift_publish_hour,
	// a source whose license is not known (other license texts quote the source and stay as written)
	"unknown": m.about_license_unknown
};

type Target = 'views' | 'likes' | 'dislikes';
const VIDEO_TARGET: Record<Target, () => string> = { views: m.mf_video_target_views, likes: m.mf_video_target_likes, dislikes: m.mf_video_target_dislikes };
const target = (t: string) => VIDEO_TARGET[t as Target]();

/** Texts with a part that varies (the target, a measured slope): the pattern picks the parts, messages rebuild the sentence. */
const PATTERNS: [RegExp, (g: string[]) => string][] = [
	[/^YouTube (views|likes|dislikes) \(log1p\), subscribers (known|unknown)$/, ([t, k]) => (k === 'known' ? m.mf_video_title_known : m.mf_video_title_unknown)({ target: target(t) })],
	[/^the trees' part of the predicted log1p\((views|likes|dislikes)\) on the video's last trending day: the served value blends it with the word ridge of the trees file \(see the notes\); expm1 of the served value for the count\. Shape \[N, 1\]$/, ([t]) => m.mf_video_meaning({ target: target(t) })],
	[
		/^5 folds over (the subscriber-table videos \(US, 2017-18\)|every unified trending video \(11 countries, 2017-2020\)), grouped by (channel|video)(?: \(every video of a test channel is unseen: a new channel\))?; (with subscribers|subscribers withheld); tag statistics out-of-fold \(inner 4 folds\)\. Log1p (views|likes|dislikes)\.$/,
		([rows, group, subs, t]) =>
			m.mf_video_split({
				rows: rows.startsWith('the') ? m.mf_video_rows_subs() : m.mf_video_rows_all(),
				group: group === 'channel' ? m.mf_video_group_channel() : m.mf_video_group_video(),
				subs: subs === 'with subscribers' ? m.mf_video_with_subs() : m.mf_video_without_subs(),
				target: target(t)
			})
	],
	[/^training-fold mean of log1p (views|likes|dislikes)$/, ([t]) => m.mf_video_base_mean({ target: target(t) })],
	[
		/^subscribers only: log1p (views|likes|dislikes) = a \+ b ln\(subscribers\), least squares on the training fold \(slope b ([\d.]+)\); training mean where the count is unknown$/,
		([t, slope]) => m.mf_video_base_ols({ target: target(t), slope: format_plain(Number(slope)) })
	]
];

export function manifest_text(english: string): string {
	const exact = TEXT[english];
	if (exact) return exact();
	for (const [pattern, build] of PATTERNS) {
		const match = pattern.exec(english);
		if (match) return build(match.slice(1));
	}
	return manifest_note(english) ?? english;
}
