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

/**
 * k-means (k-means++ seeding, fixed seed) on up to `sample` opaque pixels taken at an even stride; colours sorted by
 * share. Flat typed arrays throughout: this is the costliest measure (arrays of arrays made it 76 ms at 410 x 512).
 */
export function dominant_colours(img: Rgba, k = 5, sample = 4000, seed = 1): DominantColour[] {
	check(img);
	const d = img.data;
	const pixels = d.length / 4;
	let opaque = 0;
	for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) opaque++;
	if (opaque === 0) return [];
	const step = Math.max(1, opaque / sample);
	const n = Math.min(sample, Math.ceil(opaque / step));
	const pts = new Float64Array(n * 3);
	let m = 0;
	for (let p = 0, seen = 0, next = 0; p < pixels && m < n; p++) {
		if (d[p * 4 + 3] === 0) continue;
		if (seen >= next) {
			pts[m * 3] = d[p * 4];
			pts[m * 3 + 1] = d[p * 4 + 1];
			pts[m * 3 + 2] = d[p * 4 + 2];
			m++;
			next += step;
		}
		seen++;
	}
	const rng = make_rng(seed);
	const dist = (i: number, c: Float64Array, j: number) => {
		const a = pts[i * 3] - c[j * 3], b = pts[i * 3 + 1] - c[j * 3 + 1], e = pts[i * 3 + 2] - c[j * 3 + 2];
		return a * a + b * b + e * e;
	};
	// k-means++ seeding; fewer centres when the picture has fewer distinct colours
	const centres = new Float64Array(k * 3);
	let kc = 1;
	const first = Math.floor(rng() * m);
	centres.set(pts.subarray(first * 3, first * 3 + 3), 0);
	const nearest = new Float64Array(m);
	for (let i = 0; i < m; i++) nearest[i] = dist(i, centres, 0);
	while (kc < k) {
		let total = 0;
		for (let i = 0; i < m; i++) total += nearest[i];
		if (total === 0) break;
		let r = rng() * total, j = 0;
		while (j < m - 1 && (r -= nearest[j]) > 0) j++;
		centres.set(pts.subarray(j * 3, j * 3 + 3), kc * 3);
		for (let i = 0; i < m; i++) nearest[i] = Math.min(nearest[i], dist(i, centres, kc));
		kc++;
	}
	const assign = new Int32Array(m).fill(-1);
	const sums = new Float64Array(kc * 4);
	for (let iter = 0; iter < 20; iter++) {
		let moved = false;
		for (let i = 0; i < m; i++) {
			let best = 0, bd = Infinity;
			for (let j = 0; j < kc; j++) {
				const dd = dist(i, centres, j);
				if (dd < bd) (bd = dd), (best = j);
			}
			if (assign[i] !== best) (assign[i] = best), (moved = true);
		}
		if (!moved) break;
		sums.fill(0);
		for (let i = 0; i < m; i++) {
			const o = assign[i] * 4;
			sums[o] += pts[i * 3]; sums[o + 1] += pts[i * 3 + 1]; sums[o + 2] += pts[i * 3 + 2]; sums[o + 3]++;
		}
		for (let j = 0; j < kc; j++) {
			const c = sums[j * 4 + 3];
			if (c > 0) for (let t = 0; t < 3; t++) centres[j * 3 + t] = sums[j * 4 + t] / c;
		}
	}
	const counts = new Array<number>(kc).fill(0);
	for (let i = 0; i < m; i++) counts[assign[i]]++;
	const out: DominantColour[] = [];
	for (let j = 0; j < kc; j++) {
		if (counts[j] === 0) continue;
		const [r, g, b] = [centres[j * 3], centres[j * 3 + 1], centres[j * 3 + 2]];
		out.push({ r: Math.round(r), g: Math.round(g), b: Math.round(b), hex: `#${hex2(r)}${hex2(g)}${hex2(b)}`, share: counts[j] / m });
	}
	return out.sort((a, b) => b.share - a.share);
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
