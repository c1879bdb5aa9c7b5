/**
 * Video worker: the six video models (views, likes, dislikes x subscribers known / unknown) in onnxruntime-web, exact
 * TreeSHAP drivers from the same trees, and the page's data work on the shards (filters, subset statistics, the
 * subscribers scatter, tag lift, batch CSV predictions). It receives raw inputs and returns finished results.
 */
import * as ort from 'onnxruntime-web/wasm';
import { contributions, predict_one, type GbdtModel } from '../../core/gbdt';
import { encode_video, video_feature_group, VIDEO_FEATURE_NAMES, VIDEO_N_FEATURES, VIDEO_TARGETS, normalise_tags, type TagStats, type VideoInput, type VideoTarget } from '../../core/features/video';
import type { ModelEntry } from '../../core/manifest';
import { decode_csv_bytes, parse_csv_text } from '../../core/csv';
import { check_video_draft, parse_video_input, type VideoDraft, type VideoField } from '../../core/video/input';
import { YOUTUBE_CATEGORIES } from '../../core/video/categories';
import type { BatchRowResult, TargetPrediction, VideoContribution, VideoPrediction } from '../../core/video/types';
import { blend, blend_drivers, linear_reader, video_tokens, type LinearReader, type VideoLinear, type VideoTokens } from '../../core/video/linear';
import { AppError } from '../../runtime/errors';
import { ArtifactError, fetch_model_file, fetch_shard, find_model, find_shard } from '../../runtime/artifacts';
import type { BatchLineError, BatchResult, VideoApi, VideoLoadArgs } from '../../runtime/video_protocol';
import { serve } from '../rpc';
import { onnx_from_trees } from '../onnx_from_trees';
import { filter_rows, read_rows, read_tags, scatter, serving_tag_stats, subset_stats, tag_lift, type TagTable, type VideoRows } from './data';
import { ROW_FEATURES } from './row_features';

type SetName = 'sub' | 'all';
const model_id = (target: VideoTarget, set: SetName) => (set === 'sub' ? `video_${target}` : `video_${target}_nosubs`);

interface ModelState {
	entry: ModelEntry;
	session: ort.InferenceSession;
	trees: GbdtModel;
	stats: TagStats;
	/** the word ridge blended with the trees (in the trees file since the blend; absent in older files) */
	linear: LinearReader | null;
}

interface Loaded {
	models: Map<string, ModelState>;
	rows: VideoRows;
	tags: TagTable;
}

let loaded: Promise<Loaded> | null = null;

/** Batch uploads: a planned-videos list, not a data dump. */
export const BATCH_MAX_BYTES = 2_000_000;
export const BATCH_MAX_ROWS = 5000;

async function load_all(args: VideoLoadArgs, on_progress: Parameters<typeof fetch_shard>[3]): Promise<Loaded> {
	const { manifest, manifest_url } = args;
	ort.env.wasm.numThreads = 1;
	ort.env.wasm.proxy = false;
	ort.env.wasm.wasmPaths = { mjs: args.mjs_url, wasm: args.wasm_url };
	const entries = VIDEO_TARGETS.flatMap((t) => (['sub', 'all'] as const).map((s) => ({ target: t, set: s, entry: find_model(manifest, model_id(t, s), manifest_url) })));
	for (const { entry } of entries) {
		if (entry.input.features.length !== VIDEO_N_FEATURES || entry.input.features.some((f, i) => f !== VIDEO_FEATURE_NAMES[i])) {
			throw new ArtifactError('version_mismatch', { file: entry.file }, `The video model ${entry.id} expects other features than this app encodes; the model and the app are from different versions.`, manifest_url);
		}
	}
	const [rows_bytes, tags_bytes] = await Promise.all([
		fetch_shard(manifest_url, find_shard(manifest, 'video_rows', manifest_url), 'the video data', on_progress),
		fetch_shard(manifest_url, find_shard(manifest, 'video_tags', manifest_url), 'the tag statistics', on_progress)
	]);
	const rows = read_rows(rows_bytes, ROW_FEATURES);
	const tags = read_tags(tags_bytes);
	const models = new Map<string, ModelState>();
	await Promise.all(entries.map(async ({ target, set, entry }) => {
		const label = `the ${target} model`;
		// the ONNX file is downloaded only when it cannot be rebuilt from the trees (see onnx_from_trees)
		const [published, tree_bytes] = await Promise.all([
			entry.onnx_from_trees ? null : fetch_model_file(manifest_url, entry, 'model', label, on_progress),
			fetch_model_file(manifest_url, entry, 'trees', label, on_progress)
		]);
		const trees = JSON.parse(new TextDecoder().decode(tree_bytes)) as GbdtModel & { linear?: VideoLinear };
		const bytes = published ?? (await onnx_from_trees(entry, trees, label, manifest_url));
		let session: ort.InferenceSession;
		try {
			session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
		} catch (error) {
			throw new ArtifactError('runtime_start', {}, `Could not start ${label} in onnxruntime-web: ${error instanceof Error ? error.message : String(error)}`, manifest_url, error);
		}
		let linear: LinearReader | null = null;
		try {
			linear = trees.linear ? linear_reader(trees.linear) : null;
		} catch (error) {
			throw new ArtifactError('file_unreadable', { file: entry.trees_file ?? entry.file }, `The word weights of ${label} cannot be read (${error instanceof Error ? error.message : String(error)}); reload to fetch the current version.`, manifest_url, error);
		}
		models.set(entry.id, { entry, session, trees, stats: serving_tag_stats(tags, rows, set, target), linear });
	}));
	// one probe through both the session and the trees: the drivers must explain the model that predicts
	const probe = models.get(model_id('views', 'sub'))!;
	const x = encode_video({ title: 'Probe', tags: [], category_id: 24, country: 'US', subscribers: 1e5, publish_hour: 12, publish_weekday: 2, description_length: 100, comments_disabled: false, ratings_disabled: false }, probe.stats);
	const a = await run_once(probe, x);
	const b = predict_one(probe.trees, x);
	if (!(Math.abs(a - b) < 1e-3)) throw new ArtifactError('version_mismatch', { file: probe.entry.file }, `The views model and its explanation trees disagree (${a.toFixed(4)} vs ${b.toFixed(4)}); they are from different versions.`, manifest_url);
	return { models, rows, tags };
}

async function run_once(m: ModelState, x: Float32Array): Promise<number> {
	const name_in = m.session.inputNames[0];
	const name_out = m.session.outputNames[0];
	const out = await m.session.run({ [name_in]: new ort.Tensor('float32', x, [1, x.length]) });
	return Number((out[name_out].data as Float32Array)[0]);
}

async function run_many(m: ModelState, X: Float32Array, n: number): Promise<Float32Array> {
	const out = await m.session.run({ [m.session.inputNames[0]]: new ort.Tensor('float32', X, [n, VIDEO_N_FEATURES]) });
	return out[m.session.outputNames[0]].data as Float32Array;
}

/** The model's log1p prediction from the trees' output: blended with the word ridge where the model has one. */
function served_value(m: ModelState, gbdt: number, x: Float32Array, tokens: VideoTokens): number {
	return m.linear ? blend(m.linear.model, gbdt, m.linear.predict(x, tokens)) : gbdt;
}

/** The draft's hashed title and tag words: the same for the three targets, so read once per draft. */
function tokens_of(input: VideoInput): VideoTokens {
	return video_tokens(input.title, normalise_tags(input.tags));
}

/**
 * Drivers by display group and the base they start from: the trees' TreeSHAP values, blended with the ridge's
 * centred parts in the same proportion as the prediction, so base + drivers = the served value.
 */
function drivers(m: ModelState, x: Float32Array, tokens: VideoTokens): { base: number; contributions: VideoContribution[] } {
	const phi = contributions(m.trees, x);
	const groups = new Map<string, number>();
	for (let j = 0; j < VIDEO_N_FEATURES; j++) {
		const g = video_feature_group(VIDEO_FEATURE_NAMES[j]);
		groups.set(g, (groups.get(g) ?? 0) + phi[j]);
	}
	const served = blend_drivers(m.linear, { base: phi[phi.length - 1], groups }, x, tokens);
	return { base: served.base, contributions: [...served.groups].map(([feature, value]) => ({ feature, value })).sort((p, q) => Math.abs(q.value) - Math.abs(p.value)) };
}

function set_for(input: VideoInput): SetName {
	return input.subscribers !== null && input.subscribers > 0 ? 'sub' : 'all';
}

async function predict(state: Loaded, raw: unknown): Promise<VideoPrediction> {
	const input = parse_video_input(raw);
	if (!input) throw new AppError('bad_input', {}, 'The planned video could not be read; check the form.');
	const start = performance.now();
	const set = set_for(input);
	const targets: TargetPrediction[] = [];
	const tokens = tokens_of(input);
	for (const target of VIDEO_TARGETS) {
		const m = state.models.get(model_id(target, set))!;
		const x = encode_video(input, m.stats);
		const value = served_value(m, await run_once(m, x), x, tokens);
		if (!Number.isFinite(value)) throw new AppError('no_number', {}, `The ${target} model returned no number for this input.`);
		const d = drivers(m, x, tokens);
		const iv = m.entry.interval;
		targets.push({
			target,
			model_id: m.entry.id,
			model_version: m.entry.version,
			log_value: value,
			count: Math.max(0, Math.expm1(value)),
			interval: iv
				? { low: Math.max(0, Math.expm1(value - iv.lower_offset)), high: Math.expm1(value + iv.upper_offset), level: iv.level, coverage: iv.coverage }
				: { low: NaN, high: NaN, level: 0, coverage: 0 },
			base_value: d.base,
			contributions: d.contributions
		});
	}
	return { subscribers_model: set === 'sub' ? 'with' : 'without', targets, latency_ms: performance.now() - start };
}

const BATCH_COLUMNS = ['title', 'tags', 'category', 'country', 'subscribers', 'publish_date', 'publish_hour'] as const;

async function batch(state: Loaded, bytes: ArrayBuffer): Promise<BatchResult> {
	const decoded = decode_csv_bytes(new Uint8Array(bytes), BATCH_MAX_BYTES);
	if ('error' in decoded) return { rows: [], errors: [], file_error: decoded.error };
	const first_line = decoded.text.slice(0, decoded.text.search(/\r?\n|$/));
	const delimiter = (first_line.match(/;/g)?.length ?? 0) > (first_line.match(/,/g)?.length ?? 0) ? ';' : ',';
	const parsed = parse_csv_text(decoded.text, delimiter, BATCH_MAX_ROWS + 1);
	if (parsed.error && parsed.error.code !== 'unterminated_quote') return { rows: [], errors: [], file_error: parsed.error };
	if (parsed.records.length === 0) return { rows: [], errors: [], file_error: { code: 'empty' } };
	const header = parsed.records[0].fields.map((h) => h.trim().toLowerCase());
	const missing = ['title', 'category', 'country'].filter((c) => !header.includes(c));
	if (missing.length) return { rows: [], errors: [], file_error: { code: 'missing_columns', columns: missing } };
	const col = (name: string) => header.indexOf(name);
	const errors: BatchLineError[] = [];
	const good: { line: number; input: VideoInput; title: string }[] = [];
	for (const r of parsed.records.slice(1)) {
		if (r.fields.length !== header.length) {
			errors.push({ line: r.line, field: 'fields', error: { code: 'field_count', expected: header.length, got: r.fields.length } });
			continue;
		}
		const get = (name: (typeof BATCH_COLUMNS)[number]) => (col(name) >= 0 ? r.fields[col(name)] : '');
		const draft: VideoDraft = {
			title: get('title'), tags: get('tags'), category: get('category'), country: get('country'),
			subscribers: get('subscribers'), publish_date: get('publish_date'), publish_hour: get('publish_hour')
		};
		const checked = check_video_draft(draft, YOUTUBE_CATEGORIES);
		if (!checked.ok) {
			const [field, error] = Object.entries(checked.errors)[0] as [VideoField, NonNullable<(typeof checked.errors)[VideoField]>];
			errors.push({ line: r.line, field, error });
		} else good.push({ line: r.line, input: checked.value, title: checked.value.title });
	}
	if (parsed.error) errors.push({ line: parsed.error.line, field: 'fields', error: { code: 'field_count', expected: header.length, got: 0 } });
	const rows: BatchRowResult[] = good.map((g) => ({ line: g.line, title: g.title, views: 0, likes: 0, dislikes: 0, views_low: 0, views_high: 0, subscribers_model: set_for(g.input) === 'sub' ? 'with' : 'without' }));
	const tokens = good.map((g) => tokens_of(g.input));
	for (const set of ['sub', 'all'] as const) {
		const idx = good.flatMap((g, k) => (set_for(g.input) === set ? [k] : []));
		if (!idx.length) continue;
		for (const target of VIDEO_TARGETS) {
			const m = state.models.get(model_id(target, set))!;
			const X = new Float32Array(idx.length * VIDEO_N_FEATURES);
			idx.forEach((k, q) => encode_video(good[k].input, m.stats, X, q * VIDEO_N_FEATURES));
			const out = await run_many(m, X, idx.length);
			idx.forEach((k, q) => {
				const v = served_value(m, out[q], X.subarray(q * VIDEO_N_FEATURES, (q + 1) * VIDEO_N_FEATURES), tokens[k]);
				rows[k][target] = Math.max(0, Math.expm1(v));
				if (target === 'views' && m.entry.interval) {
					rows[k].views_low = Math.max(0, Math.expm1(v - m.entry.interval.lower_offset));
					rows[k].views_high = Math.expm1(v + m.entry.interval.upper_offset);
				}
			});
		}
	}
	return { rows, errors };
}

function need(): Promise<Loaded> {
	if (!loaded) throw new AppError('not_loaded', {}, 'The video models are not loaded yet.');
	return loaded;
}

serve<VideoApi>({
	async load(args, ctx) {
		loaded ??= load_all(args, (p) => ctx.progress(p));
		loaded.catch(() => (loaded = null));
		const s = await loaded;
		const counts = new Map<number, number>();
		for (let i = 0; i < s.rows.n; i++) counts.set(s.rows.category[i], (counts.get(s.rows.category[i]) ?? 0) + 1);
		return {
			models: [...s.models.values()].map((m) => m.entry),
			rows: s.rows.n,
			categories: [...counts].map(([id, videos]) => ({ id, videos })).sort((a, b) => b.videos - a.videos)
		};
	},
	async predict({ input }) {
		return predict(await need(), input);
	},
	async explore({ filter }) {
		const s = await need();
		const subset = filter_rows(s.rows, s.tags, filter);
		return { stats: subset_stats(s.rows, s.tags, filter, subset), scatter: scatter(s.rows, subset) };
	},
	async tag_lift({ category, draft_tags }) {
		const s = await need();
		const lifts = tag_lift(s.rows, s.tags, category);
		const have = new Set(normalise_tags(draft_tags));
		return { lifts, suggestions: lifts.filter((l) => l.lift > 1 && !have.has(l.tag)).slice(0, 6) };
	},
	async batch({ bytes }) {
		return batch(await need(), bytes);
	}
});
