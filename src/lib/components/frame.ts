/**
 * At most one update per animation frame. A slider fires input events faster than the screen refreshes, and each
 * reply from a worker would otherwise redraw charts and lists at once, delaying the next prediction. `push` keeps only
 * the latest value; `apply` runs with it once, in the next frame before its paint ('before_paint'), or just after
 * that frame's paint ('after_paint': for a secondary view, such as a chart under a headline that changed in the same
 * moment, which should not hold back the frame that shows the headline).
 */
export interface FrameQueue<T> {
	push(value: T): void;
	/** apply the pending value now (when something must be shown without waiting for a frame) */
	flush(): void;
	cancel(): void;
}

export type FrameTiming = 'before_paint' | 'after_paint';

export function per_frame<T>(apply: (value: T) => void, timing: FrameTiming = 'before_paint'): FrameQueue<T> {
	// requestAnimationFrame exists wherever there is something to draw; the timer only covers other environments
	const has_frames = typeof requestAnimationFrame === 'function';
	let frame = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let pending: { value: T } | null = null;
	const run = () => {
		frame = 0;
		timer = undefined;
		const p = pending;
		pending = null;
		if (p) apply(p.value);
	};
	// a task queued from a frame callback runs after that frame's style, layout and paint
	const in_frame = timing === 'after_paint' ? () => (timer = setTimeout(run, 0)) : run;
	const stop = () => {
		if (frame && has_frames) cancelAnimationFrame(frame);
		if (timer !== undefined) clearTimeout(timer);
		frame = 0;
		timer = undefined;
	};
	return {
		push(value) {
			pending = { value };
			if (frame || timer !== undefined) return;
			if (has_frames) frame = requestAnimationFrame(in_frame);
			else timer = setTimeout(run, 16);
		},
		flush() {
			stop();
			run();
		},
		cancel() {
			stop();
			pending = null;
		}
	};
}
