/**
 * The parts of the combined score, from the history: for every kind of record (HISTORY_KINDS), its latest record,
 * ranked against its model's output quantiles in the manifest. A kind with no record, or whose model has no
 * quantiles, gives no part: nothing is defaulted.
 */
import type { Manifest } from '../core/manifest';
import { part_percentile, type ScorePart } from '../core/score';
import type { PredictionRecord } from './history';
import { HISTORY_KINDS, kind_of, model_accuracy } from './history_kinds';

export interface HistoryScorePart extends ScorePart {
	record: PredictionRecord;
	/** the record was made by another version of the model than the manifest's */
	other_version: boolean;
}

export function score_parts(records: readonly PredictionRecord[], manifest: Manifest): HistoryScorePart[] {
	const parts: HistoryScorePart[] = [];
	for (const kind of Object.keys(HISTORY_KINDS)) {
		// records arrive newest first
		const record = records.find((r) => r.kind === kind);
		if (!record) continue;
		const k = kind_of(record);
		const model = manifest.models.find((x) => x.id === record.model_id);
		const quantiles = model?.output_quantiles?.values;
		if (!model || !quantiles) continue;
		const value = k.output(record);
		const percentile = part_percentile(value, quantiles);
		if (!Number.isFinite(percentile)) continue;
		parts.push({ kind, model_id: model.id, value, percentile, time: record.time, accuracy: model_accuracy(model, k.accuracy_metric), record, other_version: record.model_version !== model.version });
	}
	return parts;
}
