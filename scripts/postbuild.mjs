// Trunk post-build step (see Trunk.toml), run after the catalogue is written into the staging dir.
// In every build it adds the modules the app loads on first use (issue 35: split from the app at
// its split point, src/ui/team/later.rs, by scripts/wasm-link.sh): each optimised by wasm-opt -Oz, as trunk
// optimises the app, and named by its content; their loader, `__wasm_split.js` (the name the app's
// script imports), pointed at those names and at the app's script.
// In release builds it also:
//   1. writes the static first screens, drawn natively by the core (`readiness pages`, no
//      browser): the landing page into index.html and each bundled checklist into
//      checklists/<stem>.html, and lists those pages in boot.js;
//   2. adds a Content-Security-Policy meta tag to every page, with the SHA-256 of trunk's inline
//      bootstrap script (no 'unsafe-inline', no 'unsafe-eval'; 'wasm-unsafe-eval' for the wasm);
//   3. writes sw.js, the service worker, from scripts/sw.template.js with this build's file list
//      and a build id derived from every file's content (one cache per build);
//   4. marks the pages as a release build so the app registers the service worker.
// Debug builds (trunk serve) get none of this: trunk's live reload is inline, a caching worker
// would get in the way of development, and the app draws every page itself.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? 'debug';
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(2);
}

const indexPath = join(staging, 'index.html');
{
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const splits = join(target, 'wasm32-unknown-unknown', profile, 'wasm-split');
  const app = readdirSync(staging).filter((f) => /^readiness-app-[0-9a-f]{16}\.js$/.test(f));
  if (app.length !== 1) {
    console.error(`postbuild: expected one readiness-app-<hash>.js in the build, found ${app.length}`);
    process.exit(1);
  }
  // The split that made this build's app: the one whose loader gives exactly what the app's wasm
  // imports from it (each build of the app splits into its own folder).
  const wasm = new WebAssembly.Module(readFileSync(join(staging, app[0].replace(/\.js$/, '_bg.wasm'))));
  const wanted = WebAssembly.Module.imports(wasm).filter((i) => i.module === './__wasm_split.js').map((i) => i.name).sort();
  const exported = (js) => [...js.matchAll(/^export const (\S+) =/gm)].map((m) => m[1]).sort();
  const candidates = existsSync(splits) ? readdirSync(splits).map((d) => join(splits, d)).filter((d) => existsSync(join(d, '__wasm_split.js'))) : [];
  const dir = candidates.find((d) => exported(readFileSync(join(d, '__wasm_split.js'), 'utf8')).join(' ') === wanted.join(' '));
  if (!dir) {
    console.error(`postbuild: no split in ${splits} gives what the app imports (${wanted.join(', ')}): was it linked by scripts/wasm-link.sh?`);
    process.exit(1);
  }
  const loaderPath = join(dir, '__wasm_split.js');
  let loader = readFileSync(loaderPath, 'utf8').replace('./__READINESS_APP_JS__', `./${app[0]}`);
  const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals'];
  // Each lazily loaded function's module, and the chunks several of them share.
  const lazy = readdirSync(dir).filter((f) => /^(split_.*|chunk_[0-9]+)\.wasm$/.test(f) && !f.endsWith('.opt.wasm')).sort();
  for (const f of lazy) {
    const opt = join(dir, f.replace(/\.wasm$/, '.opt.wasm'));
    execFileSync('wasm-opt', ['-Oz', ...features, '-o', opt, join(dir, f)]);
    const bytes = readFileSync(opt);
    const name = `readiness-app-lazy-${f.replace(/^split_/, '').replace(/(_[0-9]+)?\.wasm$/, '')}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.wasm`;
    writeFileSync(join(staging, name), bytes);
    if (!loader.includes(`"./${f}"`)) {
      console.error(`postbuild: the loader does not name ${f}`);
      process.exit(1);
    }
    loader = loader.replace(`"./${f}"`, `"./${name}"`);
  }
  writeFileSync(join(staging, '__wasm_split.js'), loader);
  console.error(`postbuild: ${lazy.length} module(s) loaded on first use`);
}

if (profile !== 'release') {
  console.error(`postbuild: ${profile} build, no static pages, CSP or service worker`);
  process.exit(0);
}

const sha = (alg, data) => createHash(alg).update(data).digest();
const template = readFileSync(indexPath, 'utf8');
const BOOT = /<div id="boot">[\s\S]*?<\/div>\s*<\/body>/;
if (!BOOT.test(template)) {
  console.error('postbuild: index.html has no <div id="boot"> before </body>');
  process.exit(1);
}

// 1. Static first screens.
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const NOSCRIPT = '<noscript><p class="error banner">Readiness needs JavaScript and WebAssembly: without them, nothing entered on this page is saved.</p></noscript>';
// When the static page shows what the address names (boot.js says so), the app starts after it has
// been painted once: trunk's loader runs as soon as the page is parsed, and the app's start-up (one
// long task) would otherwise hold back that paint. Any wasm download goes on meanwhile.
const INIT = 'const wasm = await init(';
const AFTER_PAINT = 'if (window.__readinessPaintFirst) await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n';
function staticPage(html, { page, title, drawn, up }) {
  if (!html.includes(INIT)) {
    console.error(`postbuild: trunk's loader no longer reads "${INIT}"`);
    process.exit(1);
  }
  let out = html
    .replace(INIT, AFTER_PAINT + INIT)
    .replace('<html lang="en">', `<html lang="en" data-prerendered="${escapeHtml(page)}">`)
    .replace(/<title>[\s\S]*?<\/title>/, `<title>${escapeHtml(title)}</title>`)
    .replace(BOOT, `<div id="boot" data-live="static">${NOSCRIPT}${drawn}</div>\n  </body>`);
  if (up) {
    // A checklist's static page paints first: the wasm is fetched once the app starts (after that
    // paint), not alongside the page, where it would share the bandwidth of a slow network.
    out = out.replace(/<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/, '');
    // A page one folder down: its own files are one level up (the drawn part only links by hash).
    const [head, body] = out.split('</head>');
    out = head
      .replace(/\b(href|src)="(?!#|[a-z]+:|\/)(\.\/)?/g, '$1="../')
      .replace(/(['"])\.\/(readiness-app-[0-9a-f]+(?:_bg\.wasm|\.js))\1/g, '$1../$2$1') + '</head>' + body;
  }
  return out;
}
const catalog = JSON.parse(readFileSync(join(staging, 'checklists/index.json'), 'utf8'));
const files = catalog.checklists.map((c) => c.file);
const pages = new Map([['index.html', template]]);
/** Where a bundled checklist's static page lives, relative to the app's page (boot.js's map). */
const staticPath = (file) => `checklists/${file.replace(/\.md$/, '')}.html`;
{
  // The same checklists the catalogue was written from (Trunk.toml's hook), drawn by the core.
  const drawn = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'readiness', '--', 'pages', 'checklists'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const listed = drawn.docs.map((d) => d.file).join(' ');
  if (listed !== files.join(' ')) {
    console.error(`postbuild: the static pages (${listed}) are not the catalogue's checklists (${files.join(' ')})`);
    process.exit(1);
  }
  pages.set('index.html', staticPage(template, { page: 'home', title: drawn.home.title, drawn: drawn.home.html, up: false }));
  for (const d of drawn.docs) {
    pages.set(staticPath(d.file), staticPage(template, { page: `c:${d.file}`, title: d.title, drawn: d.html, up: true }));
  }
  const bootPath = join(staging, 'boot.js');
  const boot = readFileSync(bootPath, 'utf8');
  if (!boot.includes('{/* __PRERENDERED__ */}')) {
    console.error('postbuild: boot.js has no map of static pages to fill');
    process.exit(1);
  }
  const where = Object.fromEntries(drawn.docs.map((d) => [d.file, encodeURI(staticPath(d.file))]));
  writeFileSync(bootPath, boot.replace('{/* __PRERENDERED__ */}', JSON.stringify(where)));
}

// 2. CSP: hash every inline script exactly as it stands between its tags, page by page.
function withCsp(html) {
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
    // Trusted Types: markup only through the app's one policy (src/ui/platform/markup.rs).
    "require-trusted-types-for 'script'",
    "trusted-types readiness default 'allow-duplicates'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}" />\n    <meta name="readiness-build" content="release" />`;
  const out = html.replace(/<meta charset="utf-8" \/>/, (m) => `${m}\n    ${meta}`);
  if (!out.includes('Content-Security-Policy')) {
    console.error('postbuild: could not place the CSP meta tag');
    process.exit(1);
  }
  return out;
}
for (const [path, html] of pages) writeFileSync(join(staging, path), withCsp(html));

// 3. Service worker with this build's files.
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const all = walk(staging)
  .map((p) => relative(staging, p).split(sep).join('/'))
  .filter((f) => f !== 'sw.js')
  .sort();
const id = createHash('sha256');
for (const f of all) id.update(f).update(sha('sha256', readFileSync(join(staging, f))));
const build = id.digest('hex').slice(0, 16);
const hashed = all.filter((f) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(f));
const swTemplate = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'sw.template.js'), 'utf8');
const sw = swTemplate
  .replace("'__BUILD__'", JSON.stringify(build))
  .replace('[/* __FILES__ */]', JSON.stringify(all))
  .replace('[/* __HASHED__ */]', JSON.stringify(hashed));
writeFileSync(join(staging, 'sw.js'), sw);
console.error(`postbuild: ${pages.size} page(s) (${pages.size - 1} static checklist page(s)) with CSP; sw.js for build ${build} caching ${all.length} files`);
