/** Worker-thread side of the music fits: receives the shared matrix once, then runs jobs (see run_job). */
import { parentPort, workerData } from 'node:worker_threads';
import { run_job, type MusicJob, type MusicMatrix } from './music_popularity';

const matrix = workerData.init as MusicMatrix;

parentPort!.on('message', ({ id, job }: { id: number; job: MusicJob }) => {
	try {
		parentPort!.postMessage({ id, result: run_job(matrix, job) });
	} catch (error) {
		parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
	}
});
