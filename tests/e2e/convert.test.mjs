// Issue 25 in the browser: the auditor view offers a verified record in auditors' own formats; each
// download is the CLI's conversion of the same file byte for byte, and each validates with its real
// tool (xmlschema and junitparser, Python's csv, compliance-trestle, in-toto-attestation; ajv and
// inspecjs for Heimdall). A checklist page hands its current record to the auditor view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchErrors } from './browser.mjs';
import { useSite } from './helpers.mjs';

const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';
const TMP = mkdtempSync(join(tmpdir(), 'readiness-convert-'));
const RECORD = 'tests/records/lfg-platform-checklist.2026-11-22.json';
const PYTHON = '.venv-validators/bin/python';
const FORMATS = ['junit', 'csv', 'csv-signoffs', 'hdf', 'oscal', 'test-result'];

const site = useSite({ root: 'dist' });

/** Clicks each format's download on the first card; returns the saved paths by format. */
async function downloadAll(page, tag) {
  const paths = {};
  for (const f of FORMATS) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('downloads').locator(`button[data-format="${f}"]`).click(),
    ]);
    paths[f] = join(TMP, `${tag}-${download.suggestedFilename()}`);
    await download.saveAs(paths[f]);
  }
  return paths;
}

function validators(paths) {
  if (!existsSync(PYTHON)) {
    if (process.env.READINESS_REQUIRE_VALIDATORS) throw new Error('.venv-validators is missing: run scripts/setup.sh');
    console.log('\n*** SKIPPED: third-party validators not installed (scripts/setup.sh could not reach PyPI) ***\n');
    return;
  }
  const hdf = paths.filter((p) => p.endsWith('.hdf.json'));
  const rest = paths.filter((p) => !p.endsWith('.hdf.json'));
  const out = execFileSync(PYTHON, ['tests/validators/validate.py', ...rest], { encoding: 'utf8' })
    + execFileSync('node', ['tests/validators/validate-hdf.mjs', ...hdf], { encoding: 'utf8' });
  assert.equal(out.split('\n').filter((l) => l.startsWith('ok ')).length, paths.length, out);
}

test('the auditor view downloads each format, the same bytes as the CLI, and each validates', async () => {
  const context = await site.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}#/audit`);
  await page.getByTestId('import-export').setInputFiles(RECORD);
  await page.getByTestId('verification').filter({ hasText: 'verified' }).waitFor();
  assert.deepEqual(await page.getByTestId('downloads').locator('button').allTextContents(), [
    'JUnit XML', 'CSV (items)', 'CSV (sign-offs)', 'Heimdall (HDF)', 'OSCAL assessment results', 'in-toto test result',
  ]);
  const paths = await downloadAll(page, 'audit');
  assert.ok(paths.junit.endsWith('lfg-platform-checklist.2026-11-22.junit.xml'), paths.junit);
  for (const f of FORMATS) {
    const cli = execFileSync(CLI, ['convert', RECORD, '--to', f], { encoding: 'utf8' });
    assert.equal(readFileSync(paths[f], 'utf8'), cli, `${f}: the browser and the CLI agree`);
  }
  validators(Object.values(paths));
  // A record that does not verify offers no downloads.
  await page.getByTestId('import-export').setInputFiles({
    name: 'forged.json',
    mimeType: 'application/json',
    buffer: Buffer.from(readFileSync(RECORD, 'utf8').replace('"status": "open"', '"status": "done"')),
  });
  await page.locator('[data-testid=audit-record][data-file="forged.json"] [data-testid=verification]')
    .filter({ hasText: 'invalid' }).waitFor();
  assert.equal(await page.locator('[data-testid=audit-record][data-file="forged.json"] [data-testid=downloads]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a checklist page hands its current record to the auditor view's downloads", async () => {
  const context = await site.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}#/c/websocket-cluster-checklist.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  const boxes = page.locator('input[type=checkbox][data-item-id]');
  const ticked = [];
  for (const i of [0, 1, 2]) {
    await boxes.nth(i).check();
    ticked.push(await boxes.nth(i).getAttribute('data-item-id'));
  }
  await page.getByTestId('to-auditor-tools').click();
  await page.waitForURL(/#\/audit$/);
  await page.getByTestId('verification').filter({ hasText: 'verified' }).waitFor();
  const paths = await downloadAll(page, 'page');
  const junit = readFileSync(paths.junit, 'utf8');
  // 211 items and the verdict's own test case, failing on NO-GO.
  assert.match(junit, /<testsuites name="[^"]+ — NO-GO" tests="212" failures="\d+" errors="0">/);
  assert.equal((junit.match(/<testcase /g) ?? []).length, 212);
  assert.match(junit, /<testcase name="Verdict: NO-GO \[readiness-verdict\]" classname="Verdict">/);
  const { predicate } = JSON.parse(readFileSync(paths['test-result'], 'utf8'));
  assert.equal(predicate.result, 'FAILED');
  for (const id of ticked) {
    assert.ok(predicate.passedTests.includes(id), `${id} passed`);
    assert.ok(!predicate.failedTests.includes(id), `${id} did not fail`);
  }
  validators(Object.values(paths));
  assert.deepEqual(errors, []);
  await context.close();
});
