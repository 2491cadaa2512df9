// A small static file server for the browser tests and benchmarks: serves a folder (dist/ by
// default) under a base path ("/" or e.g. "/readiness/"), with the MIME types the app needs.
// Usage as a module: `const srv = await serve({ root, base, mounts, immutable, compress })` → { url, close() };
// `mounts` maps extra URL prefixes under the base to folders, e.g. { 'fixtures/': 'tests/fixtures' };
// paths matching the `immutable` RegExp are served as a static host serves content-hashed files
// (cached for a year, never revalidated); everything else is `no-cache`. With `compress: true`,
// text, JSON and wasm go out brotli-compressed to clients that accept it, as a static host or CDN
// sends them (compressed once per file and kept).
// Usage from the shell: `node tests/e2e/server.mjs [root] [port] [base]`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serve({ root = 'dist', base = '/', port = 0, host = '127.0.0.1', mounts = {}, immutable = null, compress = false } = {}) {
  const rootDir0 = resolve(root);
  const compressed = new Map();
  // Every path asked of this server, in order (a test counts what was downloaded).
  const served = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      served.push(url.pathname);
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(base)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      path = path.slice(base.length);
      let rootDir = rootDir0;
      for (const [prefix, dir] of Object.entries(mounts)) {
        if (path.startsWith(prefix)) {
          rootDir = resolve(dir);
          path = path.slice(prefix.length);
        }
      }
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const file = normalize(join(rootDir, path));
      if (file !== rootDir && !file.startsWith(rootDir + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let body = await readFile(file);
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable?.test(url.pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      const type = headers['content-type'];
      if (compress && /text|json|wasm|svg/.test(type) && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${info.mtimeMs}`;
        if (!compressed.has(key)) {
          compressed.set(key, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        }
        body = compressed.get(key);
        headers['content-encoding'] = 'br';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}${base}`,
    served,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const srv = await serve({ root, port: Number(port), base });
  console.log(`serving ${root} at ${srv.url}`);
}
