/**
 * Expected likes from followers: the shipped caption model is a log-log line fitted by the pipeline
 * (training/studios/caption.ts) with a split-conformal interval measured on folds grouped by account. Its file is
 * plain JSON coefficients (a two-parameter model needs no ONNX runtime); this module reads it, checks it, and predicts.
 */
export interface LinearLikesModel {
	format: 'hitcast-linear';
	version: 1;
	/** prediction on the log1p scale = intercept + slope * log1p(followers) */
	intercept: number;
	slope: number;
	target: 'log1p_likes';
	feature: 'log1p_followers';
	/** split-conformal offsets on the log1p scale: [p + lower, p + upper] (lower < 0) */
	interval: { level: number; lower: number; upper: number; coverage: number };
	/** the follower counts seen in training: outside them the line is an extrapolation */
	followers_range: [number, number];
	training_rows: number;
}

/** Follower counts the studio accepts (Instagram's largest account is below 1e9). */
export const FOLLOWERS_MAX = 1_000_000_000;

export type FollowersError = { code: 'followers_empty' } | { code: 'followers_not_number' } | { code: 'followers_fraction' } | { code: 'followers_range'; max: number };

/** A follower count typed by a person: digits with optional thousands separators (spaces, commas, dots, apostrophes). */
export function parse_followers(text: string): { ok: true; value: number } | { ok: false; error: FollowersError } {
	const t = text.trim();
	if (t === '') return { ok: false, error: { code: 'followers_empty' } };
	// accept "12,500", "12.500", "12 500", "12'500" (grouping by thousands only), never a decimal fraction
	const grouped = /^\d{1,3}(?:([,.\s\u00a0\u202f'])\d{3})(?:\1\d{3})*$/.exec(t);
	const digits = /^\d+$/.test(t) ? t : grouped ? t.replace(/[,.\s\u00a0\u202f']/g, '') : null;
	if (digits === null) {
		if (/^-?\d*[.,]\d+$/.test(t) || /^-?\d+[.,]\d{1,2}$/.test(t)) return { ok: false, error: { code: 'followers_fraction' } };
		if (/^-\d/.test(t)) return { ok: false, error: { code: 'followers_range', max: FOLLOWERS_MAX } };
		return { ok: false, error: { code: 'followers_not_number' } };
	}
	const value = Number(digits);
	if (!(value >= 0 && value <= FOLLOWERS_MAX)) return { ok: false, error: { code: 'followers_range', max: FOLLOWERS_MAX } };
	return { ok: true, value };
}

export interface ExpectedLikes {
	followers: number;
	/** on the log1p scale */
	log_prediction: number;
	/** expm1 of the prediction: the median-like central estimate (a log-scale model predicts a typical, not a mean, count) */
	likes: number;
	low: number;
	high: number;
	level: number;
	coverage: number;
	/** the follower count lies outside what the model saw in training */
	extrapolated: boolean;
}

export function expected_likes(model: LinearLikesModel, followers: number): ExpectedLikes {
	if (!(Number.isFinite(followers) && followers >= 0)) throw new RangeError('expected_likes: followers must be a finite count >= 0');
	const log_prediction = model.intercept + model.slope * Math.log1p(followers);
	const back = (v: number) => Math.max(0, Math.expm1(v));
	return {
		followers,
		log_prediction,
		likes: back(log_prediction),
		low: back(log_prediction + model.interval.lower),
		high: back(log_prediction + model.interval.upper),
		level: model.interval.level,
		coverage: model.interval.coverage,
		extrapolated: followers < model.followers_range[0] || followers > model.followers_range[1]
	};
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The model file, checked: a malformed file is refused with what is wrong rather than predicting NaN. */
export function check_likes_model(value: unknown): LinearLikesModel {
	const m = value as Partial<LinearLikesModel> | null;
	const bad = (what: string) => new Error(`The expected-likes model file is malformed: ${what}.`);
	if (!m || typeof m !== 'object' || m.format !== 'hitcast-linear' || m.version !== 1) throw bad('not a hitcast-linear v1 file');
	if (!finite(m.intercept) || !finite(m.slope)) throw bad('coefficients missing');
	const iv = m.interval;
	if (!iv || !finite(iv.level) || !finite(iv.lower) || !finite(iv.upper) || !finite(iv.coverage)) throw bad('interval missing');
	if (!Array.isArray(m.followers_range) || !m.followers_range.every(finite)) throw bad('followers range missing');
	return m as LinearLikesModel;
}
