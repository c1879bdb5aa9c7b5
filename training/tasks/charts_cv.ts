/**
 * Orchestration of the chart fits on a pool of worker threads: choose the tuned parameters on tuning folds, evaluate
 * every label on the reported folds (tuned GBDT, untuned GBDT, logistic regression, base rate), fit the final models.
 *
 * Splits: 5 folds grouped by chart artist (headline: a song by an artist the model never saw), and 5 folds grouped
 * by recording (a track id and its re-releases). The tuning folds are 3 artist folds with another seed, so the
 * choice of parameters never sees the reported folds' arrangement.
 */
import { auc, grouped_kfold, mean_std } from '../../src/lib/core/metrics';
import type { GbdtModel } from '../../src/lib/core/gbdt';
import { CHART_LEVELS, CHART_REGIONS, type ChartLevel, type ChartRegion } from '../../src/lib/core/charts/regions';
import { ThreadPool, to_shared } from '../lib/pool';
import { N_LABELS, TUNING_GRID, UNTUNED, type ChartsJob, type ChartsJobResult, type ChartsMatrix, type GbdtParams } from './charts_models';

export interface ChartsTaskOptions {
	folds: number;
	seed: number;
	tune_folds: number;
	tune_seed: number;
	logistic_lambda: number;
	grid: GbdtParams[];
	untuned: GbdtParams;
	/** levels that also get the untuned comparison (each costs 5 deep fits per region) */
	untuned_levels: ChartLevel[];
}

export const DEFAULT_CHARTS_OPTIONS: ChartsTaskOptions = {
	folds: 5, seed: 42, tune_folds: 3, tune_seed: 1042, logistic_lambda: 1, grid: TUNING_GRID, untuned: UNTUNED, untuned_levels: ['top200']
};

export type ChartSplit = 'artist' | 'recording';

export interface Score { mean: number; std: number; folds: number[] }

export interface LabelEvaluation {
	label: number;
	region: ChartRegion;
	level: ChartLevel;
	base_rate: number;
	positives: number;
	split: ChartSplit;
	tuned: Score;
	untuned?: Score;
	logistic: Score;
}

export interface TuningResult {
	params: GbdtParams;
	/** mean over regions of the top-200 AUC on the tuning folds */
	mean_auc: number;
}

export interface ChartsCvResult {
	tuning: TuningResult[];
	chosen: number;
	evaluations: LabelEvaluation[];
}

/** The GBDT seed of one fit on fold f of one label: every (fold, label) pair samples differently. */
export function fold_seed(seed: number, f: number, label: number): number {
	return seed + 7919 * f + label;
}

/** The rows of fold f (test) and of the others (train). */
export function split_rows(fold: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
	const train: number[] = [], test: number[] = [];
	for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
	return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

function score(m: ChartsMatrix, label: number, tests: Int32Array[], probs: Float64Array[]): Score {
	const folds = tests.map((test, f) => auc(Array.from(test, (i) => m.Y[label * m.n + i]), probs[f]));
	return { ...mean_std(folds), folds };
}

export interface ChartFits {
	cv: Promise<ChartsCvResult> | null;
	final: Promise<GbdtModel[]> | null;
	close(): Promise<void>;
}

/** Start the evaluation and / or the final fits; `params` of the final fits come from the evaluation's choice. */
export function run_chart_fits(
	m: ChartsMatrix,
	o: ChartsTaskOptions,
	want: { cv: boolean; final: GbdtParams | null; threads: number; log: (line: string) => void }
): ChartFits {
	const shared: ChartsMatrix = { ...m, X: to_shared(m.X), Y: to_shared(m.Y), recording: to_shared(m.recording), artist: to_shared(m.artist) };
	const pool = new ThreadPool<ChartsJob, ChartsJobResult>(new URL('./charts_worker.ts', import.meta.url), want.threads, shared);
	const probs = (job: ChartsJob) => pool.run(job).then((r) => (r as { probabilities: Float64Array }).probabilities);
	const fit_folds = (fold: Int32Array, k: number, label: number, params: GbdtParams | 'logistic', all_rows = false) => {
		const parts = Array.from({ length: k }, (_, f) => split_rows(fold, f));
		const tests = parts.map((p) => p.test);
		const jobs = parts.map(({ train, test }, f) =>
			probs(params === 'logistic'
				? { kind: 'logistic', label, train, test, lambda: o.logistic_lambda }
				: { kind: 'gbdt', label, train, test, params, seed: fold_seed(o.seed, f, label), all_rows }));
		return Promise.all(jobs).then((p) => score(m, label, tests, p));
	};

	const final_fits = (params: GbdtParams) => {
		const all = Int32Array.from({ length: m.n }, (_, i) => i);
		return Promise.all(Array.from({ length: N_LABELS }, (_, label) =>
			pool.run({ kind: 'gbdt', label, train: all, test: null, params, seed: o.seed + label }).then((r) => (r as { model: GbdtModel }).model)));
	};

	const cv = want.cv ? (async (): Promise<ChartsCvResult> => {
		const tune_fold = grouped_kfold(m.artist, o.tune_folds, o.tune_seed);
		const tuning: TuningResult[] = [];
		for (const params of o.grid) {
			const per_region = await Promise.all(CHART_REGIONS.map((_, ri) => fit_folds(tune_fold, o.tune_folds, ri, params)));
			const mean_auc = per_region.reduce((s, r) => s + r.mean, 0) / per_region.length;
			want.log(`tuning ${JSON.stringify(params)}: mean top-200 AUC ${mean_auc.toFixed(4)} (${o.tune_folds} artist folds, seed ${o.tune_seed})`);
			tuning.push({ params, mean_auc });
		}
		const chosen = tuning.reduce((best, t, i) => (t.mean_auc > tuning[best].mean_auc ? i : best), 0);
		const tuned = o.grid[chosen];
		const folds: Record<ChartSplit, Int32Array> = { artist: grouped_kfold(m.artist, o.folds, o.seed), recording: grouped_kfold(m.recording, o.folds, o.seed) };
		const evaluations: LabelEvaluation[] = [];
		const pending: Promise<void>[] = [];
		for (const split of ['artist', 'recording'] as ChartSplit[]) {
			for (let label = 0; label < N_LABELS; label++) {
				const region = CHART_REGIONS[label % CHART_REGIONS.length];
				const level = CHART_LEVELS[Math.floor(label / CHART_REGIONS.length)];
				let positives = 0;
				for (let i = 0; i < m.n; i++) positives += m.Y[label * m.n + i];
				const e: LabelEvaluation = { label, region, level, base_rate: positives / m.n, positives, split, tuned: null!, logistic: null! };
				evaluations.push(e);
				pending.push(fit_folds(folds[split], o.folds, label, tuned).then((s) => { e.tuned = s; }));
				pending.push(fit_folds(folds[split], o.folds, label, 'logistic').then((s) => { e.logistic = s; }));
				if (split === 'artist' && o.untuned_levels.includes(level)) pending.push(fit_folds(folds[split], o.folds, label, o.untuned, true).then((s) => { e.untuned = s; }));
			}
		}
		await Promise.all(pending);
		return { tuning, chosen, evaluations };
	})() : null;

	const final = want.final ? final_fits(want.final) : null;
	return { cv, final, close: () => pool.close() };
}
