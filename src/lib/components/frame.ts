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

/**
 * At most one update every `ms`, for a view that may lag a moving control a little (the market chances): a value
 * pushed when the last one was applied `ms` or more ago is applied at once; one pushed sooner waits until `ms` after
 * the last, and only the latest of those is applied, so the view always lands on where the control stopped.
 * `flush` applies the pending value now (a change that should show at once, such as another region).
 */
export function at_most_every<T>(ms: number, apply: (value: T) => void): FrameQueue<T> {
	let last = -Infinity;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let pending: { value: T } | null = null;
	const run = () => {
		timer = undefined;
		const p = pending;
		pending = null;
		if (!p) return;
		last = performance.now();
		apply(p.value);
	};
	const stop = () => {
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
	};
	return {
		push(value) {
			pending = { value };
			if (timer !== undefined) return;
			const wait = last + ms - performance.now();
			if (wait <= 0) run();
			else timer = setTimeout(run, wait);
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

/**
 * Run `fn` in the first task after the next frame has been painted: a requestAnimationFrame callback runs just
 * before that frame's paint, and a timer it sets runs after it. For work that should not delay what the frame shows.
 * Returns a cancel function.
 */
export function after_next_paint(fn: () => void): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	if (typeof requestAnimationFrame !== 'function') {
		timer = setTimeout(fn, 16);
		return () => clearTimeout(timer);
	}
	const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)));
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
}
