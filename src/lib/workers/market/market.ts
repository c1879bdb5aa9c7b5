/**
 * The chart-chance model (one ONNX file, 20 probability columns: Top 200 and Top 50 of 10 regions) and the
 * charted-tracks shard for "songs like this that charted there". Takes the music studio's raw input and returns
 * finished results: the page never encodes features.
 */
import * as ort from 'onnxruntime-web/wasm';
import { tableFromIPC } from '@uwdata/flechette';
import type { Manifest, ModelEntry } from '../../core/manifest';
import type { LoadProgress } from '../../core/music/types';
import type { MusicInput } from '../../core/features/music';
import { CHART_FEATURES, CHART_REGIONS, chart_feature_row, is_chart_region, output_index, type ChartRegion } from '../../core/charts/regions';
import { build_chart_catalogue, nearest_charted, type ChartCatalogue, type SelfKey } from '../../core/charts/similar';
import { dequantize } from '../../core/charts/shard';
import type { MarketInfo, MarketResult } from '../../core/charts/types';
import { AppError } from '../../runtime/errors';
import { ArtifactError, fetch_model_file, fetch_shard, find_model, find_shard } from '../../runtime/artifacts';
import { mark } from '../../runtime/marks';

export const CHART_MODEL_ID = 'charts_chance';
const SHARD_ID = 'charts_tracks';
const MAX_NEIGHBOURS = 50;

interface MarketState {
	info: MarketInfo;
	session: ort.InferenceSession;
	input_name: string;
	output_name: string;
	catalogue: ChartCatalogue;
}

function region_bases(model: ModelEntry): MarketInfo['regions'] {
	const columns = model.output.columns ?? [];
	const base = (name: string) => columns.find((c) => c.name === name)?.base_rate ?? NaN;
	return CHART_REGIONS.map((region) => {
		const ev = model.evaluations.find((e) => e.split.startsWith('artist-') && e.output === `${region}:top200`);
		return {
			region,
			base_top200: base(`${region}:top200`),
			base_top50: base(`${region}:top50`),
			auc_top200: ev?.metrics.find((m) => m.name === 'auc')?.mean ?? NaN
		};
	});
}

export async function load_market(manifest: Manifest, manifest_url: string, runtime: Promise<void>, on_progress?: (p: LoadProgress) => void): Promise<MarketState> {
	const model = find_model(manifest, CHART_MODEL_ID, manifest_url);
	const shard = find_shard(manifest, SHARD_ID, manifest_url);
	if (model.input.features.length !== CHART_FEATURES.length || model.input.features.some((f, i) => f !== CHART_FEATURES[i])) {
		throw new ArtifactError('version_mismatch', { file: model.file }, 'The chart-chance model expects features this app does not encode; the model and the app are from different versions.', manifest_url);
	}
	const [model_bytes, shard_bytes] = await Promise.all([
		fetch_model_file(manifest_url, model, 'model', 'the chart-chance model', on_progress),
		fetch_shard(manifest_url, shard, 'the charted songs', on_progress)
	]);
	mark('market:fetched');
	await runtime;
	let session: ort.InferenceSession;
	try {
		session = await ort.InferenceSession.create(model_bytes, { executionProviders: ['wasm'] });
	} catch (error) {
		throw new AppError('runtime_start', {}, `Could not start the chart-chance model in onnxruntime-web: ${error instanceof Error ? error.message : String(error)}`, error);
	}
	mark('market:session');
	let catalogue: ChartCatalogue;
	try {
		// flechette (arquero's Arrow reader) directly: arquero itself would add ~150 KB to this worker's script, which
		// every visit compiles before its first prediction
		const t = tableFromIPC(shard_bytes);
		const values = (name: string) => {
			const c = t.getChild(name);
			if (!c) throw new Error(`no column "${name}"`);
			return c.toArray();
		};
		const col = (name: string) => values(name) as ArrayLike<number>;
		const text = (name: string) => Array.from(values(name) as ArrayLike<string | null>, (s) => s ?? '');
		catalogue = build_chart_catalogue({
			title: text('title'), artist: text('artist'), first_week: text('first_week'),
			features: Object.fromEntries(CHART_FEATURES.map((f) => [f, dequantize(f, col(f))])),
			peak: Object.fromEntries(CHART_REGIONS.map((r) => [r, col(`peak_${r}`)])),
			weeks: Object.fromEntries(CHART_REGIONS.map((r) => [r, col(`weeks_${r}`)]))
		});
	} catch (error) {
		throw new ArtifactError('file_unreadable', { file: shard.file }, `The charted songs (${shard.file}) could not be read: ${error instanceof Error ? error.message : String(error)}`, manifest_url, error);
	}
	const input_name = session.inputNames.includes(model.input.name) ? model.input.name : session.inputNames[0];
	const output_name = session.outputNames.includes(model.output.name) ? model.output.name : session.outputNames[0];
	mark('market:ready');
	return { info: { model, tracks: catalogue.n, regions: region_bases(model) }, session, input_name, output_name, catalogue };
}

export async function market(state: MarketState, input: MusicInput, region: unknown, limit: unknown, exclude?: SelfKey): Promise<MarketResult> {
	if (typeof region !== 'string' || !is_chart_region(region)) throw new AppError('unknown_region', { region: String(region).slice(0, 40) }, `Unknown chart region "${String(region)}".`);
	const k = typeof limit === 'number' && Number.isInteger(limit) ? Math.min(Math.max(limit, 0), MAX_NEIGHBOURS) : 5;
	const start = performance.now();
	const row = chart_feature_row(input);
	const out = await state.session.run({ [state.input_name]: new ort.Tensor('float32', row, [1, row.length]) });
	const p = out[state.output_name].data as Float32Array;
	const cols = state.info.model.output.columns?.length ?? p.length;
	if (p.length !== cols) throw new AppError('version_mismatch', { file: state.info.model.file }, `The chart-chance model returned ${p.length} values where its manifest lists ${cols}.`);
	const regions = state.info.regions.map((b) => ({
		...b,
		top200: p[output_index(b.region, 'top200')],
		top50: p[output_index(b.region, 'top50')]
	}));
	if (regions.some((r) => !Number.isFinite(r.top200) || !Number.isFinite(r.top50))) throw new AppError('no_number', {}, 'The chart-chance model returned no number for this input.');
	const similar = nearest_charted(state.catalogue, row, region as ChartRegion, k, exclude);
	return { model_id: state.info.model.id, model_version: state.info.model.version, regions, region: region as ChartRegion, similar, latency_ms: performance.now() - start };
}
