import { describe, expect, it } from 'vitest';
import { clean_spotify_tracks } from '../../training/etl/spotify_tracks';
import { parse_csv } from '../../training/lib/csv';
import { make_spotify_fixture } from '../fixtures/make_spotify_fixture';
import { connected_groups, count_groups, recording_groups } from '../../src/lib/core/music/recordings';
import { split_artists } from '../../src/lib/core/music/artists';

describe('parse_csv', () => {
	it('handles quotes, escaped quotes, embedded commas and newlines, CRLF and trailing empty fields', () => {
		const rows = parse_csv('a,b,c\r\n"x, y","say ""hi""","line\nbreak"\n1,,\n');
		expect(rows).toEqual([
			['a', 'b', 'c'],
			['x, y', 'say "hi"', 'line\nbreak'],
			['1', '', '']
		]);
	});
});

describe('spotify ETL on the synthetic fixture', () => {
	const { csv, facts } = make_spotify_fixture({ seed: 11 });
	const { tracks, stats, genre_vocab } = clean_spotify_tracks(csv);
	const by_id = new Map(tracks.map((t) => [t.track_id, t]));

	it('keeps one record per distinct track id and drops exact duplicates', () => {
		expect(stats.raw_rows).toBe(facts.rows);
		expect(stats.exact_duplicates).toBe(facts.exact_duplicates);
		expect(tracks.length).toBe(facts.distinct_ids);
		expect(new Set(tracks.map((t) => t.track_id)).size).toBe(tracks.length);
	});

	it('merges every genre an id is listed under', () => {
		for (const [id, genres] of Object.entries(facts.multi_genre)) expect(by_id.get(id)!.genres).toEqual(genres);
		expect(genre_vocab).toEqual(facts.genre_vocab);
	});

	it('resolves conflicting popularity to the max of the snapshots', () => {
		expect(Object.keys(facts.conflicts).length).toBeGreaterThan(0);
		expect(stats.popularity_conflicts).toBe(Object.keys(facts.conflicts).length);
		for (const [id, pops] of Object.entries(facts.conflicts)) expect(by_id.get(id)!.popularity).toBe(Math.max(...pops));
	});

	it('reads tempo 0 and time_signature 0 as missing, and explicit from True/False', () => {
		expect(by_id.get(facts.tempo_zero)!.tempo).toBeNaN();
		expect(by_id.get(facts.time_signature_zero)!.time_signature).toBeNaN();
		expect(stats.tempo_missing).toBe(1);
		expect(stats.time_signature_missing).toBe(1);
		expect(tracks.some((t) => t.explicit) && tracks.some((t) => !t.explicit)).toBe(true);
	});

	it('keeps the empty-names row without artists and with unknown duration', () => {
		const t = by_id.get(facts.empty_names)!;
		expect(t.title).toBe('');
		expect(t.artist_list).toEqual([]);
		expect(t.duration_ms).toBeNaN();
		// and it is alone in its recording: an empty name must not link it to anything
		expect(tracks.filter((u) => u.recording === t.recording).length).toBe(1);
	});

	it('parses quoted titles', () => {
		expect(by_id.get(facts.quoted_title.id)!.title).toBe(facts.quoted_title.title);
	});

	it('groups re-releases, identical audio vectors and chains into recordings', () => {
		const rec = (id: string) => by_id.get(id)!.recording;
		expect(rec(facts.rerelease.copy)).toBe(rec(facts.rerelease.original));
		expect(rec(facts.same_audio.copy)).toBe(rec(facts.same_audio.original));
		const [a, b, c] = facts.chain;
		expect(rec(b)).toBe(rec(a));
		expect(rec(c)).toBe(rec(a));
		expect(stats.recordings).toBe(facts.recordings);
		expect(rec(facts.rerelease.original)).not.toBe(rec(facts.same_audio.original));
	});
});

describe('recording grouping', () => {
	it('is transitive and numbers groups in order of first appearance', () => {
		// 0~2 by title, 2~4 by audio; 1 and 3 alone
		const g = recording_groups([
			{ title: 'Song', artists: 'X', audio_key: 'a' },
			{ title: 'Other', artists: 'X', audio_key: 'b' },
			{ title: 'SONG', artists: 'x', audio_key: 'c' },
			{ title: 'Third', artists: 'Y', audio_key: 'd' },
			{ title: 'Fourth', artists: 'Z', audio_key: 'c' }
		]);
		expect(Array.from(g)).toEqual([0, 1, 0, 2, 0]);
		expect(count_groups(g)).toBe(3);
	});

	it('does not link items through empty keys', () => {
		const g = connected_groups(3, (i) => (i < 2 ? ['', null] : ['k']));
		expect(count_groups(g)).toBe(3);
	});

	it('splits artists on ";" and drops blanks and repeats', () => {
		expect(split_artists('A;B; A ;;C')).toEqual(['A', 'B', 'C']);
		expect(split_artists('')).toEqual([]);
	});
});
