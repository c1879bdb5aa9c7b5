/** Metrics, grouped folds and conformal intervals (pure TypeScript, shared by training and the browser). */
export { rmse, mae, r2, auc, spearman, pearson, average_ranks, mean_std } from './regression';
export { grouped_kfold } from './folds';
export { conformal_offsets, interval_coverage } from './conformal';
