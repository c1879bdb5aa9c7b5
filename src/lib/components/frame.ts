/**
 * At most one update per animation frame. A slider fires input events faster than the screen refreshes, and each
 * reply from a worker would otherwise redraw charts and lists at once, delaying the next prediction. `push` keeps only
 * the latest value; `apply` runs with it in the next frame (before paint), once.
 */
export interface FrameQueue<T> {
	push(value: T): void;
	/** apply the pending value now (when something must be shown without waiting for a frame) */
	flush(): void;
	cancel(): void;
}

export function per_frame<T>(apply: (value: T) => void): FrameQueue<T> {
	let handle = 0;
	let pending: { value: T } | null = null;
	const run = () => {
		handle = 0;
		const p = pending;
		pending = null;
		if (p) apply(p.value);
	};
	return {
		push(value) {
			pending = { value };
			// requestAnimationFrame exists wherever there is something to draw; the timer only covers other environments
			if (!handle) handle = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number);
		},
		flush() {
			if (handle && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(handle);
			run();
		},
		cancel() {
			if (handle && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(handle);
			handle = 0;
			pending = null;
		}
	};
}
