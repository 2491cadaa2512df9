// Issue 33 in the browser: a table checklist opened by file, paste and ?src= on a phone has its
// first item on the first screen; a checklist's own contents links go to its sections and stay on
// the checklist; Copy as Markdown says when it added a column to a table, and the copy changes only
// the answered rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { watchErrors } from './browser.mjs';
import { savedAnswers, useSite } from './helpers.mjs';

const site = useSite({ root: 'dist', mounts: { 'fixtures/': 'tests/fixtures' } });
const PHONE = { width: 360, height: 740 };
const TABLE = readFileSync('tests/fixtures/table-status.md', 'utf8');

/** Opens the table fixture on the landing page by `how` (file, paste, src). */
async function open(page, how) {
  if (how === 'src') {
    await page.goto(`${site.url}?src=fixtures/table-status.md`);
  } else {
    await page.goto(site.url);
    await page.waitForSelector('[data-testid=catalog] .card');
    if (how === 'paste') {
      await page.getByTestId('paste-markdown').fill(TABLE);
      await page.getByRole('button', { name: 'Open pasted checklist' }).click();
    } else {
      await page.getByTestId('open-file').setInputFiles({ name: 'table-status.md', mimeType: 'text/markdown', buffer: Buffer.from(TABLE) });
    }
  }
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
}

for (const how of ['file', 'paste', 'src']) {
  test(`on a phone, a table checklist opened by ${how} has its first item on the first screen`, async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await open(page, how);
    const first = await page.locator('input[type=checkbox][data-item-id]').first().boundingBox();
    assert.ok(first.y >= 0 && first.y + first.height <= PHONE.height, `${how}: first checkbox at ${first.y}px`);
    assert.equal(await page.evaluate(() => scrollY), 0, `${how}: the page opens at its top`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a checklist\'s own contents links go to its sections, on the checklist', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const filler = Array.from({ length: 60 }, (_, k) => `- [ ] Step ${k + 1}`).join('\n');
  const md = `# Runbook\n\n- [Load Balancing](#Load-Balancing)\n- [Caches](#caches)\n\n## Load Balancing\n\n${filler}\n\n## Caches\n\n- [ ] Warm the cache\n${filler}\n`;
  await page.goto(site.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  await page.getByTestId('paste-markdown').fill(md);
  await page.getByRole('button', { name: 'Open pasted checklist' }).click();
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  const doc = page.url();
  assert.match(doc, /#\/l\/[^/]+$/);
  await page.locator('article.checklist').getByRole('link', { name: 'Caches' }).click();
  await page.waitForFunction(() => /\/caches$/.test(location.hash));
  assert.equal(page.url(), `${doc}/caches`);
  // Still the checklist, scrolled to the heading.
  assert.equal(await page.locator('article.checklist li.item').count(), 121);
  await page.waitForFunction(() => {
    const r = document.getElementById('s-caches').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight / 2;
  });
  await page.locator('article.checklist').getByRole('link', { name: 'Load Balancing' }).click();
  await page.waitForFunction(() => /\/load-balancing$/.test(location.hash));
  assert.equal(await page.locator('article.checklist').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Copy as Markdown adds a column to a table with no cell for an answer, and says so', async () => {
  const context = await site.browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}?src=fixtures/table-levels.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  // N/A with a reason on a row of a table with no note column.
  const row = page.locator('li.item', { hasText: 'Audit log shipped' });
  await row.locator('.item-row .more-toggle').first().click();
  await row.getByLabel('Not applicable because').fill('no audit log in this service');
  await row.getByRole('button', { name: 'Mark N/A' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  const said = page.getByRole('status').filter({ hasText: 'Copied the checklist as Markdown' });
  await said.waitFor();
  assert.match(await said.textContent(), /1 table had no cell for an answer given, so a column was added at its end/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const src = readFileSync('tests/fixtures/table-levels.md', 'utf8');
  const changed = copied.split('\n').filter((l) => !src.split('\n').includes(l));
  // The summary, the header and delimiter rows with the added column, and the answered row.
  const table = changed.filter((l) => !l.startsWith('>') && l.trim());
  assert.deepEqual(table, [
    '| # | Requirement                    | L1 | L2 | L3 | Status | Notes |',
    '|---|--------------------------------|----|----|----|--------|---|',
    '| 2 | Audit log shipped              |    | ✓  | ✓  | N/A      | no audit log in this service |',
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('emoji shortcodes show as GitHub shows them, in the form, the contents and the title', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${site.url}?src=fixtures/emoji-shortcodes.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  assert.equal((await page.locator('#s-wrench-maintainability').textContent()).trim(), '🔧 Maintainability');
  assert.match(await page.locator('li.item').first().textContent(), /Dependencies updated ✅ in CI/);
  assert.equal(await page.locator('li.item code').first().textContent(), ':wrench:');
  assert.equal(await page.title(), '🚀 Launch review · Readiness');
  assert.match(await page.getByTestId('missing-to-pass').textContent(), /Dependencies updated ✅ in CI/);
  assert.ok(await page.locator('.toc').getByRole('link', { name: '🔒 Security' }).count() >= 1);
  assert.equal(fetched.filter((p) => p.endsWith('/emoji.tsv')).length, 1);
  // A checklist with no shortcodes never fetches the table.
  const other = await context.newPage();
  const seen = [];
  other.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await other.goto(`${site.url}?src=fixtures/table-status.md`);
  await other.waitForSelector('article.checklist:not([aria-busy]) li.item');
  assert.equal(seen.filter((p) => p.endsWith('/emoji.tsv')).length, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a blank filled in and copied as Markdown reads back filled; a table\'s recorded sign-off shows as such', async () => {
  const context = await site.browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}?src=fixtures/filled-blanks.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  // The checklist's own values are in its blanks.
  assert.equal(await page.getByLabel('Change ticket raised', { exact: true }).inputValue(), 'CHG-1042');
  await page.getByLabel('Change ticket raised', { exact: true }).fill('CHG-2077');
  const owner = page.locator('[data-field-id="questions/who-is-on-call#answer"]');
  await owner.fill('Ana *on call*');
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied the checklist as Markdown' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /\n- \[ \] Change ticket raised: ___CHG-2077___\n/);
  assert.match(copied, /\n\| Who is on call\? \| ___Ana \\\*on call\\\*___ \|/);
  // Opened again, the copy holds what was typed, as the checklist's own values.
  await page.goto(site.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  await page.getByTestId('paste-markdown').fill(copied);
  await page.getByRole('button', { name: 'Open pasted checklist' }).click();
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  assert.equal(await page.getByLabel('Change ticket raised', { exact: true }).inputValue(), 'CHG-2077');
  assert.equal(await page.locator('[data-field-id="questions/who-is-on-call#answer"]').inputValue(), 'Ana *on call*');
  // Names a sign-off table records: on the line, never a signature.
  await page.goto(`${site.url}?src=fixtures/table-recorded-signoffs.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  const line = page.locator('li.item', { hasText: 'Reviewer(s)' }).first();
  assert.equal(
    (await line.locator('.recorded').textContent()).trim(),
    'Recorded in the checklist: alice@ bob@, 2022-06-16. Not a signature: it does not count toward GO.',
  );
  assert.equal((await line.locator('.signoff-state').textContent()).trim(), 'Not signed');
  assert.match(await page.getByTestId('verdict').textContent(), /NO-GO/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('answers carried from the last release (readiness carry) come in by "Open answers…" and stay through saves', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const cli = process.env.READINESS_CLI ?? 'target/debug/readiness';
  const dir = mkdtempSync(join(tmpdir(), 'readiness-carry-'));
  const done = { status: 'done', changed_at: '2026-11-22T04:00:00Z' };
  const answers = {
    schema: 'readiness-answers/1',
    items: Object.fromEntries(['load-test-run-weekly-against-production-sized-data', 'rollback-rehearsed-in-staging',
      'dashboards-linked-in-the-runbook', 'feature-flags-documented'].map((s) => [`readiness/${s}`, done])),
  };
  writeFileSync(join(dir, 'a.json'), JSON.stringify(answers));
  execFileSync(cli, ['export', 'tests/fixtures/release/v1.md', join(dir, 'a.json'), '--now', '2026-11-22T04:50:00Z', '--out', join(dir, 'release-1.json')]);
  const said = execFileSync(cli, ['carry', join(dir, 'release-1.json'), '--template', 'tests/fixtures/release/v2.md', '--out', join(dir, 'carried.json')]).toString();
  assert.match(said, /\n {2}3 carried: the earlier answer, to confirm \(open until confirmed\)\n {2}0 N\/A or waived with a reason: carried, and counting\n {2}1 changed: to re-review/);

  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}?src=fixtures/release/v2.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  await page.getByTestId('open-answers').click();
  await page.getByTestId('import-answers').setInputFiles([join(dir, 'carried.json')]);
  await page.getByTestId('import-preview').waitFor();
  assert.equal(await page.getByTestId('import-carried').textContent(), 'It carries 4 earlier answers from a past release, to confirm: until someone does, those items count as open.');
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
  const saved = () => savedAnswers(page, 'u:');
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
  let a = await saved();
  assert.equal(Object.keys(a.carried).length, 4);
  assert.equal(a.carried_from.file, 'release-1.json');
  // Carried answers count as open until confirmed: nothing is ticked.
  assert.equal(await page.locator('input[type=checkbox][data-item-id]:checked').count(), 0);
  // Another answer saved, then a reload: still carried.
  await page.locator('input[type=checkbox][data-item-id="readiness/error-budget-reviewed"]').check();
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
  await page.reload();
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  a = await saved();
  assert.equal(Object.keys(a.carried).length, 4);
  assert.equal(Object.keys(a.items).length, 1);
  assert.deepEqual(errors, []);
  await context.close();
});
