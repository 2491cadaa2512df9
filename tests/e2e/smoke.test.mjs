// Browser smoke test: the release build in dist/, served on localhost, in headless Chromium.
// The landing page lists the five bundled checklists with their GFM task-item counts (the counts
// come from the seeds' README, independent of the app), and each checklist page renders exactly
// that many checkboxes carrying data-item-id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchErrors } from './browser.mjs';
import { useSite } from './helpers.mjs';

const EXPECTED = {
  'dojopool-deployment-checklist.md': 91,
  'dojopool-phased-rollout.md': 59,
  'lfg-platform-checklist.md': 408,
  'platform-deployment-checklist.md': 170,
  'websocket-cluster-checklist.md': 211,
};

const site = useSite({ root: 'dist' });

test('landing page lists the five bundled checklists with their item counts', async () => {
  const page = await site.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  const cards = await page.$$eval('[data-testid=catalog] .card', (els) =>
    els.map((el) => ({
      file: el.dataset.file,
      items: Number(el.querySelector('[data-testid=item-count]').textContent),
      title: el.querySelector('h3').textContent,
    })),
  );
  assert.deepEqual(
    Object.fromEntries(cards.map((c) => [c.file, c.items])),
    EXPECTED,
  );
  assert.equal(cards.find((c) => c.file === 'dojopool-deployment-checklist.md').title,
    '🚀 DojoPool Production Deployment Checklist', 'mojibake title repaired');
  assert.deepEqual(errors, []);
  await page.close();
});

test('each bundled checklist renders one checkbox per task item', async () => {
  const page = await site.browser.newPage();
  const errors = watchErrors(page);
  for (const [file, count] of Object.entries(EXPECTED)) {
    await page.goto(`${site.url}#/c/${encodeURIComponent(file)}`);
    await page.waitForSelector(`article.checklist[data-file="${file}"]:not([aria-busy])`);
    const boxes = await page.locator('input[type=checkbox][data-item-id]').count();
    assert.equal(boxes, count, file);
    const ids = await page.$$eval('[data-item-id]', (els) => els.map((e) => e.dataset.itemId));
    assert.equal(new Set(ids).size, count, `${file}: ids are unique`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the checklist in the address is downloaded once, while the app itself loads', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const asked = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.md')) asked.push(new URL(r.url()).pathname);
  });
  await page.goto(`${site.url}#/c/${encodeURIComponent('lfg-platform-checklist.md')}`);
  await page.waitForFunction(() => document.querySelectorAll('input[data-item-id]').length === 408);
  assert.deepEqual(asked, ['/checklists/lfg-platform-checklist.md'], 'one request, no second one from the app');
  // Started by index.html while the page was still being parsed, so before any module script
  // (the app) could run.
  const { started, interactive } = await page.evaluate(() => ({
    started: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/lfg-platform-checklist.md')).startTime,
    interactive: performance.getEntriesByType('navigation')[0].domInteractive,
  }));
  assert.ok(started < interactive, `requested at ${started} ms, page interactive at ${interactive} ms`);
  assert.deepEqual(errors, []);
  // A checklist that is not there is reported as before, from the same early request.
  const other = await context.newPage();
  const missing = [];
  other.on('request', (r) => {
    if (r.url().includes('/checklists/')) missing.push(new URL(r.url()).pathname);
  });
  await other.goto(`${site.url}#/c/missing.md`);
  await other.waitForSelector('text=HTTP 404');
  assert.deepEqual(missing, ['/checklists/missing.md']);
  await context.close();
});
