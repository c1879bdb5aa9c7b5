/**
 * chart.js with what the insights page and the market panel draw (bars, lines, scatter for the heatmap and the
 * log-log subscribers plot, floating bars for box plots, logarithmic axes for counts), loaded on first use by
 * Chart.svelte. Separate from setup.ts so the music page's drivers chart keeps its smaller chunk. A white background
 * is painted under every chart, so a downloaded PNG is legible.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, ScatterController, Filler, type Plugin } from 'chart.js';

const white_background: Plugin = {
	id: 'hc_white_background',
	beforeDraw(chart) {
		const { ctx, width, height } = chart;
		ctx.save();
		ctx.globalCompositeOperation = 'destination-over';
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, width, height);
		ctx.restore();
	}
};

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, ScatterController, Filler, white_background);
Chart.defaults.font.family = getComputedStyle(document.body).getPropertyValue('--bs-body-font-family') || 'system-ui, sans-serif';
Chart.defaults.color = '#3b3f4c';
Chart.defaults.animation = false;

export { Chart };
