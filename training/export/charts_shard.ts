/**
 * The charted-tracks shard: one row per cleaned charted track, for the "similar songs that charted there" lookup in
 * the music studio and for the insights page (chart dates give the release-time view the 114k set lacks).
 * Narrow types keep it small: peaks and weeks fit in a byte (200 positions, 227 weeks), audio features are stored as
 * integer steps (src/lib/core/charts/shard.ts), and there is no track id (22 random characters per row were a third
 * of the gzip size; the lookup recognises the song itself by title and artist).
 */
import { tableFromArrays, tableToIPC, dictionary, utf8 } from '@uwdata/flechette';
import { CHART_FEATURES, CHART_REGIONS } from '../../src/lib/core/charts/regions';
import type { ChartedTrack } from '../etl/spotify_charts';
import { CHART_SHARD_QUANTUM } from '../../src/lib/core/charts/shard';

export function charts_tracks_arrow(tracks: readonly ChartedTrack[]): Uint8Array {
	const cols: Record<string, unknown> = {
		title: tracks.map((t) => t.title),
		artist: tracks.map((t) => t.artist),
		first_week: tracks.map((t) => t.first_week)
	};
	CHART_FEATURES.forEach((f, j) => {
		const q = CHART_SHARD_QUANTUM[f];
		// stored as integers of a fixed step (value = stored * step): plenty for neighbours and means, a third of float32
		cols[f] = q.Type.from(tracks.map((t) => (Number.isNaN(t.features[j]) ? 0 : Math.round(t.features[j] / q.step))));
	});
	CHART_REGIONS.forEach((r, ri) => {
		cols[`peak_${r}`] = Uint8Array.from(tracks, (t) => t.regions[ri].peak);
		cols[`weeks_${r}`] = Uint8Array.from(tracks, (t) => Math.min(255, t.regions[ri].weeks));
	});
	const table = tableFromArrays(cols as Parameters<typeof tableFromArrays>[0], { types: { artist: dictionary(utf8()), first_week: dictionary(utf8()) } });
	return tableToIPC(table, { format: 'file' })!;
}
