/** Where the pipeline reads from and writes to. Every location can be overridden so tests run in a temp dir. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Datasets root: $HITCAST_DATA, else ../shared/datasets beside the repository. */
export function default_data_root(env: NodeJS.ProcessEnv = process.env): string {
	return env.HITCAST_DATA ? resolve(env.HITCAST_DATA) : resolve(REPO_ROOT, '../shared/datasets');
}

export interface PipelinePaths {
	data_root: string;
	/** the folder that receives models/ and data/ (the site's static/ folder by default) */
	out_root: string;
	/** step records and intermediate results (git-ignored .cache/train by default) */
	cache_dir: string;
}

export function default_paths(env: NodeJS.ProcessEnv = process.env): PipelinePaths {
	return {
		data_root: default_data_root(env),
		out_root: join(REPO_ROOT, 'static'),
		cache_dir: join(REPO_ROOT, '.cache/train')
	};
}

/** A required input file is absent; the message names every expected file and how to point at another root. */
export class MissingDataError extends Error {
	constructor(
		readonly data_root: string,
		readonly missing: string[],
		readonly expected: string[]
	) {
		super(
			[
				`Training data not found under ${data_root}.`,
				`Missing: ${missing.join(', ')}`,
				`Expected files (relative to the datasets root): ${expected.join(', ')}`,
				'Set HITCAST_DATA to the datasets folder (default: ../shared/datasets beside the repository).'
			].join('\n')
		);
		this.name = 'MissingDataError';
	}
}

/** Resolve each relative file under the data root, throwing MissingDataError when any is absent. */
export function require_data_files(data_root: string, files: readonly string[]): string[] {
	const paths = files.map((f) => join(data_root, f));
	const missing = files.filter((_, i) => !existsSync(paths[i]));
	if (missing.length) throw new MissingDataError(data_root, missing, [...files]);
	return paths;
}
