import { describe, expect, it } from 'vitest';
import { check_picture_file, sniff_picture, PICTURE_MAX_BYTES } from '../../src/lib/core/picture/file_check';
import { colourfulness_level, dominant_colours, picture_measures, sharpness, tone_measures, type Rgba } from '../../src/lib/core/picture/measures';
import { format_fit } from '../../src/lib/core/picture/formats';

function solid(w: number, h: number, r: number, g: number, b: number, a = 255): Rgba {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let i = 0; i < data.length; i += 4) data.set([r, g, b, a], i);
	return { data, width: w, height: h };
}
function paint(w: number, h: number, f: (x: number, y: number) => [number, number, number, number?]): Rgba {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
		const [r, g, b, a = 255] = f(x, y);
		data.set([r, g, b, a], (y * w + x) * 4);
	}
	return { data, width: w, height: h };
}

describe('picture measures on generated images', () => {
	it('black, white and mid grey: brightness 0, 1 and about 0.5; no contrast, saturation or colourfulness', () => {
		expect(tone_measures(solid(8, 8, 0, 0, 0)).brightness).toBe(0);
		const white = tone_measures(solid(8, 8, 255, 255, 255));
		expect(white.brightness).toBeCloseTo(1, 10);
		const grey = tone_measures(solid(8, 8, 128, 128, 128));
		expect(grey.brightness).toBeCloseTo(128 / 255, 10);
		expect(grey.contrast).toBeCloseTo(0, 6);
		expect(grey.saturation).toBe(0);
		expect(grey.colourfulness).toBeCloseTo(0, 6);
	});

	it('a half black, half white image has RMS contrast 0.5', () => {
		const img = paint(10, 10, (x) => (x < 5 ? [0, 0, 0] : [255, 255, 255]));
		expect(tone_measures(img).contrast).toBeCloseTo(0.5, 10);
		expect(tone_measures(img).brightness).toBeCloseTo(0.5, 10);
	});

	it('pure red: saturation 1 and Hasler-Süsstrunk colourfulness 0.3 * sqrt(255² + 127.5²)', () => {
		const m = tone_measures(solid(4, 4, 255, 0, 0));
		expect(m.saturation).toBe(1);
		expect(m.colourfulness).toBeCloseTo(0.3 * Math.sqrt(255 ** 2 + 127.5 ** 2), 8);
		expect(colourfulness_level(m.colourfulness)).toBe('highly');
		expect(colourfulness_level(0)).toBe('not');
	});

	it('skips fully transparent pixels', () => {
		const img = paint(4, 4, (x) => (x < 2 ? [255, 255, 255, 255] : [0, 0, 0, 0]));
		const m = tone_measures(img);
		expect(m.pixels).toBe(8);
		expect(m.brightness).toBeCloseTo(1, 10);
		expect(Number.isNaN(tone_measures(solid(2, 2, 0, 0, 0, 0)).brightness)).toBe(true);
	});

	it('sharpness: zero on a flat image, large on a checkerboard, lower after blurring', () => {
		expect(sharpness(solid(16, 16, 90, 90, 90))).toBe(0);
		const checker = paint(16, 16, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]));
		const hard = sharpness(checker);
		// the Laplacian of a ±255 checkerboard is ±1020 everywhere inside: variance 1020²
		expect(hard).toBeCloseTo(1020 ** 2, 0);
		const ramp = paint(16, 16, (x) => [x * 16, x * 16, x * 16]);
		expect(sharpness(ramp)).toBeLessThan(1);
	});

	it('dominant colours of a 70/30 red/blue image', () => {
		const img = paint(10, 10, (x) => (x < 7 ? [220, 20, 20] : [20, 20, 220]));
		const d = dominant_colours(img);
		expect(d.length).toBe(2);
		expect(d[0].hex).toBe('#dc1414');
		expect(d[0].share).toBeCloseTo(0.7, 5);
		expect(d[1].hex).toBe('#1414dc');
		expect(picture_measures(img).dominant).toEqual(d);
	});

	it('refuses data that does not match its size', () => {
		expect(() => tone_measures({ data: new Uint8ClampedArray(10), width: 2, height: 2 })).toThrow(RangeError);
	});
});

describe('Instagram formats', () => {
	it('places sizes against feed and Reels', () => {
		expect(format_fit(1080, 1080)).toMatchObject({ nearest: 'square', feed_fits: true, feed_crop: 0, resolution: 'good' });
		expect(format_fit(1080, 1350)).toMatchObject({ nearest: 'portrait', feed_fits: true, feed_crop: 0 });
		expect(format_fit(1080, 1920)).toMatchObject({ nearest: 'reels', feed_fits: false, reels_crop: 0 });
		const tall = format_fit(1080, 1920);
		expect(tall.feed_crop).toBeCloseTo(1 - (1080 / 1920) / 0.8, 10);
		const pano = format_fit(3000, 1000);
		expect(pano.nearest).toBe('landscape');
		expect(pano.feed_crop).toBeCloseTo(1 - 1.91 / 3, 10);
		expect(format_fit(300, 300).resolution).toBe('low');
		expect(format_fit(800, 800).resolution).toBe('below_recommended');
	});
});

describe('picture file check by magic bytes', () => {
	const bytes = (...v: (number | string)[]) => {
		const out: number[] = [];
		for (const x of v) typeof x === 'number' ? out.push(x) : out.push(...[...x].map((c) => c.charCodeAt(0)));
		while (out.length < 16) out.push(0);
		return Uint8Array.from(out);
	};
	const png = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a);
	it('accepts the four formats by content', () => {
		expect(sniff_picture(png)).toBe('png');
		expect(sniff_picture(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
		expect(sniff_picture(bytes('GIF89a'))).toBe('gif');
		expect(sniff_picture(bytes('RIFF', 0, 0, 0, 0, 'WEBP'))).toBe('webp');
		expect(check_picture_file(100, png)).toEqual({ ok: true, type: 'png' });
	});

	it('refuses other formats with their name, unknown bytes, empty and oversized files', () => {
		expect(check_picture_file(100, bytes('%PDF-1.7'))).toEqual({ ok: false, error: { code: 'picture_unsupported', format: 'pdf' } });
		expect(check_picture_file(100, bytes(0, 0, 0, 0x18, 'ftypheic'))).toEqual({ ok: false, error: { code: 'picture_unsupported', format: 'heic' } });
		expect(check_picture_file(100, new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="x"></svg>'))).toEqual({ ok: false, error: { code: 'picture_unsupported', format: 'svg' } });
		expect(check_picture_file(100, bytes('BM'))).toMatchObject({ ok: false, error: { format: 'bmp' } });
		expect(check_picture_file(100, bytes('hello world'))).toEqual({ ok: false, error: { code: 'picture_unknown' } });
		expect(check_picture_file(0, png)).toEqual({ ok: false, error: { code: 'picture_empty' } });
		expect(check_picture_file(PICTURE_MAX_BYTES + 1, png)).toMatchObject({ ok: false, error: { code: 'picture_too_large' } });
		expect(check_picture_file(PICTURE_MAX_BYTES, png).ok).toBe(true);
	});
});
