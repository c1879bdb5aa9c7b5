/**
 * The picture worker: checks a dropped file by its first bytes, decodes it (createImageBitmap: a GIF gives its first
 * frame), draws it at a fixed longest side on an OffscreenCanvas and measures the pixels with the pure functions of
 * src/lib/core/picture. The picture never leaves the device.
 */
import { check_picture_file } from '../../core/picture/file_check';
import { format_fit } from '../../core/picture/formats';
import { picture_measures, PICTURE_ANALYSIS_SIDE } from '../../core/picture/measures';
import type { PictureApi } from '../../runtime/caption_protocol';
import { AppError } from '../../runtime/errors';
import { serve } from '../rpc';

serve<PictureApi>({
	async analyse({ file }) {
		const t0 = performance.now();
		const head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
		const checked = check_picture_file(file.size, head);
		if (!checked.ok) return { ok: false, error: checked.error };
		let bitmap: ImageBitmap;
		try {
			bitmap = await createImageBitmap(file);
		} catch {
			return { ok: false, error: { code: 'picture_decode' } };
		}
		const { width, height } = bitmap;
		// measured at one size, so sharpness means the same for a phone photo and a 50-megapixel one
		const scale = Math.min(1, PICTURE_ANALYSIS_SIDE / Math.max(width, height));
		const w = Math.max(1, Math.round(width * scale)), h = Math.max(1, Math.round(height * scale));
		const canvas = new OffscreenCanvas(w, h);
		const context = canvas.getContext('2d', { willReadFrequently: true });
		if (!context) {
			bitmap.close();
			throw new AppError('no_offscreen_canvas', {}, 'This browser cannot draw pictures in a worker (no 2D OffscreenCanvas).');
		}
		context.drawImage(bitmap, 0, 0, w, h);
		bitmap.close();
		const pixels = context.getImageData(0, 0, w, h);
		const measures = picture_measures({ data: pixels.data, width: w, height: h });
		return { ok: true, type: checked.type, bytes: file.size, fit: format_fit(width, height), measures, analysed_width: w, analysed_height: h, latency_ms: performance.now() - t0 };
	}
});
