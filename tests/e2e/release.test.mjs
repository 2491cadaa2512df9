// Issue 37 in the browser: lfg's GO record (every line signed, each by its own key) starts the
// next release of an edited lfg (one item's text changed) on the page. 401 answers arrive carried
// and 1 for re-review; nothing counts until confirmed; "Confirm all carried" leaves the changed
// item to its own row; the verdict comes back to GO only with fresh sign-offs; the page's record
// names the one it was carried from, which `readiness verify --previous` checks. The CLI's `carry`
// says the same counts. An end date typed beside an N/A reason lapses it on the page; a waiver of
// v1.md that lapsed before v2.md's release blocks it in the page, `score` and the auditor view alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, nameSelf, pageHelpers, savedAnswers, useSite, waitSaved } from './helpers.mjs';

const DIR = mkdtempSync(join(tmpdir(), 'readiness-release-'));
const site = useSite({ root: 'dist', mounts: { 'rel/': DIR, 'fixtures/': 'tests/fixtures' } });
const { fresh, exportFile } = pageHelpers(site, DIR);
const EXAMPLE = process.env.READINESS_EXAMPLES ?? 'target/debug/examples';
const OLD = 'Load tests completed successfully';
const NEW = 'Load tests completed successfully at twice peak traffic';

/** Release 1's GO record and release 2's template (lfg with one item's text edited). */
function releases() {
  const record = join(DIR, 'lfg-release-1.json');
  execFileSync(join(EXAMPLE, 'release_record'), ['go', 'checklists/lfg-platform-checklist.md', record]);
  const md = readFileSync('checklists/lfg-platform-checklist.md', 'utf8');
  assert.ok(md.includes(`- [ ] ${OLD}\n`));
  const template = join(DIR, 'lfg-platform-checklist.md');
  writeFileSync(template, md.replace(`- [ ] ${OLD}\n`, `- [ ] ${NEW}\n`));
  return { record, template };
}

/** "Open answers…" with `record`, then "Start the next release from this record". */
async function startNextRelease(page, record) {
  await page.getByTestId('open-answers').click();
  await page.getByTestId('import-answers').setInputFiles([record]);
  await page.getByTestId('import-preview').waitFor();
  await page.getByTestId('start-next-release').click();
  await page.getByTestId('import-done').waitFor();
}

const verdict = (page) => page.getByTestId('verdict').textContent();

test('lfg\'s GO record starts the next release: carried, confirmed, re-reviewed, signed again', async () => {
  const { record, template } = releases();
  // The CLI says what the page will do.
  const said = cli(['carry', record, '--template', template, '--out', join(DIR, 'carried.json')]);
  assert.equal(said.code, 0, said.out);
  assert.match(said.out, /\n {2}401 carried: the earlier answer, to confirm \(open until confirmed\)\n {2}0 N\/A or waived with a reason: carried, and counting\n {2}1 changed: to re-review one by one \(never confirmed in bulk\)\n {4}- [^\n]+: Load tests completed successfully \{\+at twice peak traffic\+\}\n {2}0 new: open\n {2}0 removed: listed, not applied\n {2}6 sign-off records not carried/);

  const { context, page, errors } = await fresh({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}?src=rel/lfg-platform-checklist.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  await nameSelf(page, 'Ana Lima');
  await startNextRelease(page, record);
  assert.equal(await page.getByTestId('import-done').locator('p').textContent(),
    'Started the next release from lfg-release-1.json: 401 carried to confirm, 0 N/A or waived carried and counting, 1 changed to re-review, 0 new, 0 removed. Sign-offs never carry: this release is signed again.');
  const panel = page.getByTestId('carried-panel');
  assert.match(await panel.locator('p').first().textContent(),
    /^402 answers carried from lfg-release-1\.json \(made 2026-11-22T04:50:00Z\) wait for confirmation: they count as open until someone confirms them\.$/);
  assert.equal(await page.getByTestId('carried-review').textContent(),
    '1 changed item must be re-reviewed: each is confirmed only on its own row.');
  // Nothing counts yet: no box is ticked, and the verdict is NO-GO.
  assert.equal(await page.locator('input[type=checkbox][data-item-id]:checked').count(), 0);
  assert.equal(await verdict(page), 'NO-GO');
  // The changed item shows its diff on its row.
  const changed = page.locator('li.item').filter({ hasText: NEW }).first();
  const review = changed.locator(':scope > div.carried.review');
  assert.equal(await review.locator('ins').textContent(), 'at twice peak traffic');
  assert.match(await review.locator('p').textContent(), /^Last release: done by Signer \d+ on 2026-11-22\. |^Last release: done on 2026-11-22\. /);

  // "Confirm this section" on the changed item's section: all of it but the changed item.
  await panel.locator('details summary').click();
  const section = panel.locator('details li').filter({ hasText: 'Code Quality & Testing:' });
  assert.match(await section.textContent(), /Code Quality & Testing: (\d+) carried, 1 to re-review/);
  const n = Number((await section.getByRole('button').textContent()).match(/^Confirm this section \((\d+)\)$/)[1]);
  assert.ok(n > 1, `${n} in the section`);
  await section.getByRole('button').click();
  await panel.locator('p').first().filter({ hasText: `${402 - n} answers carried` }).waitFor();
  const unit = page.locator('li.item').filter({ hasText: 'All unit tests passing' }).first();
  assert.equal(await unit.locator(':scope > div.carried').count(), 0);
  assert.equal(await unit.locator('input[type=checkbox]').first().isChecked(), true);
  assert.equal(await review.count(), 1, 'a section confirms around the changed item');

  // "Confirm all carried" confirms the rest, never the changed one.
  const all = page.getByTestId('confirm-all-carried');
  assert.equal(await all.textContent(), `Confirm all carried (${401 - n})`);
  await all.click();
  await page.getByTestId('confirm-all-carried').filter({ hasText: 'Confirm all carried (0)' }).waitFor();
  assert.ok(await page.getByTestId('confirm-all-carried').isDisabled());
  assert.match(await panel.locator('p').first().textContent(), /^1 answer carried from /);
  assert.equal(await review.count(), 1, 'the changed item still waits on its row');
  assert.equal(await changed.locator('input[type=checkbox]').first().isChecked(), false);
  await waitSaved(page);
  let saved = await savedAnswers(page, 'u:');
  assert.equal(Object.keys(saved.carried).length, 1);
  const confirmed = Object.values(saved.items).filter((a) => a.by?.at(-1)?.name === 'Ana Lima');
  assert.equal(confirmed.length, 401, 'each confirmation is attributed to whoever confirmed');

  // The changed item, confirmed on its own row: everything is answered, still NO-GO for the six
  // sign-offs that did not carry.
  await review.getByRole('button', { name: /^Confirm the last release's answer for: / }).click();
  await panel.waitFor({ state: 'detached' });
  assert.equal(await changed.locator('input[type=checkbox]').first().isChecked(), true);
  assert.equal(await verdict(page), 'NO-GO');
  const reasons = await page.locator('[data-testid=verdict-reasons] li').allTextContents();
  assert.equal(reasons.length, 6, reasons.join('\n'));
  for (const r of reasons) assert.match(r, /^sign-off missing: /);

  // Fresh sign-offs over this release's answers, each by its own signer (made from the page's
  // export as each would in their own browser), opened on the page: GO again.
  await waitSaved(page);
  const exported = await exportFile(page);
  const signed = join(DIR, 'lfg-release-2.signed.json');
  execFileSync(join(EXAMPLE, 'release_record'), ['sign', exported.path, signed]);
  await page.getByTestId('open-answers').click();
  await page.getByTestId('import-answers').setInputFiles([signed]);
  await page.getByTestId('import-preview').waitFor();
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
  await page.getByTestId('verdict').filter({ hasText: /^GO$/ }).waitFor();

  // The record names release 1, and the CLI follows the link.
  await waitSaved(page);
  const two = await exportFile(page);
  const rec = JSON.parse(readFileSync(two.path, 'utf8'));
  assert.equal(rec.previous.file, 'lfg-release-1.json');
  assert.equal(rec.verdict.decision, 'GO');
  const v = cli(['verify', two.path, '--previous', record, '--require-go']);
  assert.equal(v.code, 0, v.out);
  assert.match(v.out, /\n {2}previous: carried from lfg-release-1\.json \(integrity [0-9a-f]{12}…, made 2026-11-22T04:50:00Z\): the link holds\n$/);

  // Saved: a reload keeps GO and no carried answer waits.
  await page.reload();
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  await page.getByTestId('verdict').filter({ hasText: /^GO$/ }).waitFor();
  assert.equal(await page.getByTestId('carried-panel').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an end date typed beside an N/A reason lapses it, and the verdict says so', async () => {
  const { context, page, errors } = await fresh({ viewport: { width: 1280, height: 900 } });
  writeFileSync(join(DIR, 'small.md'), '# Small release\n\n## Checks\n\n- [ ] Pen test\n- [ ] Backups restored\n');
  await page.goto(`${site.url}?src=rel/small.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  const row = page.locator('li.item').filter({ hasText: 'Pen test' }).first();
  await row.locator('button.more-toggle').click();
  await row.getByLabel('Not applicable because').fill('vendor slot moved');
  await row.getByLabel('until (optional)').fill('2020-01-31');
  await row.getByRole('button', { name: 'Mark N/A' }).click();
  await row.locator('button.more-toggle').filter({ hasText: 'N/A expired 2020-01-31: vendor slot moved' }).waitFor();
  assert.match(await row.getAttribute('class'), /\bna\b.*\bexpired\b/);
  const reasons = await page.locator('[data-testid=verdict-reasons] li').allTextContents();
  assert.ok(reasons.includes('waiver expired: Pen test (on 2020-01-31)'), reasons.join('\n'));
  // A later date: it holds, and counts as N/A.
  await row.getByLabel('until (optional)').fill('2999-12-31');
  await row.locator('button.more-toggle').filter({ hasText: 'N/A until 2999-12-31: vendor slot moved' }).waitFor();
  const after = await page.locator('[data-testid=verdict-reasons] li').allTextContents();
  assert.ok(!after.some((r) => r.startsWith('waiver expired')), after.join('\n'));
  // Not a date: said, and nothing changes.
  await row.getByLabel('until (optional)').evaluate((el) => { el.type = 'text'; });
  await row.getByLabel('until (optional)').fill('next quarter');
  await row.getByLabel('until (optional)').dispatchEvent('change');
  await row.getByRole('alert').filter({ hasText: 'An end date must be a date (YYYY-MM-DD).' }).waitFor();
  await waitSaved(page);
  const saved = await savedAnswers(page, 'u:');
  assert.equal(Object.values(saved.items)[0].until, '2999-12-31');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a waiver that lapsed since the last release blocks the next one, in the page, the CLI and the auditor view alike', async () => {
  // Release 1 (v1.md, 2026-11-22): the feature flags waived until 2026-12-01.
  const done = { status: 'done', changed_at: '2026-11-22T04:00:00Z' };
  const items = Object.fromEntries(['load-test-run-weekly-against-production-sized-data', 'rollback-rehearsed-in-staging',
    'dashboards-linked-in-the-runbook'].map((s) => [`readiness/${s}`, done]));
  items['readiness/feature-flags-documented'] = { status: 'na', reason: 'flags ship dark', waived: true, until: '2026-12-01' };
  items['readiness/legacy-queue-drained'] = { status: 'na', reason: 'no legacy queue' };
  writeFileSync(join(DIR, 'w.answers.json'), JSON.stringify({ schema: 'readiness-answers/1', items }));
  const record = join(DIR, 'waiver-release-1.json');
  const made = cli(['export', 'tests/fixtures/release/v1.md', join(DIR, 'w.answers.json'), '--now', '2026-11-22T04:50:00Z', '--out', record]);
  assert.equal(made.code, 0, made.out);
  // The CLI: the waiver carries and counts, and has lapsed by 2026-12-05.
  const carried = join(DIR, 'w.carried.json');
  const said = cli(['carry', record, '--template', 'tests/fixtures/release/v2.md', '--out', carried]);
  assert.match(said.out, /\n {2}1 N\/A or waived with a reason: carried, and counting\n/);
  const scored = cli(['score', 'tests/fixtures/release/v2.md', carried, '--now', '2026-12-05T09:00:00Z', '--json']);
  assert.ok(JSON.parse(scored.out).reasons.includes('waiver expired: Feature flags documented (on 2026-12-01)'), scored.out);

  // The page (today is after 2026-12-01): the same reason, and the row says so.
  const { context, page, errors } = await fresh({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}?src=fixtures/release/v2.md`);
  await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
  await startNextRelease(page, record);
  assert.match(await page.getByTestId('import-done').locator('p').textContent(),
    /: 2 carried to confirm, 1 N\/A or waived carried and counting, 1 changed to re-review, 1 new, 1 removed\. Answers to items this release no longer has, not applied: \u201cLegacy queue drained\u201d \(na\)\. Sign-offs never carry/);
  const reasons = await page.locator('[data-testid=verdict-reasons] li').allTextContents();
  assert.ok(reasons.includes('waiver expired: Feature flags documented (on 2026-12-01)'), reasons.join('\n'));
  const row = page.locator('li.item').filter({ hasText: 'Feature flags documented' }).first();
  assert.match(await row.getAttribute('class'), /\bna waived expired\b/);
  assert.equal(await row.locator('button.more-toggle').textContent(), 'Waived expired 2026-12-01: flags ship dark');

  // The auditor view lists the waiver of release 1 with its end date, lapsed today.
  await page.goto(`${site.url}#/audit`);
  await page.getByTestId('import-export').setInputFiles([record]);
  const waiver = page.getByTestId('audit-waiver');
  await waiver.first().waitFor();
  assert.equal(await waiver.count(), 1);
  assert.match(await waiver.textContent(), /^readiness\/feature-flags-documentedFeature flags documented2026-12-01lapsed \d+ days? ago$/);
  assert.deepEqual(errors, []);
  await context.close();
});
