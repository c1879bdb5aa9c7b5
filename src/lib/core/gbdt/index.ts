/**
 * Histogram gradient boosting: training, prediction and TreeSHAP contributions on a JSON-serialisable model.
 * Pure TypeScript (no DOM, no Node APIs): used by the Node training pipeline and by browser workers.
 */
export type { GbdtDataset, GbdtOptions, GbdtModel, GbdtTree, GbdtTreeDraft, NodeColumn } from './types';
export { train_gbdt } from './train';
export { predict_gbdt, predict_one, predict_margin, leaf_index, sigmoid } from './predict';
export { contributions, expected_value, prepare_contributions } from './shap_fast';
export { contributions_reference } from './shap';
export { encode_gbdt_binary, decode_gbdt_binary } from './binary';
