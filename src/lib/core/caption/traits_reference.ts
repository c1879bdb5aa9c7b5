/**
 * How each caption trait is distributed among posts that beat their own account's median likes and among those that
 * did not. Built by the pipeline over the scraped posts (and by the browser over a visitor's own history, with the
 * same code), shown on /caption beside the visitor's caption with the support counts.
 *
 * Comparing within an account (beat the account's own median or not) takes the account's size out of the picture:
 * across accounts, followers explain likes and a caption trait would mostly stand for the kind of account.
 */
import { CAPTION_TRAITS, type CaptionTrait } from '../text/caption';
import { percentile_rank, PERCENTILES, quantile_sorted, sorted_finite } from '../stats/quantiles';

export interface GroupStats {
	/** posts in the group */
	n: number;
	mean: number;
	/** share of posts with the trait above zero */
	share_nonzero: number;
	/** 101 quantiles (0%..100%) */
	quantiles: number[];
	/** post counts per bin of TraitDistribution.bins */
	histogram: number[];
}

export interface TraitDistribution {
	trait: CaptionTrait;
	/** ascending lower bin edges: bin i = [bins[i], bins[i+1]), the last bin open above */
	bins: number[];
	beat: GroupStats;
	not: GroupStats;
	/**
	 * per account: mean trait of its posts that beat its median minus the mean of those that did not; summarised over
	 * the accounts that have both (95% interval: mean ± 1.96 standard errors)
	 */
	within_account: { accounts: number; mean_diff: number; low: number; high: number };
}

export interface TraitReference {
	/** posts placed in a group (beat or not) */
	posts: number;
	accounts: number;
	/** posts exactly at their account's median (neither group) */
	ties: number;
	/** posts of accounts with fewer than min_posts posts (no median worth the name) */
	small_account_posts: number;
	min_posts: number;
	traits: TraitDistribution[];
}

/** Bin edges per trait, in the units people count them. */
export const TRAIT_BINS: Record<CaptionTrait, number[]> = {
	length: [0, 1, 50, 100, 200, 400, 800, 1600, 2201],
	words: [0, 1, 10, 25, 50, 100, 200, 400],
	line_breaks: [0, 1, 2, 5, 10, 20],
	hashtags: [0, 1, 3, 6, 11, 21, 31],
	mentions: [0, 1, 2, 3, 5, 10],
	emoji: [0, 1, 2, 4, 8, 16],
	questions: [0, 1, 2, 3],
	calls_to_action: [0, 1, 2, 3],
	links: [0, 1, 2]
};

export const MIN_POSTS_PER_ACCOUNT = 5;

export interface TraitRow {
	account: string;
	likes: number;
	traits: Record<CaptionTrait, number>;
}

function median(values: number[]): number {
	return quantile_sorted(Float64Array.from(values).sort(), 0.5);
}

function bin_index(bins: number[], v: number): number {
	let i = 0;
	while (i + 1 < bins.length && v >= bins[i + 1]) i++;
	return i;
}

function group_stats(values: number[], bins: number[]): GroupStats {
	const sorted = sorted_finite(values);
	const histogram = new Array<number>(bins.length).fill(0);
	let sum = 0, nonzero = 0;
	for (const v of sorted) {
		histogram[bin_index(bins, v)]++;
		sum += v;
		if (v > 0) nonzero++;
	}
	const n = sorted.length;
	return {
		n,
		mean: n > 0 ? sum / n : NaN,
		share_nonzero: n > 0 ? nonzero / n : NaN,
		quantiles: PERCENTILES.map((q) => quantile_sorted(sorted, q)),
		histogram
	};
}

/** Which posts beat their account's median likes: 1 beat, 0 not, -1 neither (a tie, or too small an account). */
export function beat_median_labels(rows: readonly { account: string; likes: number }[], min_posts = MIN_POSTS_PER_ACCOUNT): Int8Array {
	const by_account = new Map<string, number[]>();
	rows.forEach((r, i) => {
		const list = by_account.get(r.account);
		if (list) list.push(i);
		else by_account.set(r.account, [i]);
	});
	const labels = new Int8Array(rows.length).fill(-1);
	for (const idx of by_account.values()) {
		if (idx.length < min_posts) continue;
		const m = median(idx.map((i) => rows[i].likes));
		for (const i of idx) labels[i] = rows[i].likes > m ? 1 : rows[i].likes < m ? 0 : -1;
	}
	return labels;
}

export function trait_reference(rows: readonly TraitRow[], min_posts = MIN_POSTS_PER_ACCOUNT): TraitReference {
	const labels = beat_median_labels(rows, min_posts);
	const counts = new Map<string, number>();
	for (const r of rows) counts.set(r.account, (counts.get(r.account) ?? 0) + 1);
	let ties = 0, small = 0;
	rows.forEach((r, i) => {
		if (labels[i] !== -1) return;
		if ((counts.get(r.account) ?? 0) < min_posts) small++;
		else ties++;
	});
	const placed = rows.filter((_, i) => labels[i] !== -1);
	const traits = CAPTION_TRAITS.map((trait): TraitDistribution => {
		const bins = TRAIT_BINS[trait];
		const beat: number[] = [], not: number[] = [];
		const per_account = new Map<string, { beat: number[]; not: number[] }>();
		rows.forEach((r, i) => {
			if (labels[i] === -1) return;
			const v = r.traits[trait];
			(labels[i] === 1 ? beat : not).push(v);
			let a = per_account.get(r.account);
			if (!a) per_account.set(r.account, (a = { beat: [], not: [] }));
			(labels[i] === 1 ? a.beat : a.not).push(v);
		});
		const diffs: number[] = [];
		for (const a of per_account.values()) {
			if (a.beat.length === 0 || a.not.length === 0) continue;
			const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
			diffs.push(mean(a.beat) - mean(a.not));
		}
		const k = diffs.length;
		const mean_diff = k > 0 ? diffs.reduce((s, v) => s + v, 0) / k : NaN;
		const sd = k > 1 ? Math.sqrt(diffs.reduce((s, v) => s + (v - mean_diff) ** 2, 0) / (k - 1)) : NaN;
		const half = k > 1 ? (1.96 * sd) / Math.sqrt(k) : NaN;
		return {
			trait,
			bins,
			beat: group_stats(beat, bins),
			not: group_stats(not, bins),
			within_account: { accounts: k, mean_diff, low: mean_diff - half, high: mean_diff + half }
		};
	});
	return { posts: placed.length, accounts: new Set(placed.map((r) => r.account)).size, ties, small_account_posts: small, min_posts, traits };
}

export interface TraitPlacement {
	trait: CaptionTrait;
	value: number;
	/** percentile (0..100) of the value among posts that beat their median, and among those that did not */
	beat_percentile: number;
	not_percentile: number;
	beat_n: number;
	not_n: number;
	beat_median: number;
	not_median: number;
	/** whether the within-account difference's 95% interval excludes zero */
	difference_measurable: boolean;
	within_account: TraitDistribution['within_account'];
}

export function place_traits(reference: TraitReference, traits: Record<CaptionTrait, number>): TraitPlacement[] {
	return reference.traits.map((d) => {
		const value = traits[d.trait];
		const w = d.within_account;
		return {
			trait: d.trait,
			value,
			beat_percentile: d.beat.n > 0 ? percentile_rank(value, d.beat.quantiles) : NaN,
			not_percentile: d.not.n > 0 ? percentile_rank(value, d.not.quantiles) : NaN,
			beat_n: d.beat.n,
			not_n: d.not.n,
			beat_median: d.beat.quantiles[50],
			not_median: d.not.quantiles[50],
			difference_measurable: w.accounts > 1 && Number.isFinite(w.low) && (w.low > 0 || w.high < 0),
			within_account: w
		};
	});
}
