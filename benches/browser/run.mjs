// The browser benchmark of issue 5: the portal (release build in dist/) against a small vanilla-JS
// peer (benches/browser/peer: markdown-it, plain checkboxes, a counter, localStorage), in one
// headless Chromium session, runs alternating portal / peer, each run in a fresh browser context
// (empty storage and cache, service workers blocked so every run loads from the network).
//
// Measured per checklist (lfg-platform-checklist, synthetic 1k and 10k items):
//   first     first animation frame with any item checkbox in the DOM
//   screen    first frame where the item checkboxes fill the first screen (or all are present)
//   all       first frame with every item checkbox present
//   toggle    click → DOM updated and laid out, p50/p95, at 408 and 10k items
//   save      main-thread time spent saving per toggle (User Timing "readiness:save" / "peer:save")
//   memory    JS heap after GC and wasm linear memory, at 10k items, after load and with every
//             item drawn
// Loads are measured on a first visit (fresh context) and a repeat visit (same context, hashed
// assets cached); lfg-platform-checklist also on a first visit over a slow network (Chromium's
// network emulation, files brotli-compressed as a static host sends them). Plus the transfer size
// of both (scripts/sizes.mjs).
//
// Usage: node benches/browser/run.mjs [--runs N] [--only NAME] [--out DIR]   (see scripts/bench.sh)
//        READINESS_DIST=<dir> measures another build than dist/ (an A/B against an older one).
// Prints Markdown tables; writes DIR/browser.json and DIR/browser.md (default target/bench).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tests/e2e/server.mjs';
import { launch, CHROMIUM } from '../../tests/e2e/browser.mjs';
import { transferSizes, sizeTable } from '../../scripts/sizes.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', '5'));
const OUT = opt('--out', join(ROOT, 'target/bench'));
const CLI = process.env.READINESS_CLI ?? join(ROOT, 'target/release/readiness');
const TOGGLES = 40;
const SAVE_TOGGLES = 8;

// ---------------------------------------------------------------- setup

const work = mkdtempSync(join(tmpdir(), 'readiness-bench-'));
const site = join(work, 'site');
// READINESS_DIST: another build to measure (an A/B against an older one), else dist/.
cpSync(process.env.READINESS_DIST ?? join(ROOT, 'dist'), site, { recursive: true });
for (const n of [1000, 10000]) {
  const md = execFileSync(CLI, ['synth', String(n)], { maxBuffer: 64 << 20 });
  writeFileSync(join(site, 'checklists', `synth-${n}.md`), md);
}
// lfg-platform-checklist's six sign-off lines, each with a recorded sign-off, as saved answers: with
// any sign-off recorded, every toggle also recomputes the answers digest (issue 13). The item ids
// come from the compatibility fixture's record.
const lfgRecord = JSON.parse(readFileSync(join(ROOT, 'tests/records/lfg-platform-checklist.2026-11-22.json'), 'utf8'));
const SIGNED_LFG = {
  key: 'readiness:v1:answers:c:lfg-platform-checklist.md',
  value: JSON.stringify({
    schema: 'readiness-answers/1',
    items: {},
    fields: {},
    overrides: {},
    signoffs: lfgRecord.items
      .filter((i) => i.role === 'signoff')
      .map((i, k) => ({
        item: i.id,
        role: i.text.split(':')[0].trim(),
        name: `Signer ${k}`,
        date: '2026-11-22',
        signed_at: `2026-11-22T04:0${k}:00Z`,
        digest: '0'.repeat(64),
      })),
  }),
  count: 6,
};
const ALL_CASES = [
  { name: 'lfg-platform-checklist', file: 'lfg-platform-checklist.md', items: 408, toggles: true, slow: true },
  {
    name: 'lfg, 6 sign-offs recorded',
    file: 'lfg-platform-checklist.md',
    items: 408,
    toggles: true,
    visits: ['first'],
    seed: SIGNED_LFG,
  },
  // Opened from a URL (?src=): no static page, the app draws it (issue 16's "?src=" goals).
  { name: 'lfg, ?src=', file: 'lfg-platform-checklist.md', items: 408, src: true, visits: ['first', 'repeat'] },
  { name: 'synthetic 1k', file: 'synth-1000.md', items: 1000 },
  { name: 'synthetic 10k', file: 'synth-10000.md', items: 10000, toggles: true, memory: true },
  { name: 'synthetic 10k, ?src=', file: 'synth-10000.md', items: 10000, src: true, visits: ['first', 'repeat'] },
];
// --only <text>: just the checklists whose name contains it (for a quick look).
const CASES = ALL_CASES.filter((k) => k.name.includes(opt('--only', '')));

const siteFiles = {
  root: site,
  // As a static host serves trunk's content-hashed files (and the peer's library): cached.
  immutable: /(-[0-9a-f]{16}(_bg)?\.(wasm|js|css)|\/peer\/vendor\/.*)$/,
  mounts: {
    'peer/vendor/': join(ROOT, 'node_modules/markdown-it/dist/browser'),
    'peer/': join(ROOT, 'benches/browser/peer'),
  },
};
const srv = await serve(siteFiles);
// The same files, brotli-compressed, for visits over the emulated slow network.
const srvBr = await serve({ ...siteFiles, compress: true });
// Hotel Wi-Fi, roughly: 10 Mbit/s down, 5 up, 100 ms round trip (Chromium's emulation adds the
// latency to every request and paces the bytes).
const SLOW = { offline: false, latency: 100, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };
const SLOW_LABEL = 'first, 10 Mbit/s, 100 ms RTT';

const APPS = {
  portal: {
    url: (file, base = srv.url, src = false) =>
      src ? `${base}?src=checklists/${encodeURIComponent(file)}` : `${base}#/c/${encodeURIComponent(file)}`,
    selector: 'input[type=checkbox][data-item-id]',
    saveMeasure: 'readiness:save',
  },
  peer: {
    url: (file, base = srv.url) => `${base}peer/index.html#${encodeURIComponent(file)}`,
    selector: 'input[type=checkbox].task',
    saveMeasure: 'peer:save',
  },
};

// Installed before any page script: samples the checkbox count once per animation frame, keeps
// the wasm memory handle trunk announces, and collects save measures.
// Times count from the first navigation of the visit: a page that moves on to another (the
// portal's index.html to a checklist's static page) keeps the clock of the first (sessionStorage
// carries its time origin across).
function probe({ selector, saveMeasure }) {
  const r = (window.__bench = { first: null, screen: null, all: null, live: null, count: 0, saves: [], phases: {} });
  let origin = Number(sessionStorage.getItem('__benchOrigin'));
  if (!origin) sessionStorage.setItem('__benchOrigin', String((origin = performance.timeOrigin)));
  const now = () => performance.now() + performance.timeOrigin - origin;
  addEventListener('TrunkApplicationStarted', (e) => {
    r.memory = e.detail?.wasm?.memory ?? null;
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === saveMeasure) r.saves.push(e.duration);
      else if (r.phases[e.name] === undefined) r.phases[e.name] = e.duration;
    }
  }).observe({ entryTypes: ['measure'] });
  let last = -1;
  let stable = 0;
  const tick = () => {
    // A static page marked not live (saved answers here) shows no ticks yet: its boxes do not count.
    const hidden = document.documentElement.classList.contains('not-live');
    const boxes = document.querySelectorAll(hidden ? `${selector}:not(#boot *)` : selector);
    const n = boxes.length;
    const t = now();
    r.count = n;
    if (n > 0 && r.first === null) r.first = t;
    // "live": the app has taken over (a static page's copy, #boot, is gone).
    if (n > 0 && r.live === null && !document.getElementById('boot')) r.live = t;
    if (n > 0 && r.screen === null && boxes[n - 1].getBoundingClientRect().top > innerHeight) r.screen = t;
    // "All present": the count stopped growing for 30 frames; the time is when it last grew.
    if (n === last && n > 0) stable++;
    else {
      stable = 0;
      r.grew = t;
    }
    last = n;
    if (stable >= 30 && r.live !== null) {
      r.all = r.grew;
      if (r.screen === null) r.screen = r.all;
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

// Clicks `count` enabled item checkboxes spread over the whole document, one at a time: scrolls
// to each position (a lazily drawn checklist draws what comes into view), waits for the page to
// settle, then takes a sample: click → DOM updated (the item's <li> carries "done") → layout, in
// milliseconds.
async function toggles({ selector, count, gapMs }) {
  const task = () =>
    new Promise((ok) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok();
      ch.port2.postMessage(0);
    });
  const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  const inView = () =>
    [...document.querySelectorAll(selector)].find((b) => {
      if (b.disabled || b.checked) return false;
      const r = b.getBoundingClientRect();
      return r.height > 0 && r.top > 80 && r.bottom < innerHeight - 20;
    });
  const samples = [];
  for (let k = 0; k < count; k++) {
    const max = document.documentElement.scrollHeight - innerHeight;
    scrollTo(0, Math.floor(((k + 0.5) / count) * max));
    let b;
    for (let f = 0; f < 10 && !(b = inView()); f++) await frame();
    if (!b) {
      // Nothing to click on this screen (a table, sign-offs): take the nearest item that is.
      const mid = innerHeight / 2;
      const near = [...document.querySelectorAll(selector)]
        .filter((x) => !x.disabled && !x.checked)
        .sort((x, y) => Math.abs(x.getBoundingClientRect().top - mid) - Math.abs(y.getBoundingClientRect().top - mid));
      if (!near.length) throw new Error('no enabled, unchecked item left');
      near[0].scrollIntoView({ block: 'center' });
      for (let f = 0; f < 10 && !(b = inView()); f++) await frame();
      if (!b) throw new Error(`no enabled item in view near ${(((k + 0.5) / count) * 100).toFixed(0)}%`);
    }
    // Let a lazily drawn page finish drawing (and letting go of) chunks around the new position.
    for (let f = 0; f < 6; f++) await frame();
    const li = b.closest('li');
    const t0 = performance.now();
    b.click();
    await task();
    void document.body.offsetHeight;
    const t1 = performance.now();
    if (!b.checked || !li.classList.contains('done')) throw new Error('toggle did not reach the DOM');
    samples.push(t1 - t0);
    if (gapMs) await new Promise((ok) => setTimeout(ok, gapMs));
  }
  return samples;
}

async function cdpMemory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters').catch(() => null);
  await cdp.detach();
  const wasm = await page.evaluate(() => window.__bench.memory?.buffer?.byteLength ?? 0);
  return { jsHeap: heap.usedSize, wasm, nodes: dom?.nodes ?? null };
}

async function load(context, a, kase, slow = false) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(probe, { selector: a.selector, saveMeasure: a.saveMeasure });
  if (slow) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW);
  }
  await page.goto(a.url(kase.file, slow ? srvBr.url : srv.url, kase.src));
  await page.waitForFunction(() => window.__bench?.all !== null, null, { timeout: 180_000, polling: 200 });
  return { page, errors };
}

// One measured visit. "first": a fresh context (nothing cached); "repeat": the same context after
// two earlier visits, so hashed assets come from the HTTP cache and the engine may reuse its
// compiled code, as for a team that opens the portal every day.
async function runOnce(browser, app, kase, visit) {
  const a = APPS[app];
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  if (kase.seed && app === 'portal') {
    await context.addInitScript(({ key, value }) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    }, kase.seed);
  }
  if (visit === 'repeat') {
    for (let w = 0; w < 2; w++) {
      const { page } = await load(context, a, kase);
      await page.waitForTimeout(1000);
      await page.close();
    }
  }
  const { page, errors } = await load(context, a, kase, visit === 'slow');
  const measured = await page.evaluate(() => {
    const { first, screen, all, live, count, phases } = window.__bench;
    return { first, screen, all, live, count, phases };
  });
  const out = { app, case: kase.name, visit, ...measured };
  if (kase.seed && app === 'portal') {
    const n = await page.evaluate(() => document.querySelectorAll('.signoff-state .signed').length);
    if (n !== kase.seed.count) throw new Error(`${kase.name}: ${n} sign-offs shown, expected ${kase.seed.count}`);
  }
  if (visit !== 'first') {
    await context.close();
    return out;
  }
  if (kase.memory) {
    out.memory = await cdpMemory(page);
    // And with every item drawn (the portal draws everything before printing).
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction(
      ({ selector, n }) => document.querySelectorAll(selector).length >= n,
      { selector: a.selector, n: kase.items },
      { timeout: 120_000, polling: 500 },
    );
    out.memoryAll = await cdpMemory(page);
  }
  if (kase.toggles) {
    out.toggle = await page.evaluate(toggles, { selector: a.selector, count: TOGGLES, gapMs: 0 });
    // Saving: toggles far enough apart that each one is saved on its own (the portal waits
    // 300 ms before writing; the peer writes inside the click).
    await page.evaluate(() => (window.__bench.saves = []));
    await page.evaluate(toggles, { selector: a.selector, count: SAVE_TOGGLES, gapMs: 450 });
    await page.waitForTimeout(500);
    const saves = await page.evaluate(() => window.__bench.saves);
    out.savePerToggle = saves.reduce((x, y) => x + y, 0) / SAVE_TOGGLES;
    out.saves = saves.length;
  }
  if (errors.length) throw new Error(`${app} ${kase.name}: ${errors.join('; ')}`);
  await context.close();
  return out;
}

// ---------------------------------------------------------------- run

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const visitsOf = (kase) => kase.visits ?? ['first', 'repeat', ...(kase.slow ? ['slow'] : [])];

const browser = await launch();
const version = browser.version();
const results = [];
try {
  // One unmeasured slow visit of each app first: the server compresses each file on its first
  // request, which must not count as network time.
  for (const kase of CASES.filter((k) => k.slow)) {
    for (const app of Object.keys(APPS)) await runOnce(browser, app, kase, 'slow');
  }
  for (const kase of CASES) {
    for (const visit of visitsOf(kase)) {
      for (let r = 0; r < RUNS; r++) {
        // Alternate which app goes first so neither always runs on a warmer machine.
        const order = r % 2 ? ['peer', 'portal'] : ['portal', 'peer'];
        for (const app of order) {
          const res = await runOnce(browser, app, kase, visit);
          results.push({ run: r, ...res });
          process.stderr.write(
            `${kase.name} ${visit} visit ${r + 1}/${RUNS} ${app}: ${res.count} items drawn, screen ${res.screen.toFixed(0)} ms, settled ${res.all.toFixed(0)} ms\n`,
          );
        }
      }
    }
  }
} finally {
  await browser.close();
  await srv.close();
  await srvBr.close();
}

// ---------------------------------------------------------------- report

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const ratio = (x, y) => (Number.isFinite(x / y) ? `${(x / y).toFixed(2)}×` : '—');
const pick = (app, kase) => results.filter((r) => r.app === app && r.case === kase);
const firstVisits = (app, kase) => pick(app, kase).filter((r) => r.visit === 'first');
const lines = [];
const sizes = {
  portal: transferSizes(site),
  peer: transferSizes(join(ROOT, 'benches/browser/peer')),
};
const vendor = transferSizes(join(ROOT, 'node_modules/markdown-it/dist/browser'), {
  only: ['markdown-it.esm.min.mjs'],
});
sizes.peer.files.push(...vendor.files);
for (const k of Object.keys(sizes.peer.total)) sizes.peer.total[k] += vendor.total[k];

lines.push(
  `Chromium ${version} (headless, ${CHROMIUM}), ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString().slice(0, 10)}; ${RUNS} runs per app, alternating; medians.`,
  '',
  '### Load: time from navigation (ms)',
  '',
  '"screen": first frame whose item checkboxes fill the first screen; "settled": when the number of',
  'item checkboxes stopped growing (the portal draws checklists of 1,000 items or more lazily, so it',
  'settles with the first chunks drawn); "live": when the app has taken over a bundled checklist\'s',
  'static page (boxes ticked before are kept; elsewhere "live" is the first frame with items);',
  '"parse" and "state" are the portal\'s own User Timing measures. Times count from the first',
  'navigation, including the move from index.html to a static page.',
  '',
  '| checklist | visit | portal parse | portal state | portal screen | portal live | portal settled (drawn) | peer screen | peer settled (drawn) | screen ratio | live ratio | settled ratio |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
);
for (const kase of CASES) {
  for (const visit of visitsOf(kase)) {
    const p = pick('portal', kase.name).filter((r) => r.visit === visit);
    const q = pick('peer', kase.name).filter((r) => r.visit === visit);
    const m = (rs, k) => median(rs.map((r) => r[k]));
    const ph = (k) => median(p.map((r) => r.phases?.[k]));
    lines.push(
      `| ${kase.name} | ${visit === 'slow' ? SLOW_LABEL : visit} | ${f1(ph('readiness:parse'))} | ${f1(ph('readiness:state'))} | ${f0(m(p, 'screen'))} | ${f0(m(p, 'live'))} | ` +
        `${f0(m(p, 'all'))} (${p[0]?.count}) | ${f0(m(q, 'screen'))} | ${f0(m(q, 'all'))} (${q[0]?.count}) | ` +
        `${ratio(m(p, 'screen'), m(q, 'screen'))} | ${ratio(m(p, 'live'), m(q, 'all'))} | ${ratio(m(p, 'all'), m(q, 'all'))} |`,
    );
  }
}
lines.push(
  '',
  '### Toggle: click → DOM updated and laid out (ms), and saving per toggle (ms of main thread)',
  '',
  '| checklist | portal p50 | portal p95 | peer p50 | peer p95 | p95 ratio | portal save/toggle | peer save/toggle |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
);
for (const kase of CASES.filter((k) => k.toggles)) {
  const p = firstVisits('portal', kase.name);
  const q = firstVisits('peer', kase.name);
  const all = (rs) => rs.flatMap((r) => r.toggle);
  lines.push(
    `| ${kase.name} | ${f1(pct(all(p), 50))} | ${f1(pct(all(p), 95))} | ${f1(pct(all(q), 50))} | ${f1(pct(all(q), 95))} | ` +
      `${ratio(pct(all(p), 95), pct(all(q), 95))} | ${f1(median(p.map((r) => r.savePerToggle)))} | ${f1(median(q.map((r) => r.savePerToggle)))} |`,
  );
}
lines.push(
  '',
  '### Memory at 10k items (after a forced GC)',
  '',
  '| app | state | JS heap | wasm memory | total | DOM nodes |',
  '|---|---|---:|---:|---:|---:|',
);
const mb = (x) => `${(x / 2 ** 20).toFixed(1)} MB`;
for (const app of ['portal', 'peer']) {
  const rs = results.filter((r) => r.app === app && r.memory);
  for (const [key, label] of [['memory', 'after load'], ['memoryAll', 'every item drawn']]) {
    const h = median(rs.map((r) => r[key].jsHeap));
    const w = median(rs.map((r) => r[key].wasm));
    const nodes = median(rs.map((r) => r[key].nodes));
    lines.push(`| ${app} | ${label} | ${mb(h)} | ${mb(w)} | ${mb(h + w)} | ${f0(nodes)} |`);
  }
}
lines.push('', '### Transfer size (bytes)', '', '**Portal** (app shell: wasm + js + css + html)', '', sizeTable(sizes.portal));
lines.push('', '**Peer** (html + js + css + markdown-it)', '', sizeTable(sizes.peer));

const report = lines.join('\n');
console.log(report);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'browser.md'), `${report}\n`);
writeFileSync(join(OUT, 'browser.json'), JSON.stringify({ chromium: version, runs: RUNS, results, sizes }, null, 2));
rmSync(work, { recursive: true, force: true });
console.error(`\nwrote ${join(OUT, 'browser.md')} and browser.json`);

