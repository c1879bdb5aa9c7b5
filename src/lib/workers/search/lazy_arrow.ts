/**
 * Reading an Arrow IPC file whose dictionary strings are decoded on use, not up front.
 *
 * flechette decodes every entry of a dictionary when it attaches the dictionary to a record batch
 * (DictionaryBatch.setDictionary calls Column.cache(), which is Column.toArray()). The tracks shard has 66k distinct
 * artists fields, albums and genre lists: decoding them was ~100 ms of a worker's time before the first ?track=<id>
 * answer, which reads one row. Here the cache handed to each batch decodes an entry the first time it is read and
 * keeps it, so reading one row decodes its few strings, and reading a whole column decodes each distinct entry once.
 *
 * Only the one call to tableFromIPC sees the replaced Column.prototype.cache (a worker runs one task at a time).
 * Should a later flechette stop using cache() this way, the replacement is simply not used: the strings are then
 * decoded up front as before, never wrongly (test/unit/lazy_arrow.test.ts says which happened).
 */
import { Column, tableFromIPC } from '@uwdata/flechette';

type Table = ReturnType<typeof tableFromIPC>;

interface LazyEntries {
	/** how many entries have been decoded so far (for tests) */
	readonly decoded: number;
}

const LAZY = Symbol('lazy dictionary entries');

/** A dictionary's entries as an array-like that decodes entry i (Column.at) on its first read. */
function lazy_entries(dictionary: Column<unknown>): unknown[] {
	// holes until decoded (a decoded entry may be null, so holes, not nulls, mark what is still to do)
	const values = new Array<unknown>(dictionary.length);
	let decoded = 0;
	const stats: LazyEntries = {
		get decoded() {
			return decoded;
		}
	};
	return new Proxy(values, {
		get(target, key, receiver) {
			if (typeof key === 'string') {
				const i = +key;
				// only canonical indexes ("12", not "1e1" or "") within range are entries
				if (Number.isInteger(i) && i >= 0 && i < target.length && String(i) === key) {
					if (!(i in target)) {
						target[i] = dictionary.at(i);
						decoded++;
					}
					return target[i];
				}
			}
			if (key === LAZY) return stats;
			return Reflect.get(target, key, receiver);
		}
	});
}

/** tableFromIPC, with dictionary strings decoded when read (see above). */
export function table_from_ipc_lazy_dictionaries(bytes: Uint8Array): Table {
	const proto = Column.prototype as unknown as { cache(this: Column<unknown>): unknown[] };
	const eager = proto.cache;
	proto.cache = function (this: Column<unknown>) {
		return lazy_entries(this);
	};
	try {
		return tableFromIPC(bytes);
	} finally {
		proto.cache = eager;
	}
}

/**
 * How many of a dictionary-encoded column's distinct entries have been decoded, or null when its batches did not
 * get lazy entries (the column is not dictionary-encoded, or flechette no longer asks for a cache).
 */
export function decoded_entries(column: Column<unknown>): number | null {
	let total: number | null = null;
	const seen = new Set<unknown>();
	for (const batch of (column as unknown as { data: { cache?: unknown }[] }).data) {
		const stats = (batch.cache as { [LAZY]?: LazyEntries } | undefined)?.[LAZY];
		if (!stats || seen.has(stats)) continue;
		seen.add(stats);
		total = (total ?? 0) + stats.decoded;
	}
	return total;
}
