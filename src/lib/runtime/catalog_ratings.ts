/**
 * The visitor's film ratings in IndexedDB (database hitcast-catalog, its own so the history schema never has to
 * migrate for it). Records are checked when read, because storage outlives app versions and can be edited by hand:
 * a malformed record is reported (and can be removed) without losing the good ones. Blocked or failing storage
 * leaves ratings in memory for this visit, and says so.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredRating } from './catalog_protocol';

interface RatingsSchema extends DBSchema {
	ratings: { key: number; value: StoredRating & { time: number } };
}

let db: Promise<IDBPDatabase<RatingsSchema>> | null = null;
function open(): Promise<IDBPDatabase<RatingsSchema>> {
	db ??= openDB<RatingsSchema>('hitcast-catalog', 1, {
		upgrade(d) {
			d.createObjectStore('ratings', { keyPath: 'movielens_id' });
		}
	}).catch((error) => {
		db = null;
		throw error;
	});
	return db;
}

/** 0.5 to 5 in half points */
export function is_valid_rating(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0.5 && v <= 5 && Math.round(v * 2) === v * 2;
}

export function check_record(r: unknown): StoredRating | null {
	if (!r || typeof r !== 'object') return null;
	const x = r as Record<string, unknown>;
	if (typeof x.movielens_id !== 'number' || !Number.isInteger(x.movielens_id) || x.movielens_id <= 0) return null;
	if (!is_valid_rating(x.rating)) return null;
	return { movielens_id: x.movielens_id, rating: x.rating };
}

export type RatingsRead = { available: true; ratings: StoredRating[]; corrupted: unknown[] } | { available: false; reason: string; ratings: StoredRating[]; corrupted: unknown[] };

export async function read_ratings(): Promise<RatingsRead> {
	try {
		const d = await open();
		const keys = await d.getAllKeys('ratings');
		const values = await d.getAll('ratings');
		const ratings: StoredRating[] = [];
		const corrupted: unknown[] = [];
		values.forEach((v, i) => {
			const ok = check_record(v);
			if (ok) ratings.push(ok);
			else corrupted.push(keys[i]);
		});
		return { available: true, ratings, corrupted };
	} catch (error) {
		return { available: false, reason: error instanceof Error ? error.message : String(error), ratings: [], corrupted: [] };
	}
}

export async function save_rating(r: StoredRating): Promise<boolean> {
	if (!check_record(r)) throw new RangeError('a rating is a half point from 0.5 to 5');
	try {
		await (await open()).put('ratings', { ...r, time: Date.now() });
		return true;
	} catch {
		return false;
	}
}

export async function delete_rating(movielens_id: number): Promise<boolean> {
	try {
		await (await open()).delete('ratings', movielens_id);
		return true;
	} catch {
		return false;
	}
}

/** Remove the given keys (the unreadable records read_ratings reported). */
export async function delete_keys(keys: unknown[]): Promise<boolean> {
	try {
		const d = await open();
		const tx = d.transaction('ratings', 'readwrite');
		for (const k of keys) await tx.store.delete(k as number);
		await tx.done;
		return true;
	} catch {
		return false;
	}
}

export async function clear_ratings(): Promise<boolean> {
	try {
		await (await open()).clear('ratings');
		return true;
	} catch {
		return false;
	}
}
