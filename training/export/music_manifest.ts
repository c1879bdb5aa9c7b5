/** The music models' manifest entries, from the step results of the pipeline. */
import type { Evaluation, ModelEntry } from '../../src/lib/core/manifest';
import type { SpotifyEtlResult } from '../etl/spotify_tracks';
import { MUSIC_MODEL_ID, MUSIC_NEW_ARTIST_MODEL_ID, gbdt_params, type MusicTaskOptions } from '../tasks/music_popularity';
import { NEW_ARTIST_SPLIT, SHIPPED_PARAMS, type EvalResult, type IntervalResult } from '../tasks/music_cv';
import type { ParityResult } from './onnx_check';

export const IO = { input: 'features', output: 'popularity' };

export interface CvStepResult {
	evaluations: EvalResult[];
	interval: IntervalResult;
	new_artist_interval: IntervalResult;
}
export interface ExportedModel {
	id: string;
	file: string;
	trees_file: string;
	trees: number;
	nodes: number;
	parity: ParityResult;
	feature_names: string[];
}
export interface ModelStepResult {
	models: { C: ExportedModel; B: ExportedModel };
	trained_at: string;
	training_rows: number;
}
export interface ShardStepResult {
	tracks_rows: number;
	tracks_bytes: number;
	tracks_gzip_bytes: number;
	/** values in models/music_hit_reference.bin */
	reference_rows: number;
	reference_gzip_bytes: number;
	tracks_with_artist_record: number;
	/** ArtistStats.prior_zero of the all-rows fit (a parameter of the tracks shard) */
	artist_zero_share_prior: number;
	etl: SpotifyEtlResult['stats'];
}

export function model_entry(
	which: 'C' | 'B',
	models: ModelStepResult,
	cv: CvStepResult,
	shards: ShardStepResult,
	o: { music: MusicTaskOptions },
	file_info: (p: string) => { sha256: string; bytes: number },
	paths_of: (id: string) => { onnx: string; trees: string },
	source_id: string
): ModelEntry {
	const exp = models.models[which];
	const p = paths_of(exp.id);
	const onnx = file_info(p.onnx);
	const trees = file_info(p.trees);
	const iv = which === 'C' ? cv.interval : cv.new_artist_interval;
	const g = gbdt_params(o.music, SHIPPED_PARAMS[which]);
	const evaluations: Evaluation[] = cv.evaluations
		.filter((e) => e.model === which)
		.map((e) => ({ split: e.id, description: e.description, folds: e.folds, metrics: e.metrics, baselines: e.baselines, reference: e.reference }));
	return {
		id: exp.id,
		version: onnx.sha256.slice(0, 16),
		title: which === 'C' ? 'Spotify popularity (0-100), known artist' : 'Spotify popularity (0-100), new artist',
		task: 'regression',
		file: exp.file,
		sha256: onnx.sha256,
		bytes: onnx.bytes,
		trees_file: exp.trees_file,
		trees_sha256: trees.sha256,
		trees_bytes: trees.bytes,
		// the pipeline writes the ONNX file with gbdt_to_onnx from the very model the trees file encodes
		onnx_from_trees: true,
		input: { name: IO.input, shape: [-1, exp.feature_names.length], features: exp.feature_names },
		output: { name: IO.output, meaning: 'predicted Spotify popularity (0-100, unclipped: clip for display), shape [N, 1]', range: [0, 100] },
		evaluations,
		interval: {
			level: iv.level,
			// half-widths: the interval of a prediction p is [p - lower_offset, p + upper_offset]
			lower_offset: -iv.lower_offset,
			upper_offset: iv.upper_offset,
			coverage: iv.coverage,
			coverage_std: iv.coverage_std,
			split: iv.split
		},
		training_rows: models.training_rows,
		hyperparameters: {
			objective: 'squared_error',
			learning_rate: g.learning_rate,
			max_depth: g.max_depth > 0 ? g.max_depth : 'unlimited',
			...(g.max_leaves !== undefined ? { max_leaves: g.max_leaves } : {}),
			max_rounds: g.n_estimators,
			early_stopping_rounds: g.early_stopping_rounds ?? 0,
			trees: exp.trees,
			min_child_weight: g.min_child_weight ?? 1,
			lambda: g.lambda ?? 1,
			subsample: g.subsample ?? 1,
			colsample: g.colsample ?? 1,
			max_bins: g.max_bins ?? 255,
			seed: o.music.seed,
			early_stopping_holdout: `1/${o.music.early_stopping_folds} of the training recordings`,
			refit_factor: o.music.refit_factor,
			...(which === 'B' ? evaluation_params(o.music) : {}),
			...(which === 'C' ? { artist_record_inner_folds: o.music.inner_folds, artist_record: 'lead artist (first listed artist with a record)' } : {}),
			cv_trees_per_fold: trees_per_fold(cv, which === 'B' ? NEW_ARTIST_SPLIT : evaluations[0]?.split)
		},
		sources: [source_id],
		trained_at: models.trained_at,
		notes: [
			which === 'C'
				? 'Serve when the artist has a record (a dataset track whose artists have other recordings, or a described song with a chosen artist). Features: 13 audio features (tempo/time_signature/duration missing when the source says 0), explicit, the lead artist\'s record from its OTHER recordings (mean popularity, how many, the highest, their standard deviation, the share at popularity 0), one indicator per genre.'
				: `Serve when the artist is unknown (${shards.tracks_rows - shards.tracks_with_artist_record} dataset tracks have no artist record; any described song without an artist). Same input vector as ${MUSIC_MODEL_ID}; the artist columns are ignored (constant in training). Its interval comes from the artist split, the honest setting for an unknown artist.`,
			which === 'C'
				? `Artist record as served: out-of-fold in training (inner ${o.music.inner_folds}-fold by recording), leave-own-recording-out for dataset tracks, the artist table (derived from the music_tracks shard by the search worker) for a described song. On unknown artists this model scores R² ${r2_of(cv, 'artist-5fold')} (artist-5fold) against ${r2_of(cv, 'artist-5fold-B')} for ${MUSIC_NEW_ARTIST_MODEL_ID}, hence the separate new-artist model.`
				: 'The artist split groups tracks by their first listed artist (joined with the recording); linking every co-listed artist would make one component of 43% of the tracks.',
			o.music.refit_factor > 0
				? `Rounds chosen by early stopping on a held-out 1/${o.music.early_stopping_folds} of the training recordings, then refitted on all training rows with ${o.music.refit_factor} x those rounds (the shipped model too).`
				: `Early stopping on a held-out 1/${o.music.early_stopping_folds} of the training recordings (the shipped model too, so it trains on ${Math.round(100 * (1 - 1 / o.music.early_stopping_folds))}% of the rows).`,
			`ONNX parity: max |onnx - in-memory| = ${exp.parity.max_abs_diff.toExponential(2)} on ${exp.parity.rows} real rows in onnxruntime-web.`,
			`Hit score: rank among the served predictions for all ${shards.tracks_rows} distinct tracks (each by the model the app serves for it, rounded to hundredths: the music_hit_reference file, sorted).`,
			'Popularity is Spotify\'s score when the 114k set was scraped; 10% of tracks score 0, mostly re-released copies.'
		]
	};
}

/**
 * The settings of the new-artist model's evaluations that are not fitted like the shipped model: the recording splits
 * of sets B and A (feature-set comparisons on seen artists, not served) use the recording-tuned settings.
 */
function evaluation_params(o: MusicTaskOptions): Record<string, string> {
	const out: Record<string, string> = {};
	if (o.gbdt_by_set.new_artist && Object.keys(o.gbdt_by_set.new_artist).length > 0) {
		out.recording_split_params = `${NEW_ARTIST_SPLIT} is fitted with these (the shipped model's); recording-5fold-B (seen artists, not served) with the recording-tuned ${JSON.stringify(gbdt_params(o, 'B'))}`;
	}
	if (o.gbdt_by_set.A) out.audio_only_evaluation_params = `recording-5fold-A (audio only, not shipped) is fitted with ${JSON.stringify(o.gbdt_by_set.A)} over the recording-tuned settings`;
	return out;
}

function trees_per_fold(cv: CvStepResult, split: string | undefined): string {
	return cv.evaluations.find((e) => e.id === split)?.best_iterations.join(' ') ?? '';
}

export function r2_of(cv: CvStepResult, split: string): string {
	const r2 = cv.evaluations.find((e) => e.id === split)?.metrics.find((m) => m.name === 'r2');
	return r2 ? r2.mean.toFixed(3) : '-';
}
