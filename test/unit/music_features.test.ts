/**
 * The one feature encoding shared by training and the inference worker: order, missing values, genre indicators,
 * and buffer reuse (the worker encodes every slider move into the same buffer).
 */
import { describe, expect, it } from 'vitest';
import {
	AUDIO_FEATURES, EXTRA_FEATURES, encode_music, genre_index_of, music_feature_group, music_feature_names, type MusicInput
} from '../../src/lib/core/features/music';

const VOCAB = ['acoustic', 'pop', 'rock'];
const INDEX = genre_index_of(VOCAB);
const NAMES = music_feature_names(VOCAB);

function song(over: Partial<MusicInput> = {}): MusicInput {
	return {
		danceability: 0.5, energy: 0.6, key: 5, loudness: -7, mode: 1, speechiness: 0.05, acousticness: 0.2,
		instrumentalness: 0, liveness: 0.1, valence: 0.4, tempo: 120, time_signature: 4, duration_ms: 210_000,
		explicit: false, genres: ['pop'], artist: null, ...over
	};
}

const at = (x: Float32Array, name: string) => x[NAMES.indexOf(name)];

describe('encode_music', () => {
	it('lays out audio features, extras, then one indicator per genre, matching the feature names', () => {
		expect(NAMES.length).toBe(AUDIO_FEATURES.length + EXTRA_FEATURES.length + VOCAB.length);
		const x = encode_music(song(), INDEX, new Float32Array(NAMES.length));
		AUDIO_FEATURES.forEach((f, i) => expect(NAMES[i]).toBe(f.name));
		expect(at(x, 'danceability')).toBeCloseTo(0.5, 6);
		expect(at(x, 'loudness')).toBeCloseTo(-7, 6);
		expect(at(x, 'duration_ms')).toBe(210_000);
		expect(at(x, 'genre=pop')).toBe(1);
		expect(at(x, 'genre=rock')).toBe(0);
	});

	it('an unknown artist is missing (NaN) with zero recordings, as unseen artists were in training', () => {
		const x = encode_music(song({ artist: null }), INDEX, new Float32Array(NAMES.length));
		expect(at(x, 'artist_mean_popularity')).toBeNaN();
		expect(at(x, 'artist_max_popularity')).toBeNaN();
		expect(at(x, 'artist_tracks')).toBe(0);
	});

	it('a known artist carries its record', () => {
		const artist = { mean_popularity: 61.5, tracks: 12, max_popularity: 88, popularity_std: 9.5, zero_share: 0.05 };
		const x = encode_music(song({ artist, explicit: true }), INDEX, new Float32Array(NAMES.length));
		expect(at(x, 'explicit')).toBe(1);
		expect(at(x, 'artist_mean_popularity')).toBeCloseTo(61.5, 5);
		expect(at(x, 'artist_tracks')).toBe(12);
		expect(at(x, 'artist_max_popularity')).toBe(88);
		expect(at(x, 'artist_zero_share')).toBeCloseTo(0.05, 6);
	});

	it('unmeasured tempo and time signature stay missing rather than becoming 0', () => {
		const x = encode_music(song({ tempo: NaN, time_signature: NaN }), INDEX, new Float32Array(NAMES.length));
		expect(at(x, 'tempo')).toBeNaN();
		expect(at(x, 'time_signature')).toBeNaN();
	});

	it('sets every listed genre and clears the previous song\'s genres when the buffer is reused', () => {
		const buffer = new Float32Array(NAMES.length);
		encode_music(song({ genres: ['acoustic', 'rock'] }), INDEX, buffer);
		expect([at(buffer, 'genre=acoustic'), at(buffer, 'genre=pop'), at(buffer, 'genre=rock')]).toEqual([1, 0, 1]);
		encode_music(song({ genres: ['pop'] }), INDEX, buffer);
		expect([at(buffer, 'genre=acoustic'), at(buffer, 'genre=pop'), at(buffer, 'genre=rock')]).toEqual([0, 1, 0]);
	});

	it('counts the distinct known genres', () => {
		const buffer = new Float32Array(NAMES.length);
		expect(at(encode_music(song({ genres: ['acoustic', 'rock', 'rock', 'polka'] }), INDEX, buffer), 'genre_count')).toBe(2);
		expect(at(encode_music(song({ genres: [] }), INDEX, buffer), 'genre_count')).toBe(0);
	});

	it('groups indicators and artist fields into one driver each for display', () => {
		expect(music_feature_group('genre=pop')).toBe('genre');
		expect(music_feature_group('genre_count')).toBe('genre');
		expect(music_feature_group('artist_zero_share')).toBe('artist');
		expect(music_feature_group('tempo')).toBe('tempo');
	});
});
