// Issue 24 (first part): a checklist written as a table, in the browser. Each row of a column of
// marks is a checkbox row that works like any other (ticks kept across a reload, the score moves,
// its empty cells fillable), at 1280 and 360 px, and "Copy as Markdown" ticks the marks back into
// the table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

let server;
let browser;

before(async () => {
  server = await serve({ root: 'dist', mounts: { 'fixtures/': 'tests/fixtures' } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const width of [1280, 360]) {
  test(`table rows are checkbox rows at ${width} px, kept, scored and written back`, async () => {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}?src=fixtures/table-marks.md`);
    await page.waitForSelector('article.checklist:not([aria-busy])');
    const boxes = page.locator('input[type=checkbox][data-item-id]');
    assert.equal(await boxes.count(), 5);
    const checked = await boxes.evaluateAll((els) => els.map((e) => e.checked));
    assert.deepEqual(checked, [false, true, false, true, false], 'the ☑ and ✅ rows are pre-checked');
    const runbook = page.getByRole('checkbox', { name: 'Runbook approved' });
    assert.equal(await runbook.isVisible(), true);
    await runbook.check();
    await page.getByRole('textbox', { name: 'Owner' }).first().fill('Sam');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
    assert.equal(await page.textContent('[data-testid=readiness-score]'), '6.00');
    await page.reload();
    await page.waitForSelector('article.checklist:not([aria-busy])');
    assert.equal(await page.getByRole('checkbox', { name: 'Runbook approved' }).isChecked(), true);
    assert.equal(await page.getByRole('textbox', { name: 'Owner' }).first().inputValue(), 'Sam');
    if (width === 360) await page.getByRole('button', { name: 'Export, share, open…' }).click();
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied the checklist as Markdown' }).waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /\n\| Runbook approved {13}\| Sam \| ☑ {6}\| {10}\|\n/);
    assert.match(md, /\n\| Alerts routed to on-call {5}\| {7}\| ☐ \| {9}\|\n/);
    assert.match(md, /\nFeature flags off \|\n/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
