/**
 * static/models/manifest.json: the contract between the training pipeline and the app.
 * The app renders model cards from it; the service worker versions its caches by `version`.
 */

export interface Metric {
	/** e.g. 'r2', 'rmse', 'mae', 'auc', 'coverage' */
	name: string;
	mean: number;
	/** standard deviation across folds, when measured on folds */
	std?: number;
}

export interface Evaluation {
	/** short id of the split, e.g. 'recording-5fold', 'artist-5fold' */
	split: string;
	/** plain-language description of the split */
	description: string;
	folds: number;
	/** the model's metrics on this split */
	metrics: Metric[];
	/** baselines measured on the same folds: name -> metrics */
	baselines: { name: string; description: string; metrics: Metric[] }[];
	/** reference figure from ../shared/guide/TARGETS.md for the same split and features, if any */
	reference?: {
		name: string;
		metrics: Metric[];
		/** the figure TARGETS.md asks Hitcast to reach on this split */
		target?: Metric[];
	};
	/** for a model with several outputs: the output (label) this evaluation measures, e.g. 'us:top200' */
	output?: string;
	/** the same learner with default (untuned) hyperparameters, on the same folds */
	untuned?: { description: string; metrics: Metric[]; hyperparameters: Record<string, number | string | boolean> };
}

/** One output column of a multi-output model (e.g. the chart model: one probability per region and level). */
export interface ModelOutput {
	/** e.g. 'us:top200' */
	name: string;
	/** column in the output tensor */
	index: number;
	/** share of the training rows with the label: the model's baseline probability */
	base_rate: number;
	positives: number;
}

/**
 * How one input feature was distributed over a model's training rows, for input-drift checks (population stability,
 * src/lib/core/drift.ts) in /monitor. Generic: any studio fills it for the inputs its history records carry, under the
 * same names (`name` is the key a history record's drift values use).
 */
export interface FeatureReference {
	name: string;
	/** plain-language label for the monitor */
	label: string;
	/**
	 * ascending, distinct cut points (deciles of the training values, duplicates merged); the bins are
	 * (-inf, e0], (e0, e1], ..., (e_last, +inf)
	 */
	edges: number[];
	/** share of the training rows in each of the edges.length + 1 bins (sums to 1) */
	shares: number[];
}

export interface ModelEntry {
	id: string;
	/** content hash prefix; changes whenever the model changes */
	version: string;
	title: string;
	task: 'regression' | 'binary';
	file: string;
	sha256: string;
	bytes: number;
	/** how `file` is read: an ONNX graph (the default when absent) or Hitcast's JSON coefficients of a linear model */
	format?: 'onnx' | 'linear-json';
	/** tree structure used for exact contributions (TreeSHAP) in the worker */
	trees_file?: string;
	/**
	 * true when `file` is exactly what src/lib/core/onnx's gbdt_to_onnx writes from `trees_file` (the exporter is
	 * deterministic): the worker rebuilds the ONNX bytes from the trees it already holds and checks them against
	 * `sha256`, so the browser downloads and caches the trees only. The file stays published beside them.
	 */
	onnx_from_trees?: boolean;
	trees_sha256?: string;
	trees_bytes?: number;
	input: { name: string; shape: number[]; features: string[] };
	output: { name: string; meaning: string; range?: [number, number]; columns?: ModelOutput[] };
	evaluations: Evaluation[];
	/** split-conformal interval: half-widths of the residual quantile at `level`, measured coverage on held-out folds */
	interval?: {
		level: number;
		/** half-widths: the interval of a prediction p is [p - lower_offset, p + upper_offset] */
		lower_offset: number;
		upper_offset: number;
		/** mean coverage over the held-out folds (offsets calibrated on the other folds' residuals) */
		coverage: number;
		/** its standard deviation across folds */
		coverage_std?: number;
		split: string;
	};
	training_rows: number;
	/** the training distribution of the inputs a history record carries, for drift checks (see FeatureReference) */
	drift?: { rows: number; features: FeatureReference[] };
	/**
	 * 101 quantiles (0%, 1%, ..., 100%) of the model's headline output over its reference rows (what `output.meaning`
	 * says, on the same scale): the combined score (/score) ranks a prediction against them
	 */
	output_quantiles?: { rows: number; description: string; values: number[] };
	hyperparameters: Record<string, number | string | boolean>;
	sources: string[];
	trained_at: string;
	notes: string[];
}

export interface ShardEntry {
	id: string;
	file: string;
	sha256: string;
	bytes: number;
	rows: number;
	format: 'arrow' | 'json' | 'bin';
	/** numbers a reader needs to decode or derive the shard's values (named in the description) */
	params?: Record<string, number>;
	description: string;
}

export interface SourceEntry {
	id: string;
	title: string;
	origin: string;
	license: string;
	rows: number;
	files: string[];
	notes: string[];
}

export interface Manifest {
	/** hash over every artifact's sha256: the cache version */
	version: string;
	generated_at: string;
	models: ModelEntry[];
	shards: ShardEntry[];
	sources: SourceEntry[];
}
