// How pages load (issue 16).
// - Static first screens: the release build's landing page and bundled checklists are written at
//   build time by the core, with no browser (`readiness pages`), and paint before the wasm
//   arrives; the app then takes over (src/ui/platform/prerender.rs). Here the wasm is held back at the network, so the static page can be
//   looked at and used on its own, then let through.
// - The auditor module: #/audit loads a second wasm (src/audit_main.rs), which no other page
//   downloads; it works offline and under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, untilLive, watchErrors } from './browser.mjs';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve({ root: 'dist' });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const LFG = 'lfg-platform-checklist.md';
const catalog = JSON.parse(readFileSync('dist/checklists/index.json', 'utf8'));
const RECORD = 'tests/records/lfg-platform-checklist.2026-11-22.json';

/** A context whose wasm download waits until `release()`; CSP violations and layout shifts are recorded. */
async function held(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  let release;
  const gate = new Promise((r) => (release = r));
  await context.route('**/*_bg.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors, release };
}

/** Positions of the first `n` item checkboxes and of the summary, scrolled to the top. */
const layout = (page, n = 25) => page.evaluate((n) => {
  scrollTo(0, 0);
  const r = (e) => { const b = e.getBoundingClientRect(); return [Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]; };
  return {
    boxes: [...document.querySelectorAll('input[data-item-id]')].slice(0, n).map(r),
    summary: r(document.querySelector('.summary')),
  };
}, n);

test('a bundled checklist paints from its static page before the wasm, and boxes ticked there are saved', async () => {
  const { context, page, errors, release } = await held();
  await page.goto(`${server.url}#/c/${LFG}`, { live: false });
  // index.html sends the visit to the checklist's static page, keeping the address's route.
  await page.waitForURL(`${server.url}checklists/lfg-platform-checklist.html#/c/${LFG}`);
  assert.equal(await page.locator('#boot[data-live=static] input[data-item-id]').count(), 408);
  assert.equal(await page.title(), 'Production Deployment Checklist · Readiness');
  assert.equal(await page.textContent('#boot [data-testid=verdict]'), 'NO-GO');
  assert.equal(await page.textContent('#boot [data-testid=readiness-score]'), '0.00');
  // The wasm has not arrived: the app has drawn nothing.
  assert.equal(await page.evaluate(() => document.querySelectorAll('body > main').length), 0);
  const before = await layout(page);
  assert.equal(before.boxes.length, 25);
  // A real click on the first item's text, a keyboard tick on the second, a blank filled in.
  await page.locator('#boot label[for=item-0]').click();
  await page.locator('#boot #item-1').focus();
  await page.keyboard.press('Space');
  const blank = 'emergency-contacts/table-1/engineering-lead/name';
  await page.locator(`#boot [data-field-id="${blank}"]`).fill('Ada Lovelace');
  await page.locator('#boot #item-1').focus();
  // Scrolled down when the app takes over: the reader stays where they were.
  await page.evaluate(() => scrollTo(0, 1500));
  release();
  await untilLive(page);
  assert.equal(await page.evaluate(() => Math.round(scrollY)), 1500);
  // The app's own page, at the app's address, with what was entered.
  assert.equal(page.url(), `${server.url}#/c/${LFG}`);
  assert.equal(await page.isChecked('#item-0'), true);
  assert.equal(await page.isChecked('#item-1'), true);
  assert.equal(await page.isChecked('#item-2'), false);
  assert.equal(await page.inputValue(`[data-field-id="${blank}"]`), 'Ada Lovelace');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'item-1');
  assert.equal(await page.textContent('[data-testid=readiness-score]'), '0.31');
  // Same places on the screen: nothing moved when the app took over.
  assert.deepEqual(await layout(page), before);
  assert.ok(await page.evaluate(() => window.__cls) < 0.01, 'no layout shift');
  // Saved: a reload (through index.html and the static page again) has them.
  await page.waitForSelector('[data-testid=save-status]:has-text("Saved 2")');
  await page.reload();
  assert.equal(await page.isChecked('#item-0'), true);
  assert.equal(await page.isChecked('#item-1'), true);
  assert.equal(await page.inputValue(`[data-field-id="${blank}"]`), 'Ada Lovelace');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each static page is written by the core, with no browser: its form is the app\'s, node for node, and its frame says what the app\'s says', async () => {
  assert.equal(catalog.checklists.length, 5);
  // What a page shows, read the same way from the static copy (wasm held back) and from the app.
  const read = (page, within) => page.evaluate((within) => {
    const q = (sel) => [...document.querySelectorAll(`${within} ${sel}`)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
    const form = document.querySelector(`${within} article.checklist`)?.cloneNode(true);
    for (const s of form?.querySelectorAll('.slot') ?? []) s.remove();
    return {
      form: form?.outerHTML.replace(/ data-adopted=""/, '').replaceAll('<!---->', '') ?? null,
      top: q('.topbar'),
      summary: q('.summary :is([data-testid=readiness-score], .of, [data-testid=verdict], .reasons summary, [data-testid=verdict-reasons] li, [data-testid=summary-counts])'),
      contents: q('nav.toc li'),
      jump: q('.jump-menu li a'),
      toolbar: q('.toolbar > label, .toolbar .actions button, .actions-toggle'),
      code: q('[data-testid=ready-state]'),
      total: q('[data-testid=item-total]'),
      intro: q('[data-testid=how-scoring-works]'),
      cards: q('[data-testid=catalog] .card'),
      own: q('.open-own :is(h2, label, button, p)'),
    };
  }, within);
  const pages = [{ file: null }, ...catalog.checklists];
  // Every page on a desktop, and the landing page and lfg on a phone too.
  const runs = [...pages.map((p) => [p.file, 1280]), [null, 360], [LFG, 360]];
  for (const [file, width] of runs) {
    const { context, page, errors, release } = await held({ viewport: { width, height: width > 400 ? 800 : 740 } });
    const name = `${file ?? 'landing'} at ${width} px`;
    await page.goto(file ? `${server.url}#/c/${encodeURIComponent(file)}` : server.url, { live: false });
    await page.waitForSelector(file ? '#boot[data-live=static] article.checklist' : '#boot[data-live=static] [data-testid=catalog]');
    const shown = await read(page, '#boot');
    assert.equal(await page.title(), file ? `${catalog.checklists.find((c) => c.file === file).title} · Readiness` : 'Readiness — deployment sign-off checklists');
    release();
    await untilLive(page);
    const live = await read(page, 'body');
    if (file) {
      assert.ok(shown.form.length > 10_000, name);
      const at = [...shown.form].findIndex((ch, k) => ch !== live.form[k]);
      assert.ok(shown.form === live.form, `${name}: the same form, not from ${at}: ${shown.form.slice(at - 80, at + 80)} ≠ ${live.form.slice(at - 80, at + 80)}`);
      assert.ok(shown.summary.length >= 5 && shown.contents.length >= 3, name);
    } else {
      assert.equal(shown.cards.length, 5);
    }
    for (const part of ['top', 'summary', 'contents', 'jump', 'toolbar', 'code', 'total', 'intro', 'cards', 'own']) {
      assert.deepEqual(shown[part], live[part], `${name}: ${part}`);
    }
    assert.ok(await page.evaluate(() => window.__cls) < 0.01, `${name}: no layout shift`);
    assert.deepEqual(errors, [], name);
    await context.close();
  }
});

/** Answers saved in this browser for lfg: its first item done. */
const seedAnswers = (context) =>
  context.addInitScript((file) => {
    const key = `readiness:v1:answers:c:${file}`;
    if (!localStorage.getItem(key)) {
      localStorage.setItem(key, JSON.stringify({
        schema: 'readiness-answers/1',
        items: { 'pre-deployment-requirements/code-quality-testing/all-unit-tests-passing-80-coverage': { status: 'done' } },
        fields: {}, overrides: {}, signoffs: [],
      }));
    }
  }, LFG);

test('with answers saved here, a checklist\'s address skips its static page: the app draws them', async () => {
  const { context, page, errors, release } = await held();
  await seedAnswers(context);
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}#/c/${LFG}`, { live: false });
  await page.waitForSelector('#boot', { state: 'attached' });
  // Still the app's page, its landing copy not shown; the checklist is downloaded meanwhile.
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('other-page')), true);
  assert.equal(await page.locator('#boot').isVisible(), false);
  release();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await page.isChecked('#item-0'), true);
  assert.equal(await page.textContent('[data-testid=readiness-score]'), '0.15');
  // No static page on the way, and the checklist downloaded once.
  assert.deepEqual(asked.filter((p) => p.endsWith('.html')), []);
  assert.deepEqual(asked.filter((p) => p.endsWith('.md')), [`/checklists/${LFG}`]);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with answers saved here, a static page reached directly shows no tick, score or verdict until the app has drawn them', async () => {
  const { context, page, errors, release } = await held();
  await seedAnswers(context);
  await page.goto(`${server.url}checklists/lfg-platform-checklist.html`, { live: false });
  await page.waitForSelector('#boot input[data-item-id]', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('not-live')), true);
  const shown = await page.evaluate(() => {
    const visible = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.checkVisibility({ visibilityProperty: true })).length;
    return {
      boxes: visible('#boot input[data-item-id]'),
      blanks: visible('#boot input.blank'),
      score: visible('#boot [data-testid=readiness-score]'),
      verdict: visible('#boot [data-testid=verdict]'),
      counts: visible('#boot [data-testid=summary-counts]'),
      sections: visible('#boot .toc-progress'),
      code: visible('#boot [data-testid=ready-state]'),
      items: visible('#boot .item-text'),
    };
  });
  assert.deepEqual(shown, { boxes: 0, blanks: 0, score: 0, verdict: 0, counts: 0, sections: 0, code: 0, items: 408 });
  // Nothing hidden can be ticked: the first box cannot take focus.
  await page.locator('#boot #item-0').focus().catch(() => {});
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'item-0');
  release();
  await untilLive(page);
  assert.equal(await page.isChecked('#item-0'), true);
  assert.equal(await page.textContent('[data-testid=readiness-score]'), '0.15');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the landing page paints its cards before the wasm, then the app takes over', async () => {
  const { context, page, errors, release } = await held();
  await page.goto(server.url, { live: false });
  await page.waitForSelector('#boot [data-testid=catalog]');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.prerendered), 'home');
  assert.equal(await page.locator('#boot [data-testid=catalog] .card').count(), 5);
  assert.equal(await page.locator('#boot [data-testid=how-scoring-works]').count(), 1);
  const cards = await page.evaluate(() => [...document.querySelectorAll('.card')].map((c) => c.getBoundingClientRect().y));
  release();
  await untilLive(page);
  assert.equal(await page.locator('[data-testid=catalog] .card').count(), 5);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.card')].map((c) => c.getBoundingClientRect().y)), cards);
  // A card opens its checklist in the app, without leaving the page.
  await page.locator(`.card[data-file="${LFG}"] a`).click();
  await page.waitForSelector('.doc li.item');
  assert.equal(page.url(), `${server.url}#/c/${LFG}`);
  assert.ok(await page.evaluate(() => window.__cls) < 0.01, 'no layout shift');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The slow link: 1.6 Mbit/s each way, 150 ms round trip (Chromium's emulation). */
async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000,
  });
}

test('input given to the landing page before the app is live is kept and used: a picked file, a dropped file, a paste, a draft', async () => {
  const md = (title) => `# ${title}\n\n- [ ] One\n- [ ] Two\n`;
  const cases = [
    ['picked', async (page) => page.locator('#boot [data-testid=open-file]').setInputFiles({ name: 'picked.md', mimeType: 'text/markdown', buffer: Buffer.from(md('Picked early')) })],
    ['dropped', async (page) => page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.md', { type: 'text/markdown' }));
      const zone = document.querySelector('#boot .open-own .dropzone');
      zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, md('Dropped early'))],
    ['pasted', async (page) => {
      await page.locator('#boot #paste-md').fill(md('Pasted early'));
      await page.locator('#boot form:has(#paste-md) button[type=submit]').click();
    }],
  ];
  for (const [how, give] of cases) {
    const { context, page, errors, release } = await held();
    await throttle(context, page);
    await page.goto(server.url, { live: false });
    await page.waitForSelector('#boot [data-testid=catalog]');
    await give(page);
    // Said at once, on the static page.
    assert.match(await page.getByTestId('early-note').textContent(), /^Opening .+ as soon as the app has started…$/, how);
    release();
    await page.waitForSelector('article.checklist li.item');
    assert.equal(await page.locator('.doc h1').first().textContent(), `${how[0].toUpperCase()}${how.slice(1)} early`, how);
    assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 2, how);
    assert.match(page.url(), /#\/l\//, how);
    assert.deepEqual(errors, [], how);
    await context.close();
  }
  // Typed but not submitted: the text is in the app's paste box once it is live.
  const { context, page, errors, release } = await held();
  await throttle(context, page);
  await page.goto(server.url, { live: false });
  await page.waitForSelector('#boot [data-testid=catalog]');
  await page.locator('#boot #paste-md').fill(md('Draft'));
  release();
  await untilLive(page);
  assert.equal(await page.getByTestId('paste-markdown').inputValue(), md('Draft'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline under a sub-path: a checklist address opens its static page, and #/audit its module, from the service worker', async () => {
  const root = mkdtempSync(join(tmpdir(), 'readiness-static-'));
  cpSync('dist', root, { recursive: true });
  let site = await serve({ root, base: '/team/readiness/' });
  const url = site.url;
  const port = Number(new URL(url).port);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await site.close();
  const offline = await context.newPage();
  await offline.goto(`${url}#/c/${LFG}`);
  assert.equal(offline.url(), `${url}#/c/${LFG}`);
  assert.equal(await offline.locator('input[data-item-id]').count(), 408);
  await offline.locator('#item-3').check();
  await offline.waitForSelector('[data-testid=save-status]:has-text("Saved 2")');
  // The auditor module, from the cache, under the sub-path, with no CSP violation.
  const csp = [];
  offline.on('console', (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
  await offline.goto(`${url}#/audit`);
  await offline.getByTestId('import-export').setInputFiles(RECORD);
  await offline.waitForSelector('[data-testid=audit-record]');
  assert.match(await offline.locator('[data-testid=audit-record]').textContent(), /unchanged since export/i);
  assert.deepEqual(csp, []);
  // Back online, the same answers.
  site = await serve({ root, base: '/team/readiness/', port });
  await offline.goto(`${url}#/c/${LFG}`);
  assert.equal(await offline.isChecked('#item-3'), true);
  assert.deepEqual(errors, []);
  await context.close();
  await site.close();
});

test('a checklist page never downloads the auditor module; #/audit loads it once and verifies a record', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}#/c/${LFG}`);
  await page.locator('#item-0').check();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  const audit = (paths) => paths.filter((p) => p.includes('readiness-app-lazy-audit-'));
  assert.deepEqual(audit(fetched), [], 'no auditor module on the checklist or landing page');
  assert.ok(fetched.some((p) => /readiness-app-[0-9a-f]+_bg\.wasm$/.test(p)));
  await page.getByRole('link', { name: 'Audit an export' }).click();
  await page.getByTestId('import-export').setInputFiles(RECORD);
  await page.waitForSelector('[data-testid=audit-record]');
  assert.match(await page.locator('[data-testid=audit-record]').textContent(), /unchanged since export/i);
  assert.deepEqual(audit(fetched).map((p) => p.replace(/-[0-9a-f]{16}/, '-<hash>')),
    ['/readiness-app-lazy-audit-<hash>.wasm']);
  // Away and back: the module is drawn again, not downloaded again.
  await page.getByRole('link', { name: 'Checklists', exact: true }).click();
  await page.waitForSelector('[data-testid=catalog] .card');
  assert.equal(await page.locator('.audit-module').count(), 0);
  await page.getByRole('link', { name: 'Audit an export' }).click();
  await page.getByTestId('import-export').setInputFiles(RECORD);
  await page.waitForSelector('[data-testid=audit-record]');
  assert.equal(await page.locator('[data-testid=audit-record]').count(), 1);
  assert.equal(audit(fetched).length, 1);
  assert.equal(await page.title(), 'Audit an export · Readiness');
  assert.deepEqual(errors, []);
  await context.close();
});

test('under another address the landing page\'s copy is never shown; an auditor module that cannot load says so', async () => {
  const { context, page, errors, release } = await held();
  await context.route('**/readiness-app-lazy-audit-*', (route) => route.abort());
  await page.goto(`${server.url}#/audit`, { live: false });
  await page.waitForSelector('#boot', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('other-page')), true);
  assert.equal(await page.locator('#boot').isVisible(), false);
  release();
  await untilLive(page);
  const error = page.getByTestId('audit-module-error');
  await error.waitFor();
  assert.equal(await error.textContent(), 'The auditor view could not be loaded (offline before this build was cached?). Open it again once online.');
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|TypeError: Failed to fetch/.test(e)), []);
  await context.close();
});

test('a team module that cannot be downloaded says so where its parts would be; the page works on, and the parts come once the browser is back online', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await context.route('**/readiness-app-lazy-*', (route) => route.abort());
  await page.goto(`${server.url}#/c/${LFG}`);
  await page.locator('.later-failed').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Copy as Markdown' }).count(), 0);
  // Ticking, saving and the verdict need none of it.
  await page.locator('#item-0').check();
  await page.getByTestId('save-status').filter({ hasText: 'Saved' }).waitFor();
  await context.unroute('**/readiness-app-lazy-*');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const copy = page.getByRole('button', { name: 'Copy as Markdown' });
  await copy.waitFor();
  assert.equal(await copy.isEnabled(), true);
  assert.equal(await page.locator('.later-failed').count(), 0);
  assert.equal(await page.locator('#item-0').isChecked(), true);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|TypeError: Failed to fetch/.test(e)), []);
  await context.close();
});

test('a checklist opened with ?src=: downloaded once, from the start; rendered once by the core and inserted once', async () => {
  const { context, page, errors, release } = await held({ serviceWorkers: 'block' });
  const asked = [];
  page.on('request', (r) => new URL(r.url()).pathname.endsWith('.md') && asked.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    // Every item checkbox that reaches the page, however it gets there, and every rendering.
    window.__boxes = new Set();
    window.__renders = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'readiness:render') window.__renders += 1;
    }).observe({ type: 'measure' });
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          if (n.matches('input[data-item-id]')) window.__boxes.add(n);
          for (const b of n.querySelectorAll('input[data-item-id]')) window.__boxes.add(b);
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.url}?src=checklists/${LFG}`, { live: false });
  await page.waitForSelector('#boot', { state: 'attached' });
  // The landing page's copy is not what the address shows.
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('other-page')), true);
  assert.equal(await page.locator('#boot').isVisible(), false);
  // Asked for by boot.js while the wasm was still held back.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.md')));
  release();
  await page.waitForSelector('article.checklist input[data-item-id]');
  assert.equal(await page.locator('input[data-item-id]').count(), 408);
  assert.deepEqual(asked, [`/checklists/${LFG}`], 'one request: the app took over boot.js\'s');
  // The body is the core's HTML, rendered once (User Timing readiness:render) and inserted once:
  // each box that ever reached the page is one of the 408 there now.
  const drawn = await page.evaluate(() => ({
    renders: window.__renders,
    boxes: window.__boxes.size,
    kept: [...window.__boxes].filter((b) => b.isConnected).length,
  }));
  assert.deepEqual(drawn, { renders: 1, boxes: 408, kept: 408 });
  assert.match(page.url(), /#\/u\/http/);
  assert.deepEqual(errors, []);
  await context.close();
});
