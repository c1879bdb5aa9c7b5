/**
 * The charted-tracks shard stores each audio feature as an integer count of a fixed step (value = stored x step):
 * 0-1 features in steps of 1/250 (a byte), loudness in 0.1 dB and tempo in 0.1 BPM (16 bits). The writer
 * (training/export/charts_shard.ts) and the readers (market lookup, insights) share this table.
 */
import type { ChartFeature } from './regions';

type IntArrayType = typeof Uint8Array | typeof Int16Array | typeof Uint16Array;

export const CHART_SHARD_QUANTUM: Record<ChartFeature, { step: number; Type: IntArrayType }> = {
	danceability: { step: 1 / 250, Type: Uint8Array },
	energy: { step: 1 / 250, Type: Uint8Array },
	loudness: { step: 0.1, Type: Int16Array },
	mode: { step: 1, Type: Uint8Array },
	speechiness: { step: 1 / 250, Type: Uint8Array },
	acousticness: { step: 1 / 250, Type: Uint8Array },
	instrumentalness: { step: 1 / 250, Type: Uint8Array },
	liveness: { step: 1 / 250, Type: Uint8Array },
	valence: { step: 1 / 250, Type: Uint8Array },
	tempo: { step: 0.1, Type: Uint16Array },
	time_signature: { step: 1, Type: Uint8Array }
};

/** The stored column back in feature units (0 tempo / time signature = unmeasured -> NaN, as in the ETL). */
export function dequantize(feature: ChartFeature, stored: ArrayLike<number>): Float64Array {
	const step = CHART_SHARD_QUANTUM[feature].step;
	const unmeasured_zero = feature === 'tempo' || feature === 'time_signature';
	const out = new Float64Array(stored.length);
	for (let i = 0; i < stored.length; i++) out[i] = unmeasured_zero && stored[i] === 0 ? NaN : stored[i] * step;
	return out;
}
