/**
 * A small pool of worker threads for CPU-bound fits (the machine has 2 cores; one GBDT fit uses one). Jobs are
 * handed out in submission order and results are returned by job index, so the outcome never depends on which
 * thread finished first: every fit carries its own seed.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./worker_boot.mjs', import.meta.url);

export function default_threads(): number {
	const env = Number(process.env.HITCAST_THREADS);
	return Number.isInteger(env) && env > 0 ? env : Math.max(1, availableParallelism());
}

/** Copy a typed array into shared memory so every worker reads the same bytes without a copy each. */
export function to_shared<T extends Float32Array | Float64Array | Int32Array>(a: T): T {
	const Ctor = a.constructor as new (buf: SharedArrayBuffer) => T;
	const out = new Ctor(new SharedArrayBuffer(a.byteLength));
	out.set(a as never);
	return out;
}

interface Pending<R> {
	resolve: (r: R) => void;
	reject: (e: Error) => void;
}

export class ThreadPool<J, R> {
	private readonly workers: Worker[] = [];
	private readonly idle: Worker[] = [];
	private readonly queue: { id: number; job: J }[] = [];
	private readonly pending = new Map<number, Pending<R>>();
	private readonly busy = new Map<Worker, number>();
	private next_id = 0;

	/** `module` is the job module's URL; it receives `init` as workerData.init and answers {id, job} messages. */
	constructor(module: URL, size: number, init: unknown) {
		for (let k = 0; k < size; k++) {
			const w = new Worker(BOOT, { workerData: { module: module.href, init } });
			w.on('message', (msg: { id: number; result?: R; error?: string }) => {
				const p = this.pending.get(msg.id);
				this.pending.delete(msg.id);
				this.busy.delete(w);
				if (p) {
					if (msg.error !== undefined) p.reject(new Error(msg.error));
					else p.resolve(msg.result as R);
				}
				this.idle.push(w);
				this.pump();
			});
			w.on('error', (e) => {
				const id = this.busy.get(w);
				if (id !== undefined) this.pending.get(id)?.reject(e);
				for (const p of this.pending.values()) p.reject(e);
				this.pending.clear();
			});
			this.workers.push(w);
			this.idle.push(w);
		}
	}

	run(job: J): Promise<R> {
		const id = this.next_id++;
		const promise = new Promise<R>((resolve, reject) => this.pending.set(id, { resolve, reject }));
		this.queue.push({ id, job });
		this.pump();
		return promise;
	}

	private pump(): void {
		while (this.idle.length && this.queue.length) {
			const w = this.idle.shift()!;
			const { id, job } = this.queue.shift()!;
			this.busy.set(w, id);
			w.postMessage({ id, job });
		}
	}

	async close(): Promise<void> {
		await Promise.all(this.workers.map((w) => w.terminate()));
	}
}
