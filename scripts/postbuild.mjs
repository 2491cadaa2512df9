// Trunk post-build step (see Trunk.toml), run after the catalogue is written into the staging dir.
// In release builds it:
//   1. adds a Content-Security-Policy meta tag to index.html, with the SHA-256 of trunk's inline
//      bootstrap script (no 'unsafe-inline', no 'unsafe-eval'; 'wasm-unsafe-eval' for the wasm);
//   2. writes sw.js, the service worker, from scripts/sw.template.js with this build's file list
//      and a build id derived from every file's content (one cache per build);
//   3. marks the page as a release build so the app registers the service worker.
// Debug builds (trunk serve) get neither CSP nor service worker: trunk's live reload is inline
// and a caching worker would get in the way of development.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? 'debug';
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(2);
}
if (profile !== 'release') {
  console.error(`postbuild: ${profile} build, no CSP or service worker`);
  process.exit(0);
}

const sha = (alg, data) => createHash(alg).update(data).digest();
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 1. CSP: hash every inline script exactly as it stands between its tags.
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${sha('sha256', m[1]).toString('base64')}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  // ?src= may name any http(s) URL that allows CORS.
  "connect-src 'self' https: http:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}" />\n    <meta name="readiness-build" content="release" />`;
html = html.replace(/<meta charset="utf-8" \/>/, (m) => `${m}\n    ${meta}`);
if (!html.includes('Content-Security-Policy')) {
  console.error('postbuild: could not place the CSP meta tag');
  process.exit(1);
}
writeFileSync(indexPath, html);

// 2. Service worker with this build's files.
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(staging)
  .map((p) => relative(staging, p).split(sep).join('/'))
  .filter((f) => f !== 'sw.js')
  .sort();
const id = createHash('sha256');
for (const f of files) id.update(f).update(sha('sha256', readFileSync(join(staging, f))));
const build = id.digest('hex').slice(0, 16);
const hashed = files.filter((f) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(f));
const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'sw.template.js'), 'utf8');
const sw = template
  .replace("'__BUILD__'", JSON.stringify(build))
  .replace('[/* __FILES__ */]', JSON.stringify(files))
  .replace('[/* __HASHED__ */]', JSON.stringify(hashed));
writeFileSync(join(staging, 'sw.js'), sw);
console.error(`postbuild: CSP with ${hashes.length} script hash(es); sw.js for build ${build} caching ${files.length} files`);
