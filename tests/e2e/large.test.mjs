// Large checklists (1,000 items or more) are drawn a chunk at a time: what is near the viewport
// first, the rest as it comes into view, or when a deep link, a "missing to pass" link, a search
// or printing needs it; chunks far from the viewport are let go again. These tests open a 3,000-item synthetic checklist (made by
// `readiness synth`) and check that nothing is out of reach because it is not drawn yet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';
const N = 3000;
const ITEM = 'input[type=checkbox][data-item-id]';

let server;
let browser;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readiness-large-'));
  writeFileSync(join(dir, 'synth.md'), execFileSync(CLI, ['synth', String(N)]));
  server = await serve({ root: 'dist', mounts: { 'big/': dir } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}?src=big/synth.md`);
  await page.waitForSelector(ITEM);
  return { context, page, errors };
}

const drawn = (page) => page.locator(ITEM).count();

test('a 3,000-item checklist draws what is near the viewport as the reader scrolls, and lets go of the rest', async () => {
  const { context, page, errors } = await open();
  assert.equal(await page.textContent('[data-testid="item-total"]'), String(N));
  const first = await drawn(page);
  assert.ok(first >= 100 && first < 1000, `${first} items drawn at first`);
  await page.locator('#item-0').check();
  // (A chunk holding the keyboard focus is never let go.)
  await page.evaluate(() => document.activeElement.blur());
  // The page is as long as the whole checklist, drawn or not.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height > N * 30, `page height ${height}`);
  // Scrolling down draws what comes into view, down to the last item.
  for (let k = 0; k < 200 && !(await page.locator('#item-2999').count()); k++) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(30);
  }
  await page.locator('#item-2999').waitFor({ state: 'attached' });
  // Far above now, the first chunk was let go: memory follows the screen, not the length.
  await page.locator('#item-0').waitFor({ state: 'detached' });
  const atBottom = await drawn(page);
  assert.ok(atBottom < 1000, `${atBottom} items drawn at the bottom`);
  // Back at the top it is drawn again, with its answers.
  await page.evaluate(() => scrollTo(0, 0));
  await page.locator('#item-0').waitFor({ state: 'attached' });
  assert.equal(await page.locator('#item-0').isChecked(), true);
  assert.match(await page.textContent('.progress-box .label'), /^1 of \d+ scored items done · /);
  assert.deepEqual(errors, []);
  await context.close();
});

test('deep links, "missing to pass" links, search and print reach items not drawn yet', async () => {
  const { context, page, errors } = await open();
  const late = 'Check 24.4.23: service 2996 answers health probes within 246 ms';
  assert.equal(await page.getByText(late).count(), 0, 'the last area is not drawn at first');

  // A contents link to the last area draws it and scrolls to it.
  await page.locator('nav.toc a', { hasText: /^Area 24$/ }).click();
  const heading = page.locator('h2#s-area-24');
  await heading.waitFor();
  await page.waitForFunction(
    () => {
      const h = document.getElementById('s-area-24');
      const r = h?.getBoundingClientRect();
      return r && r.top >= -1 && r.top < innerHeight;
    },
    null,
    { timeout: 5000 },
  );
  await page.getByText(late).waitFor();

  // Checking an item far down counts at once.
  await page.getByLabel(late, { exact: true }).check();
  // (Area 24 is outside the synthetic score table: its section's count moves, the score does not.)
  assert.match(await page.locator('nav.toc li', { hasText: /^Area 24/ }).first().locator('.toc-progress').textContent(), /^1\/\d+$/);

  // Search finds an item in a chunk that was never drawn, and hides the rest.
  const middle = 'Check 12.2.5:';
  assert.equal(await page.getByText(middle).count(), 0);
  await page.getByTestId('filter-search').fill(middle);
  const found = page.locator('li.item:not(.hidden)', { hasText: middle });
  await found.first().waitFor({ timeout: 10_000 });
  assert.equal(await found.count(), 1);
  await page.getByTestId('filter-search').fill('');

  // "What is missing to pass" links draw, show and focus their item, without leaving the page.
  const url = page.url();
  const link = page.locator('[data-testid="missing-to-pass"] a').last();
  const text = (await link.textContent()).trim();
  await link.click();
  await page.waitForFunction(() => document.activeElement?.matches('input[data-item-id]'));
  assert.equal(page.url(), url);
  const focused = await page.evaluate(() => document.activeElement.closest('li').querySelector('.item-text').textContent.trim());
  assert.equal(focused, text);

  // Printing draws everything first.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction((n) => document.querySelectorAll('input[type=checkbox][data-item-id]').length === n, N);
  assert.deepEqual(errors, []);
  await context.close();
});
