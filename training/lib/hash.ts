/**
 * Hashing for the incremental build. An artifact is up to date when the hash of everything that produced it is
 * unchanged: the data files (content sha256: the inputs are at most a few MB gzip, so hashing them costs ~10-50 ms
 * and, unlike size+mtime, survives a fresh checkout), the source code (the import closure of the step's modules)
 * and the options.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from './paths';

export function sha256_hex(data: Uint8Array | string): string {
	return createHash('sha256').update(data).digest('hex');
}

const file_hash_memo = new Map<string, string>();

/** sha256 of a file's content (memoised for the run: inputs do not change while we train). */
export function file_sha256(path: string, memo = true): string {
	const key = resolve(path);
	const hit = memo ? file_hash_memo.get(key) : undefined;
	if (hit) return hit;
	const h = sha256_hex(readFileSync(key));
	if (memo) file_hash_memo.set(key, h);
	return h;
}

/** Stable JSON: object keys sorted, so two equal option objects always hash alike. */
export function stable_json(value: unknown): string {
	return JSON.stringify(value, (_k, v) => {
		if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
			return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
		}
		return v;
	});
}

export function hash_of(...parts: unknown[]): string {
	return sha256_hex(parts.map((p) => (typeof p === 'string' ? p : stable_json(p))).join('\u0000'));
}

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function resolve_import(from_file: string, spec: string): string | null {
	if (!spec.startsWith('.') && !spec.startsWith('$lib/')) return null; // packages are pinned by the lockfile
	const base = spec.startsWith('$lib/') ? resolve(REPO_ROOT, 'src/lib', spec.slice(5)) : resolve(dirname(from_file), spec);
	for (const candidate of [base, `${base}.ts`, `${base}.js`, resolve(base, 'index.ts'), resolve(base, 'index.js')]) {
		if (existsSync(candidate) && !candidate.endsWith('/') && /\.(ts|js|json)$/.test(candidate)) return candidate;
	}
	return null;
}

/** Every .ts / .js / .mjs / .json file under `dir` (recursively), sorted. */
function files_under(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...files_under(path));
		else if (/\.(ts|js|mjs|json)$/.test(name)) out.push(path);
	}
	return out;
}

/**
 * Every local source file reachable by static imports from `entries`, as repo-relative paths, sorted. Hashing this
 * closure means an edit to any module a step depends on (a feature encoder in src/lib/core, the GBDT) rebuilds it,
 * and edits elsewhere do not. An entry that is a directory stands for every source file in it (and their imports):
 * a whole module directory counts even where the import scan could miss a file (a dynamic or computed import).
 */
export function code_closure(entries: readonly string[]): string[] {
	const seen = new Set<string>();
	const stack = entries.flatMap((e) => {
		const path = resolve(REPO_ROOT, e);
		if (!existsSync(path)) throw new Error(`code_hash: ${e} does not exist`);
		return statSync(path).isDirectory() ? files_under(path) : [path];
	});
	while (stack.length) {
		const file = stack.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		if (!file.endsWith('.ts') && !file.endsWith('.js') && !file.endsWith('.mjs')) continue;
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(IMPORT_RE)) {
			const spec = m[1] ?? m[2] ?? m[3];
			const target = resolve_import(file, spec);
			if (target && !seen.has(target)) stack.push(target);
		}
	}
	return [...seen].map((f) => relative(REPO_ROOT, f)).sort();
}

/** One hash over the content of the import closure of `entries` (file names included, so a move counts). */
export function code_hash(entries: readonly string[]): string {
	return hash_of(code_closure(entries).map((f) => [f, file_sha256(resolve(REPO_ROOT, f), false)]));
}
