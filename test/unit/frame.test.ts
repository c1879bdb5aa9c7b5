import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { after_next_paint, at_most_every, per_frame } from '$lib/components/frame';

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

describe('at_most_every', () => {
	beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
	afterEach(() => vi.useRealTimers());

	it('applies a value at once when the last was long enough ago, else the latest one when the interval is over', () => {
		const seen: number[] = [];
		const q = at_most_every(150, (v: number) => seen.push(v));
		q.push(1);
		expect(seen).toEqual([1]); // the first at once
		vi.advanceTimersByTime(40);
		q.push(2);
		q.push(3);
		expect(seen).toEqual([1]);
		vi.advanceTimersByTime(109);
		expect(seen).toEqual([1]); // 149 ms after the first
		vi.advanceTimersByTime(1);
		expect(seen).toEqual([1, 3]); // the latest, 150 ms after the first: where the control stopped
		vi.advanceTimersByTime(1000);
		expect(seen).toEqual([1, 3]);
		q.push(4);
		expect(seen).toEqual([1, 3, 4]); // long after: at once again
	});

	it('flush applies the pending value now, and cancel drops it', () => {
		const seen: number[] = [];
		const q = at_most_every(150, (v: number) => seen.push(v));
		q.push(1);
		q.push(2);
		q.flush();
		expect(seen).toEqual([1, 2]);
		q.flush(); // nothing pending: nothing applied
		expect(seen).toEqual([1, 2]);
		q.push(3);
		q.cancel();
		vi.advanceTimersByTime(1000);
		expect(seen).toEqual([1, 2]);
	});
});

describe('after_next_paint', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('runs in the task after the next frame, not in the frame itself', () => {
		const frames = fake_frames();
		let ran = 0;
		after_next_paint(() => ran++);
		vi.runAllTimers();
		expect(ran).toBe(0); // no frame yet
		frames.frame();
		expect(ran).toBe(0); // the frame's callbacks run before its paint
		vi.runAllTimers();
		expect(ran).toBe(1);
	});

	it('can be cancelled before the frame and after it', () => {
		const frames = fake_frames();
		let ran = 0;
		after_next_paint(() => ran++)();
		frames.frame();
		vi.runAllTimers();
		const cancel = after_next_paint(() => ran++);
		frames.frame();
		cancel();
		vi.runAllTimers();
		expect(ran).toBe(0);
		expect(frames.pending()).toBe(0);
	});

	it('without requestAnimationFrame (no screen) it still runs once', () => {
		let ran = 0;
		after_next_paint(() => ran++);
		vi.runAllTimers();
		expect(ran).toBe(1);
	});
});
