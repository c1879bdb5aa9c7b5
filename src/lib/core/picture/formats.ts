/**
 * A picture's size and shape against Instagram's formats. Feed posts accept aspect ratios from 4:5 (portrait) to
 * 1.91:1 (landscape) and are shown 1080 pixels wide; anything outside is cropped. Reels and stories are 9:16
 * (1080 x 1920). These are Instagram's published figures, not something measured here.
 */
export interface InstagramFormat {
	id: 'square' | 'portrait' | 'landscape' | 'reels';
	width: number;
	height: number;
}

export const INSTAGRAM_FORMATS: readonly InstagramFormat[] = [
	{ id: 'square', width: 1080, height: 1080 },
	{ id: 'portrait', width: 1080, height: 1350 },
	{ id: 'landscape', width: 1080, height: 566 },
	{ id: 'reels', width: 1080, height: 1920 }
];

export const FEED_MIN_RATIO = 4 / 5;
export const FEED_MAX_RATIO = 1.91;
export const RECOMMENDED_WIDTH = 1080;
/** Instagram enlarges narrower pictures, which shows as softness */
export const MIN_WIDTH = 320;

export interface FormatFit {
	width: number;
	height: number;
	/** width / height */
	ratio: number;
	/** the closest format by aspect ratio (log distance) */
	nearest: InstagramFormat['id'];
	/** fits the feed without a crop */
	feed_fits: boolean;
	/** share of the picture the feed would crop away (0 when it fits) */
	feed_crop: number;
	/** share a 9:16 Reels/story frame would crop away (0 when exactly 9:16 or taller) */
	reels_crop: number;
	resolution: 'low' | 'below_recommended' | 'good';
}

export function format_fit(width: number, height: number): FormatFit {
	if (!(width > 0 && height > 0)) throw new RangeError('format_fit: width and height must be positive');
	const ratio = width / height;
	let nearest = INSTAGRAM_FORMATS[0];
	for (const f of INSTAGRAM_FORMATS) if (Math.abs(Math.log(ratio / (f.width / f.height))) < Math.abs(Math.log(ratio / (nearest.width / nearest.height)))) nearest = f;
	const clamp = Math.min(Math.max(ratio, FEED_MIN_RATIO), FEED_MAX_RATIO);
	// cropping to ratio c keeps min(r, c) / max(r, c) of the area
	const keep = (r: number, c: number) => Math.min(r, c) / Math.max(r, c);
	const reels = 9 / 16;
	return {
		width,
		height,
		ratio,
		nearest: nearest.id,
		feed_fits: ratio >= FEED_MIN_RATIO - 1e-3 && ratio <= FEED_MAX_RATIO + 1e-3,
		feed_crop: 1 - keep(ratio, clamp),
		reels_crop: ratio <= reels ? 0 : 1 - keep(ratio, reels),
		resolution: width < MIN_WIDTH ? 'low' : width < RECOMMENDED_WIDTH ? 'below_recommended' : 'good'
	};
}
