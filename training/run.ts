/**
 * npm run train [-- --force] [--out <dir>] [--data <dir>] [--cache <dir>] [--threads <n>]
 * Datasets root: --data, else $HITCAST_DATA, else ../shared/datasets beside the repository.
 */
import { resolve } from 'node:path';
import { default_pipeline_options, run_pipeline } from './pipeline';
import { MissingDataError } from './lib/paths';

function parse_args(argv: string[]) {
	const o = default_pipeline_options();
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--force') o.force = true;
		else if (a === '--out') o.paths.out_root = resolve(value());
		else if (a === '--data') o.paths.data_root = resolve(value());
		else if (a === '--cache') o.paths.cache_dir = resolve(value());
		else if (a === '--threads') o.threads = Math.max(1, Number.parseInt(value(), 10) || 1);
		else if (a === '--help' || a === '-h') {
			console.log('usage: npm run train [-- --force] [--out DIR] [--data DIR] [--cache DIR] [--threads N]');
			process.exit(0);
		} else throw new Error(`unknown argument ${a} (try --help)`);
	}
	return o;
}

try {
	await run_pipeline(parse_args(process.argv.slice(2)));
} catch (error) {
	if (error instanceof MissingDataError) console.error(`\n${error.message}`);
	else console.error(error);
	process.exitCode = 1;
}
