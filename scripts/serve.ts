/**
 * A small static server for the built site: what `npm start` serves and what the browser tests drive.
 * Any static host works the same way; this one exists so the tests can stop it (offline checks) and mount
 * the build under a base path.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.wasm': 'application/wasm',
	'.onnx': 'application/octet-stream',
	'.arrow': 'application/vnd.apache.arrow.file',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8'
};

export interface StaticServer {
	url: string;
	server: Server;
	close(): Promise<void>;
}

/** Serve `root` at http://127.0.0.1:port{base}/ ; port 0 picks a free port. */
export function serve(root: string, port = 0, base = ''): Promise<StaticServer> {
	const dir = resolve(root);
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let path = decodeURIComponent(url.pathname);
		if (base && !path.startsWith(base + '/') && path !== base) {
			res.writeHead(404).end('not found');
			return;
		}
		path = path.slice(base.length) || '/';
		let file = normalize(join(dir, path));
		if (!file.startsWith(dir)) {
			res.writeHead(403).end('forbidden');
			return;
		}
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		else if (!existsSync(file) && existsSync(file + '.html')) file = file + '.html';
		if (!existsSync(file)) {
			const not_found = join(dir, '404.html');
			res.writeHead(404, { 'content-type': TYPES['.html'] });
			if (existsSync(not_found)) createReadStream(not_found).pipe(res);
			else res.end('not found');
			return;
		}
		const type = TYPES[extname(file)] ?? 'application/octet-stream';
		// Hashed assets are immutable; everything else revalidates so updates show up.
		const cache = path.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache';
		res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': cache });
		createReadStream(file).pipe(res);
	});
	return new Promise((ok) => {
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			const actual = typeof address === 'object' && address ? address.port : port;
			ok({
				url: `http://127.0.0.1:${actual}${base}/`,
				server,
				close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); })
			});
		});
	});
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const arg = (name: string, fallback: string) => {
		const i = process.argv.indexOf(`--${name}`);
		return i > 0 ? process.argv[i + 1] : fallback;
	};
	const port = Number(arg('port', '4173'));
	const base = arg('base', process.env.BASE_PATH ?? '');
	const root = arg('dir', 'build');
	if (!existsSync(join(root, 'index.html'))) {
		console.error(`No built site in ${root}/. Run \`npm run build\` first (or \`npm start\`, which does everything).`);
		process.exit(1);
	}
	serve(root, port, base).then(({ url }) => console.log(`Hitcast is being served at ${url}`));
}
