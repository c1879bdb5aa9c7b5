/**
 * Which image files the picture analysis accepts: PNG, JPEG, GIF and WebP up to 10 MB, recognised by their first
 * bytes (the "magic numbers"), never by the name alone: a renamed PDF is refused, and a JPEG named .png is read as
 * the JPEG it is. Refusals are codes with parameters; the page turns them into sentences.
 */
export const PICTURE_MAX_BYTES = 10 * 1024 * 1024;

export type PictureType = 'png' | 'jpeg' | 'gif' | 'webp';

/** Formats we can name when refusing them, so the reason is specific. */
export type OtherFormat = 'heic' | 'avif' | 'bmp' | 'tiff' | 'svg' | 'pdf' | 'ico' | 'zip' | 'mp4';

export type PictureFileError =
	| { code: 'picture_empty' }
	| { code: 'picture_too_large'; bytes: number; max_bytes: number }
	| { code: 'picture_unsupported'; format: OtherFormat }
	| { code: 'picture_unknown' };

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

/** The accepted type the bytes are, or null. */
export function sniff_picture(b: Uint8Array): PictureType | null {
	if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (starts(b, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
	if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
	return null;
}

/** A format we recognise but do not accept, or null. */
export function sniff_other(b: Uint8Array): OtherFormat | null {
	if (ascii(b, 4, 4) === 'ftyp') {
		const brand = ascii(b, 8, 4);
		if (/^(heic|heix|hevc|mif1|msf1|heim|heis)$/.test(brand)) return 'heic';
		if (/^avi[fs]$/.test(brand)) return 'avif';
		return 'mp4';
	}
	if (ascii(b, 0, 2) === 'BM') return 'bmp';
	if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
	if (ascii(b, 0, 4) === '%PDF') return 'pdf';
	if (starts(b, [0x00, 0x00, 0x01, 0x00])) return 'ico';
	if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
	const head = new TextDecoder().decode(b.subarray(0, 512)).trimStart().toLowerCase();
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
	return null;
}

/** Check a file from its size and first bytes (at least the first 16; 512 lets an SVG be named). */
export function check_picture_file(size: number, head: Uint8Array): { ok: true; type: PictureType } | { ok: false; error: PictureFileError } {
	if (size === 0) return { ok: false, error: { code: 'picture_empty' } };
	if (size > PICTURE_MAX_BYTES) return { ok: false, error: { code: 'picture_too_large', bytes: size, max_bytes: PICTURE_MAX_BYTES } };
	const type = sniff_picture(head);
	if (type) return { ok: true, type };
	const other = sniff_other(head);
	return { ok: false, error: other ? { code: 'picture_unsupported', format: other } : { code: 'picture_unknown' } };
}
