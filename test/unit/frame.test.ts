import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { per_frame } from '$lib/components/frame';

/** A hand-driven requestAnimationFrame: `frame()` runs the callbacks of one frame, as the browser does before paint. */
function fake_frames() {
	let callbacks = new Map<number, FrameRequestCallback>();
	let next = 1;
	vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => (callbacks.set(next, cb), next++));
	vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
	return {
		frame() {
			const now = callbacks;
			callbacks = new Map();
			for (const cb of now.values()) cb(0);
		},
		pending: () => callbacks.size
	};
}

describe('per_frame', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('applies only the latest value, once, in the next frame before paint', () => {
		const frames = fake_frames();
		const seen: number[] = [];
		const q = per_frame((v: number) => seen.push(v));
		q.push(1);
		q.push(2);
		q.push(3);
		expect(seen).toEqual([]);
		expect(frames.pending()).toBe(1);
		frames.frame();
		expect(seen).toEqual([3]);
		frames.frame();
		expect(seen).toEqual([3]);
	});

	it('flush applies at once and cancel drops the pending value', () => {
		const frames = fake_frames();
		const seen: number[] = [];
		const q = per_frame((v: number) => seen.push(v));
		q.push(1);
		q.flush();
		expect(seen).toEqual([1]);
		expect(frames.pending()).toBe(0);
		q.push(2);
		q.cancel();
		frames.frame();
		expect(seen).toEqual([1]);
		q.push(3); // usable again after a cancel
		frames.frame();
		expect(seen).toEqual([1, 3]);
	});

	it('without requestAnimationFrame (no screen) it still applies the latest value once', () => {
		const seen: number[] = [];
		const q = per_frame((v: number) => seen.push(v));
		q.push(1);
		q.push(2);
		vi.runAllTimers();
		expect(seen).toEqual([2]);
	});
});
