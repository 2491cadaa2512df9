// The portal and browser storage in Chromium: corrupt or newer saved data is backed up and never
// overwritten, a full storage or none at all still lets people work and export, and leaving a page
// (even within the 300 ms save) keeps every answer. Split from portal.test.mjs (issue 36).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { box, cli, pageHelpers, useSite, waitSaved } from './helpers.mjs';

const TMP = mkdtempSync(join(tmpdir(), 'readiness-storage-'));

const site = useSite({ root: 'dist', mounts: { 'fixtures/': 'tests/fixtures' } });
const { fresh, openDoc, exportFile } = pageHelpers(site, TMP);

test('corrupt saved data is backed up, reported and downloadable', async () => {
  const { context, page } = await fresh();
  await page.goto(site.url);
  await page.evaluate(() => localStorage.setItem('readiness:v1:answers:c:websocket-cluster-checklist.md', '{"schema": "readiness-answers/1", "items": [tru'));
  await openDoc(page, 'websocket-cluster-checklist.md');
  const banner = page.getByTestId('corrupt-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /could not be read .*backup key/);
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('readiness:v1:backup:c:websocket-cluster-checklist.md:')));
  assert.equal(backups.length, 1);
  const raw = await page.evaluate((k) => localStorage.getItem(k), backups[0]);
  assert.equal(raw, '{"schema": "readiness-answers/1", "items": [tru');
  const { path } = await exportFile(page, 'Download the unreadable data');
  assert.equal(readFileSync(path, 'utf8'), raw);
  // The app still works and saves.
  await box(page, 0).check();
  await waitSaved(page);
  await context.close();
});

test('answers from a newer version are never overwritten', async () => {
  const { context, page } = await fresh();
  await page.goto(site.url);
  const newer = '{"schema":"readiness-answers/7","items":{}}';
  await page.evaluate((v) => localStorage.setItem('readiness:v1:answers:c:websocket-cluster-checklist.md', v), newer);
  await openDoc(page, 'websocket-cluster-checklist.md');
  await page.getByTestId('storage-banner').filter({ hasText: 'newer version' }).waitFor();
  await box(page, 0).check();
  await page.waitForTimeout(600);
  assert.equal(await page.evaluate(() => localStorage.getItem('readiness:v1:answers:c:websocket-cluster-checklist.md')), newer);
  await context.close();
});

test('a full storage shows "not saved, export now" and export still works', async () => {
  const { context, page } = await fresh();
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k.startsWith('readiness:v1:answers:')) throw new DOMException('full', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  await openDoc(page, 'lfg-platform-checklist.md');
  await box(page, 0).check();
  const banner = page.getByTestId('storage-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Not saved — export now\. the browser refused to save \(storage is full\)/);
  assert.equal(await page.textContent('[data-testid=save-status]'), 'Not saved');
  const { path } = await exportFile(page, 'Export now');
  const record = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(record.items[0].status, 'done');
  assert.equal(cli(['verify', path, '--template', 'checklists/lfg-platform-checklist.md']).code, 0);
  await context.close();
});

test('without local storage the app works, warns, and exports', async () => {
  const { context, page } = await fresh();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await openDoc(page, 'dojopool-deployment-checklist.md');
  await page.getByTestId('storage-banner').filter({ hasText: 'local storage is not available' }).waitFor();
  await box(page, 0).check();
  assert.equal(await box(page, 0).isChecked(), true);
  const { path } = await exportFile(page, 'Export now');
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).items[0].status, 'done');
  await context.close();
});

test('leaving the page flushes unsaved answers (pagehide), even before the 300 ms save', async () => {
  const { context, page } = await fresh();
  // Swallow the 300 ms save timer: only the pagehide/visibilitychange flush can save now.
  await page.addInitScript(() => {
    const real = window.setTimeout;
    window.setTimeout = (f, ms, ...args) => (ms === 300 ? 0 : real(f, ms, ...args));
  });
  await openDoc(page, 'websocket-cluster-checklist.md');
  await box(page, 5).check();
  assert.equal(await page.textContent('[data-testid=save-status]'), 'Saving…');
  await page.goto('about:blank');
  const stored = await (async () => {
    await page.goto(site.url);
    return page.evaluate(() => localStorage.getItem('readiness:v1:answers:c:websocket-cluster-checklist.md'));
  })();
  assert.ok(stored, 'answers were written on pagehide');
  await openDoc(page, 'websocket-cluster-checklist.md');
  assert.equal(await box(page, 5).isChecked(), true);
  await context.close();
});

test('regression: leaving a checklist within 300 ms of an edit keeps the answer and raises no error', async () => {
  // The save timer used to outlive the page and trap the wasm (a disposed value read), which
  // left the whole app dead.
  const { context, page, errors } = await fresh();
  await openDoc(page, 'lfg-platform-checklist.md');
  await box(page, 0).check();
  await page.goto(`${site.url}#/`);
  await page.waitForTimeout(600);
  await page.goto(`${site.url}#/c/lfg-platform-checklist.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await box(page, 0).isChecked(), true, 'the edit was saved when the page was left');
  assert.deepEqual(errors, []);
  await context.close();
});
