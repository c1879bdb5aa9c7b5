/**
 * Main-thread side of the worker protocol: one lazily created worker, an id -> promise map, progress callbacks,
 * and errors rebuilt as Error subclasses with clear messages. A worker that dies is dropped, so the next request
 * starts a fresh one (a failed load never poisons later attempts).
 */
import type { LoadProgress } from '../core/music/types';
import { AppError, rebuild_coded } from './errors';
import { MusicInputError } from './music_input';
import type { Api, PartialOf, WorkerResponse } from './protocol';

interface Pending {
	resolve(value: unknown): void;
	reject(error: Error): void;
	on_progress?: (p: LoadProgress) => void;
	on_partial?: (p: unknown) => void;
}

export interface RequestOptions<Q = never> {
	on_progress?: (p: LoadProgress) => void;
	/** a first phase of the result, before the promise resolves (request types listed in the worker's Partials) */
	on_partial?: (p: Q) => void;
	transfer?: Transferable[];
}

/** A: the worker's API; P: its Partials (which requests send a first phase before their result, and what it holds). */
export class WorkerClient<A extends Api, P = object> {
	private worker: Worker | null = null;
	private next_id = 1;
	private readonly pending = new Map<number, Pending>();

	constructor(
		/** what the worker does, for messages ("the inference worker") */
		private readonly label: string,
		private readonly create: () => Worker,
		/** called when the worker stops: whatever it had loaded is gone, and the next request starts a fresh one */
		private readonly on_stop: () => void = () => {}
	) {}

	request<K extends keyof A & string>(
		type: K,
		args: Parameters<A[K]>[0],
		options: RequestOptions<PartialOf<P, K>> = {}
	): Promise<Awaited<ReturnType<A[K]>>> {
		return new Promise((resolve, reject) => {
			let worker: Worker;
			try {
				worker = this.ensure();
			} catch (error) {
				reject(new AppError('worker_stopped', {}, `Could not start ${this.label}: ${String(error)}`, error));
				return;
			}
			const id = this.next_id++;
			this.pending.set(id, {
				resolve: resolve as (v: unknown) => void,
				reject,
				on_progress: options.on_progress,
				on_partial: options.on_partial as ((p: unknown) => void) | undefined
			});
			worker.postMessage({ ...args, id, type }, { transfer: options.transfer ?? [] });
		});
	}

	/**
	 * Start the worker's script now, before its first request: its start-up then overlaps whatever that request
	 * waits for (a manifest download). A worker that cannot start is reported by that request.
	 */
	start(): void {
		try {
			this.ensure();
		} catch {
			/* the first request says why */
		}
	}

	/** Stop the worker; pending requests reject. The next request starts a new one. */
	terminate(reason = 'it was stopped'): void {
		this.worker?.terminate();
		this.worker = null;
		const error = new AppError('worker_stopped', {}, `${capitalise(this.label)} stopped: ${reason}.`, reason);
		for (const p of this.pending.values()) p.reject(error);
		this.pending.clear();
		this.on_stop();
	}

	private ensure(): Worker {
		if (this.worker) return this.worker;
		const worker = this.create();
		worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.receive(event.data));
		// A script that fails to load or an uncaught error leaves the worker unusable: drop it and fail what waits.
		worker.addEventListener('error', (event: ErrorEvent) => {
			event.preventDefault();
			if (this.worker === worker) this.terminate(event.message || 'its script failed to load');
		});
		worker.addEventListener('messageerror', () => {
			if (this.worker === worker) this.terminate('it sent a message that could not be read');
		});
		this.worker = worker;
		return worker;
	}

	private receive(message: WorkerResponse): void {
		const pending = this.pending.get(message.id);
		if (!pending) return;
		if (message.status === 'progress') {
			pending.on_progress?.(message.progress);
			return;
		}
		if (message.status === 'partial') {
			pending.on_partial?.(message.partial);
			return;
		}
		this.pending.delete(message.id);
		if (message.status === 'complete') pending.resolve(message.result);
		else pending.reject(rebuild_error(message));
	}
}

function rebuild_error(message: Extract<WorkerResponse, { status: 'error' }>): Error {
	if (message.name === 'MusicInputError' && message.fields) return new MusicInputError(message.fields);
	return rebuild_coded(message.name, message.message, message.coded, message.url);
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A load shared by every caller: made on the first call, cached while it succeeds, forgotten when it fails (so the
 * next call retries) or on reset() (when the worker that held it stops).
 */
export function once<T>(make: () => Promise<T>): (() => Promise<T>) & { reset(): void } {
	let promise: Promise<T> | null = null;
	const get = () =>
		(promise ??= make().catch((error) => {
			promise = null;
			throw error;
		}));
	return Object.assign(get, { reset: () => (promise = null) });
}

/**
 * Latest wins, for sliders: at most one call runs and at most one waits. A call that arrives while another waits
 * replaces it, and the replaced callers receive the newer call's result, so no backlog ever builds.
 *
 * `run` may report a first phase of its result through its second argument; it reaches the callers' `on_partial`
 * only while no newer call has been made: a superseded run's partial would show the past after the present.
 */
export function latest_wins<T, R, Q = never>(
	run: (arg: T, on_partial: (partial: Q) => void) => Promise<R>
): (arg: T, on_partial?: (partial: Q) => void) => Promise<R> {
	type Waiter = { resolve(r: R): void; reject(e: unknown): void; on_partial?: (partial: Q) => void };
	let running = false;
	let queued: { arg: T; seq: number; waiters: Waiter[] } | null = null;
	/** the number of the newest call */
	let latest = 0;

	const pump = () => {
		if (running || !queued) return;
		const job = queued;
		queued = null;
		running = true;
		const on_partial = (partial: Q) => {
			if (job.seq !== latest) return;
			for (const w of job.waiters) w.on_partial?.(partial);
		};
		run(job.arg, on_partial)
			.then(
				(result) => job.waiters.forEach((w) => w.resolve(result)),
				(error) => job.waiters.forEach((w) => w.reject(error))
			)
			.finally(() => {
				running = false;
				pump();
			});
	};

	return (arg, on_partial) =>
		new Promise<R>((resolve, reject) => {
			const seq = ++latest;
			if (queued) {
				queued.arg = arg;
				queued.seq = seq;
				queued.waiters.push({ resolve, reject, on_partial });
			} else {
				queued = { arg, seq, waiters: [{ resolve, reject, on_partial }] };
			}
			pump();
		});
}
