import { describe, expect, it } from 'vitest';
import { build_chart_catalogue, nearest_charted } from '../../src/lib/core/charts/similar';
import { CHART_FEATURES, CHART_REGIONS } from '../../src/lib/core/charts/regions';

function catalogue(values: number[][], peaks_us: number[]) {
	const n = values.length;
	const features = Object.fromEntries(CHART_FEATURES.map((f, j) => [f, values.map((v) => v[j])]));
	const zero = () => new Array(n).fill(0);
	return build_chart_catalogue({
		title: values.map((_, i) => `Song ${i}`), artist: values.map((_, i) => `Artist ${i}`), first_week: values.map(() => '2018-01-05'),
		features,
		peak: Object.fromEntries(CHART_REGIONS.map((r) => [r, r === 'us' ? peaks_us : zero()])),
		weeks: Object.fromEntries(CHART_REGIONS.map((r) => [r, r === 'us' ? peaks_us.map((p) => (p ? 3 : 0)) : zero()]))
	});
}

const p = CHART_FEATURES.length;
const row = (x: number) => Array.from({ length: p }, (_, j) => (j === 0 ? x : 1));

describe('similar charted songs', () => {
	it('standardises, ranks by distance and keeps only songs that charted in the region', () => {
		// feature 0 varies (0, 1, 2, 3, 10); every other feature is constant (scale falls back to 1)
		const cat = catalogue([row(0), row(1), row(2), row(3), row(10)], [5, 0, 20, 1, 7]);
		expect(cat.mean[0]).toBeCloseTo(3.2, 12);
		const sd = Math.sqrt(((0 - 3.2) ** 2 + (1 - 3.2) ** 2 + (2 - 3.2) ** 2 + (3 - 3.2) ** 2 + (10 - 3.2) ** 2) / 4);
		expect(cat.scale[0]).toBeCloseTo(sd, 12);
		const got = nearest_charted(cat, row(1.2), 'us', 3);
		// t1 (x=1) never charted in the US: skipped; then t2 (|0.8|), t0 (|1.2|), t3 (|1.8|)
		expect(got.map((g) => g.row)).toEqual([2, 0, 3]);
		expect(got[0].distance).toBeCloseTo(0.8 / sd, 6);
		expect(got[0]).toMatchObject({ peak: 20, weeks: 3, title: 'Song 2' });
		expect(nearest_charted(cat, row(1.2), 'gb', 3)).toEqual([]);
	});

	it('lists a re-released song once, at its nearest copy', () => {
		const cat = build_chart_catalogue({
			title: ['Twin', 'twin', 'Other'], artist: ['A', 'a', 'B'], first_week: ['2018-01-05', '2018-01-05', '2018-01-05'],
			features: Object.fromEntries(CHART_FEATURES.map((f, j) => [f, j === 0 ? [0.5, 0.1, 0.9] : [1, 1, 1]])),
			peak: Object.fromEntries(CHART_REGIONS.map((r) => [r, [3, 9, 5]])),
			weeks: Object.fromEntries(CHART_REGIONS.map((r) => [r, [1, 1, 1]]))
		});
		const got = nearest_charted(cat, row(0.2), 'us', 3);
		expect(got.map((g) => g.row)).toEqual([1, 2]);
	});

	it('excludes the song itself (same title, one of its artists) and ignores missing features', () => {
		const cat = catalogue([row(0), row(1), row(2)], [1, 2, 3]);
		const q = row(0);
		q[1] = NaN;
		expect(nearest_charted(cat, q, 'us', 1, { title: ' song 0', artists: ['Someone', 'ARTIST 0'] })[0].row).toBe(1);
		// the same title by another artist is another song
		expect(nearest_charted(cat, q, 'us', 1, { title: 'Song 0', artists: ['Someone'] })[0].row).toBe(0);
		expect(() => nearest_charted(cat, [1, 2], 'us', 1)).toThrow(/values/);
	});
});
