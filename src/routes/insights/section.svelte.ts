/**
 * A section of the insights page whose data loads on demand (video, catalogue): waiting until the section nears the
 * screen or a filter of its own is touched, loading with byte progress, then one computation per filter change
 * (the runtime keeps only the latest). A failed load can be retried; a failed computation keeps the last figures.
 */
import type { LoadProgress } from '$lib/core/music/types';

export class LazySection<Info, Filters, Result> {
	phase = $state<'waiting' | 'loading' | 'ready' | 'error'>('waiting');
	progress = $state.raw<LoadProgress | null>(null);
	/** what failed, worded by ErrorText in the page's language; null while nothing failed */
	load_error = $state.raw<unknown>(null);
	info = $state.raw<Info | null>(null);
	result = $state.raw<(Result & { compute_ms: number }) | null>(null);
	compute_error = $state.raw<unknown>(null);
	computing = $state(false);

	constructor(
		private readonly loader: (on_progress: (p: LoadProgress) => void) => Promise<Info>,
		private readonly computer: (filters: Filters) => Promise<Result & { compute_ms: number }>,
		private readonly on_info: (info: Info) => void = () => {}
	) {}

	/** Start loading (once; again after a failure). */
	load(): void {
		if (this.phase === 'loading' || this.phase === 'ready') return;
		this.phase = 'loading';
		this.load_error = null;
		this.loader((p) => (this.progress = p)).then(
			(info) => {
				this.info = info;
				this.on_info(info);
				this.phase = 'ready';
			},
			(e) => {
				this.load_error = e;
				this.phase = 'error';
			}
		);
	}

	compute(filters: Filters): void {
		if (this.phase !== 'ready') return;
		this.computing = true;
		this.computer(filters).then(
			(r) => {
				this.result = r;
				this.compute_error = null;
				this.computing = false;
			},
			(e) => {
				this.compute_error = e;
				this.computing = false;
			}
		);
	}
}
