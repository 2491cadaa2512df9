// Issue 32 in a real browser: records a forger with real keys edited to say GO are caught by the
// auditor view through the checklist the record carries (even where this browser has no copy of
// the checklist), a record of the earlier form proves no GO on its own, the CLI agrees on every
// file, and evidence links with unsafe schemes arrive by import as text, never as links.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, pageHelpers, person, useSite } from './helpers.mjs';

const FORGERIES = process.env.READINESS_FORGERIES ?? 'target/debug/examples/forgeries';
const DIR = mkdtempSync(join(tmpdir(), 'readiness-forgeries-'));
const LFG = 'lfg-platform-checklist.md';
const site = useSite({ root: 'dist' });
const { openDoc } = pageHelpers(site, DIR);

// Run from the repository root: the example reads checklists/.
before(() => execFileSync(FORGERIES, [DIR]));

/** The auditor view's card for one file: its file check, badge, reasons and problems. */
async function audit(page, name) {
  await page.goto(`${site.url}#/audit`);
  await page.getByTestId('import-export').setInputFiles(join(DIR, name));
  const card = page.getByTestId('audit-record');
  await card.waitFor();
  const text = async (id) => ((await card.getByTestId(id).count()) ? card.getByTestId(id).textContent() : '');
  return {
    card,
    check: await text('verification'),
    badge: await card.locator('.verdict').first().textContent(),
    reasons: await text('verdict-reasons'),
    problems: await text('problems'),
    template: await text('template-status'),
    downloads: await card.locator('[data-format]').count(),
  };
}

test('a genuine record carrying its checklist is judged by it, even where no copy is bundled', async () => {
  const p = await person(site.browser);
  const a = await audit(p.page, 'mini-go.json');
  assert.equal(a.check, 'verified');
  assert.equal(a.badge, 'GO');
  assert.match(a.template, /^Judged by the checklist the record carries \(its SHA-256 checked\)/);
  assert.equal(a.downloads, 6);
  assert.equal(cli(['verify', join(DIR, 'mini-go.json'), '--require-go']).code, 0);
  assert.deepEqual(p.errors, []);
  await p.context.close();
});

test('a record of the earlier form proves no GO without its checklist, as the CLI says', async () => {
  const p = await person(site.browser);
  const a = await audit(p.page, 'mini-go-old.json');
  assert.equal(a.check, 'verified');
  assert.equal(a.badge, 'NO-GO');
  assert.match(a.reasons, /not proven: the record was made before records carried their checklist/);
  assert.match(a.template, /This browser has no checklist named mini-two\.md/);
  const gate = cli(['verify', join(DIR, 'mini-go-old.json'), '--require-go']);
  assert.equal(gate.code, 3);
  assert.match(gate.out, /not proven GO/);
  // Given the checklist, the CLI proves it.
  assert.equal(cli(['verify', join(DIR, 'mini-go-old.json'), '--require-go', '--template', join(DIR, 'mini-two.md')]).code, 0);
  await p.context.close();
});

for (const [file, problem] of [
  ['mini-trigger.json', 'item rollback-triggers/error-rate-above-5 differs from the template: role procedure → trigger'],
  ['lfg-threshold.json', 'threshold 0 differs from the template: 8.00'],
  ['lfg-title.json', 'the record\'s title "Production Deployment Checklist — APPROVED by CISO" is not the template\'s "Production Deployment Checklist"'],
]) {
  test(`a forged GO is caught in the auditor view and by the CLI: ${file}`, async () => {
    const p = await person(site.browser);
    const a = await audit(p.page, file);
    assert.equal(a.check, 'invalid');
    assert.equal(a.badge, 'NO-GO');
    assert.ok(a.problems.includes(problem), a.problems);
    assert.equal(a.downloads, 0, 'nothing is converted from a record that does not verify');
    const v = cli(['verify', join(DIR, file), '--require-go']);
    assert.equal(v.code, 1);
    assert.ok(v.out.includes(problem), v.out);
    const c = cli(['convert', join(DIR, file), '--to', 'junit']);
    assert.equal(c.code, 1);
    await p.context.close();
  });
}

test('evidence with unsafe schemes arrives by import as text, never as a link', async () => {
  const p = await person(site.browser);
  await openDoc(p.page, LFG);
  await p.page.getByTestId('open-answers').click();
  await p.page.getByTestId('import-answers').setInputFiles(join(DIR, 'lfg-unsafe-evidence.json'));
  await p.page.getByTestId('import-preview').waitFor();
  await p.page.getByTestId('import-apply').click();
  await p.page.getByTestId('import-done').waitFor();
  const toggle = p.page.locator('.more-toggle').first();
  assert.equal(await toggle.textContent(), '4 evidence');
  await toggle.click();
  const evidence = p.page.locator('.evidence').first();
  await evidence.waitFor();
  assert.deepEqual(
    await evidence.locator('[data-testid=unsafe-link]').allTextContents(),
    ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'VBScript:msgbox(1)'],
  );
  assert.deepEqual(await evidence.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['https://ci.example/run/1']);
  const bad = await p.page.locator('a[href]').evaluateAll((as) =>
    as.map((a) => a.getAttribute('href')).filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)));
  assert.deepEqual(bad, []);
  assert.deepEqual(p.errors, []);
  await p.context.close();
});
