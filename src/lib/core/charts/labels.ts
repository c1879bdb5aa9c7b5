/**
 * Chart labels per track and region from weekly chart rows: whether the track entered the region's Top 200, its
 * peak position (1 = best) and the number of weeks it spent there. Pure code; the ETL and the unit tests share it.
 */
import { CHART_REGIONS, TOP50, type ChartRegion } from './regions';

export interface ChartRow {
	region: string;
	week_start: string;
	position: number;
	track_id: string;
}

export interface RegionRecord {
	/** best (lowest) position reached; 0 when the track never charted in the region */
	peak: number;
	/** distinct chart weeks in the region */
	weeks: number;
}

export interface TrackChartRecord {
	track_id: string;
	/** per region in CHART_REGIONS order */
	regions: RegionRecord[];
	/** earliest week_start in any region (ISO date): the nearest thing to a release date the charts give */
	first_week: string;
}

/**
 * One record per track id that appears in any of the rows. Rows of an unknown region or with a position outside
 * 1..200 throw: they would silently shift labels. A track listed twice in one region's week (the same id at two
 * positions) counts as one week at its better position.
 */
export function chart_records(rows: Iterable<ChartRow>): Map<string, TrackChartRecord> {
	const out = new Map<string, TrackChartRecord>();
	const seen_weeks = new Set<string>();
	const region_index = new Map<string, number>(CHART_REGIONS.map((r, i) => [r, i]));
	for (const row of rows) {
		const ri = region_index.get(row.region);
		if (ri === undefined) throw new RangeError(`chart_records: unknown region '${row.region}'`);
		if (!(Number.isInteger(row.position) && row.position >= 1 && row.position <= 200)) {
			throw new RangeError(`chart_records: position ${row.position} of ${row.track_id} in ${row.region} ${row.week_start} is not 1..200`);
		}
		let rec = out.get(row.track_id);
		if (!rec) {
			rec = { track_id: row.track_id, regions: CHART_REGIONS.map(() => ({ peak: 0, weeks: 0 })), first_week: row.week_start };
			out.set(row.track_id, rec);
		}
		const r = rec.regions[ri];
		if (r.peak === 0 || row.position < r.peak) r.peak = row.position;
		const week_key = `${row.track_id}\u0001${ri}\u0001${row.week_start}`;
		if (!seen_weeks.has(week_key)) {
			seen_weeks.add(week_key);
			r.weeks++;
		}
		if (row.week_start < rec.first_week) rec.first_week = row.week_start;
	}
	return out;
}

export function entered(r: RegionRecord): boolean {
	return r.peak > 0;
}

export function entered_top50(r: RegionRecord): boolean {
	return r.peak > 0 && r.peak <= TOP50;
}

/** Share of the records that entered each region's chart (the base rate of the "enters the Top 200" label). */
export function base_rates(records: readonly TrackChartRecord[], top50 = false): Record<ChartRegion, number> {
	const out = {} as Record<ChartRegion, number>;
	CHART_REGIONS.forEach((region, ri) => {
		let k = 0;
		for (const rec of records) if (top50 ? entered_top50(rec.regions[ri]) : entered(rec.regions[ri])) k++;
		out[region] = records.length ? k / records.length : NaN;
	});
	return out;
}
