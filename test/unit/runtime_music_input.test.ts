import { describe, expect, it } from 'vitest';
import type { MusicInput } from '../../src/lib/core/features/music';
import { check_music_input, MusicInputError, require_music_input } from '../../src/lib/runtime/music_input';
import { group_contributions, percentile, prediction_interval } from '../../src/lib/workers/inference/explain';
import type { ModelEntry } from '../../src/lib/core/manifest';

const good: MusicInput = {
	danceability: 0.6, energy: 0.7, key: 5, loudness: -6, mode: 1, speechiness: 0.05, acousticness: 0.2,
	instrumentalness: 0, liveness: 0.1, valence: 0.5, tempo: NaN, time_signature: 4, duration_ms: 200_000,
	explicit: false, genres: ['pop', 'dance'], artist: { mean_popularity: 40, tracks: 3, max_popularity: 60, popularity_std: 12, zero_share: 0.1 }
};

describe('MusicInput at the worker boundary', () => {
	it('accepts a valid input and treats null tempo as missing', () => {
		const r = check_music_input({ ...good, tempo: null }, ['pop', 'dance', 'rock']);
		expect(r.ok).toBe(true);
		if (r.ok) expect(Number.isNaN(r.value.tempo)).toBe(true);
	});

	it('names each bad field', () => {
		const r = check_music_input({ ...good, energy: 1.5, key: 2.5, loudness: NaN, genres: ['polka'], explicit: 'yes' }, ['pop', 'dance']);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(Object.keys(r.errors).sort()).toEqual(['energy', 'explicit', 'genre', 'key', 'loudness']);
			expect(r.errors.genre?.code).toBe('unknown_genre');
			expect(r.errors.energy?.code).toBe('out_of_range');
		}
	});

	it('rejects NaN where a value is required and malformed artist records', () => {
		expect(() => require_music_input({ ...good, danceability: NaN }, null)).toThrow(MusicInputError);
		expect(check_music_input({ ...good, artist: { mean_popularity: 40, tracks: 0 } }, null).ok).toBe(false);
		expect(check_music_input(null, null).ok).toBe(false);
		expect(check_music_input({ ...good, artist: null }, null).ok).toBe(true);
	});
});

describe('explanation helpers', () => {
	it('groups genre=* and artist_* into one driver each, largest first', () => {
		const names = ['energy', 'artist_mean_popularity', 'artist_tracks', 'genre=pop', 'genre=rock'];
		const phi = Float64Array.from([1, 3, -1, -2, -0.5, 40]);
		expect(group_contributions(names, phi)).toEqual([
			{ feature: 'genre', value: -2.5 },
			{ feature: 'artist', value: 2 },
			{ feature: 'energy', value: 1 }
		]);
	});

	it('ranks a value among sorted predictions', () => {
		const sorted = Float64Array.from([10, 20, 30, 40]);
		expect(percentile(sorted, 5)).toBe(0);
		expect(percentile(sorted, 20)).toBe(50);
		expect(percentile(sorted, 99)).toBe(100);
	});

	it('clips the interval to 0-100', () => {
		const model = { interval: { level: 0.9, lower_offset: 20, upper_offset: 25, coverage: 0.89, split: 'x' } } as ModelEntry;
		expect(prediction_interval(model, 10)).toEqual({ level: 0.9, low: 0, high: 35, coverage: 0.89 });
		expect(prediction_interval(model, 90)).toEqual({ level: 0.9, low: 70, high: 100, coverage: 0.89 });
	});
});
