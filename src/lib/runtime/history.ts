/**
 * Prediction history in IndexedDB (via idb). Storage may be blocked (private windows, policies) or full; then every
 * function resolves with available: false and a reason, and the app carries on without history. Records are checked
 * when read, because the store outlives app versions: malformed ones are skipped and counted, never thrown.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { MusicInput } from '../core/features/music';
import type { MusicPrediction } from '../core/music/types';
import { check_music_input } from './music_input';
import { AppError } from './errors';
import { CAPTION_TRAITS, type CaptionTrait } from '../core/text/caption';
import type { VideoInput } from '../core/features/video';
import type { VideoPrediction } from '../core/video/types';
import { parse_video_input } from '../core/video/input';

export interface MusicPredictionRecord {
	id: string;
	/** epoch ms */
	time: number;
	model_id: string;
	model_version: string;
	kind: 'music';
	inputs: MusicInput;
	outputs: MusicPrediction;
	/** round trip seen by the page, ms */
	latency_ms: number;
}

/** An expected-likes estimate from /caption. The caption text itself is not stored: its traits are enough for drift. */
export interface CaptionPredictionRecord {
	id: string;
	time: number;
	model_id: string;
	model_version: string;
	kind: 'caption';
	inputs: { followers: number; traits: Record<CaptionTrait, number> };
	outputs: { log_prediction: number; likes: number; low: number; high: number; level: number; latency_ms: number };
	latency_ms: number;
}

/** A planned video's prediction from /video (views, likes, dislikes with intervals and drivers). */
export interface VideoPredictionRecord {
	id: string;
	time: number;
	/** the views model that answered (video_views or video_views_nosubs) */
	model_id: string;
	model_version: string;
	kind: 'video';
	inputs: VideoInput;
	outputs: VideoPrediction;
	latency_ms: number;
}

export type PredictionRecord = MusicPredictionRecord | CaptionPredictionRecord | VideoPredictionRecord;

type New<R> = R extends unknown ? Omit<R, 'id' | 'time'> & { time?: number } : never;
export type NewPredictionRecord = New<PredictionRecord>;

/** Storage refused: `error` says why (history_unavailable, history_full or history_blocked). */
export type Unavailable = { available: false; error: AppError };

interface HistorySchema extends DBSchema {
	predictions: { key: string; value: PredictionRecord; indexes: { by_time: number } };
}

const DB_NAME = 'hitcast';
const DB_VERSION = 1;
/** Oldest records go beyond this, so a slider session cannot fill the disk. */
const MAX_RECORDS = 5000;

let db: Promise<IDBPDatabase<HistorySchema>> | null = null;

const blocked = () => new AppError('history_blocked', {}, 'another Hitcast tab is blocking the history database');

function open(): Promise<IDBPDatabase<HistorySchema>> {
	if (typeof indexedDB === 'undefined') return Promise.reject(new AppError('history_unavailable', {}, 'this browser offers no IndexedDB'));
	db ??= new Promise<IDBPDatabase<HistorySchema>>((resolve, reject) => {
		// Another tab holding an older version blocks the upgrade indefinitely; give up rather than hang the page.
		const timer = setTimeout(() => reject(blocked()), 3000);
		openDB<HistorySchema>(DB_NAME, DB_VERSION, {
			upgrade(database) {
				const store = database.createObjectStore('predictions', { keyPath: 'id' });
				store.createIndex('by_time', 'time');
			},
			blocked() {
				reject(blocked());
			},
			terminated() {
				db = null;
			}
		}).then(
			(opened) => {
				clearTimeout(timer);
				resolve(opened);
			},
			(error) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	}).catch((error) => {
		db = null;
		throw error;
	});
	return db;
}

function unavailable(error: unknown): Unavailable {
	if (error instanceof AppError) return { available: false, error };
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	if (name === 'QuotaExceededError') return { available: false, error: new AppError('history_full', {}, 'History is off: this device’s storage for the site is full.') };
	const detail = error instanceof Error ? error.message : String(error);
	return { available: false, error: new AppError('history_unavailable', {}, `History is off: the browser does not allow storing it here (${detail}).`, detail) };
}

function new_id(): string {
	return typeof crypto !== 'undefined' && 'randomUUID' in crypto
		? crypto.randomUUID()
		: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export async function record_prediction(record: NewPredictionRecord): Promise<{ available: true; id: string } | Unavailable> {
	const full = { ...record, id: new_id(), time: record.time ?? Date.now() } as PredictionRecord;
	try {
		const database = await open();
		const tx = database.transaction('predictions', 'readwrite');
		await tx.store.put(full);
		// trim the oldest beyond the cap in the same transaction
		const count = await tx.store.count();
		if (count > MAX_RECORDS) {
			let cursor = await tx.store.index('by_time').openCursor();
			for (let extra = count - MAX_RECORDS; cursor && extra > 0; extra--) {
				await cursor.delete();
				cursor = await cursor.continue();
			}
		}
		await tx.done;
		return { available: true, id: full.id };
	} catch (error) {
		return unavailable(error);
	}
}

export async function list_predictions(
	limit = 200
): Promise<{ available: true; records: PredictionRecord[]; skipped: number } | (Unavailable & { records: []; skipped: 0 })> {
	try {
		const database = await open();
		const records: PredictionRecord[] = [];
		let skipped = 0;
		let cursor = await database.transaction('predictions').store.index('by_time').openCursor(null, 'prev');
		while (cursor && records.length < limit) {
			const record = parse_record(cursor.value);
			if (record) records.push(record);
			else skipped++;
			cursor = await cursor.continue();
		}
		return { available: true, records, skipped };
	} catch (error) {
		return { ...unavailable(error), records: [], skipped: 0 };
	}
}

/**
 * Add records (an imported history) in one transaction: all or nothing, and what is stored already stays (a record
 * with the same id is replaced by its imported copy).
 */
export async function add_records(records: readonly PredictionRecord[]): Promise<{ available: true; added: number } | Unavailable> {
	try {
		const database = await open();
		const tx = database.transaction('predictions', 'readwrite');
		for (const r of records) await tx.store.put(r);
		await tx.done;
		return { available: true, added: records.length };
	} catch (error) {
		return unavailable(error);
	}
}

export async function clear_history(): Promise<{ available: true } | Unavailable> {
	try {
		const database = await open();
		await database.clear('predictions');
		return { available: true };
	} catch (error) {
		return unavailable(error);
	}
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 200;

/** A stored record, if it is one this version can show; null otherwise. */
export function parse_record(value: unknown): PredictionRecord | null {
	if (value === null || typeof value !== 'object') return null;
	const r = value as Record<string, unknown>;
	if (!text(r.id) || !finite(r.time) || !text(r.model_id) || !text(r.model_version) || !finite(r.latency_ms) || r.latency_ms < 0) return null;
	if (r.kind === 'caption') return parse_caption_record(r);
	if (r.kind === 'video') return parse_video_record(r);
	if (r.kind !== 'music') return null;
	const inputs = check_music_input(r.inputs, null);
	if (!inputs.ok) return null;
	const o = r.outputs as Record<string, unknown> | null;
	if (!o || typeof o !== 'object' || !finite(o.popularity) || !finite(o.hit_score) || !finite(o.base_value) || !finite(o.latency_ms)) return null;
	const iv = o.interval as Record<string, unknown> | null;
	if (!iv || typeof iv !== 'object' || !finite(iv.low) || !finite(iv.high) || !finite(iv.level) || !finite(iv.coverage)) return null;
	if (!Array.isArray(o.contributions) || o.contributions.some((c) => !c || typeof c.feature !== 'string' || !finite(c.value))) return null;
	return { ...(r as unknown as MusicPredictionRecord), inputs: inputs.value };
}

function parse_caption_record(r: Record<string, unknown>): CaptionPredictionRecord | null {
	const i = r.inputs as Record<string, unknown> | null;
	const o = r.outputs as Record<string, unknown> | null;
	if (!i || typeof i !== 'object' || !o || typeof o !== 'object') return null;
	if (!finite(i.followers) || i.followers < 0) return null;
	const t = i.traits as Record<string, unknown> | null;
	if (!t || typeof t !== 'object' || !CAPTION_TRAITS.every((k) => finite(t[k]) && (t[k] as number) >= 0)) return null;
	if (!['log_prediction', 'likes', 'low', 'high', 'level', 'latency_ms'].every((k) => finite(o[k]))) return null;
	const traits = Object.fromEntries(CAPTION_TRAITS.map((k) => [k, t[k] as number])) as Record<CaptionTrait, number>;
	return {
		id: r.id as string, time: r.time as number, model_id: r.model_id as string, model_version: r.model_version as string, kind: 'caption',
		inputs: { followers: i.followers, traits },
		outputs: { log_prediction: o.log_prediction as number, likes: o.likes as number, low: o.low as number, high: o.high as number, level: o.level as number, latency_ms: o.latency_ms as number },
		latency_ms: r.latency_ms as number
	};
}

function parse_video_record(r: Record<string, unknown>): VideoPredictionRecord | null {
	const inputs = parse_video_input(r.inputs);
	if (!inputs) return null;
	const o = r.outputs as Record<string, unknown> | null;
	if (!o || typeof o !== 'object' || (o.subscribers_model !== 'with' && o.subscribers_model !== 'without') || !finite(o.latency_ms)) return null;
	if (!Array.isArray(o.targets) || o.targets.length !== 3) return null;
	for (const t of o.targets as Record<string, unknown>[]) {
		if (!t || typeof t !== 'object' || typeof t.target !== 'string' || !finite(t.count) || !finite(t.log_value) || !finite(t.base_value)) return null;
		const iv = t.interval as Record<string, unknown> | null;
		if (!iv || typeof iv !== 'object' || !finite(iv.low) || !finite(iv.high) || !finite(iv.level)) return null;
		if (!Array.isArray(t.contributions) || t.contributions.some((c) => !c || typeof c.feature !== 'string' || !finite(c.value))) return null;
	}
	return { ...(r as unknown as VideoPredictionRecord), inputs };
}
