/**
 * Chart.js data and CSV tables for the video and catalogue figures, from the worker's aggregates. Apart from the
 * music figures (figures.ts) so that they load with those sections' figures, not with the page.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { Histogram } from '$lib/core/insights/music';
import type { Spread, SubscriberScatter, VideoGroup, VideoMeasure } from '$lib/core/insights/video';
import type { PlatformCounts } from '$lib/core/insights/catalog';
import { PLATFORMS, PLATFORM_LABELS } from '$lib/catalog/platforms';
import { BAD, BRAND, GOOD, grid, histogram_figure } from './figures';

/** The streaming platforms' colours, in PLATFORMS order (netflix, amazon, disney, hulu). */
export const PLATFORM_COLOURS = ['#c8102e', '#1a7fc1', '#1f2a7a', '#3a9b5a'];

/** The video measures' colours. */
export const MEASURE_COLOURS: Record<VideoMeasure, string> = { views: BRAND, likes: GOOD, dislikes: BAD };

const is_decade = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/** A logarithmic axis labelled at the powers of ten only (by `label`), with fainter lines between them. */
function log_axis(label: (v: number) => string) {
	return {
		type: 'logarithmic' as const,
		grid: { color: (ctx: { tick?: { value: number } }) => (ctx.tick && is_decade(ctx.tick.value) ? grid.color : '#f6f5f9') },
		ticks: { callback: (v: number | string) => (is_decade(Number(v)) ? label(Number(v)) : ''), autoSkip: false, maxRotation: 0 }
	};
}

/**
 * A count's spread per group on a logarithmic axis: a bar from the 25th to the 75th percentile and a dark tick at
 * the median. The CSV has every measure's quartiles, median and mean, whichever the chart shows.
 */
export function spread_figure(groups: VideoGroup[], measure: VideoMeasure, label: (g: VideoGroup) => string, key: { header: string[]; cells: (g: VideoGroup) => (string | number)[] }, tick: (v: number) => string) {
	const s = groups.map((g) => g.stats[measure]);
	const data: ChartData = {
		labels: groups.map(label),
		datasets: [
			{ label: 'IQR', data: s.map((x) => [x.p25, x.p75]), backgroundColor: MEASURE_COLOURS[measure] + '8c', barPercentage: 0.7, grouped: false } as never,
			// a tick 4 % either side of the median: constant width on the log axis
			{ label: 'median', data: s.map((x) => [x.median / 1.04, x.median * 1.04]), backgroundColor: '#1f2330', barPercentage: 0.7, grouped: false } as never
		]
	};
	const options: ChartOptions = { indexAxis: 'y', scales: { x: log_axis(tick), y: { grid: { display: false }, ticks: { autoSkip: false } } } };
	const stats = (['views', 'likes', 'dislikes'] as const).flatMap((k) => (['p25', 'median', 'p75', 'mean'] as (keyof Spread)[]).map((q) => [k, q] as const));
	return {
		data, options,
		csv: { header: [...key.header, 'videos', ...stats.map(([k, q]) => `${k}_${q}`)], rows: groups.map((g) => [...key.cells(g), g.videos, ...stats.map(([k, q]) => g.stats[k][q])]) }
	};
}

/** Subscribers against views, both axes logarithmic, with the least-squares line of the logs. */
export function scatter_figure(s: SubscriberScatter, names: { videos: string; fit: string; x: string; y: string }, tick: (v: number) => string) {
	const xs = s.points.map((p) => p[0]);
	const lo = Math.min(...xs), hi = Math.max(...xs);
	const line = s.fit && s.points.length ? [lo, hi].map((x) => ({ x, y: 10 ** (s.fit!.intercept + s.fit!.slope * Math.log10(x)) })) : [];
	const data: ChartData<'scatter'> = {
		datasets: [
			{ label: names.videos, data: s.points.map(([x, y]) => ({ x, y })), backgroundColor: 'rgba(91, 60, 196, 0.35)', pointRadius: 2, pointHoverRadius: 3, order: 2 },
			{ label: names.fit, data: line, showLine: true, borderColor: BAD, backgroundColor: BAD, borderWidth: 2, pointRadius: 0, order: 1 }
		]
	};
	const axis = (title: string) => ({ ...log_axis(tick), title: { display: true, text: title } });
	const options: ChartOptions<'scatter'> = { scales: { x: axis(names.x), y: axis(names.y) } };
	return { data: data as ChartData, options: options as ChartOptions, csv: { header: ['subscribers', 'views'], rows: s.points.map((p) => [p[0], p[1]]) } };
}

/**
 * Bars stacked by series (the platforms), one bar per label. Series without any value are left out of the chart;
 * the CSV keeps a column per series and the total.
 */
export function stacked_figure(labels: string[], series: { id: string; name: string; values: number[]; colour: string }[], key: string, horizontal = false) {
	const data: ChartData = {
		labels,
		datasets: series.filter((s) => s.values.some((v) => v > 0)).map((s) => ({ label: s.name, data: s.values, backgroundColor: s.colour, maxBarThickness: 22 }))
	};
	const value_axis = { stacked: true, beginAtZero: true, grid };
	const label_axis = { stacked: true, grid: { display: false }, ticks: horizontal ? { autoSkip: false } : {} };
	const options: ChartOptions = { indexAxis: horizontal ? 'y' : 'x', scales: horizontal ? { x: value_axis, y: label_axis } : { y: value_axis, x: label_axis } };
	const rows = labels.map((l, k) => [l, ...series.map((s) => s.values[k]), series.reduce((t, s) => t + s.values[k], 0)]);
	return { data, options, csv: { header: [key, ...series.map((s) => s.id), 'total'], rows } };
}

/** Counts per platform as bars stacked by platform, one bar per key (a year, a genre, an age rating). */
export function platform_figure<K>(rows: PlatformCounts<K>[], label: (k: K) => string, key: string, horizontal: boolean) {
	const series = PLATFORMS.map((p, i) => ({ id: p, name: PLATFORM_LABELS[p], values: rows.map((x) => x.counts[i]), colour: PLATFORM_COLOURS[i] }));
	return stacked_figure(rows.map((x) => label(x.key)), series, key, horizontal);
}

/** A clamped duration histogram: bins named by their left edge, the last one "edge+" as it holds everything beyond. */
export function duration_figure(h: Histogram, count: string, format: (v: number) => string) {
	const last = h.edges.length - 1;
	return histogram_figure(h, (v, k) => (k === last ? `${format(v)}+` : format(v)), count, true);
}
