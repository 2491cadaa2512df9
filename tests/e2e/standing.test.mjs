// Sign-offs that mean what they say (issue 22), in a real browser: records built by this test and
// signed with real Ed25519 keys (node:crypto), in the wrong role, by one key for every role, and
// held against a signers file that rejects some. The import preview, the page's verdict, the
// auditor view's per-role table and badge, and `readiness verify` must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchErrors } from './browser.mjs';
import { useSite } from './helpers.mjs';

const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';
const TMP = mkdtempSync(join(tmpdir(), 'readiness-standing-'));
const LFG = 'lfg-platform-checklist.md';
const ROLES = ['Engineering Lead', 'DevOps Lead', 'Security Lead', 'QA Lead', 'Product Manager', 'CTO/VP Engineering'];

const site = useSite({ root: 'dist' });

function cli(args) {
  try {
    return { code: 0, out: execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

/** An Ed25519 key: its raw public key in base64 and its fingerprint (SHA-256 hex of the raw key). */
function key() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { privateKey, public: raw.toString('base64'), fp: createHash('sha256').update(raw).digest('hex') };
}

/** A sign-off record signed as docs/FORMAT.md says: DSSE around an in-toto statement (JCS). */
function signed(k, { file, sha256, item, role, name, date, signedAt, digest }) {
  // RFC 8785 for these ASCII strings: keys sorted, no white space.
  const statement = `{"_type":"https://in-toto.io/Statement/v1","predicate":${JSON.stringify({
    answersDigest: digest, date, item, name, role, signedAt,
  })},"predicateType":"urn:readiness:signoff:v1","subject":[{"digest":{"sha256":"${sha256}"},"name":${JSON.stringify(file)}}]}`;
  const payload = Buffer.from(statement);
  const type = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
  const sig = sign(null, pae, k.privateKey);
  return {
    item, role, name, date, signed_at: signedAt, digest, public_key: k.public,
    envelope: { payloadType: type, payload: payload.toString('base64'), signatures: [{ keyid: k.fp, sig: sig.toString('base64') }] },
  };
}

/** Every readiness and procedure item of lfg done (from a blank export's ids and roles), and the
 * record of those answers: its template SHA-256, answers digest and sign-off line ids. */
function readyAnswers() {
  const blank = join(TMP, 'blank.json');
  assert.equal(cli(['export', `checklists/${LFG}`, '--out', blank]).code, 0);
  const record = JSON.parse(readFileSync(blank, 'utf8'));
  const items = {};
  for (const it of record.items) {
    if (it.role === 'readiness' || it.role === 'procedure') items[it.id] = { status: 'done' };
  }
  const answers = { schema: 'readiness-answers/1', items };
  const path = join(TMP, 'ready.json');
  writeFileSync(path, JSON.stringify(answers));
  const done = join(TMP, 'ready-record.json');
  assert.equal(cli(['export', `checklists/${LFG}`, path, '--out', done]).code, 0);
  const ready = JSON.parse(readFileSync(done, 'utf8'));
  const lines = ready.items.filter((i) => i.role === 'signoff').map((i) => i.id);
  assert.equal(lines.length, 6);
  return { answers, sha256: ready.checklist.sha256, digest: ready.answers_digest, lines };
}

/** A fresh person with lfg open and `file` in the "Open answers…" preview. */
async function previewIn(file) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}#/c/${LFG}`);
  await page.waitForSelector(`article.checklist[data-file="${LFG}"]:not([aria-busy])`);
  await page.getByTestId('open-answers').click();
  await page.getByTestId('import-answers').setInputFiles(file);
  await page.getByTestId('import-preview').waitFor();
  return { context, page, errors };
}

const today = () => new Date().toISOString().slice(0, 10);
const nowUtc = () => `${new Date(Date.now() - 60_000).toISOString().slice(0, 19)}Z`;

test('a key signing the CTO line as another role is refused in the preview and never counts', async () => {
  const { answers, sha256, digest, lines } = readyAnswers();
  const dev = key();
  const base = { file: LFG, sha256, date: today(), signedAt: nowUtc(), digest };
  answers.signoffs = [
    signed(dev, { ...base, item: lines[1], role: 'DevOps Lead', name: 'Dev' }),
    signed(dev, { ...base, item: lines[5], role: 'DevOps Lead', name: 'Dev' }),
  ];
  const file = join(TMP, 'wrong-role.json');
  writeFileSync(file, JSON.stringify(answers));
  const { context, page, errors } = await previewIn(file);
  const fates = page.getByTestId('import-signoffs').locator('li');
  assert.equal(await fates.count(), 2);
  assert.equal(await fates.nth(0).getAttribute('data-fate'), 'added');
  assert.equal(await fates.nth(1).getAttribute('data-fate'), 'invalid');
  assert.match(await fates.nth(1).textContent(), /invalid, not imported: signed as another role than its line's, "CTO\/VP Engineering"/);
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
  assert.match(await page.locator('.signoff[data-role="CTO/VP Engineering"]').textContent(), /Not signed/);
  await page.locator('.signoff[data-role="DevOps Lead"] .key').waitFor();
  const reasons = await page.getByTestId('verdict-reasons').textContent();
  assert.match(reasons, /sign-off missing: CTO\/VP Engineering/);
  assert.doesNotMatch(reasons, /DevOps Lead/);
  // The same hand-made file through the CLI: `score` does not count it either.
  const score = cli(['score', `checklists/${LFG}`, file]);
  assert.equal(score.code, 1);
  assert.match(score.out, /sign-off does not count: CTO\/VP Engineering \(signed as another role than its line's, "CTO\/VP Engineering"\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('one key for every role is NO-GO on the page; the auditor badge follows a rejecting signers file', async () => {
  const { answers, sha256, digest, lines } = readyAnswers();
  const base = { file: LFG, sha256, date: today(), signedAt: nowUtc(), digest };
  // One person, one key, six roles.
  const solo = key();
  answers.signoffs = lines.map((item, k) => signed(solo, { ...base, item, role: ROLES[k], name: 'Solo' }));
  const soloFile = join(TMP, 'solo.json');
  writeFileSync(soloFile, JSON.stringify(answers));
  const { context, page, errors } = await previewIn(soloFile);
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
  await page.waitForFunction(() => /signed 6 roles/.test(document.querySelector('[data-testid=verdict-reasons]')?.textContent ?? ''));
  assert.equal(await page.textContent('[data-testid=verdict]'), 'NO-GO');
  assert.match(await page.getByTestId('verdict-reasons').textContent(), /one key \([0-9a-f ]+\) signed 6 roles: Engineering Lead, DevOps Lead, Security Lead, QA Lead, Product Manager, CTO\/VP Engineering: each role needs its own signer/);
  assert.match(await page.locator('.signoff[data-role="QA Lead"]').getByTestId('shared-key').textContent(), /this key signed 6 roles/);

  // Six people, six keys: GO in the CLI; the auditor view shows GO until a signers file that
  // lists only four of them is loaded, then NO-GO, with the two roles that do not count.
  const keys = ROLES.map(() => key());
  answers.signoffs = lines.map((item, k) => signed(keys[k], { ...base, item, role: ROLES[k], name: `Person ${k}` }));
  const six = join(TMP, 'six.json');
  writeFileSync(six, JSON.stringify(answers));
  const record = join(TMP, 'six-record.json');
  assert.equal(cli(['export', `checklists/${LFG}`, six, '--out', record]).code, 0);
  assert.equal(cli(['verify', record, '--template', `checklists/${LFG}`, '--require-go']).code, 0);
  const signers = join(TMP, 'four.signers.json');
  writeFileSync(signers, JSON.stringify({
    schema: 'readiness-signers/1',
    signers: ROLES.slice(0, 4).map((role, k) => ({ role, name: `Listed ${k}`, public_key: keys[k].public })),
  }));
  const gate = cli(['verify', record, '--signers', signers, '--require-go']);
  assert.equal(gate.code, 1, gate.out);
  assert.match(gate.out, /sign-off Product Manager by "Person 4": key [0-9a-f ]+ is not on the signers list for this role/);

  await page.goto(`${site.url}#/audit`);
  await page.getByTestId('import-export').setInputFiles(record);
  await page.getByTestId('audit-record').waitFor();
  const badge = page.getByTestId('record-verdict').locator('.verdict');
  assert.equal(await badge.textContent(), 'GO');
  assert.equal(await page.getByTestId('role-row').count(), 6);
  assert.deepEqual(await page.getByTestId('role-state').allTextContents(), Array(6).fill('current: counts'));
  await page.getByTestId('audit-signers').setInputFiles(signers);
  await page.getByTestId('signers-loaded').waitFor();
  assert.equal(await badge.textContent(), 'NO-GO');
  const states = await page.getByTestId('role-state').allTextContents();
  assert.deepEqual(states.slice(0, 4), Array(4).fill('current: counts'));
  for (const s of states.slice(4)) assert.match(s, /^does not count: key [0-9a-f ]+ is not on the signers list for this role$/);
  assert.match(await page.getByTestId('verdict-reasons').textContent(), /sign-off does not count: Product Manager/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page refuses to sign with an impossible date; two records of a line are decided by time, not order', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}#/c/${LFG}/sign-off`);
  await page.waitForSelector(`article.checklist[data-file="${LFG}"]:not([aria-busy])`);
  const line = page.locator('.signoff[data-role="QA Lead"]');
  const row = page.locator('li', { has: line }).last();
  await page.getByLabel('QA Lead', { exact: true }).fill('Quinn');
  await row.locator('input[aria-label="Date"]').fill('2099-01-01');
  await line.getByRole('button', { name: 'Sign off' }).click();
  const alert = line.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^Cannot sign as QA Lead: the sign-off dated 2099-01-01, not the day it was signed \(\d{4}-\d\d-\d\d\)\. Use today's date \(\d{4}-\d\d-\d\d\), YYYY-MM-DD\.$/);
  assert.match(await line.textContent(), /Not signed/);
  await row.locator('input[aria-label="Date"]').fill('');
  await line.getByRole('button', { name: 'Sign off' }).click();
  await line.locator('.key').waitFor();
  assert.equal(await line.getByRole('alert').count(), 0);
  await context.close();

  // The newer record (stale) listed before the older one (current): the newer decides.
  const { answers, sha256, digest, lines } = readyAnswers();
  const eng = key();
  const base = { file: LFG, sha256, date: today(), item: lines[0], role: 'Engineering Lead', name: 'Ada' };
  const older = `${new Date(Date.now() - 3_600_000).toISOString().slice(0, 19)}Z`;
  answers.signoffs = [
    signed(eng, { ...base, signedAt: nowUtc(), digest: '0'.repeat(64) }),
    signed(eng, { ...base, signedAt: older, digest }),
  ];
  const file = join(TMP, 'order.json');
  writeFileSync(file, JSON.stringify(answers));
  const b = await previewIn(file);
  // The preview tells two records of one role apart by when they were signed.
  const times = (await b.page.getByTestId('import-signoffs').locator('li').allTextContents())
    .map((t) => t.match(/\(\d{4}-\d\d-\d\d, signed (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\)/)?.[1]);
  assert.deepEqual(times, [answers.signoffs[0].signed_at, older]);
  await b.page.getByTestId('import-apply').click();
  await b.page.getByTestId('import-done').waitFor();
  const engLine = b.page.locator('.signoff[data-role="Engineering Lead"]');
  await engLine.locator('.key').waitFor();
  assert.match(await engLine.textContent(), /stale: answers changed after signing/);
  assert.match(await b.page.getByTestId('verdict-reasons').textContent(), /sign-off stale: Engineering Lead/);
  const record = join(TMP, 'order-record.json');
  assert.equal(cli(['export', `checklists/${LFG}`, file, '--out', record]).code, 0);
  const v = cli(['verify', record, '--template', `checklists/${LFG}`]);
  assert.equal(v.code, 0, v.out);
  assert.match(v.out, /signed: Engineering Lead — Ada .* — stale: answers changed after signing\n {2}signed: Engineering Lead — Ada .* — superseded by a later sign-off of its line\n/);
  assert.deepEqual([...errors, ...b.errors], []);
  await b.context.close();
});
