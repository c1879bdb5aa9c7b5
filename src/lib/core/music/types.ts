/**
 * What the music workers return to the UI. Pure data: the UI renders these and never encodes features
 * or touches onnxruntime itself.
 */
import type { ArtistRecord, MusicInput } from '../features/music';

/** One distinct track of the dataset, as the search worker serves it. */
export interface TrackSummary {
	track_id: string;
	title: string;
	artists: string;
	album: string;
	genres: string[];
	popularity: number;
}

export interface TrackDetail extends TrackSummary {
	/** the raw inputs of this track, ready to send to predict (artist record excludes the track's own recording) */
	input: MusicInput;
	/** prediction of the cross-validation model that never saw this track's recording */
	oof_prediction: number;
}

export interface Contribution {
	/** display group: an audio feature name, 'explicit', 'artist' or 'genre' */
	feature: string;
	/** signed effect on the predicted popularity, in popularity points */
	value: number;
}

/** The headline figures of a prediction: what both its phases (MusicEstimate, then MusicPrediction) hold. */
export interface MusicFigures {
	model_id: string;
	model_version: string;
	/** predicted Spotify popularity, 0-100 */
	popularity: number;
	/** split-conformal interval at `interval.level`, clipped to 0-100 */
	interval: { level: number; low: number; high: number; coverage: number };
	/** percentile of `popularity` among the model's predictions for every distinct track, 0-100 */
	hit_score: number;
	/** what computed it: the ONNX session once it is ready, the same trees in JS until then (absent in older records) */
	engine?: 'onnxruntime' | 'trees';
}

/**
 * The first phase of a prediction: its figures, sent as soon as the model answers (before the drivers, which take
 * about as long again to compute). The same values as the final MusicPrediction of the same request.
 */
export interface MusicEstimate extends MusicFigures {
	/** worker-side time until this estimate was ready (model run, interval, hit score), ms */
	prediction_ms: number;
}

export interface MusicPrediction extends MusicFigures {
	/** base value + sum of contributions = popularity (before clipping) */
	base_value: number;
	contributions: Contribution[];
	/** worker-side time for this request, drivers included, ms */
	latency_ms: number;
	/** worker-side time until the estimate was posted (absent in records of older versions), ms */
	prediction_ms?: number;
}

export interface SimilarTrack extends TrackSummary {
	/** normalised Euclidean distance over the audio features */
	distance: number;
}

export interface ArtistOption {
	name: string;
	record: ArtistRecord;
}

/** Loading progress reported while models and shards download the first time. */
export interface LoadProgress {
	what: string;
	loaded_bytes: number;
	total_bytes: number;
	done: boolean;
}
