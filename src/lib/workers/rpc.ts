/**
 * Worker side of the protocol (see runtime/protocol.ts): dispatch { id, type, ...args } to a handler and answer with
 * progress / complete / error messages. Handlers may be async; several requests can be in flight at once.
 */
import type { LoadProgress } from '../core/music/types';
import type { MusicInputErrors } from '../runtime/music_input';
import type { Api, PartialOf, WorkerResponse } from '../runtime/protocol';
import { coded_fields } from '../runtime/errors';

export interface RequestContext<Q = never> {
	progress(p: LoadProgress): void;
	/** post a first phase of the result now (the request's type must list one in the worker's Partials) */
	partial(p: Q): void;
	/** buffers to move rather than copy with the result */
	transfer(...buffers: ArrayBuffer[]): void;
}

export type Handlers<A extends Api, P = object> = {
	[K in keyof A]: (args: Parameters<A[K]>[0], ctx: RequestContext<PartialOf<P, K>>) => ReturnType<A[K]> | Promise<ReturnType<A[K]>>;
};

// Workers are typed with the DOM lib here; postMessage(message, { transfer }) is the same call in both scopes.
const post = (message: WorkerResponse, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

export function serve<A extends Api, P = object>(handlers: Handlers<A, P>): void {
	self.addEventListener('message', async (event: MessageEvent) => {
		const { id, type, ...args } = event.data as { id: number; type: string };
		const transfer: ArrayBuffer[] = [];
		const ctx: RequestContext<unknown> = {
			progress: (progress) => post({ id, status: 'progress', progress }),
			partial: (partial) => post({ id, status: 'partial', partial }),
			transfer: (...buffers) => transfer.push(...buffers)
		};
		try {
			const handler = handlers[type as keyof A];
			if (!handler) throw new Error(`Unknown request "${type}".`);
			const result = await (handler as (args: unknown, ctx: RequestContext<unknown>) => unknown)(args, ctx);
			post({ id, status: 'complete', result }, transfer);
		} catch (error) {
			post(error_response(id, error));
		}
	});
}

function error_response(id: number, error: unknown): WorkerResponse {
	if (error instanceof Error) {
		const extra = error as Error & { fields?: unknown; url?: unknown };
		return {
			id,
			status: 'error',
			name: error.name,
			message: error.message,
			fields: extra.fields as MusicInputErrors | undefined,
			url: typeof extra.url === 'string' ? extra.url : undefined,
			coded: coded_fields(error)
		};
	}
	return { id, status: 'error', name: 'Error', message: String(error) };
}
