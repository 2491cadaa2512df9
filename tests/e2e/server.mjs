// A small static file server for the browser tests and benchmarks: serves a folder (dist/ by
// default) under a base path ("/" or e.g. "/readiness/"), with the MIME types the app needs.
// Usage as a module: `const srv = await serve({ root, base, mounts, immutable })` → { url, close() };
// `mounts` maps extra URL prefixes under the base to folders, e.g. { 'fixtures/': 'tests/fixtures' };
// paths matching the `immutable` RegExp are served as a static host serves content-hashed files
// (cached for a year, never revalidated); everything else is `no-cache`.
// Usage from the shell: `node tests/e2e/server.mjs [root] [port] [base]`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
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

export async function serve({ root = 'dist', base = '/', port = 0, host = '127.0.0.1', mounts = {}, immutable = null } = {}) {
  const rootDir0 = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
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
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable?.test(url.pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}${base}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const srv = await serve({ root, port: Number(port), base });
  console.log(`serving ${root} at ${srv.url}`);
}
