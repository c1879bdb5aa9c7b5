/**
 * The incremental build. Each step declares an input hash (data + code + options + upstream artifacts) and the
 * files it writes; a record of the last successful build (<cache_dir>/<step>.json) lets a rerun skip the step when
 * the hash is unchanged and every output is still on disk with the recorded sha256, under one of the folders this
 * run writes to (the same cache used with another output folder rebuilds there). --force ignores the records.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { file_sha256 } from './hash';
import type { Progress } from './progress';

export interface StepRecord<R> {
	step: string;
	input_hash: string;
	/** absolute path -> sha256 of each output as written */
	outputs: Record<string, string>;
	/** small JSON result of the step (metrics, counts), handed to later steps when the step is skipped */
	result: R;
}

export class ArtifactCache {
	/** the folders a step's outputs may be in: the run's output root and the cache itself */
	private readonly output_roots: string[];

	constructor(
		readonly cache_dir: string,
		/** the folder that receives models/ and data/ */
		readonly out_root: string,
		readonly force = false
	) {
		mkdirSync(cache_dir, { recursive: true });
		this.output_roots = [out_root, cache_dir];
	}

	private record_path(step: string): string {
		return join(this.cache_dir, `${step}.json`);
	}

	read_record<R>(step: string): StepRecord<R> | null {
		const path = this.record_path(step);
		if (!existsSync(path)) return null;
		try {
			return JSON.parse(readFileSync(path, 'utf8')) as StepRecord<R>;
		} catch {
			return null; // a truncated record (interrupted run) just means "rebuild"
		}
	}

	/** Why the step must run, or null when it is up to date. */
	stale_reason(step: string, input_hash: string): string | null {
		if (this.force) return '--force';
		const rec = this.read_record(step);
		if (!rec) return 'never built';
		if (rec.input_hash !== input_hash) return 'inputs or code changed';
		for (const [path, sha] of Object.entries(rec.outputs)) {
			if (!this.output_roots.some((root) => is_inside(path, root))) return `it was built into another folder (${path})`;
			if (!existsSync(path)) return `${path} is missing`;
			if (file_sha256(path, false) !== sha) return `${path} was modified`;
		}
		return null;
	}

	/**
	 * Run `build` unless the step is up to date. `build` writes its outputs and returns the list of files it wrote
	 * plus a JSON result; the record is written only after it succeeds, so an interrupted step reruns next time.
	 */
	async step<R>(
		progress: Progress,
		id: string,
		label: string,
		input_hash: string,
		build: (note: (line: string) => void) => Promise<{ outputs: string[]; result: R }> | { outputs: string[]; result: R }
	): Promise<{ result: R; outputs: Record<string, string>; skipped: boolean }> {
		const why = this.stale_reason(id, input_hash);
		const name = `${id}: ${label}`;
		if (why === null) {
			const rec = this.read_record<R>(id)!;
			progress.skipped(name);
			return { result: rec.result, outputs: rec.outputs, skipped: true };
		}
		const { outputs, result } = await progress.step(`${name} (${why})`, build);
		const record: StepRecord<R> = {
			step: id,
			input_hash,
			outputs: Object.fromEntries(outputs.map((p) => [p, file_sha256(p, false)])),
			result
		};
		write_file_atomic(this.record_path(id), JSON.stringify(record));
		return { result, outputs: record.outputs, skipped: false };
	}
}

/** Write via a temporary file and rename, so a crash never leaves a half-written artifact under its real name. */
export function write_file_atomic(path: string, data: string | Uint8Array): void {
	mkdirSync(dirname(path), { recursive: true });
	const tmp = `${path}.tmp-${process.pid}`;
	writeFileSync(tmp, data);
	renameSync(tmp, path);
}

function is_inside(path: string, root: string): boolean {
	const rel = relative(resolve(root), resolve(path));
	return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
