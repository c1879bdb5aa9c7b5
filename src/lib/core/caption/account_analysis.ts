/**
 * The same analysis within one account: the visitor's own posts (account_import.ts). Which posts beat the account's
 * median, how each caption trait differs between them (with a 95% interval and support counts), and a small model
 * trained here, on these posts only: does adding caption traits to the time trend predict log(1 + likes) better on
 * held-out blocks of time? Honest about size: below ACCOUNT_MIN_POSTS nothing is analysed, below
 * ACCOUNT_MODEL_MIN_POSTS no model is fitted.
 */
import { fit_ridge, predict_ridge } from '../linear';
import { mean_std, r2 } from '../metrics';
import { analyse_caption, CAPTION_TRAITS, type CaptionTrait } from '../text/caption';
import type { AccountPost } from './account_import';
import { trait_reference, type TraitReference } from './traits_reference';

export const ACCOUNT_MIN_POSTS = 10;
export const ACCOUNT_MODEL_MIN_POSTS = 30;
const FOLDS = 5;
const RIDGE_LAMBDA = 10;

export interface TraitDifference {
	trait: CaptionTrait;
	beat_mean: number;
	not_mean: number;
	diff: number;
	/** 95% interval of the difference (Welch standard error) */
	low: number;
	high: number;
	beat_n: number;
	not_n: number;
	measurable: boolean;
}

export interface AccountModel {
	rows: number;
	folds: number;
	/** R² on held-out time blocks: time trend alone, and trend + caption traits */
	trend_r2: { mean: number; std: number };
	caption_r2: { mean: number; std: number };
	gain: { mean: number; std: number };
	/** standardised coefficients of the model fitted on every post, largest first */
	coefficients: { trait: CaptionTrait; coef_std: number }[];
}

export type AccountAnalysis =
	| { ok: false; code: 'too_few_posts'; posts: number; min: number }
	| {
			ok: true;
			posts: number;
			first_date: string;
			last_date: string;
			median_likes: number;
			reference: TraitReference;
			differences: TraitDifference[];
			model: AccountModel | { skipped: 'too_few_posts'; min: number };
	  };

const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
const variance = (x: number[]) => {
	if (x.length < 2) return NaN;
	const m = mean(x);
	return x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
};

export function analyse_account(input: readonly AccountPost[]): AccountAnalysis {
	if (input.length < ACCOUNT_MIN_POSTS) return { ok: false, code: 'too_few_posts', posts: input.length, min: ACCOUNT_MIN_POSTS };
	const posts = [...input].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
	const traits = posts.map((p) => analyse_caption(p.caption).traits);
	const rows = posts.map((p, i) => ({ account: 'you', likes: p.likes, traits: traits[i] }));
	const reference = trait_reference(rows, ACCOUNT_MIN_POSTS);
	const sorted_likes = posts.map((p) => p.likes).sort((a, b) => a - b);
	const n = posts.length;
	const median_likes = n % 2 ? sorted_likes[(n - 1) / 2] : (sorted_likes[n / 2 - 1] + sorted_likes[n / 2]) / 2;

	const differences = CAPTION_TRAITS.map((trait): TraitDifference => {
		const beat: number[] = [], not: number[] = [];
		posts.forEach((p, i) => {
			if (p.likes > median_likes) beat.push(traits[i][trait]);
			else if (p.likes < median_likes) not.push(traits[i][trait]);
		});
		const bm = beat.length ? mean(beat) : NaN, nm = not.length ? mean(not) : NaN;
		const se = Math.sqrt(variance(beat) / beat.length + variance(not) / not.length);
		const diff = bm - nm;
		const half = 1.96 * se;
		const low = diff - half, high = diff + half;
		return { trait, beat_mean: bm, not_mean: nm, diff, low, high, beat_n: beat.length, not_n: not.length, measurable: Number.isFinite(half) && half > 0 && (low > 0 || high < 0) };
	});

	return {
		ok: true,
		posts: n,
		first_date: posts[0].date,
		last_date: posts[n - 1].date,
		median_likes,
		reference,
		differences,
		model: n >= ACCOUNT_MODEL_MIN_POSTS ? account_model(posts, traits) : { skipped: 'too_few_posts', min: ACCOUNT_MODEL_MIN_POSTS }
	};
}

/** Ridge on log1p(likes): time trend (years since the first post) with and without log1p traits, on contiguous time blocks. */
function account_model(posts: AccountPost[], traits: Record<CaptionTrait, number>[]): AccountModel {
	const n = posts.length;
	const t0 = Date.parse(posts[0].date);
	const years = posts.map((p) => (Date.parse(p.date) - t0) / (365.25 * 86_400_000));
	const y = Float64Array.from(posts, (p) => Math.log1p(p.likes));
	const design = (idx: number[], with_caption: boolean) => {
		const p = with_caption ? 1 + CAPTION_TRAITS.length : 1;
		const X = new Float32Array(idx.length * p);
		idx.forEach((i, k) => {
			X[k * p] = years[i];
			if (with_caption) CAPTION_TRAITS.forEach((t, j) => (X[k * p + 1 + j] = Math.log1p(traits[i][t])));
		});
		return { X, p };
	};
	const fit = (idx: number[], with_caption: boolean) => {
		const d = design(idx, with_caption);
		return fit_ridge({ X: d.X, n_rows: idx.length, n_features: d.p, y: Float64Array.from(idx, (i) => y[i]), feature_names: with_caption ? ['years', ...CAPTION_TRAITS] : ['years'] }, RIDGE_LAMBDA);
	};
	const trend: number[] = [], withc: number[] = [];
	for (let f = 0; f < FOLDS; f++) {
		// contiguous blocks of time: the model never sees the weeks around a held-out post
		const lo = Math.floor((f * n) / FOLDS), hi = Math.floor(((f + 1) * n) / FOLDS);
		const test = Array.from({ length: hi - lo }, (_, k) => lo + k);
		const train = Array.from({ length: n }, (_, i) => i).filter((i) => i < lo || i >= hi);
		const yt = Float64Array.from(test, (i) => y[i]);
		for (const [with_caption, out] of [[false, trend], [true, withc]] as const) {
			const model = fit(train, with_caption);
			const d = design(test, with_caption);
			out.push(r2(yt, predict_ridge(model, d.X, test.length)));
		}
	}
	const all = fit(Array.from({ length: n }, (_, i) => i), true);
	const coefficients = CAPTION_TRAITS.map((trait, j) => ({ trait, coef_std: all.coef_std[j + 1] })).sort((a, b) => Math.abs(b.coef_std) - Math.abs(a.coef_std));
	return {
		rows: n,
		folds: FOLDS,
		trend_r2: mean_std(trend),
		caption_r2: mean_std(withc),
		gain: mean_std(withc.map((v, k) => v - trend[k])),
		coefficients
	};
}
