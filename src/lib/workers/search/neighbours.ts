/**
 * Nearest tracks by sound: Euclidean distance over the audio features after z-scoring each with the dataset's mean
 * and standard deviation (so tempo in BPM does not drown valence in 0-1). Unmeasured values (tempo, time signature)
 * sit at the mean, i.e. they neither attract nor repel. One Float32Array row per track; a query is a linear scan with
 * a bounded top-k, which keeps every distinct recording at most once.
 */
export interface Neighbour {
	row: number;
	distance: number;
}

export class AudioNeighbours {
	readonly n_rows: number;
	readonly n_features: number;
	private readonly matrix: Float32Array;
	private readonly mean: Float64Array;
	private readonly scale: Float64Array;
	private readonly query: Float32Array;

	/**
	 * `columns[f][row]` is feature f of a track (NaN when unmeasured); `group[row]` identifies its recording, so
	 * re-releases of one song count as one neighbour.
	 */
	constructor(
		columns: readonly Float64Array[],
		private readonly group: Int32Array
	) {
		this.n_features = columns.length;
		this.n_rows = group.length;
		this.mean = new Float64Array(this.n_features);
		this.scale = new Float64Array(this.n_features);
		this.matrix = new Float32Array(this.n_rows * this.n_features);
		this.query = new Float32Array(this.n_features);
		columns.forEach((col, f) => {
			let sum = 0;
			let count = 0;
			for (const v of col) if (!Number.isNaN(v)) (sum += v), count++;
			const mean = count > 0 ? sum / count : 0;
			let ss = 0;
			for (const v of col) if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
			const std = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
			this.mean[f] = mean;
			// a constant feature carries no information; scale 1 keeps it at 0 instead of dividing by zero
			this.scale[f] = std > 0 ? 1 / std : 1;
			for (let r = 0; r < this.n_rows; r++) {
				const v = col[r];
				this.matrix[r * this.n_features + f] = Number.isNaN(v) ? 0 : (v - mean) * this.scale[f];
			}
		});
	}

	/**
	 * The `k` nearest distinct recordings to `values` (raw feature values, NaN = unknown), among `rows` (all rows
	 * when null), leaving out the recording `exclude_group` (-1 for none).
	 */
	nearest(values: ArrayLike<number>, k: number, rows: Int32Array | null, exclude_group: number): Neighbour[] {
		const F = this.n_features;
		const q = this.query;
		for (let f = 0; f < F; f++) {
			const v = values[f];
			q[f] = Number.isNaN(v) ? 0 : (v - this.mean[f]) * this.scale[f];
		}
		// best[0..size) sorted ascending by squared distance; groups are distinct
		const best_d = new Float64Array(k);
		const best_r = new Int32Array(k);
		let size = 0;
		let worst = Infinity;
		const m = this.matrix;
		const count = rows ? rows.length : this.n_rows;
		for (let i = 0; i < count; i++) {
			const r = rows ? rows[i] : i;
			const g = this.group[r];
			if (g === exclude_group) continue;
			let d = 0;
			const base = r * F;
			for (let f = 0; f < F; f++) {
				const diff = m[base + f] - q[f];
				d += diff * diff;
				if (d >= worst) break;
			}
			if (d >= worst) continue;
			// same recording already listed: keep the closer copy
			let at = -1;
			for (let j = 0; j < size; j++) if (this.group[best_r[j]] === g) at = j;
			if (at >= 0) {
				if (d >= best_d[at]) continue;
				for (let j = at; j < size - 1; j++) (best_d[j] = best_d[j + 1]), (best_r[j] = best_r[j + 1]);
				size--;
			}
			let j = size < k ? size++ : k - 1;
			while (j > 0 && best_d[j - 1] > d) {
				best_d[j] = best_d[j - 1];
				best_r[j] = best_r[j - 1];
				j--;
			}
			best_d[j] = d;
			best_r[j] = r;
			if (size === k) worst = best_d[k - 1];
		}
		const out: Neighbour[] = [];
		for (let j = 0; j < size; j++) out.push({ row: best_r[j], distance: Math.sqrt(best_d[j]) });
		return out;
	}
}
