/**
 * The charted-tracks shard: one row per cleaned charted track, for the "similar songs that charted there" lookup in
 * the music studio and for the insights page (chart dates give the release-time view the 114k set lacks).
 * Narrow types keep it small: peaks and weeks fit in a byte (200 positions, 227 weeks).
 */
import { tableFromArrays, tableToIPC, dictionary, utf8 } from '@uwdata/flechette';
import { CHART_FEATURES, CHART_REGIONS } from '../../src/lib/core/charts/regions';
import type { ChartedTrack } from '../etl/spotify_charts';

export function charts_tracks_arrow(tracks: readonly ChartedTrack[]): Uint8Array {
	const cols: Record<string, unknown> = {
		track_id: tracks.map((t) => t.track_id),
		title: tracks.map((t) => t.title),
		artist: tracks.map((t) => t.artist),
		first_week: tracks.map((t) => t.first_week)
	};
	CHART_FEATURES.forEach((f, j) => {
		// mode and time signature are small integers; the rest keep float32 precision
		cols[f] = f === 'mode' || f === 'time_signature' ? Int8Array.from(tracks, (t) => (Number.isNaN(t.features[j]) ? 0 : t.features[j])) : Float32Array.from(tracks, (t) => t.features[j]);
	});
	CHART_REGIONS.forEach((r, ri) => {
		cols[`peak_${r}`] = Uint8Array.from(tracks, (t) => t.regions[ri].peak);
		cols[`weeks_${r}`] = Uint8Array.from(tracks, (t) => Math.min(255, t.regions[ri].weeks));
	});
	const table = tableFromArrays(cols as Parameters<typeof tableFromArrays>[0], { types: { artist: dictionary(utf8()), first_week: dictionary(utf8()) } });
	return tableToIPC(table, { format: 'file' })!;
}
