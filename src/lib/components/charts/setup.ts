/**
 * chart.js with only what Hitcast draws (bar charts). Imported dynamically by BarChart.svelte, so chart.js stays out
 * of the first-load bundle and loads only on the pages that show a chart; named imports let Rollup drop the rest.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';

// No Tooltip plugin (5 KB gzip): BarChart.svelte names the hovered bar itself, from the chart's onHover callback.
Chart.register(BarController, BarElement, CategoryScale, LinearScale);
Chart.defaults.font.family = getComputedStyle(document.body).getPropertyValue('--bs-body-font-family') || 'system-ui, sans-serif';
Chart.defaults.color = '#3b3f4c';
// Charts redraw on every slider tick; animation would lag behind the value it shows.
Chart.defaults.animation = false;

export { Chart };
