/**
 * Micro-benchmark: TreeSHAP contributions of one row, reference algorithm (shap.ts, Lundberg's Algorithm 2) against
 * the fast path (shap_fast.ts, Linear TreeSHAP), on a synthetic model the size of the music model (131 features,
 * 300 trees of depth 6, trained with train_gbdt) and, when present, on the shipped music model
 * (static/models/music_popularity.trees.bin; ARTIFACTS_DIR overrides static). Not a unit test: no assertions on
 * time, it prints a table.
 *
 *   npx tsx test/bench/treeshap_bench.ts [--rows 400] [--trees 300] [--depth 6]
 *
 * ms/row is the median (and the best) over batches of rows, wall clock; cpu ms/row is process CPU time (less
 * sensitive to a busy machine). "max rel diff" is the largest |fast - reference| over a row's largest |phi|.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contributions, contributions_reference, decode_gbdt_binary, prepare_contributions, train_gbdt, type GbdtModel } from '../../src/lib/core/gbdt/index';
import { make_rng, normal } from '../../src/lib/core/random';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N_ROWS = arg('rows', 400);

function synthetic_model(n_features: number, n_trees: number, depth: number): { model: GbdtModel; X: Float32Array } {
	const n = 6000;
	const rng = make_rng(7);
	const X = new Float32Array(n * n_features), y = new Float64Array(n);
	for (let r = 0; r < n; r++) {
		const o = r * n_features;
		for (let f = 0; f < n_features; f++) X[o + f] = f % 10 === 9 ? Math.floor(rng() * 6) : normal(rng);
		if (rng() < 0.05) X[o + 3] = NaN;
		let s = 0;
		for (let f = 4; f < 40; f++) s += Math.sin(X[o + f] * (1 + (f % 3))) * (f % 4 === 0 ? X[o + f + 1] : 1);
		y[r] = s + 0.3 * normal(rng);
	}
	const model = train_gbdt({ X, y, n_rows: n, n_features }, {
		objective: 'squared_error', n_estimators: n_trees, learning_rate: 0.05, max_depth: depth, subsample: 0.8, colsample: 0.8, seed: 1
	});
	return { model, X };
}

function stats(model: GbdtModel) {
	let leaves = 0, depth = 0;
	for (const t of model.trees) {
		const walk = (i: number, d: number): void => {
			if (t.left[i] === -1) { leaves++; depth = Math.max(depth, d); return; }
			walk(t.left[i], d + 1);
			walk(t.right[i], d + 1);
		};
		walk(0, 0);
	}
	return `${model.trees.length} trees, max depth ${depth}, ${(leaves / model.trees.length).toFixed(1)} leaves/tree, ${model.n_features} features`;
}

type Fn = (model: GbdtModel, x: Float32Array) => Float64Array;

function time_it(fn: Fn, model: GbdtModel, X: Float32Array, batch: number, batches: number) {
	const nf = model.n_features;
	const n = X.length / nf;
	let r = 0;
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let b = 0; b < batches; b++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		for (let k = 0; k < batch; k++, r = (r + 1) % n) fn(model, X.subarray(r * nf, (r + 1) * nf));
		const t1 = performance.now();
		const c = process.cpuUsage(c0);
		wall.push((t1 - t0) / batch);
		cpu.push((c.user + c.system) / 1000 / batch);
	}
	wall.sort((a, b) => a - b);
	cpu.sort((a, b) => a - b);
	return { median: wall[wall.length >> 1], best: wall[0], cpu: cpu[cpu.length >> 1] };
}

function bench(label: string, model: GbdtModel, X: Float32Array) {
	const nf = model.n_features;
	const rows = Math.min(N_ROWS, X.length / nf);
	const Xb = X.subarray(0, rows * nf);
	const t0 = performance.now();
	const plan = prepare_contributions(model);
	const prepare_ms = performance.now() - t0;
	let worst = 0;
	for (let r = 0; r < Math.min(rows, 100); r++) {
		const x = Xb.subarray(r * nf, (r + 1) * nf);
		const a = contributions(model, x), b = contributions_reference(model, x);
		let scale = 0;
		for (const v of b) scale = Math.max(scale, Math.abs(v));
		for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
	}
	// warm both, then time (the reference on fewer rows: it is slower)
	time_it(contributions_reference, model, Xb, 10, 5);
	time_it(contributions, model, Xb, 50, 10);
	const ref = time_it(contributions_reference, model, Xb, 10, 20);
	const fast = time_it(contributions, model, Xb, 50, 40);
	console.log(`\n${label}: ${stats(model)}`);
	console.log(`  fast plan: ${(plan.bytes / 2 ** 20).toFixed(2)} MiB, ${plan.points} quadrature points, ${plan.fallback.length} trees on the reference path, built in ${prepare_ms.toFixed(0)} ms; max rel diff ${worst.toExponential(1)}`);
	const row = (name: string, t: { median: number; best: number; cpu: number }) =>
		`  | ${name.padEnd(22)} | ${t.median.toFixed(3).padStart(9)} | ${t.best.toFixed(3).padStart(9)} | ${t.cpu.toFixed(3).padStart(10)} | ${Math.round(1000 / t.median).toString().padStart(8)} |`;
	console.log('  | algorithm              | ms/row p50 | ms/row best | cpu ms/row | rows/s   |');
	console.log('  |------------------------|-----------|-----------|------------|----------|');
	console.log(row('reference (Alg. 2)', ref));
	console.log(row('fast (Linear TreeSHAP)', fast));
	console.log(`  speed-up (p50): ${(ref.median / fast.median).toFixed(1)}x`);
}

const nf = 131, n_trees = arg('trees', 300), depth = arg('depth', 6);
console.log(`training a synthetic model (${nf} features, ${n_trees} trees, depth ${depth})...`);
const { model, X } = synthetic_model(nf, n_trees, depth);
bench('synthetic', model, X);

const dir = process.env.ARTIFACTS_DIR ?? 'static';
const music = join(dir, 'models', 'music_popularity.trees.bin');
if (existsSync(music)) {
	const m: GbdtModel = decode_gbdt_binary(readFileSync(music));
	// rows: synthetic values in a plausible range (TreeSHAP's cost does not depend on the values)
	const rng = make_rng(3);
	const Xm = new Float32Array(N_ROWS * m.n_features);
	for (let i = 0; i < Xm.length; i++) Xm[i] = rng() < 0.02 ? NaN : normal(rng);
	bench(`music model (${music})`, m, Xm);
}
