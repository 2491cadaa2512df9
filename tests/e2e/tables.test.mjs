// Issue 24 (first part): a checklist written as a table, in the site.browser. Each row of a column of
// marks is a checkbox row that works like any other (ticks kept across a reload, the score moves,
// its empty cells fillable), at 1280 and 360 px, and "Copy as Markdown" ticks the marks back into
// the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchErrors } from './browser.mjs';
import { useSite } from './helpers.mjs';

const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';
const TMP = mkdtempSync(join(tmpdir(), 'readiness-tables-'));
const SHOTS = process.env.SCREENSHOTS;

const site = useSite({ root: 'dist', mounts: { 'fixtures/': 'tests/fixtures' } });

for (const width of [1280, 360]) {
  test(`table rows are checkbox rows at ${width} px, kept, scored and written back`, async () => {
    const context = await site.browser.newContext({
      viewport: { width, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${site.url}?src=fixtures/table-marks.md`);
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
    // Only the answered row changes, each answer inside its cell's own padding; the row nobody
    // answered keeps its bytes (its entity too).
    assert.match(md, /\n\| Runbook approved {13}\| ___Sam___ \| ☑ {6}\| {10}\|\n/);
    assert.match(md, /\n\| Alerts routed to on-call {5}\| {7}\| &#9744; \| {9}\|\n/);
    assert.match(md, /\nFeature flags off \|\n/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const width of [1280, 360]) {
  test(`status words, N/A reasons and waivers read from the table at ${width} px`, async () => {
    const context = await site.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${site.url}?src=fixtures/table-status.md`);
    await page.waitForSelector('article.checklist:not([aria-busy])');
    const boxes = page.locator('input[type=checkbox][data-item-id]');
    assert.equal(await boxes.count(), 11);
    const state = await page.locator('li.item').evaluateAll((els) =>
      els.map((e) => (e.classList.contains('waived') ? 'waived' : e.classList.contains('na') ? 'na'
        : e.classList.contains('done') ? 'done' : 'open')));
    assert.deepEqual(state, ['done', 'done', 'na', 'na', 'waived', 'open', 'open', 'open', 'done', 'open', 'na']);
    // The section its first header cell names is a heading like any other.
    assert.equal(await page.getByRole('heading', { name: 'Security' }).count(), 1);
    const probe = page.locator('li.item', { hasText: 'Legacy TLS 1.0 probe' });
    assert.equal(await probe.getByRole('button', { name: /^Waived: vendor sunset in Q1 for:/ }).count(), 1);
    const load = page.locator('li.item', { hasText: 'Load test' });
    assert.match(await load.locator('.more-toggle').textContent(), /N\/A: covered by the staging soak, see SRE-12\./);
    // A row's status word works like a box: tick "WAF rules", and the score moves.
    assert.equal(await page.textContent('[data-testid=readiness-score]'), '4.29');
    await page.getByRole('checkbox', { name: 'WAF rules' }).check();
    assert.equal(await page.textContent('[data-testid=readiness-score]'), '5.71');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `table-status-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a table checklist with weights, levels and sign-offs reaches GO and its export verifies', async () => {
  const context = await site.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}?src=fixtures/table-release.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  const level = page.getByTestId('target-level');
  assert.equal(await level.inputValue(), 'L2');
  assert.deepEqual(await level.locator('option').allTextContents(), ['L1 (3 items)', 'L2 (5 items)']);
  assert.equal(await page.locator('.badge.not-required').count(), 0);
  // Choosing L1 with the keyboard builds the page again: two items are shown but no longer
  // count, and the focus is back on the picker.
  await level.focus();
  await page.keyboard.press('ArrowUp');
  await page.locator('.badge.not-required').first().waitFor();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  await page.waitForFunction(() => document.activeElement?.id === 'target-level');
  assert.deepEqual(await page.locator('.badge.not-required').allTextContents(),
    ['not required at L1', 'not required at L1']);
  assert.equal(await page.getByTestId('target-level').inputValue(), 'L1');
  await page.getByRole('checkbox', { name: 'TLS everywhere' }).check();
  await page.getByRole('checkbox', { name: 'Runbook approved' }).check();
  assert.equal(await page.textContent('[data-testid=readiness-score]'), '10.00');
  assert.equal(await page.textContent('[data-testid=verdict]'), 'NO-GO');
  // One person signs both lines (the checklist allows shared signers).
  await page.getByTestId('you').click();
  await page.getByTestId('profile-name').fill('Rita Ng');
  await page.getByTestId('profile-save').click();
  await page.getByTestId('key-fingerprint').filter({ hasText: 'Fingerprint' }).waitFor();
  await page.getByTestId('you').click();
  const reviewer = page.locator('li.item', { has: page.locator('.signoff[data-role="Reviewer"]') });
  await reviewer.getByRole('textbox', { name: 'Name', exact: true }).fill('Rita Ng');
  await reviewer.getByRole('button', { name: 'Sign off' }).click();
  await reviewer.locator('.signoff .key').waitFor();
  const manager = page.locator('li.item', { has: page.locator('.signoff[data-role="Release Manager"]') });
  await manager.getByRole('textbox', { name: 'Release Manager Signature' }).fill('Rita Ng');
  await manager.getByRole('button', { name: 'Sign off' }).click();
  await manager.locator('.signoff .key').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=verdict]')?.textContent === 'GO');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'table-release-1280.png'), fullPage: true });
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const record = join(TMP, download.suggestedFilename());
  await download.saveAs(record);
  const out = execFileSync(CLI, ['verify', record, '--template', 'tests/fixtures/table-release.md', '--require-go'],
    { encoding: 'utf8' });
  assert.match(out, /^verified: .*, score 10, GO, answers [0-9a-f]{4}-[0-9a-f]{4}\n/);
  assert.doesNotMatch(out, /NO-GO|does not count/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('answer rows follow their answer, a line of choices is one radio group, sign-off rows sign', async () => {
  const context = await site.browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}?src=fixtures/table-answers.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  const rotation = page.getByRole('checkbox', { name: 'Is there an on-call rotation?' });
  const answer = page.locator('li.item', { hasText: 'Is there an on-call rotation?' })
    .getByRole('textbox', { name: 'Answer' });
  await answer.fill('yes');
  assert.equal(await rotation.isChecked(), true);
  await answer.fill('no');
  assert.equal(await rotation.isChecked(), false, 'a "no" is open');
  assert.equal(await answer.inputValue(), 'no', 'and stays written');
  await page.locator('li.item', { hasText: 'Peak requests per second' })
    .getByRole('textbox', { name: 'Answer' }).fill('1200');
  assert.equal(await page.getByRole('checkbox', { name: 'Peak requests per second' }).isChecked(), true);

  await page.goto(`${site.url}?src=fixtures/table-signoffs.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  // The <details> cell: its summary is the item, the rest folded under it.
  assert.equal(await page.getByRole('checkbox', { name: 'Config frozen' }).count(), 1);
  await page.getByText('No merges after the freeze tag.').waitFor();
  const outcome = page.getByRole('radiogroup', { name: 'Outcome' });
  assert.deepEqual(await outcome.getByRole('radio').evaluateAll((els) => els.map((e) => e.value)),
    ['Success', 'Partial', 'Rolled Back']);
  await outcome.getByRole('radio', { name: 'Partial' }).check();
  // Four sign-off lines: the table's reviewer row, the signature line and the two listed roles.
  assert.deepEqual(await page.locator('.signoff').evaluateAll((els) => els.map((e) => e.dataset.role)),
    ['Reviewer', 'Deployment Lead', 'Product', 'Security']);
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
  await page.reload();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await page.getByRole('radiogroup', { name: 'Outcome' })
    .getByRole('radio', { name: 'Partial' }).isChecked(), true);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'table-signoffs-360.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
