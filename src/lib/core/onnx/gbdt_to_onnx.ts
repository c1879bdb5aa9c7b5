/**
 * GbdtModel -> ONNX bytes, as one ai.onnx.ml TreeEnsemble node (opset 5); several binary models -> one file with a
 * probability column each (gbdt_multi_to_onnx).
 *
 * Why TreeEnsemble: it is the one tree op onnxruntime-web 1.30 runs that has set-membership splits (BRANCH_MEMBER)
 * for categorical features; it also has per-node missing-value directions, and both objectives map onto it
 * (the summed raw margin; for the logistic objective a standard Sigmoid node follows, so there is no classifier op,
 * no labels and no ZipMap). TreeEnsembleRegressor/Classifier are refused at ai.onnx.ml opset 5 and would need a
 * categorical split unrolled into equality chains. post_transform LOGISTIC is not used: onnxruntime 1.30 applies
 * only PROBIT to a single-target sum and silently returns the raw margin otherwise (measured).
 *
 * Encoding: interior nodes use BRANCH_LT (x < threshold -> true branch = our left child), or BRANCH_MEMBER with
 * the node's category set (members -> left); nodes_missing_value_tracks_true = default_left. TreeEnsemble has no
 * base_values, so base_score is one extra tree whose two branches lead to one leaf holding it; a model tree that
 * is a single leaf gets the same shape, since tree_roots must point at an interior node.
 *
 * Precision: the graph is float32 in, float32 out, but the trees run in double: input -> Cast(double) ->
 * TreeEnsemble with double split values and leaf weights -> [Sigmoid] -> Cast(float). In float32, onnxruntime's sum
 * of ~500 leaf values on a base score of ~33 drifted up to 1.1e-4 from the in-memory model (which sums in double);
 * in double the only rounding left is the final cast (<= 2e-6 at popularity 33). Routing is unchanged: the split
 * thresholds are float32 values (GbdtTree), and a float32 input widened to double compares with them exactly as in
 * float32; category codes and NaN survive the cast too.
 */

import type { GbdtModel } from '../gbdt/types';
import { AttributeType, DataType, onnx_model_type } from './proto';

const BRANCH_LT = 1;
const BRANCH_MEMBER = 6;
const AGGREGATE_SUM = 1;
const POST_NONE = 0;

export interface OnnxExportOptions {
	input_name?: string;
	output_name?: string;
}

function ints(name: string, values: number[]) {
	return { name, type: AttributeType.INTS, ints: values };
}

function int(name: string, value: number) {
	return { name, type: AttributeType.INT, i: value };
}

function tensor_attr(name: string, data_type: number, values: ArrayLike<number>) {
	let raw: Uint8Array;
	if (data_type === DataType.FLOAT) raw = new Uint8Array(Float32Array.from(values).buffer);
	else if (data_type === DataType.DOUBLE) raw = new Uint8Array(Float64Array.from(values).buffer);
	else if (data_type === DataType.UINT8) raw = Uint8Array.from(values);
	else throw new Error(`unsupported tensor type ${data_type}`);
	// raw_data is little-endian by the ONNX spec; typed arrays are little-endian on every platform we target.
	return { name, type: AttributeType.TENSOR, t: { dims: [values.length], data_type, raw_data: raw } };
}

function value_info(name: string, dims: (number | string)[]) {
	return {
		name,
		type: {
			tensor_type: {
				// the graph's interface stays float32: the app and the parity checks feed and read Float32Arrays
				elem_type: DataType.FLOAT,
				shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) }
			}
		}
	};
}

/**
 * The TreeEnsemble attributes of `models`, model k writing to target k (one target for gbdt_to_onnx, one per label
 * for gbdt_multi_to_onnx). Each model's base_score is a constant tree of its target.
 */
function tree_ensemble_attributes(models: readonly GbdtModel[]) {
	const tree_roots: number[] = [];
	const featureids: number[] = [];
	const modes: number[] = [];
	const splits: number[] = [];
	const true_ids: number[] = [];
	const true_leafs: number[] = [];
	const false_ids: number[] = [];
	const false_leafs: number[] = [];
	const missing_true: number[] = [];
	const membership: number[] = [];
	const leaf_targets: number[] = [];
	const leaf_weights: number[] = [];

	/** A tree that always outputs `value`: one interior node whose branches share one leaf. */
	const constant_tree = (value: number, target: number) => {
		const leaf = leaf_weights.length;
		leaf_weights.push(value);
		leaf_targets.push(target);
		tree_roots.push(featureids.length);
		featureids.push(0); modes.push(BRANCH_LT); splits.push(0);
		true_ids.push(leaf); true_leafs.push(1); false_ids.push(leaf); false_leafs.push(1); missing_true.push(1);
	};

	models.forEach((model, target) => {
		constant_tree(model.base_score, target);
		for (const tree of model.trees) {
			const n = tree.left.length;
			if (tree.left[0] === -1) {
				constant_tree(tree.value[0], target);
				continue;
			}
			// Global ids: interior nodes and leaves are numbered separately, in node order.
			const id = new Int32Array(n);
			let interior = featureids.length;
			let leaves = leaf_weights.length;
			for (let i = 0; i < n; i++) id[i] = tree.left[i] === -1 ? leaves++ : interior++;
			tree_roots.push(id[0]);
			for (let i = 0; i < n; i++) {
				if (tree.left[i] === -1) {
					leaf_targets.push(target);
					leaf_weights.push(tree.value[i]);
					continue;
				}
				const l = tree.left[i], r = tree.right[i];
				featureids.push(tree.feature[i]);
				if (tree.cat[i] >= 0) {
					modes.push(BRANCH_MEMBER);
					splits.push(0);
					// membership_values lists the sets of the BRANCH_MEMBER nodes in node order, each ended by NaN
					for (const c of tree.categories[tree.cat[i]]) membership.push(c);
					membership.push(NaN);
				} else {
					modes.push(BRANCH_LT);
					splits.push(tree.threshold[i]);
				}
				true_ids.push(id[l]); true_leafs.push(tree.left[l] === -1 ? 1 : 0);
				false_ids.push(id[r]); false_leafs.push(tree.left[r] === -1 ? 1 : 0);
				missing_true.push(tree.default_left[i]);
			}
		}
	});

	const attribute = [
		int('aggregate_function', AGGREGATE_SUM),
		int('n_targets', models.length),
		int('post_transform', POST_NONE),
		ints('tree_roots', tree_roots),
		ints('nodes_featureids', featureids),
		tensor_attr('nodes_modes', DataType.UINT8, modes),
		// float32 thresholds written as doubles: the same values, so the same routing
		tensor_attr('nodes_splits', DataType.DOUBLE, Float32Array.from(splits)),
		ints('nodes_truenodeids', true_ids),
		ints('nodes_trueleafs', true_leafs),
		ints('nodes_falsenodeids', false_ids),
		ints('nodes_falseleafs', false_leafs),
		ints('nodes_missing_value_tracks_true', missing_true),
		ints('leaf_targetids', leaf_targets),
		tensor_attr('leaf_weights', DataType.DOUBLE, leaf_weights)
	];
	if (membership.length > 0) attribute.push(tensor_attr('membership_values', DataType.DOUBLE, membership));
	return attribute;
}

interface GraphSpec {
	models: readonly GbdtModel[];
	input_name: string;
	output_name: string;
	logistic: boolean;
	graph_name: string;
	doc_string: string;
	metadata: { key: string; value: string }[];
}

/** float32 in -> Cast(double) -> TreeEnsemble -> [Sigmoid] -> Cast(float) out, [N, targets]; encoded. */
function encode_ensemble(g: GraphSpec): Uint8Array {
	const internal = ['features_f64', 'margin', 'output_f64'];
	if (internal.includes(g.input_name) || internal.includes(g.output_name)) throw new RangeError(`"${g.input_name}"/"${g.output_name}": ${internal.join(', ')} name internal tensors`);
	const cast = (input: string, output: string, to: number, name: string) =>
		({ input: [input], output: [output], name, op_type: 'Cast', domain: '', attribute: [int('to', to)] });
	const trees_out = g.logistic ? 'margin' : 'output_f64';
	const node = [
		cast(g.input_name, 'features_f64', DataType.DOUBLE, 'to_double'),
		{ input: ['features_f64'], output: [trees_out], name: 'trees', op_type: 'TreeEnsemble', domain: 'ai.onnx.ml', attribute: tree_ensemble_attributes(g.models) },
		...(g.logistic ? [{ input: ['margin'], output: ['output_f64'], name: 'probability', op_type: 'Sigmoid', domain: '' }] : []),
		cast('output_f64', g.output_name, DataType.FLOAT, 'to_float')
	];
	const message = {
		ir_version: 10,
		producer_name: 'hitcast',
		producer_version: '1',
		model_version: 1,
		doc_string: g.doc_string,
		opset_import: [
			{ domain: '', version: 21 },
			{ domain: 'ai.onnx.ml', version: 5 }
		],
		metadata_props: g.metadata,
		graph: {
			name: g.graph_name,
			node,
			input: [value_info(g.input_name, ['N', g.models[0].n_features])],
			output: [value_info(g.output_name, ['N', g.models.length])]
		}
	};
	const type = onnx_model_type();
	const err = type.verify(message);
	if (err) throw new Error(`internal error building the ONNX message: ${err}`);
	return type.encode(type.fromObject(message)).finish();
}

export function gbdt_to_onnx(model: GbdtModel, opts: OnnxExportOptions = {}): Uint8Array {
	return encode_ensemble({
		models: [model],
		input_name: opts.input_name ?? 'features',
		output_name: opts.output_name ?? 'prediction',
		logistic: model.objective === 'logistic',
		graph_name: 'gbdt',
		doc_string: `gradient-boosted trees (${model.objective}), ${model.trees.length} trees`,
		metadata: [
			{ key: 'objective', value: model.objective },
			{ key: 'feature_names', value: JSON.stringify(model.feature_names) }
		]
	});
}

/**
 * Several binary-logistic models on one input -> one ONNX file with one probability column per model (the chart
 * chances: 20 labels). One TreeEnsemble with n_targets = models.length, each model's trees writing to its own
 * target, then Sigmoid: output [N, K] float32, column k = P(label k). The single-score logistic form per label, so
 * there is no classifier op, no two-class label quirk and no ZipMap (../shared/guide/STACK.md).
 */
export function gbdt_multi_to_onnx(models: readonly GbdtModel[], opts: OnnxExportOptions & { doc?: string } = {}): Uint8Array {
	if (models.length === 0) throw new RangeError('gbdt_multi_to_onnx: no models');
	for (const m of models) {
		if (m.objective !== 'logistic') throw new RangeError('gbdt_multi_to_onnx: every model must be binary logistic');
		if (m.n_features !== models[0].n_features) throw new RangeError('gbdt_multi_to_onnx: models disagree on the number of features');
	}
	return encode_ensemble({
		models,
		input_name: opts.input_name ?? 'features',
		output_name: opts.output_name ?? 'probabilities',
		logistic: true,
		graph_name: 'gbdt_multi',
		doc_string: opts.doc ?? `${models.length} binary gradient-boosted tree models, one probability column each`,
		metadata: [{ key: 'feature_names', value: JSON.stringify(models[0].feature_names) }]
	});
}
