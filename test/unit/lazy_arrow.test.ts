/**
 * The search worker reads the tracks shard with dictionary strings decoded on use (workers/search/lazy_arrow.ts):
 * the values must be exactly flechette's, nothing decoded before a row is read, and the byte search that finds an
 * artist's fields must find every field containing the name and no other.
 */
import { describe, expect, it } from 'vitest';
import { dictionary, tableFromArrays, tableFromIPC, tableToIPC, uint16, utf8, int32 } from '@uwdata/flechette';
import { decoded_entries, table_from_ipc_lazy_dictionaries } from '../../src/lib/workers/search/lazy_arrow';
import { entries_containing } from '../../src/lib/workers/search/tracks';

const artists = ['Queen', 'Queens of the Stone Age', 'Beyoncé;JAY-Z', 'Sigur Rós', 'Queen;David Bowie', 'Björk', 'Queen'];
const album = [null, 'Songs for the Deaf', 'Everything Is Love', 'Ágætis byrjun', null, 'Homogenic', 'A Night at the Opera'];
const ipc = () =>
	tableToIPC(
		tableFromArrays(
			{ artists, album, plays: Int32Array.from(artists, (_, i) => i * 10) },
			{ types: { artists: dictionary(utf8(), uint16()), album: dictionary(utf8(), uint16()), plays: int32() } }
		),
		{ format: 'file' }
	)!;

describe('an Arrow file with its dictionary strings decoded on use', () => {
	it('decodes nothing when read, then only the entries read, each once', () => {
		const table = table_from_ipc_lazy_dictionaries(ipc());
		const column = table.getChild('artists')!;
		expect(decoded_entries(column)).toBe(0);
		expect(column.at(2)).toBe('Beyoncé;JAY-Z');
		expect(decoded_entries(column)).toBe(1);
		// rows 0 and 6 share one entry
		expect(column.at(0)).toBe('Queen');
		expect(column.at(6)).toBe('Queen');
		expect(decoded_entries(column)).toBe(2);
		expect(decoded_entries(table.getChild('album')!)).toBe(0);
		// not a dictionary: nothing to count
		expect(decoded_entries(table.getChild('plays')!)).toBeNull();
	});

	it('reads every value as flechette does, nulls included, and leaves later tables eager', () => {
		const bytes = ipc();
		const lazy = table_from_ipc_lazy_dictionaries(bytes);
		const eager = tableFromIPC(bytes);
		for (const name of ['artists', 'album', 'plays']) expect(Array.from(lazy.getChild(name)!.toArray() as ArrayLike<unknown>)).toEqual(Array.from(eager.getChild(name)!.toArray() as ArrayLike<unknown>));
		expect(lazy.getChild('album')!.at(0)).toBeNull();
		// the replacement is confined to the one call
		expect(decoded_entries(eager.getChild('artists')!)).toBeNull();
	});
});

describe('entries_containing (the artist lookup of the first ?track= answer)', () => {
	const encoder = new TextEncoder();
	const entries = ['Queen', 'Queens of the Stone Age', 'Beyoncé;JAY-Z', 'Sigur Rós', 'Queen;David Bowie', 'Björk', 'XQuee', 'nQueen'];
	const parts = entries.map((e) => encoder.encode(e));
	const offsets = [0];
	for (const p of parts) offsets.push(offsets[offsets.length - 1] + p.length);
	const bytes = new Uint8Array(offsets[offsets.length - 1]);
	parts.forEach((p, k) => bytes.set(p, offsets[k]));

	it('finds every entry whose text contains a name, by key, and no other', () => {
		const expected = (names: string[]) => new Set(entries.flatMap((e, k) => (names.some((n) => e.includes(n)) ? [k] : [])));
		for (const names of [['Queen'], ['Beyoncé'], ['Rós', 'Björk'], ['Bowie'], ['Missing'], ['e;D'], ['eenQ']]) {
			expect(entries_containing(bytes, offsets, names), names.join(',')).toEqual(expected(names));
		}
	});

	it('does not match across the boundary of two entries', () => {
		// "XQuee" + "nQueen": "een" spans entries 6 and 7 but "QueenQ" does not exist in either
		expect(entries_containing(bytes, offsets, ['QueenQ'])).toEqual(new Set());
		expect(entries_containing(bytes, offsets, ['eenQ'])).toEqual(new Set());
	});
});
