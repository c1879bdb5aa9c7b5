/**
 * Chart.js data and CSV tables for the music figures, from the worker's aggregates. Pure functions of the data and
 * the labels the page passes in, so the page stays a list of cards.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { BoxStats, Histogram, MusicInsights } from '$lib/core/insights/music';

export const BRAND = '#5b3cc4';
export const MUTED = '#c9c6d6';
export const GOOD = '#1b7f5a';
export const BAD = '#b3261e';

export const grid = { color: '#ecebf2' };

/**
 * Bars per bin. `label` names a bin by its left edge (and its index: the last bin of a clamped histogram also holds
 * everything beyond it); `count` names the counted things in the CSV. The CSV leaves the last bin open when `open`.
 */
export function histogram_figure(h: Histogram, label: (v: number, k: number) => string, count = 'tracks', open = false) {
	const data: ChartData = { labels: h.edges.map(label), datasets: [{ label: h.feature, data: h.counts, backgroundColor: BRAND, barPercentage: 1, categoryPercentage: 0.95 }] };
	const options: ChartOptions = { scales: { y: { beginAtZero: true, grid }, x: { grid: { display: false } } } };
	const last = h.edges.length - 1;
	return { data, options, csv: { header: ['bin_from', 'bin_to', count], rows: h.edges.map((e, k) => [e, open && k === last ? null : e + h.width, h.counts[k]]) } };
}

/** Diverging colour for a correlation: blue for negative, red for positive, white at 0. */
export function corr_colour(r: number): string {
	if (!Number.isFinite(r)) return '#eeeeee';
	const a = Math.min(1, Math.abs(r));
	const [R, G, B] = r >= 0 ? [178, 24, 43] : [33, 102, 172];
	const mix = (c: number) => Math.round(255 + (c - 255) * a);
	return `rgb(${mix(R)}, ${mix(G)}, ${mix(B)})`;
}

export function heatmap_figure(c: MusicInsights['correlation'], label: (f: string) => string) {
	const n = c.features.length;
	const points: { x: number; y: number; r: number }[] = [];
	for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) points.push({ x: a, y: b, r: c.matrix[a][b] });
	const tick = (v: number | string) => (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) < n ? label(c.features[Number(v)]) : '');
	const data: ChartData<'scatter'> = {
		datasets: [{
			label: 'r',
			data: points.map((p) => ({ x: p.x, y: p.y })),
			backgroundColor: points.map((p) => corr_colour(p.r)),
			pointStyle: 'rect',
			// a square per cell, sized to the plot area
			pointRadius: (ctx) => {
				const area = ctx.chart.chartArea;
				return area ? Math.max(2, Math.min(area.width, area.height) / n / 2 - 0.5) : 6;
			},
			pointHoverRadius: (ctx) => {
				const area = ctx.chart.chartArea;
				return area ? Math.max(2, Math.min(area.width, area.height) / n / 2 - 0.5) : 6;
			}
		}]
	};
	// one tick per cell centre (a linear scale would start its ticks at -0.5)
	const axis = { min: -0.5, max: n - 0.5, afterBuildTicks: (scale: { ticks: { value: number }[] }) => { scale.ticks = c.features.map((_, k) => ({ value: k })); }, ticks: { autoSkip: false, callback: tick }, grid: { display: false } };
	const options: ChartOptions<'scatter'> = { scales: { x: { ...axis, ticks: { ...axis.ticks, maxRotation: 90, minRotation: 60 } }, y: { ...axis, reverse: true } } };
	const rows = c.features.map((f, a) => [f, ...c.matrix[a].map((r) => (Number.isFinite(r) ? Number(r.toFixed(4)) : null))]);
	return { data: data as ChartData, options: options as ChartOptions, csv: { header: ['feature', ...c.features], rows } };
}

/**
 * One bar per label. With `keys` (the data's values the labels name, such as genre tags), the CSV keeps each key as
 * the data writes it and adds the label shown on the axis as a `label` column.
 */
export function bars_figure(labels: string[], values: number[], header: [string, string], colour = BRAND, horizontal = true, keys?: string[]) {
	const data: ChartData = { labels, datasets: [{ label: header[1], data: values, backgroundColor: colour, borderRadius: 3, maxBarThickness: 22 }] };
	const value_axis = { beginAtZero: true, grid };
	const options: ChartOptions = { indexAxis: horizontal ? 'y' : 'x', scales: horizontal ? { x: value_axis, y: { grid: { display: false }, ticks: { autoSkip: false } } } : { y: value_axis, x: { grid: { display: false } } } };
	const csv = keys
		? { header: [header[0], 'label', header[1]], rows: keys.map((key, k) => [key, labels[k], values[k]]) }
		: { header: [...header], rows: labels.map((l, k) => [l, values[k]]) };
	return { data, options, csv };
}

/** Box plots as floating bars, each feature scaled to 0-1 by its own min and max so they share one axis. */
export function box_figure(boxes: BoxStats[], label: (f: string) => string) {
	const scaled = boxes.filter((b) => b.n > 0 && b.max > b.min).map((b) => {
		const s = (v: number) => (v - b.min) / (b.max - b.min);
		return { b, whisker: [s(b.whisker_low), s(b.whisker_high)] as [number, number], box: [s(b.q1), s(b.q3)] as [number, number], median: [s(b.median) - 0.004, s(b.median) + 0.004] as [number, number] };
	});
	const labels = scaled.map((x) => label(x.b.feature));
	const data: ChartData = {
		labels,
		datasets: [
			{ label: 'whiskers', data: scaled.map((x) => x.whisker), backgroundColor: '#8a86a0', barPercentage: 0.08, grouped: false } as never,
			{ label: 'IQR', data: scaled.map((x) => x.box), backgroundColor: 'rgba(91, 60, 196, 0.55)', barPercentage: 0.6, grouped: false } as never,
			{ label: 'median', data: scaled.map((x) => x.median), backgroundColor: '#1f2330', barPercentage: 0.6, grouped: false } as never
		]
	};
	const options: ChartOptions = { indexAxis: 'y', scales: { x: { min: 0, max: 1, grid }, y: { grid: { display: false }, ticks: { autoSkip: false } } } };
	const rows = boxes.map((b) => [b.feature, b.n, b.min, b.whisker_low, b.q1, b.median, b.q3, b.whisker_high, b.max, b.outliers_low, b.outliers_high]);
	return { data, options, csv: { header: ['feature', 'n', 'min', 'whisker_low', 'q1', 'median', 'q3', 'whisker_high', 'max', 'outliers_low', 'outliers_high'], rows } };
}

export function quiet_figure(q: MusicInsights['quiet'], names: Record<'before' | 'after' | 'removed', string>) {
	const colours = { before: MUTED, after: BRAND, removed: BAD };
	const data: ChartData = {
		labels: q.edges.map((e) => `${e}–${e + 10}`),
		datasets: q.groups.map((g) => ({ label: names[g.name], data: g.counts.map((c) => (g.count ? (100 * c) / g.count : 0)), backgroundColor: colours[g.name], borderRadius: 2 }))
	};
	const options: ChartOptions = { scales: { y: { beginAtZero: true, grid, title: { display: true, text: '%' } }, x: { grid: { display: false } } } };
	const rows = q.groups.flatMap((g) => g.counts.map((c, k) => [g.name, q.edges[k], q.edges[k] + 10, c, g.count]));
	return { data, options, csv: { header: ['group', 'popularity_from', 'popularity_to', 'tracks', 'group_tracks'], rows } };
}

export function years_figure(years: MusicInsights['years'], feature: string, names: { tracks: string; mean: string }) {
	const data: ChartData = {
		labels: years.map((y) => String(y.year)),
		datasets: [
			{ type: 'bar', label: names.tracks, data: years.map((y) => y.tracks), backgroundColor: MUTED, yAxisID: 'y', order: 2 },
			{ type: 'line', label: names.mean, data: years.map((y) => y.means[feature]), borderColor: BRAND, backgroundColor: BRAND, yAxisID: 'y1', order: 1, tension: 0.2 }
		] as never
	};
	const options: ChartOptions = {
		scales: {
			y: { beginAtZero: true, position: 'left', grid, title: { display: true, text: names.tracks } },
			y1: { position: 'right', grid: { display: false }, title: { display: true, text: names.mean } },
			x: { grid: { display: false } }
		}
	};
	const feats = years[0] ? Object.keys(years[0].means) : [];
	return { data, options, csv: { header: ['year', 'tracks', ...feats.map((f) => `mean_${f}`)], rows: years.map((y) => [y.year, y.tracks, ...feats.map((f) => y.means[f])]) } };
}
