/**
 * Public types of the gradient-boosting core, including the JSON model format that the training pipeline writes
 * and the inference worker reads (for contributions) and that the ONNX exporter translates.
 */

export interface GbdtDataset {
	/** row-major n_rows x n_features; NaN = missing */
	X: Float32Array;
	n_rows: number;
	n_features: number;
	y: Float32Array | Float64Array;
	/** feature indices holding non-negative integer category codes (each < max_bins) */
	categorical?: number[];
	feature_names?: string[];
}

export interface GbdtOptions {
	objective: 'squared_error' | 'logistic';
	n_estimators: number;
	learning_rate: number;
	/** depth of the deepest leaf (root = depth 0); <= 0 means unlimited, then max_leaves bounds the tree */
	max_depth: number;
	/** best-first growth stops at this many leaves; default 2^max_depth (then identical to depth-wise growth) */
	max_leaves?: number;
	/** minimum hessian sum in a child (default 1) */
	min_child_weight?: number;
	/** minimum number of (sampled) training rows in a child (default 1) */
	min_samples_leaf?: number;
	/** L2 penalty on leaf values (default 1) */
	lambda?: number;
	/** share of rows drawn (Bernoulli) for each tree (default 1) */
	subsample?: number;
	/** share of features available to each tree (default 1) */
	colsample?: number;
	/** histogram bins per feature, <= 255 (default 255) */
	max_bins?: number;
	/** stop when the validation loss has not improved for this many rounds (needs a validation set) */
	early_stopping_rounds?: number;
	seed?: number;
	/** train_loss / valid_loss: RMSE for squared_error, log loss for logistic */
	on_progress?: (iteration: number, train_loss: number, valid_loss?: number) => void;
}

/**
 * One tree as parallel arrays indexed by node id; node 0 is the root. JSON-friendly on purpose (plain number arrays).
 *
 * Routing of an input row x at an internal node i (leaf iff left[i] === -1):
 *   - v = x[feature[i]]; if v is NaN, go left iff default_left[i] === 1;
 *   - else if cat[i] >= 0 (categorical split), go left iff v is one of categories[cat[i]];
 *   - else go left iff v < threshold[i] (strict; thresholds are float32 values, so comparing the float32 input
 *     in double precision gives the same answer as ONNX's BRANCH_LT on float tensors).
 */
/**
 * One per-node column of a tree, read by index only: plain arrays in a model as trained (and in its JSON form),
 * typed-array views of the file in a model read from the binary form (decode_gbdt_binary copies nothing).
 */
export type NodeColumn = readonly number[] | Int32Array | Float32Array | Float64Array | Uint8Array;

export interface GbdtTree {
	/** split feature of internal nodes; -1 for leaves */
	feature: NodeColumn;
	/** float32-exact split value of numeric splits; 0 for leaves and categorical splits */
	threshold: NodeColumn;
	/** 1 when a missing value (NaN) goes to the left child, else 0 */
	default_left: NodeColumn;
	/** child node ids; -1 for leaves */
	left: NodeColumn;
	right: NodeColumn;
	/** leaf output, learning rate already applied (raw margin for logistic); 0 for internal nodes */
	value: NodeColumn;
	/** sum of the hessians of the (sampled) training rows that reached the node: TreeSHAP's node weights */
	cover: NodeColumn;
	/** index into `categories` for categorical splits, -1 otherwise */
	cat: NodeColumn;
	/** category sets of categorical splits, ascending codes; listed codes go left, any other value goes right */
	categories: number[][];
}

/** A tree as it is built (training, tests): plain arrays that grow. */
export interface GbdtTreeDraft extends GbdtTree {
	feature: number[];
	threshold: number[];
	default_left: number[];
	left: number[];
	right: number[];
	value: number[];
	cover: number[];
	cat: number[];
}

/**
 * The model: prediction(x) = base_score + sum over trees of the leaf value x reaches
 * (then the logistic function for objective 'logistic').
 */
export interface GbdtModel {
	format: 'hitcast-gbdt';
	version: 1;
	objective: 'squared_error' | 'logistic';
	/** raw-margin starting point: mean of y, or log-odds of the mean of y for logistic */
	base_score: number;
	n_features: number;
	feature_names: string[];
	/** indices of categorical features (as given in training) */
	categorical: number[];
	/** index of the best boosting round; `trees` holds rounds 0..best_iteration (later rounds are dropped) */
	best_iteration: number;
	/** the options the model was trained with (on_progress removed), for model cards and reproducibility */
	params: Omit<GbdtOptions, 'on_progress'>;
	trees: GbdtTree[];
}
