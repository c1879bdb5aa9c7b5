/** What the chart-chance (market) worker answers; shared by the worker and the pages. */
import type { ModelEntry } from '../manifest';
import type { ChartRegion } from './regions';
import type { ChartedNeighbour } from './similar';

export interface RegionChance {
	region: ChartRegion;
	/** P(enters the region's Top 200 | charts somewhere) */
	top200: number;
	top50: number;
	/** share of the charting tracks that charted there (the model's baseline) */
	base_top200: number;
	base_top50: number;
	/** the model's measured AUC for the region's Top 200 on artist folds (NaN if the manifest has none) */
	auc_top200: number;
}

export interface MarketInfo {
	model: ModelEntry;
	/** charted tracks in the lookup */
	tracks: number;
	regions: { region: ChartRegion; base_top200: number; base_top50: number; auc_top200: number }[];
}

export interface MarketResult {
	model_id: string;
	model_version: string;
	regions: RegionChance[];
	region: ChartRegion;
	similar: ChartedNeighbour[];
	latency_ms: number;
}
