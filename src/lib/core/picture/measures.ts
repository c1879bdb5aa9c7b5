/**
 * Measures of a picture over its RGBA pixels (row-major, 4 bytes per pixel, as ImageData holds them). Pure functions:
 * the picture worker decodes and downsizes the image, then calls picture_measures; tests call them on generated
 * images with known answers. Fully transparent pixels are left out (they show whatever is behind the post).
 *
 * - brightness: mean luma Y' = 0.299 R + 0.587 G + 0.114 B (Rec. 601, on the encoded values), 0..1
 * - contrast: RMS contrast, the standard deviation of luma, 0..0.5
 * - saturation: mean HSV saturation (max - min) / max, 0..1
 * - colourfulness: Hasler & Süsstrunk (2003), M = sqrt(sd_rg² + sd_yb²) + 0.3 sqrt(mean_rg² + mean_yb²) with
 *   rg = R - G and yb = (R + G)/2 - B, on 0..255 values; their scale: 0 not colourful ... above 109 extremely
 * - sharpness: variance of the 4-neighbour Laplacian of luma (0..255 scale); depends on the analysed size, so the
 *   worker always measures at the same longest side (PICTURE_ANALYSIS_SIDE)
 * - dominant colours: k-means in RGB on a seeded sample of pixels, k = 5, with their shares
 */
import { make_rng } from '../random';

export const PICTURE_ANALYSIS_SIDE = 512;

export interface Rgba {
	data: Uint8ClampedArray | Uint8Array;
	width: number;
	height: number;
}

export interface DominantColour {
	r: number;
	g: number;
	b: number;
	hex: string;
	/** share of the (opaque) pixels nearest to this colour */
	share: number;
}

export interface PictureMeasures {
	brightness: number;
	contrast: number;
	saturation: number;
	colourfulness: number;
	sharpness: number;
	dominant: DominantColour[];
	/** pixels measured (opaque ones) */
	pixels: number;
}

function check(img: Rgba) {
	if (!(img.width > 0 && img.height > 0) || img.data.length !== img.width * img.height * 4) throw new RangeError('picture: data does not match width x height x 4');
}

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

export function tone_measures(img: Rgba): { brightness: number; contrast: number; saturation: number; colourfulness: number; pixels: number } {
	check(img);
	const d = img.data;
	let n = 0, sy = 0, syy = 0, ss = 0, srg = 0, srg2 = 0, syb = 0, syb2 = 0;
	for (let i = 0; i < d.length; i += 4) {
		if (d[i + 3] === 0) continue;
		const r = d[i], g = d[i + 1], b = d[i + 2];
		const y = luma(r, g, b) / 255;
		sy += y;
		syy += y * y;
		const max = Math.max(r, g, b), min = Math.min(r, g, b);
		ss += max === 0 ? 0 : (max - min) / max;
		const rg = r - g, yb = (r + g) / 2 - b;
		srg += rg;
		srg2 += rg * rg;
		syb += yb;
		syb2 += yb * yb;
		n++;
	}
	if (n === 0) return { brightness: NaN, contrast: NaN, saturation: NaN, colourfulness: NaN, pixels: 0 };
	const my = sy / n;
	const mrg = srg / n, myb = syb / n;
	const vrg = Math.max(0, srg2 / n - mrg * mrg), vyb = Math.max(0, syb2 / n - myb * myb);
	return {
		brightness: my,
		contrast: Math.sqrt(Math.max(0, syy / n - my * my)),
		saturation: ss / n,
		colourfulness: Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb),
		pixels: n
	};
}

/** Variance of the Laplacian (4-neighbour) of luma over interior pixels; 0 for images under 3 x 3. */
export function sharpness(img: Rgba): number {
	check(img);
	const { width: w, height: h, data: d } = img;
	if (w < 3 || h < 3) return 0;
	const y = new Float32Array(w * h);
	for (let i = 0, p = 0; p < w * h; i += 4, p++) y[p] = luma(d[i], d[i + 1], d[i + 2]);
	let n = 0, s = 0, s2 = 0;
	for (let r = 1; r < h - 1; r++) {
		for (let c = 1; c < w - 1; c++) {
			const p = r * w + c;
			const lap = y[p - 1] + y[p + 1] + y[p - w] + y[p + w] - 4 * y[p];
			s += lap;
			s2 += lap * lap;
			n++;
		}
	}
	const m = s / n;
	return Math.max(0, s2 / n - m * m);
}

const hex2 = (v: number) => Math.round(v).toString(16).padStart(2, '0');

/** k-means (k-means++ seeding, fixed seed) on up to `sample` opaque pixels; colours sorted by share. */
export function dominant_colours(img: Rgba, k = 5, sample = 4000, seed = 1): DominantColour[] {
	check(img);
	const d = img.data;
	const opaque: number[] = [];
	for (let i = 0; i < d.length; i += 4) if (d[i + 3] !== 0) opaque.push(i);
	if (opaque.length === 0) return [];
	const rng = make_rng(seed);
	const step = Math.max(1, opaque.length / sample);
	const pts: number[][] = [];
	for (let t = 0; t < opaque.length && pts.length < sample; t += step) {
		const i = opaque[Math.floor(t)];
		pts.push([d[i], d[i + 1], d[i + 2]]);
	}
	const dist = (a: number[], b: number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
	// k-means++ seeding; fewer centres when the picture has fewer distinct colours
	const centres: number[][] = [pts[Math.floor(rng() * pts.length)].slice()];
	const nearest = pts.map((p) => dist(p, centres[0]));
	while (centres.length < k) {
		const total = nearest.reduce((a, b) => a + b, 0);
		if (total === 0) break;
		let r = rng() * total, j = 0;
		while (j < pts.length - 1 && (r -= nearest[j]) > 0) j++;
		centres.push(pts[j].slice());
		pts.forEach((p, i) => (nearest[i] = Math.min(nearest[i], dist(p, centres[centres.length - 1]))));
	}
	const assign = new Int32Array(pts.length);
	for (let iter = 0; iter < 20; iter++) {
		let moved = false;
		pts.forEach((p, i) => {
			let best = 0, bd = Infinity;
			centres.forEach((c, j) => {
				const dd = dist(p, c);
				if (dd < bd) (bd = dd), (best = j);
			});
			if (assign[i] !== best) (assign[i] = best), (moved = true);
		});
		const sums = centres.map(() => [0, 0, 0, 0]);
		pts.forEach((p, i) => {
			const s = sums[assign[i]];
			s[0] += p[0]; s[1] += p[1]; s[2] += p[2]; s[3]++;
		});
		sums.forEach((s, j) => {
			if (s[3] > 0) centres[j] = [s[0] / s[3], s[1] / s[3], s[2] / s[3]];
		});
		if (!moved && iter > 0) break;
	}
	const counts = new Array<number>(centres.length).fill(0);
	for (const a of assign) counts[a]++;
	return centres
		.map((c, j) => ({ r: Math.round(c[0]), g: Math.round(c[1]), b: Math.round(c[2]), hex: `#${hex2(c[0])}${hex2(c[1])}${hex2(c[2])}`, share: counts[j] / pts.length }))
		.filter((c) => c.share > 0)
		.sort((a, b) => b.share - a.share);
}

export function picture_measures(img: Rgba): PictureMeasures {
	const tone = tone_measures(img);
	return { ...tone, sharpness: sharpness(img), dominant: dominant_colours(img) };
}

/** Hasler & Süsstrunk's verbal scale for colourfulness. */
export function colourfulness_level(m: number): 'not' | 'slightly' | 'moderately' | 'averagely' | 'quite' | 'highly' | 'extremely' {
	if (m < 15) return 'not';
	if (m < 33) return 'slightly';
	if (m < 45) return 'moderately';
	if (m < 59) return 'averagely';
	if (m < 82) return 'quite';
	if (m < 109) return 'highly';
	return 'extremely';
}

/** Plain-words bands for brightness, contrast, saturation and sharpness (thresholds at the analysis size). */
export function tone_levels(m: Pick<PictureMeasures, 'brightness' | 'contrast' | 'saturation' | 'sharpness'>) {
	return {
		brightness: m.brightness < 0.25 ? 'dark' : m.brightness < 0.45 ? 'dim' : m.brightness <= 0.7 ? 'balanced' : m.brightness <= 0.85 ? 'bright' : 'very_bright',
		contrast: m.contrast < 0.1 ? 'flat' : m.contrast < 0.2 ? 'soft' : m.contrast <= 0.3 ? 'normal' : 'strong',
		saturation: m.saturation < 0.1 ? 'muted' : m.saturation < 0.3 ? 'soft' : m.saturation <= 0.6 ? 'vivid' : 'intense',
		sharpness: m.sharpness < 50 ? 'blurry' : m.sharpness < 200 ? 'soft' : 'sharp'
	} as const;
}
