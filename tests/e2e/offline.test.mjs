// Static hosting and offline use: the release build served from a sub-path, under its CSP, working
// after the server is gone (service worker), and offering a new version without forcing it.
// Offline is real here: the server is stopped (Chromium's offline emulation does not cover
// service-worker fetches).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A private copy of dist/ (tests may change it) served under `base`. */
async function host(base) {
  const root = mkdtempSync(join(tmpdir(), 'readiness-site-'));
  cpSync('dist', root, { recursive: true });
  const server = await serve({ root, base });
  return { root, server };
}

async function newPage(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

test('served from a sub-path under its CSP: no violation, assets carry SRI', async () => {
  const { server } = await host('/team/readiness/');
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  assert.equal(await page.locator('[data-testid=catalog] .card').count(), 5);
  await page.locator('.card[data-file="lfg-platform-checklist.md"] a').click();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  await page.locator('input[type=checkbox][data-item-id]').first().check();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  // An item's N/A, note and evidence controls, and an HTML sink the app does not own.
  await page.locator('button.more-toggle').first().click();
  await page.locator('.controls textarea').first().fill('checked by hand');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  // Trusted Types: the renderer's HTML goes through the app's named policy; at any other HTML
  // sink the default policy refuses markup that could run script (it throws, and reports a
  // violation), and lets through only inert HTML such as Leptos' compile-time templates.
  const sink = await page.evaluate(() => {
    const attempt = (html) => {
      try {
        document.body.insertAdjacentHTML('beforeend', html);
        return 'written';
      } catch (e) {
        return e.name;
      }
    };
    return [
      attempt('<img id="stray" src="x" onerror="window.__owned = 1">'),
      attempt('<a id="stray" href="javascript:alert(1)">x</a>'),
      attempt('<b id="inert">x</b>'),
    ];
  });
  assert.deepEqual(sink, ['TypeError', 'TypeError', 'written']);
  assert.equal(await page.locator('#stray').count(), 0);
  assert.equal(await page.evaluate(() => window.__owned), undefined);
  await page.evaluate(() => { window.__csp = []; });
  const html = readFileSync('dist/index.html', 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /'wasm-unsafe-eval'/);
  assert.match(csp, /require-trusted-types-for 'script'; trusted-types readiness default 'allow-duplicates'/);
  for (const tag of html.match(/<link[^>]+(stylesheet|modulepreload|preload)[^>]*>/g)) {
    assert.match(tag, /integrity="sha384-/, tag);
  }
  await context.close();
  await server.close();
});

test('after one visit the app works offline, with the answers', async () => {
  const { root, server } = await host('/readiness/');
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  await controlled(page);
  await page.goto(`${server.url}#/c/websocket-cluster-checklist.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  await page.locator('input[type=checkbox][data-item-id]').nth(2).check();
  // And one checklist of the user's own.
  await page.goto(server.url);
  await page.getByTestId('paste-markdown').fill('# Offline plan\n\n- [ ] Bring the laptop charger\n- [ ] Print the runbook\n');
  await page.getByRole('button', { name: 'Open pasted checklist' }).click();
  await page.waitForSelector('article.checklist[data-file="pasted.md"]:not([aria-busy])');
  await page.locator('input[type=checkbox][data-item-id]').nth(1).check();
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]').textContent.startsWith('Saved 20'));
  const ownUrl = page.url();
  // And one opened from a URL with ?src=: its address carries the URL.
  mkdirSync(join(root, 'team'));
  writeFileSync(join(root, 'team', 'release.md'), '# Release 42\n\n- [ ] Tag the build\n- [ ] Announce the window\n');
  await page.goto(`${server.url}?src=team/release.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  await page.locator('input[type=checkbox][data-item-id]').nth(0).check();
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]').textContent.startsWith('Saved 20'));
  const srcUrl = page.url();
  assert.match(srcUrl, /#\/u\/http/);

  await server.close(); // the network is gone
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  assert.equal(await page.locator('[data-testid=catalog] .card').count(), 5);
  await page.goto(`${server.url}#/c/websocket-cluster-checklist.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 211);
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').nth(2).isChecked(), true);
  await page.goto(ownUrl);
  await page.reload();
  await page.waitForSelector('article.checklist[data-file="pasted.md"]:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').nth(1).isChecked(), true);
  // The ?src= checklist opens from its stored copy, saying so, with its answers.
  await page.goto(srcUrl);
  await page.reload();
  await page.getByTestId('offline-copy').waitFor();
  assert.match(await page.getByTestId('offline-copy').textContent(), /^Offline copy from 20\d\d-\d\d-\d\d \d\d:\d\d\. .*unreachable/);
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 2);
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').nth(0).isChecked(), true);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await context.close();
  void root;
});

test('a first visit fetches only the first module until the browser is idle, then the team module (never the auditor view\'s), which works offline from the cache', async () => {
  // The team module, the auditor view's, and the chunk of code the two share.
  const lazy = readdirSync('dist').filter((f) => /^readiness-app-lazy-.*\.wasm$/.test(f));
  assert.deepEqual(lazy.map((f) => f.replace(/-[0-9a-f]{16}\.wasm$/, '')).sort(),
    ['readiness-app-lazy-audit', 'readiness-app-lazy-chunk', 'readiness-app-lazy-team']);
  const { server } = await host('/team/readiness/');
  const context = await browser.newContext();
  const page = await newPage(context);
  // Every mark, measure and download, as the page saw them (a measure is cleared once taken).
  await page.addInitScript(() => {
    window.__timeline = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__timeline.push({ type: e.entryType, name: e.name, start: e.startTime, end: e.startTime + e.duration });
    }).observe({ entryTypes: ['mark', 'measure', 'resource'] });
  });
  // Every request for a later module, the service worker's too, with when it was made.
  const asked = [];
  context.on('request', (r) => {
    if (/readiness-app-lazy-/.test(r.url())) asked.push({ url: r.url(), at: Date.now(), worker: r.serviceWorker() !== null });
  });
  await page.goto(`${server.url}#/c/lfg-platform-checklist.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  // The team's parts arrive once the browser is idle: the hand-off bar's "You", then a click.
  await page.getByTestId('you').waitFor();
  const timeline = await page.evaluate(() => window.__timeline);
  const idle = timeline.filter((e) => e.name === 'readiness:idle');
  assert.equal(idle.length, 1, JSON.stringify(timeline.filter((e) => e.type !== 'resource')));
  const modules = timeline.filter((e) => e.type === 'resource' && /readiness-app-lazy-/.test(e.name));
  assert.deepEqual(modules.map((e) => e.name.replace(/^.*\/|-[0-9a-f]{16}\.wasm$/g, '')).sort(),
    ['readiness-app-lazy-chunk', 'readiness-app-lazy-team']);
  // Not before: the first module alone until the page's state was built and the browser then
  // idle.
  const drawn = timeline.filter((e) => e.name === 'readiness:state');
  assert.ok(drawn.length >= 1);
  assert.ok(Math.max(...drawn.map((e) => e.end)) <= idle[0].start, JSON.stringify({ drawn, idle }));
  for (const m of modules) assert.ok(m.start >= idle[0].start, JSON.stringify({ module: m, idle }));
  const firstModule = timeline.filter((e) => e.type === 'resource' && /readiness-app-[0-9a-f]{16}_bg\.wasm$/.test(e.name));
  assert.equal(firstModule.length, 1);
  assert.ok(firstModule[0].start < idle[0].start);
  await controlled(page);
  // Nobody asked for a later module before the idle moment: not the page, not the service worker
  // (registered then, so the first module has the network to itself).
  const idleAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('readiness:idle')[0].startTime);
  assert.ok(asked.length >= 2, JSON.stringify(asked));
  for (const a of asked) assert.ok(a.at >= idleAt - 2, JSON.stringify({ a, idleAt }));
  // The service worker holds every one once installed.
  await page.waitForFunction(async (n) => {
    let held = 0;
    for (const name of await caches.keys()) {
      for (const r of await (await caches.open(name)).keys()) if (/readiness-app-lazy-/.test(r.url)) held += 1;
    }
    return held === n;
  }, lazy.length, { timeout: 20000 });
  // The worker took what the page had downloaded from the HTTP cache: the server sent the first
  // module, the team module and the chunk once each; the auditor view's only to the worker.
  const sent = (re) => server.served.filter((p) => re.test(p)).length;
  assert.equal(sent(/readiness-app-[0-9a-f]{16}_bg\.wasm$/), 1, server.served.join(' '));
  assert.equal(sent(/readiness-app-lazy-team-/), 1, server.served.join(' '));
  assert.equal(sent(/readiness-app-lazy-chunk-/), 1, server.served.join(' '));
  assert.equal(sent(/readiness-app-lazy-audit-/), 1, server.served.join(' '));
  // Offline, a fresh load of the page gets it from there at idle, and Copy as Markdown works.
  await server.close();
  await page.reload();
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied the checklist as Markdown' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await context.close();
});

test('a new version is offered, not forced, and then used', async () => {
  const { root, server } = await host('/');
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  await controlled(page);
  const first = await page.evaluate(() => caches.keys());
  assert.equal(first.length, 1);
  // Deploy a new build: a changed service worker (new build id).
  const sw = readFileSync(join(root, 'sw.js'), 'utf8');
  writeFileSync(join(root, 'sw.js'), sw.replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "0000000000000002"'));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const banner = page.getByTestId('update-available');
  await banner.waitFor({ timeout: 20000 });
  // Not forced: the new version waits (its cache filled), the old one still serves the page.
  assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [...first, 'readiness-0000000000000002'].sort());
  assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null && r.active !== null)), true);
  await Promise.all([
    page.waitForEvent('load'),
    banner.getByRole('button', { name: 'Update now' }).click(),
  ]);
  await page.waitForSelector('[data-testid=catalog] .card');
  await page.waitForFunction(() => caches.keys().then((k) => k.length === 1 && k[0] === 'readiness-0000000000000002'));
  await context.close();
  await server.close();
});

test('the manifest makes it installable', async () => {
  const manifest = JSON.parse(readFileSync('dist/manifest.webmanifest', 'utf8'));
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.map((i) => i.sizes);
  assert.deepEqual(sizes, ['any', '192x192', '512x512']);
  for (const icon of manifest.icons) {
    const bytes = readFileSync(join('dist', icon.src));
    if (icon.type === 'image/png') {
      const n = Number(icon.sizes.split('x')[0]);
      assert.equal(bytes.readUInt32BE(16), n, `${icon.src} width`);
      assert.equal(bytes.readUInt32BE(20), n, `${icon.src} height`);
    }
  }
});
