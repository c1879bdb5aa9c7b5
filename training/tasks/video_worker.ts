/** Worker-thread side of the video fits: receives both model sets once, then runs cross-validations and final fits. */
import { parentPort, workerData } from 'node:worker_threads';
import { run_video_job, type VideoJob, type VideoSets } from './video_models';

const sets = workerData.init as VideoSets;

parentPort!.on('message', ({ id, job }: { id: number; job: VideoJob }) => {
	try {
		parentPort!.postMessage({ id, result: run_video_job(sets, job) });
	} catch (error) {
		parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
	}
});
