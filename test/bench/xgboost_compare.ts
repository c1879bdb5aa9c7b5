/**
 * Benchmark: Hitcast's GBDT against XGBoost 1.7 (hist, Debian python3-xgboost) on the real music data, same rows,
 * same folds, same hyper-parameters. Not a unit test (minutes, needs the dataset and /usr/bin/python3 + xgboost).
 *
 *   npx tsx test/bench/xgboost_compare.ts [--rounds 300] [--lr 0.1] [--depth 6] [--folds 5] [--only-ours]
 *
 * Data: ../shared/datasets/spotify/spotify_tracks_dataset_maharshipandya_114k.csv.gz (HITCAST_DATA overrides the
 * datasets root). One row per distinct track_id: popularity = max over its rows; genres = multi-hot of every genre
 * it is listed under; features = 13 audio features + explicit + genre indicators (TARGETS.md feature set B;
 * tempo 0 and time_signature 0 read as missing). Folds: 5, grouped by track id (the training pipeline groups by
 * recording; this bench only compares implementations on identical folds).
 * The matrix and folds are written to a temp directory that test/bench/xgboost_ref.py reads, so both see the very
 * same numbers.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contributions, predict_gbdt, train_gbdt } from '../../src/lib/core/gbdt/index';
import { fit_ridge, predict_ridge } from '../../src/lib/core/linear/index';
import { grouped_kfold, mean_std, r2, rmse } from '../../src/lib/core/metrics/index';
import { parse_csv, read_text_file } from '../../training/lib/csv';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const AUDIO = ['danceability', 'energy', 'key', 'loudness', 'mode', 'speechiness', 'acousticness',
	'instrumentalness', 'liveness', 'valence', 'tempo', 'time_signature', 'duration_ms'];

function load_music() {
	const root = process.env.HITCAST_DATA ?? resolve(repo, '../shared/datasets');
	const file = join(root, 'spotify/spotify_tracks_dataset_maharshipandya_114k.csv.gz');
	const rows = parse_csv(read_text_file(file));
	const header = rows[0];
	const col = (name: string) => {
		const i = header.indexOf(name);
		if (i < 0) throw new Error(`column ${name} missing`);
		return i;
	};
	const c_id = col('track_id'), c_pop = col('popularity'), c_explicit = col('explicit'), c_genre = col('track_genre');
	const c_audio = AUDIO.map(col);
	const genres = [...new Set(rows.slice(1).map((r) => r[c_genre]))].sort();
	const genre_index = new Map(genres.map((g, i) => [g, i]));
	const tracks = new Map<string, { row: string[]; pop: number; genres: Set<number> }>();
	for (const r of rows.slice(1)) {
		const t = tracks.get(r[c_id]);
		const pop = Number(r[c_pop]);
		if (t) {
			t.pop = Math.max(t.pop, pop);
			t.genres.add(genre_index.get(r[c_genre]) as number);
		} else tracks.set(r[c_id], { row: r, pop, genres: new Set([genre_index.get(r[c_genre]) as number]) });
	}
	const n = tracks.size;
	const nf = AUDIO.length + 1 + genres.length;
	const X = new Float32Array(n * nf);
	const y = new Float32Array(n);
	const ids: string[] = [];
	let i = 0;
	for (const [id, t] of tracks) {
		const o = i * nf;
		AUDIO.forEach((name, k) => {
			let v = Number(t.row[c_audio[k]]);
			if ((name === 'tempo' || name === 'time_signature') && v === 0) v = NaN; // unmeasured
			X[o + k] = v;
		});
		X[o + AUDIO.length] = t.row[c_explicit] === 'True' ? 1 : 0;
		for (const g of t.genres) X[o + AUDIO.length + 1 + g] = 1;
		y[i] = t.pop;
		ids.push(id);
		i++;
	}
	return { X, y, n, nf, ids, names: [...AUDIO, 'explicit', ...genres.map((g) => `genre=${g}`)] };
}

function subset(X: Float32Array, y: Float32Array, nf: number, rows: number[]) {
	const Xs = new Float32Array(rows.length * nf);
	const ys = new Float32Array(rows.length);
	rows.forEach((r, i) => { Xs.set(X.subarray(r * nf, (r + 1) * nf), i * nf); ys[i] = y[r]; });
	return { X: Xs, y: ys, n_rows: rows.length, n_features: nf };
}

interface Row { impl: string; rmse: number[]; r2: number[]; fit_s: number[]; cpu_s: number[] }

function load_average(): string {
	// the machine is shared; the load average tells how much the wall times below may be inflated
	return loadavg().map((v) => v.toFixed(1)).join(' ');
}

function main() {
	const rounds = arg('rounds', 300), lr = arg('lr', 0.1), depth = arg('depth', 6), k = arg('folds', 5);
	const lambda = arg('lambda', 1), mcw = arg('min-child-weight', 1);
	const only_ours = process.argv.includes('--only-ours');
	const t_load = performance.now();
	const data = load_music();
	console.log(`music: ${data.n} tracks x ${data.nf} features (loaded in ${((performance.now() - t_load) / 1000).toFixed(1)} s)`);
	const folds = grouped_kfold(data.ids, 5, 42);

	const ours: Row = { impl: 'hitcast gbdt (TS, 1 thread)', rmse: [], r2: [], fit_s: [], cpu_s: [] };
	for (let f = 0; f < k; f++) {
		const tr: number[] = [], te: number[] = [];
		for (let i = 0; i < data.n; i++) (folds[i] === f ? te : tr).push(i);
		const train = { ...subset(data.X, data.y, data.nf, tr), feature_names: data.names };
		const test = subset(data.X, data.y, data.nf, te);
		const t0 = performance.now();
		const c_fit = process.cpuUsage();
		const model = train_gbdt(train, {
			objective: 'squared_error', n_estimators: rounds, learning_rate: lr, max_depth: depth, lambda,
			min_child_weight: mcw, max_bins: 255, seed: 1
		});
		const fit = (performance.now() - t0) / 1000;
		const cf = process.cpuUsage(c_fit);
		ours.cpu_s.push((cf.user + cf.system) / 1e6);
		const p = predict_gbdt(model, test.X, test.n_rows);
		ours.rmse.push(rmse(test.y, p)); ours.r2.push(r2(test.y, p)); ours.fit_s.push(fit);
		console.log(`  ours fold ${f}: rmse ${ours.rmse[f].toFixed(3)} r2 ${ours.r2[f].toFixed(4)} fit ${fit.toFixed(2)} s`);
		if (f === 0) {
			// TreeSHAP cost per row on the real model (CPU time, so other load on the machine does not count)
			let leaves = 0;
			for (const t of model.trees) for (const l of t.left) if (l === -1) leaves++;
			const rows = Math.min(1000, test.n_rows);
			for (let r = 0; r < 50; r++) contributions(model, test.X.subarray(r * data.nf, (r + 1) * data.nf)); // warm-up
			const c0 = process.cpuUsage();
			for (let r = 0; r < rows; r++) contributions(model, test.X.subarray(r * data.nf, (r + 1) * data.nf));
			const cpu = process.cpuUsage(c0);
			console.log(`  TreeSHAP: ${((cpu.user + cpu.system) / 1000 / rows).toFixed(2)} ms CPU per row (${model.trees.length} trees, ${(leaves / model.trees.length).toFixed(1)} leaves per tree)`);
			const ridge_model = fit_ridge(train, 1);
			const pr = predict_ridge(ridge_model, test.X, test.n_rows);
			console.log(`  ridge (lambda 1) fold 0: rmse ${rmse(test.y, pr).toFixed(3)} r2 ${r2(test.y, pr).toFixed(4)}`);
		}
	}
	const table: Row[] = [ours];

	if (!only_ours) {
		const dir = mkdtempSync(join(tmpdir(), 'hitcast-xgb-'));
		try {
			writeFileSync(join(dir, 'X.f32'), data.X);
			writeFileSync(join(dir, 'y.f32'), data.y);
			writeFileSync(join(dir, 'folds.i32'), folds);
			writeFileSync(join(dir, 'meta.json'), JSON.stringify({
				n_rows: data.n, n_features: data.nf, folds: k, rounds, learning_rate: lr, max_depth: depth, lambda,
				min_child_weight: mcw, max_bin: 256, nthread: 2
			}));
			const out = execFileSync('/usr/bin/python3', [join(here, 'xgboost_ref.py'), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
			const ref = JSON.parse(out.trim().split('\n').pop() as string) as { rmse: number[]; r2: number[]; fit_s: number[]; cpu_s: number[]; version: string };
			table.push({ impl: `xgboost ${ref.version} hist (2 threads)`, rmse: ref.rmse, r2: ref.r2, fit_s: ref.fit_s, cpu_s: ref.cpu_s });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	// the machine is shared: CPU seconds are shown too, and the load average says how inflated wall times may be
	console.log(`\nload average at the end: ${load_average()}`);
	console.log(`\nrounds ${rounds}, learning_rate ${lr}, max_depth ${depth}, lambda ${lambda}, min_child_weight ${mcw}, ${k} folds grouped by track id`);
	console.log('| implementation | RMSE mean | R² mean | fit s per fold (wall) | fit CPU s per fold |');
	console.log('|---|---|---|---|---|');
	for (const row of table) {
		const m = (v: number[], d: number) => `${mean_std(v).mean.toFixed(d)} ± ${mean_std(v).std.toFixed(d)}`;
		console.log(`| ${row.impl} | ${m(row.rmse, 3)} | ${m(row.r2, 4)} | ${m(row.fit_s, 2)} | ${m(row.cpu_s, 2)} |`);
	}
	if (table.length === 2) {
		const [a, b] = table;
		const rel = mean_std(a.rmse).mean / mean_std(b.rmse).mean - 1;
		const speed = mean_std(a.fit_s).mean / mean_std(b.fit_s).mean;
		const cpu_ratio = mean_std(a.cpu_s).mean / mean_std(b.cpu_s).mean;
		console.log(`\nRMSE ours vs xgboost: ${(rel * 100).toFixed(2)}% (target within 1%); wall fit time ratio ${speed.toFixed(2)}x (target <= 3x); CPU ratio ${cpu_ratio.toFixed(2)}x`);
	}
}

main();
