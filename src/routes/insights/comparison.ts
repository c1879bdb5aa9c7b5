/**
 * Model comparison from the manifest: for every model, each evaluation's baselines, the untuned model (where the
 * pipeline measured one), the shipped (tuned) model and the TARGETS.md reference, side by side on the same folds.
 * A multi-output model (the chart model) is compared per output for one split and level at a time.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { Evaluation, ModelEntry } from '$lib/core/manifest';

export interface ComparisonRow {
	/** the evaluation's label on the axis: its output (a region) or its split */
	label: string;
	values: Record<string, number | null>;
	std: Record<string, number | null>;
}

export interface Comparison {
	metric: string;
	methods: string[];
	rows: ComparisonRow[];
}

const PALETTE = ['#c9c6d6', '#8fb3d9', '#e0a458', '#5b3cc4', '#1f2330', '#1b7f5a'];

export function main_metric(e: Evaluation): string {
	return e.metrics[0]?.name ?? '';
}

/** The evaluations of a model to compare together; for a multi-output model, those of one split and level. */
export function pick_evaluations(model: ModelEntry, split: string | null, level: string | null): Evaluation[] {
	if (!model.output.columns?.length) return model.evaluations;
	return model.evaluations.filter((e) => e.split === split && (e.output ?? '').endsWith(`:${level}`));
}

export function comparison(evals: Evaluation[], names: { model: string; untuned: string; reference: string }, label_of: (e: Evaluation) => string): Comparison {
	const metric = evals[0] ? main_metric(evals[0]) : '';
	const methods: string[] = [];
	const add = (name: string) => {
		if (!methods.includes(name)) methods.push(name);
	};
	const rows = evals.map((e) => {
		const values: Record<string, number | null> = {};
		const std: Record<string, number | null> = {};
		const put = (name: string, ms: { name: string; mean: number; std?: number }[] | undefined) => {
			const x = ms?.find((mm) => mm.name === metric);
			if (!x) return;
			add(name);
			values[name] = x.mean;
			std[name] = x.std ?? null;
		};
		for (const b of e.baselines) put(b.name, b.metrics);
		if (e.untuned) put(names.untuned, e.untuned.metrics);
		put(names.model, e.metrics);
		if (e.reference) put(names.reference, e.reference.metrics);
		return { label: label_of(e), values, std };
	});
	// a fixed order: baselines first, then untuned, the shipped model, the reference
	const order = (m: string) => (m === names.reference ? 3 : m === names.model ? 2 : m === names.untuned ? 1 : 0);
	methods.sort((a, b) => order(a) - order(b));
	return { metric, methods, rows };
}

export function comparison_figure(c: Comparison) {
	const data: ChartData = {
		labels: c.rows.map((r) => r.label),
		datasets: c.methods.map((m, k) => ({ label: m, data: c.rows.map((r) => r.values[m] ?? null), backgroundColor: PALETTE[k % PALETTE.length], borderRadius: 2, maxBarThickness: 16 })) as never
	};
	const all = c.rows.flatMap((r) => Object.values(r.values).filter((v): v is number => v !== null));
	// AUC from just below chance, so the base rate's 0.5 shows as a sliver rather than nothing
	const lo = c.metric === 'auc' ? 0.45 : Math.min(0, ...all);
	const options: ChartOptions = { scales: { y: { min: lo, suggestedMax: Math.max(...all, lo + 0.1), grid: { color: '#ecebf2' }, title: { display: true, text: c.metric.toUpperCase() } }, x: { grid: { display: false } } } };
	const rows = c.rows.flatMap((r) => c.methods.map((m) => [r.label, m, r.values[m] ?? null, r.std[m] ?? null]));
	return { data, options, csv: { header: ['evaluation', 'method', c.metric, `${c.metric}_std`], rows }, colours: c.methods.map((_, k) => PALETTE[k % PALETTE.length]) };
}
