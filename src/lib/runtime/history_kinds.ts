/**
 * What /monitor and /score need to know about each kind of history record, in one place: its studio, its headline
 * output (on the scale of its model's output_quantiles), the input values its model's drift references name, and its
 * accuracy metric. A studio that records predictions (the video studio next) adds one entry to HISTORY_KINDS.
 */
import { AUDIO_FEATURES } from '../core/features/music';
import type { ModelEntry } from '../core/manifest';
import { CAPTION_TRAITS } from '../core/text/caption';
import type { PredictionRecord } from './history';

export interface HistoryKind<R extends PredictionRecord = PredictionRecord> {
	kind: R['kind'];
	/** the studio's route, e.g. '/music/' */
	route: string;
	/** the headline output, on the scale of the model's output_quantiles */
	output(record: R): number;
	/** the record's input values, by the names of the model's drift references */
	drift_values(record: R): Record<string, number>;
	/** the metric shown as the part's accuracy (from the model's first evaluation) */
	accuracy_metric: string;
}

type KindMap = { [K in PredictionRecord['kind']]: HistoryKind<Extract<PredictionRecord, { kind: K }>> };

export const HISTORY_KINDS: KindMap = {
	music: {
		kind: 'music',
		route: '/music/',
		output: (r) => r.outputs.popularity,
		drift_values: (r) => Object.fromEntries(AUDIO_FEATURES.map((f) => [f.name, r.inputs[f.name] ?? NaN])),
		accuracy_metric: 'r2'
	},
	caption: {
		kind: 'caption',
		route: '/caption/',
		output: (r) => r.outputs.log_prediction,
		drift_values: (r) => ({ log10_followers: Math.log10(1 + r.inputs.followers), ...Object.fromEntries(CAPTION_TRAITS.map((t) => [t, r.inputs.traits[t]])) }),
		accuracy_metric: 'r2'
	}
};

export function kind_of<R extends PredictionRecord>(record: R): HistoryKind<R> {
	return HISTORY_KINDS[record.kind] as unknown as HistoryKind<R>;
}

/** The model's headline accuracy: the first evaluation's metric of the kind's choice. */
export function model_accuracy(model: ModelEntry | undefined, metric: string): { metric: string; mean: number; std?: number; split: string } | null {
	const ev = model?.evaluations[0];
	const m = ev?.metrics.find((x) => x.name === metric);
	return ev && m ? { metric, mean: m.mean, std: m.std, split: ev.split } : null;
}
