/**
 * Input drift: how the inputs a visitor sent compare with a model's training data, per feature, by the population
 * stability index (PSI) over the training deciles stored in the manifest (FeatureReference). Usual reading:
 * below 0.1 no real change, 0.1-0.25 a moderate shift, above 0.25 a large one.
 */
import type { FeatureReference } from './manifest';
import { quantiles } from './stats/quantiles';

export const PSI_MODERATE = 0.1;
export const PSI_LARGE = 0.25;
/** below this many values a PSI is mostly noise: reported, but not flagged */
export const PSI_MIN_VALUES = 20;
/** a bin share of 0 would make the index infinite: both sides are floored at this */
const EPSILON = 1e-4;

/** Deciles of the training values, duplicates merged, with the share of training rows in every bin. */
export function feature_reference(name: string, label: string, values: ArrayLike<number>): FeatureReference {
	const qs = quantiles(values, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]).filter(Number.isFinite);
	const edges = [...new Set(qs)].sort((a, b) => a - b);
	return { name, label, edges, shares: bin_shares(edges, values) };
}

/** Bin of a value: bins are (-inf, e0], (e0, e1], ..., (e_last, +inf). */
export function bin_of(edges: readonly number[], v: number): number {
	let lo = 0, hi = edges.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (v <= edges[mid]) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Share of the finite values in each bin (all zeros when there is none). */
export function bin_shares(edges: readonly number[], values: ArrayLike<number>): number[] {
	const counts = new Array<number>(edges.length + 1).fill(0);
	let n = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		counts[bin_of(edges, v)]++;
		n++;
	}
	return counts.map((c) => (n > 0 ? c / n : 0));
}

/** PSI = sum over bins (actual - expected) * ln(actual / expected), shares floored at a small epsilon. */
export function psi(expected: readonly number[], actual: readonly number[]): number {
	if (expected.length !== actual.length) throw new RangeError('psi: bin counts differ');
	let s = 0;
	for (let i = 0; i < expected.length; i++) {
		const e = Math.max(expected[i], EPSILON);
		const a = Math.max(actual[i], EPSILON);
		s += (a - e) * Math.log(a / e);
	}
	return s;
}

export type DriftLevel = 'none' | 'moderate' | 'large' | 'too_few';

export interface FeatureDrift {
	name: string;
	label: string;
	/** finite values the visitor sent */
	n: number;
	psi: number;
	level: DriftLevel;
	/** the visitor's share in each bin, beside the training shares */
	shares: number[];
	training_shares: number[];
	edges: number[];
}

export function feature_drift(ref: FeatureReference, values: ArrayLike<number>): FeatureDrift {
	const shares = bin_shares(ref.edges, values);
	let n = 0;
	for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
	const index = n > 0 ? psi(ref.shares, shares) : NaN;
	const level: DriftLevel = n < PSI_MIN_VALUES ? 'too_few' : index >= PSI_LARGE ? 'large' : index >= PSI_MODERATE ? 'moderate' : 'none';
	return { name: ref.name, label: ref.label, n, psi: index, level, shares, training_shares: ref.shares, edges: ref.edges };
}

/** Drift of every referenced feature, from rows of named input values (a feature a row lacks counts as missing). */
export function model_drift(features: readonly FeatureReference[], rows: readonly Record<string, number>[]): FeatureDrift[] {
	return features.map((ref) => feature_drift(ref, rows.map((r) => (ref.name in r ? r[ref.name] : NaN))));
}
