// The auditor view (#/audit) in a real browser, checked against the CLI on the same files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';
const TMP = mkdtempSync(join(tmpdir(), 'readiness-audit-'));
let browser;
let server;
let site;

before(async () => {
  browser = await launch();
  // A private copy of the site whose lfg checklist has changed since the exports were made.
  site = mkdtempSync(join(tmpdir(), 'readiness-site-'));
  cpSync('dist', site, { recursive: true });
  const lfg = join(site, 'checklists', 'lfg-platform-checklist.md');
  writeFileSync(lfg, readFileSync(lfg, 'utf8')
    .replace('- [ ] XSS protection verified\n', '')
    .replace('- [ ] Static analysis passes\n', '- [ ] Static analysis passes\n- [ ] SBOM published\n'));
  server = await serve({ root: site });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function cliVerify(path) {
  try {
    execFileSync(CLI, ['verify', path], { encoding: 'utf8' });
    return 'verified';
  } catch (e) {
    return e.status === 1 ? 'invalid' : `error ${e.status}: ${e.stderr}`;
  }
}

/** Exports a review from the browser (the real flow): tick `ticks` items of `file`. */
async function browserExport(context, file, ticks) {
  const page = await context.newPage();
  await page.goto(`${server.url}#/c/${file}`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  for (const i of ticks) await page.locator('input[type=checkbox][data-item-id]').nth(i).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const path = join(TMP, `${file}-${ticks.length}.json`);
  await download.saveAs(path);
  await page.close();
  return path;
}

async function audit(page, paths) {
  await page.goto(`${server.url}#/audit`);
  await page.getByTestId('import-export').setInputFiles(paths);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=audit-record]').length === n, paths.length);
  return page.locator('[data-testid=audit-record]');
}

test('genuine exports verify; every kind of tampering is flagged; the CLI agrees', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const genuine = await browserExport(context, 'websocket-cluster-checklist.md', [0, 1, 2]);
  const text = readFileSync(genuine, 'utf8');
  const variants = {
    'flipped.json': [text.replace('"status": "open"', '"status": "done"'), /integrity digest mismatch.*answers_digest does not match/s],
    'score.json': [text.replace(/"value": [0-9.]+/, '"value": 9.5'), /integrity digest mismatch.*score 9\.5 does not follow from the template/s],
    'truncated.json': [text.slice(0, Math.floor(text.length * 0.6)), /not a readable export: .*EOF while parsing/],
    'schema.json': [text.replace('"readiness-audit/1"', '"readiness-audit/2"'), /unknown schema "readiness-audit\/2"/],
    'not-json.json': ['<html>404</html>', /not a readable export/],
    // A second "verdict" before the real one: a lax reader keeps the last and the digest matches.
    'duplicate-key.json': [
      text.replace('  "verdict": {', '  "verdict": {"decision": "GO", "reasons": []},\n  "verdict": {'),
      /not a readable export: \d+:\d+: not valid JSON \(duplicate key "verdict"/,
    ],
  };
  const paths = [genuine];
  for (const [name, [content]] of Object.entries(variants)) {
    const p = join(TMP, name);
    writeFileSync(p, content);
    paths.push(p);
  }
  const page = await context.newPage();
  const cards = await audit(page, paths);
  const results = {};
  for (let i = 0; i < paths.length; i++) {
    const card = cards.nth(i);
    const name = await card.getAttribute('data-file');
    results[name] = {
      verdict: await card.getByTestId('verification').textContent(),
      problems: (await card.getByTestId('problems').count()) ? await card.getByTestId('problems').textContent() : '',
    };
  }
  const genuineName = genuine.split('/').pop();
  assert.equal(results[genuineName].verdict, 'verified', results[genuineName].problems);
  for (const [name, [, reason]] of Object.entries(variants)) {
    assert.equal(results[name].verdict, 'invalid', name);
    assert.match(results[name].problems, reason, name);
  }
  // The CLI agrees on every file.
  for (const p of paths) {
    assert.equal(cliVerify(p), results[p.split('/').pop()].verdict, p);
  }
  // The report shows the record.
  const report = cards.nth(0);
  assert.match(await report.textContent(), /Verdict NO-GO · score 0\.\d+ \/ 10 \(minimum 8\)/);
  assert.match(await report.getByTestId('template-status').textContent(), /same SHA-256 as exported/);
  await context.close();
});

test('drift against a changed template, and changes between two reviews', async () => {
  // Exports made against the original lfg checklist (the CLI, as CI would).
  const first = join(TMP, 'lfg-1.json');
  const second = join(TMP, 'lfg-2.json');
  const answers = join(TMP, 'answers.json');
  execFileSync(CLI, ['export', 'checklists/lfg-platform-checklist.md', '--now', '2026-11-20T10:00:00Z', '--out', first]);
  const ids = JSON.parse(readFileSync(first, 'utf8')).items.map((i) => i.id);
  writeFileSync(answers, JSON.stringify({
    schema: 'readiness-answers/1',
    items: { [ids[0]]: { status: 'done' }, [ids[1]]: { status: 'na', reason: 'not a web app' } },
  }));
  execFileSync(CLI, ['export', 'checklists/lfg-platform-checklist.md', answers, '--now', '2026-11-21T10:00:00Z', '--out', second]);

  const context = await browser.newContext();
  const page = await context.newPage();
  const cards = await audit(page, [second, first]);
  for (let i = 0; i < 2; i++) {
    const card = cards.nth(i);
    assert.equal(await card.getByTestId('verification').textContent(), 'verified');
    const d = await card.getByTestId('drift').textContent();
    assert.match(d, /the bundled checklist has changed since this export: 1 added, 1 removed, 0 changed/);
    assert.match(d, /Added: SBOM published/);
    assert.match(d, /Removed: XSS protection verified/);
  }
  const compare = await page.getByTestId('compare').textContent();
  assert.match(compare, /lfg-platform-checklist\.md: 2026-11-20T10:00:00Z → 2026-11-21T10:00:00Z/);
  assert.match(compare, new RegExp(`${ids[0]}: open → done`));
  assert.match(compare, /na \(N\/A: not a web app\)/);
  await context.close();
});

test('bad files never touch the saved checklists', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}#/c/dojopool-phased-rollout.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  await page.locator('input[type=checkbox][data-item-id]').first().check();
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]').textContent.startsWith('Saved 20'));
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => !k.includes(':meta:')).sort()));
  const junk = join(TMP, 'junk.json');
  writeFileSync(junk, '\u0000\u0001 not json at all');
  await audit(page, [junk]);
  const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => !k.includes(':meta:')).sort()));
  assert.equal(after, before);
  await context.close();
});

/** Signs the Lead Developer line of the platform checklist in a fresh profile and exports. */
async function signedExport(label) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}#/c/platform-deployment-checklist.md/sign-off`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  await page.locator('input[type=checkbox][data-item-id]').first().check();
  await page.getByLabel('Lead Developer', { exact: true }).fill(`Grace ${label}`);
  const line = page.locator('.signoff[data-role="Lead Developer"]');
  await line.getByRole('button', { name: 'Sign off' }).click();
  await line.locator('.key').waitFor();
  const shown = (await line.locator('.key').textContent()).replace(' · key ', '');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const path = join(TMP, `signed-${label}.json`);
  await download.saveAs(path);
  await page.goto(server.url);
  const fp = await page.getByTestId('key-fingerprint').textContent();
  await context.close();
  return { path, shown, fp };
}

test('sign-offs are signed in the browser and verified natively; a transplanted signature is caught', async () => {
  const a = await signedExport('A');
  const b = await signedExport('B');
  assert.match(a.shown, /^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
  assert.notEqual(a.shown, b.shown, 'each profile has its own key');
  assert.ok(a.fp.includes(a.shown), `${a.fp} shows ${a.shown}`);
  // WebCrypto signatures verify with ed25519-dalek in the CLI.
  assert.equal(cliVerify(a.path), 'verified');
  const out = execFileSync(CLI, ['verify', a.path], { encoding: 'utf8' });
  assert.match(out, new RegExp(`signed: Lead Developer — Grace A on .* key ${a.shown}`));

  // B's signature put into A's record.
  const ra = JSON.parse(readFileSync(a.path, 'utf8'));
  const rb = JSON.parse(readFileSync(b.path, 'utf8'));
  ra.signoffs[0].envelope = rb.signoffs[0].envelope;
  ra.signoffs[0].public_key = rb.signoffs[0].public_key;
  const transplanted = join(TMP, 'transplanted.json');
  writeFileSync(transplanted, JSON.stringify(ra, null, 2));
  // And one with the signature removed.
  const unsigned = JSON.parse(readFileSync(a.path, 'utf8'));
  delete unsigned.signoffs[0].envelope;
  const unsignedPath = join(TMP, 'unsigned.json');
  writeFileSync(unsignedPath, JSON.stringify(unsigned, null, 2));

  const context = await browser.newContext();
  const page = await context.newPage();
  const cards = await audit(page, [a.path, transplanted, unsignedPath]);
  assert.equal(await cards.nth(0).getByTestId('verification').textContent(), 'verified');
  assert.equal(await cards.nth(0).getByTestId('fingerprint').textContent(), a.shown);
  assert.equal(await cards.nth(1).getByTestId('verification').textContent(), 'invalid');
  assert.match(await cards.nth(1).getByTestId('problems').textContent(), /signed statement does not match this sign-off or checklist/);
  assert.match(await cards.nth(2).getByTestId('problems').textContent(), /sign-off Lead Developer by "Grace A" is not signed/);
  assert.equal(cliVerify(transplanted), 'invalid');
  assert.equal(cliVerify(unsignedPath), 'invalid');
  await context.close();
});

test('a signing key moves between browsers; a context that cannot sign says so', async () => {
  const a = await signedExport('keyed');
  // Export the key from a profile that has one (a new profile signs once to create it).
  const ctxA = await browser.newContext({ acceptDownloads: true });
  const pa = await ctxA.newPage();
  await pa.goto(`${server.url}#/c/platform-deployment-checklist.md/sign-off`);
  await pa.waitForSelector('article.checklist:not([aria-busy])');
  await pa.getByLabel('QA Lead', { exact: true }).fill('Margaret');
  await pa.locator('.signoff[data-role="QA Lead"]').getByRole('button', { name: 'Sign off' }).click();
  await pa.locator('.signoff[data-role="QA Lead"] .key').waitFor();
  await pa.goto(server.url);
  const fpA = await pa.getByTestId('key-fingerprint').textContent();
  const [download] = await Promise.all([pa.waitForEvent('download'), pa.getByRole('button', { name: 'Export key' }).click()]);
  const keyFile = join(TMP, 'key.json');
  await download.saveAs(keyFile);
  await ctxA.close();

  const ctxB = await browser.newContext();
  const pb = await ctxB.newPage();
  await pb.goto(server.url);
  // A profile without a key has the key panel folded away; importing one means opening it.
  await pb.locator('details.keys-later > summary').click();
  assert.match(await pb.getByTestId('key-fingerprint').textContent(), /No key yet/);
  await pb.getByLabel('Import key').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"public": "x"}') });
  await pb.getByRole('status').filter({ hasText: 'Key not imported: not a Readiness signing key' }).waitFor();
  await pb.getByLabel('Import key').setInputFiles(keyFile);
  await pb.getByRole('status').filter({ hasText: 'Key imported' }).waitFor();
  assert.equal(await pb.getByTestId('key-fingerprint').textContent(), fpA);
  await ctxB.close();
  assert.notEqual(fpA, a.fp);

  // No secure context: told before signing, and sign-offs are recorded unsigned with a reason.
  const ctxC = await browser.newContext();
  const pc = await ctxC.newPage();
  await pc.addInitScript(() => Object.defineProperty(window, 'isSecureContext', { value: false }));
  await pc.goto(server.url);
  assert.match(await pc.locator('.keys [role=alert]').textContent(), /Sign-offs here will be unsigned: this browser cannot sign/);
  await pc.goto(`${server.url}#/c/platform-deployment-checklist.md/sign-off`);
  await pc.waitForSelector('article.checklist:not([aria-busy])');
  await pc.getByLabel('Lead Developer', { exact: true }).fill('Ada');
  const line = pc.locator('.signoff[data-role="Lead Developer"]');
  await line.getByRole('button', { name: 'Sign off' }).click();
  await line.getByRole('alert').filter({ hasText: 'Recorded without a signature: this browser cannot sign' }).waitFor();
  assert.match(await line.textContent(), /Record by Ada .* does not count: sign-off Lead Developer by "Ada" is not signed/);
  await ctxC.close();
});
