/**
 * The similar-charted-songs lookup: the nearest charted tracks of one region to a song's audio features, in the
 * standardised feature space (each feature centred and scaled by its spread over the charted tracks, so loudness in
 * dB and tempo in BPM do not drown the 0-1 features). A missing feature (NaN) adds nothing to any distance.
 * Pure code over typed arrays: the market worker builds it from the charts shard; unit tests from fixtures.
 */
import { CHART_FEATURES, CHART_REGIONS, type ChartRegion } from './regions';

export interface ChartCatalogue {
	n: number;
	title: string[];
	artist: string[];
	first_week: string[];
	/** row-major n x CHART_FEATURES.length, standardised (NaN kept) */
	z: Float32Array;
	/** per feature: mean and scale used for z */
	mean: Float64Array;
	scale: Float64Array;
	/** per region (CHART_REGIONS order): peak position per track, 0 = never charted there */
	peak: Uint8Array[];
	weeks: Uint8Array[];
}

export interface ChartColumns {
	title: string[];
	artist: string[];
	first_week: string[];
	features: Record<string, ArrayLike<number>>;
	peak: Record<string, ArrayLike<number>>;
	weeks: Record<string, ArrayLike<number>>;
}

export function build_chart_catalogue(c: ChartColumns): ChartCatalogue {
	const n = c.title.length;
	const p = CHART_FEATURES.length;
	const z = new Float32Array(n * p);
	const mean = new Float64Array(p), scale = new Float64Array(p);
	CHART_FEATURES.forEach((f, j) => {
		const col = c.features[f];
		if (!col || col.length !== n) throw new RangeError(`chart catalogue: column '${f}' missing or of the wrong length`);
		let s = 0, k = 0;
		for (let i = 0; i < n; i++) if (Number.isFinite(col[i])) { s += col[i]; k++; }
		const m = k ? s / k : 0;
		let v = 0;
		for (let i = 0; i < n; i++) if (Number.isFinite(col[i])) v += (col[i] - m) ** 2;
		const sd = k > 1 ? Math.sqrt(v / (k - 1)) : 0;
		mean[j] = m;
		scale[j] = sd > 0 ? sd : 1;
		for (let i = 0; i < n; i++) z[i * p + j] = Number.isFinite(col[i]) ? (col[i] - m) / scale[j] : NaN;
	});
	const region_col = (cols: Record<string, ArrayLike<number>>, r: string) => {
		const col = cols[r];
		if (!col || col.length !== n) throw new RangeError(`chart catalogue: region column '${r}' missing or of the wrong length`);
		return Uint8Array.from(col);
	};
	return {
		n, title: c.title, artist: c.artist, first_week: c.first_week, z, mean, scale,
		peak: CHART_REGIONS.map((r) => region_col(c.peak, r)),
		weeks: CHART_REGIONS.map((r) => region_col(c.weeks, r))
	};
}

export interface ChartedNeighbour {
	/** row in the shard (a stable key for lists) */
	row: number;
	title: string;
	artist: string;
	peak: number;
	weeks: number;
	first_week: string;
	/** Euclidean distance in standardised units over the features both have */
	distance: number;
}

/** The song itself, to leave out of its own neighbours: the shard has no track ids, so by title and artists. */
export interface SelfKey {
	title: string;
	/** every artist of the song; a charted row matches when its chart artist is one of them */
	artists: string[];
}

const fold = (s: string) => s.trim().toLowerCase();

/** The k nearest songs that charted in `region` (peak > 0), nearest first, one per title + artist; ties by row order. */
export function nearest_charted(cat: ChartCatalogue, row: ArrayLike<number>, region: ChartRegion, k: number, exclude?: SelfKey): ChartedNeighbour[] {
	const p = CHART_FEATURES.length;
	if (row.length !== p) throw new RangeError(`nearest_charted: row has ${row.length} values, expected ${p}`);
	const ri = CHART_REGIONS.indexOf(region);
	if (ri < 0) throw new RangeError(`nearest_charted: unknown region '${region}'`);
	const q = new Float64Array(p);
	for (let j = 0; j < p; j++) q[j] = Number.isFinite(row[j]) ? (row[j] - cat.mean[j]) / cat.scale[j] : NaN;
	const peak = cat.peak[ri];
	const self_title = exclude ? fold(exclude.title) : null;
	const self_artists = new Set(exclude?.artists.map(fold) ?? []);
	// a small sorted list of the best k (k is a handful; the scan is the cost)
	const best: { i: number; d: number; key: string }[] = [];
	for (let i = 0; i < cat.n; i++) {
		if (peak[i] === 0) continue;
		if (self_title !== null && fold(cat.title[i]) === self_title && self_artists.has(fold(cat.artist[i]))) continue;
		let d = 0;
		const o = i * p;
		for (let j = 0; j < p; j++) {
			const a = q[j], b = cat.z[o + j];
			if (a === a && b === b) d += (a - b) * (a - b);
		}
		if (best.length < k || d < best[best.length - 1].d) {
			// one entry per song: re-releases (single, album) share title and artist; keep the nearest
			const key = `${fold(cat.title[i])}\u0001${fold(cat.artist[i])}`;
			const twin = best.findIndex((b) => b.key === key);
			if (twin >= 0) {
				if (best[twin].d <= d) continue;
				best.splice(twin, 1);
			}
			let at = best.length;
			while (at > 0 && best[at - 1].d > d) at--;
			best.splice(at, 0, { i, d, key });
			if (best.length > k) best.pop();
		}
	}
	return best.map(({ i, d }) => ({
		row: i, title: cat.title[i], artist: cat.artist[i], peak: peak[i], weeks: cat.weeks[ri][i], first_week: cat.first_week[i], distance: Math.sqrt(d)
	}));
}
