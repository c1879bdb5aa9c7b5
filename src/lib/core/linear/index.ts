/** Linear baselines: ridge regression and L2 logistic regression on standardised, mean-imputed features. */
export {
	fit_ridge, predict_ridge, fit_logistic, predict_logistic, linear_scores,
	type LinearModel, type LogisticOptions
} from './models';
