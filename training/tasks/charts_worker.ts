/** Worker-thread side of the chart fits: receives the shared matrix once, then runs jobs (see run_job). */
import { parentPort, workerData } from 'node:worker_threads';
import { run_job, type ChartsJob, type ChartsMatrix } from './charts_models';

const matrix = workerData.init as ChartsMatrix;

parentPort!.on('message', ({ id, job }: { id: number; job: ChartsJob }) => {
	try {
		parentPort!.postMessage({ id, result: run_job(matrix, job) });
	} catch (error) {
		parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
	}
});
