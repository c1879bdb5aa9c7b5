// Entry of every pipeline worker thread. Node 20 does not pass tsx's loader on to worker threads (neither through
// execArgv nor inheritance), so the worker registers it itself and then imports the TypeScript job module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
