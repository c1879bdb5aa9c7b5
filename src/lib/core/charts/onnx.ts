/**
 * Several binary-logistic GbdtModels on one input -> one ONNX file with one probability column per model: a single
 * TreeEnsemble (ai.onnx.ml opset 5) with n_targets = models.length, each model's trees writing to its own target,
 * then Sigmoid. Output [N, K] float32, column k = P(label k): the single-score logistic form per label, so there is
 * no classifier op, no two-class label quirk and no ZipMap (../shared/guide/STACK.md).
 *
 * The encoding and the double-precision sum follow src/lib/core/onnx/gbdt_to_onnx.ts (see the reasons there); this
 * file lives beside the chart models rather than in core/onnx so the music models' code hash, and thus their cached
 * fits, stay untouched. Numeric splits only: the chart models have no categorical features.
 */
import type { GbdtModel } from '../gbdt/types';
import { AttributeType, DataType, onnx_model_type } from '../onnx/proto';

const BRANCH_LT = 1;

const ints = (name: string, values: number[]) => ({ name, type: AttributeType.INTS, ints: values });
const int = (name: string, value: number) => ({ name, type: AttributeType.INT, i: value });
const doubles = (name: string, values: ArrayLike<number>) =>
	({ name, type: AttributeType.TENSOR, t: { dims: [values.length], data_type: DataType.DOUBLE, raw_data: new Uint8Array(Float64Array.from(values).buffer) } });
const modes_attr = (values: number[]) =>
	({ name: 'nodes_modes', type: AttributeType.TENSOR, t: { dims: [values.length], data_type: DataType.UINT8, raw_data: Uint8Array.from(values) } });

function value_info(name: string, dims: (number | string)[]) {
	return { name, type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) } } } };
}

export function gbdt_multi_to_onnx(models: readonly GbdtModel[], opts: { input_name?: string; output_name?: string; doc?: string } = {}): Uint8Array {
	if (models.length === 0) throw new RangeError('gbdt_multi_to_onnx: no models');
	const input_name = opts.input_name ?? 'features';
	const output_name = opts.output_name ?? 'probabilities';
	const n_features = models[0].n_features;
	for (const m of models) {
		if (m.objective !== 'logistic') throw new RangeError('gbdt_multi_to_onnx: every model must be binary logistic');
		if (m.n_features !== n_features) throw new RangeError('gbdt_multi_to_onnx: models disagree on the number of features');
		if (m.categorical.length) throw new RangeError('gbdt_multi_to_onnx: categorical splits are not supported here');
	}
	const tree_roots: number[] = [], featureids: number[] = [], modes: number[] = [], splits: number[] = [];
	const true_ids: number[] = [], true_leafs: number[] = [], false_ids: number[] = [], false_leafs: number[] = [];
	const missing_true: number[] = [], leaf_targets: number[] = [], leaf_weights: number[] = [];

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
			const id = new Int32Array(n);
			let interior = featureids.length, leaves = leaf_weights.length;
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
				modes.push(BRANCH_LT);
				splits.push(tree.threshold[i]);
				true_ids.push(id[l]); true_leafs.push(tree.left[l] === -1 ? 1 : 0);
				false_ids.push(id[r]); false_leafs.push(tree.left[r] === -1 ? 1 : 0);
				missing_true.push(tree.default_left[i]);
			}
		}
	});

	const attribute = [
		int('aggregate_function', 1 /* SUM */),
		int('n_targets', models.length),
		int('post_transform', 0 /* NONE: onnxruntime 1.30 ignores LOGISTIC here; a Sigmoid node follows */),
		ints('tree_roots', tree_roots),
		ints('nodes_featureids', featureids),
		modes_attr(modes),
		doubles('nodes_splits', Float32Array.from(splits)),
		ints('nodes_truenodeids', true_ids),
		ints('nodes_trueleafs', true_leafs),
		ints('nodes_falsenodeids', false_ids),
		ints('nodes_falseleafs', false_leafs),
		ints('nodes_missing_value_tracks_true', missing_true),
		ints('leaf_targetids', leaf_targets),
		doubles('leaf_weights', leaf_weights)
	];
	const cast = (input: string, output: string, to: number, name: string) => ({ input: [input], output: [output], name, op_type: 'Cast', domain: '', attribute: [int('to', to)] });
	const message = {
		ir_version: 10,
		producer_name: 'hitcast',
		producer_version: '1',
		model_version: 1,
		doc_string: opts.doc ?? `${models.length} binary gradient-boosted tree models, one probability column each`,
		opset_import: [{ domain: '', version: 21 }, { domain: 'ai.onnx.ml', version: 5 }],
		metadata_props: [{ key: 'feature_names', value: JSON.stringify(models[0].feature_names) }],
		graph: {
			name: 'gbdt_multi',
			node: [
				cast(input_name, 'features_f64', DataType.DOUBLE, 'to_double'),
				{ input: ['features_f64'], output: ['margin'], name: 'trees', op_type: 'TreeEnsemble', domain: 'ai.onnx.ml', attribute },
				{ input: ['margin'], output: ['probability_f64'], name: 'probability', op_type: 'Sigmoid', domain: '' },
				cast('probability_f64', output_name, DataType.FLOAT, 'to_float')
			],
			input: [value_info(input_name, ['N', n_features])],
			output: [value_info(output_name, ['N', models.length])]
		}
	};
	const type = onnx_model_type();
	const err = type.verify(message);
	if (err) throw new Error(`internal error building the ONNX message: ${err}`);
	return type.encode(type.fromObject(message)).finish();
}
