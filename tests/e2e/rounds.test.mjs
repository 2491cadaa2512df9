// Issue 23: six people sign one release in two parallel rounds, each a browser context with its own
// storage and key, moving work only by the app's files. Round 1: everyone answers their part and
// exports; the coordinator opens the six files in one import, marks the answers ready and sends one
// file. Round 2: everyone signs their role over those answers and exports; the coordinator opens
// the files in one import and reaches GO with six current sign-offs and six keys, and
// `readiness verify --signers` (the signers file made of the six filled-in entries) passes.
// Also: who answered what in the auditor view (with its filter), the question before changing
// answers marked ready, file names, the stale banner after an import, and replacing a key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchErrors } from './browser.mjs';
import { nameSelf, useSite } from './helpers.mjs';

const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';
const TMP = mkdtempSync(join(tmpdir(), 'readiness-rounds-'));
const LFG = 'lfg-platform-checklist.md';
const NAMES = ['Sam Okafor', 'Ana Lima', 'Bo Chen', 'Dee Park', 'Eli Roth', 'Fay Nouri'];
// What a person answers: a box of an item that is not a failure trigger or a sign-off line.
const TICKABLE = 'li.item:not(.kind-trigger) input[type=checkbox][data-item-id]:not([disabled])';

const site = useSite({ root: 'dist' });

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** One person: a fresh browser profile (own storage, own key) with one page. */
async function person(name) {
  const context = await site.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { name, context, page, errors };
}

async function openDoc(page, file = LFG) {
  await page.goto(`${site.url}#/c/${encodeURIComponent(file)}`);
  await page.waitForSelector(`article.checklist[data-file="${file}"]:not([aria-busy])`);
}

async function waitSaved(page) {
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
}

/** Exports; returns the file's path and the name the app gave it. */
async function exportFile(page, tag) {
  await waitSaved(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const suggested = download.suggestedFilename();
  const path = join(TMP, `${tag}-${suggested}`);
  await download.saveAs(path);
  return { path, suggested };
}

/** Opens files in one import and waits for the preview. */
async function openFiles(page, paths) {
  if (!(await page.getByTestId('import-answers').isVisible())) {
    await page.getByTestId('open-answers').click();
  }
  await page.getByTestId('import-answers').setInputFiles(paths);
  await page.getByTestId('import-preview').waitFor();
}

async function apply(page) {
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
}

function cli(args) {
  try {
    return { code: 0, out: execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

test('six people reach GO in exactly two parallel rounds, moving only files', async () => {
  const people = await Promise.all(NAMES.map(person));
  await Promise.all(people.map(async (p) => { await openDoc(p.page); await nameSelf(p.page, p.name); }));
  const roles = await people[0].page.locator('.signoff[data-role]')
    .evaluateAll((els) => els.map((e) => e.dataset.role));
  assert.equal(roles.length, 6);
  const [coord] = people;
  let transfers = 0;

  // Round 1, all six at once: each answers every sixth item from their own, and exports.
  const total = await coord.page.locator(TICKABLE).count();
  const parts = await Promise.all(people.map(async (p, k) => {
    const boxes = p.page.locator(TICKABLE);
    for (let i = k; i < total; i += 6) await boxes.nth(i).check();
    return exportFile(p.page, `part${k}`);
  }));
  parts.forEach(({ suggested }, k) => assert.match(suggested,
    new RegExp(`^lfg-platform-checklist-\\d{4}-\\d\\d-\\d\\dT\\d{6}Z-${slug(NAMES[k])}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{6}\\.json$`)));
  transfers += 5; // the coordinator's own part needs no transfer

  // The coordinator opens all six files in one import: per file who and what.
  await openFiles(coord.page, parts.map((p) => p.path));
  const files = await coord.page.getByTestId('import-files').locator('li').allTextContents();
  assert.equal(files.length, 6);
  files.forEach((line, k) => assert.match(line, new RegExp(` · answered by ${NAMES[k]} · answers [0-9a-f]{4}-[0-9a-f]{4}$`)));
  const mine = Math.ceil(total / 6);
  assert.equal(await coord.page.getByTestId('import-counts').textContent(), `In all, it adds ${total - mine} answers to this checklist · ${mine} already here · 0 in conflict`);
  assert.match(await coord.page.getByTestId('import-outcome').textContent(), /No sign-off here goes stale\.$/);
  await apply(coord.page);
  assert.equal(await coord.page.locator(`${TICKABLE}:checked`).count(), total);

  // Marked ready: the code shows on the page and in the file name.
  await coord.page.getByTestId('mark-ready').click();
  await coord.page.locator('[data-testid=ready-state][data-ready=current]').waitFor();
  const code = await coord.page.getByTestId('answers-code').textContent();
  assert.match(code, /^[0-9a-f]{4}-[0-9a-f]{4}$/);
  assert.match(await coord.page.getByTestId('ready-state').textContent(), new RegExp(`^Ready for sign-off at ${code} \\(marked by ${NAMES[0]}, `));
  const readyFile = await exportFile(coord.page, 'ready');
  assert.match(readyFile.suggested, new RegExp(`-${slug(NAMES[0])}-${code}-[0-9a-f]{6}\\.json$`), readyFile.suggested);
  transfers += 5;

  // Round 2, all six at once: each opens the ready file (the coordinator has it), signs their own
  // role over exactly those answers, and exports.
  const signed = await Promise.all(people.map(async (p, k) => {
    if (k > 0) {
      await openFiles(p.page, [readyFile.path]);
      assert.match(await p.page.getByTestId('import-files').textContent(), new RegExp(`marked ready at ${code}`));
      await apply(p.page);
      await p.page.locator('[data-testid=ready-state][data-ready=current]').waitFor();
      assert.equal(await p.page.getByTestId('answers-code').textContent(), code);
    }
    const line = p.page.locator(`.signoff[data-role="${roles[k]}"]`);
    await p.page.getByLabel(roles[k], { exact: true }).fill(p.name);
    await line.getByRole('button', { name: 'Sign off' }).click();
    await line.locator('.key').waitFor();
    // The signers entry is filled with the role and name just used.
    await p.page.getByTestId('you').click();
    await p.page.getByText('Your entry for a signers file').click();
    const entry = JSON.parse(await p.page.getByTestId('signers-entry').textContent());
    assert.equal(entry.role, roles[k]);
    assert.equal(entry.name, p.name);
    await p.page.getByTestId('you').click();
    const file = await exportFile(p.page, `signed${k}`);
    // Whose, which role, which answers, and the start of the file's own digest.
    assert.match(file.suggested, new RegExp(`-${slug(p.name)}-${slug(roles[k])}-${code}-[0-9a-f]{6}\\.json$`), file.suggested);
    return { ...file, entry };
  }));
  transfers += 5;

  // The coordinator opens the five signed files in one import: only sign-offs (and each line's own
  // name and date blanks, which are not answers) differ, so nothing goes stale and each sign-off
  // comes in current.
  await openFiles(coord.page, signed.slice(1).map((s) => s.path));
  // Each answer counted once, however many of the five files hold it (it read "1900 the same"),
  // and a sign-off line's own name and date come with its sign-off, not as answers (it read
  // "10 new").
  assert.equal(await coord.page.getByTestId('import-counts').textContent(), `In all, it adds 0 answers to this checklist · ${total} already here · 0 in conflict`);
  const lines = await coord.page.getByTestId('import-files').locator('li').allTextContents();
  assert.equal(lines.length, 5);
  for (const l of lines) assert.match(l, new RegExp(`: adds 0 answers · ${total} the same · answered by `));
  const fates = await coord.page.getByTestId('import-signoffs').locator('li').allTextContents();
  assert.equal(fates.length, 5);
  for (const f of fates) assert.match(f, /: valid sign-off; will be added, with the name and date on its line$/);
  const outcome = await coord.page.getByTestId('import-outcome').textContent();
  assert.match(outcome, new RegExp(`^After applying, the answers' code is ${code}\\. Adds 5 current sign-offs: `));
  for (let k = 1; k < 6; k++) assert.ok(outcome.includes(`${roles[k]} — ${NAMES[k]}`), outcome);
  assert.match(outcome, /No sign-off here goes stale\.$/);
  await apply(coord.page);
  await coord.page.locator('[data-testid=verdict]').filter({ hasText: /^GO$/ }).waitFor();
  const keys = await coord.page.locator('.signoff .key').allTextContents();
  assert.equal(keys.length, 6);
  assert.equal(new Set(keys).size, 6, 'six keys');
  assert.equal(await coord.page.locator('.signoff .signed').filter({ hasText: 'Signed by' }).count(), 6);
  const final = await exportFile(coord.page, 'final');

  // The signers file, made by the app from these sign-offs (each role, name and key listed to read
  // back first) and by the CLI from the record: no entry retyped, and verify passes with either.
  await coord.page.getByTestId('make-signers').click();
  const listed = await coord.page.getByTestId('signers-confirm').locator('li').allTextContents();
  assert.deepEqual(listed.map((l) => l.replace(/, key [0-9a-f ]+$/, '')), roles.map((r, k) => `${r}: ${NAMES[k]}`));
  const [dl] = await Promise.all([coord.page.waitForEvent('download'), coord.page.getByTestId('signers-download').click()]);
  assert.equal(dl.suggestedFilename(), 'lfg-platform-checklist.signers.json');
  const signersPath = join(TMP, 'lfg.signers.json');
  await dl.saveAs(signersPath);
  const fromCli = join(TMP, 'lfg.cli.signers.json');
  const made = cli(['signers', final.path, '--out', fromCli]);
  assert.equal(made.code, 0, made.out);
  assert.deepEqual(JSON.parse(readFileSync(fromCli, 'utf8')), JSON.parse(readFileSync(signersPath, 'utf8')));
  for (const path of [signersPath, fromCli]) {
    const v = cli(['verify', final.path, '--signers', path, '--require-go']);
    assert.equal(v.code, 0, v.out);
    assert.match(v.out, new RegExp(`, GO, answers ${code}`));
    assert.equal((v.out.match(/on the signers list as /g) ?? []).length, 6, v.out);
  }

  // The mistake: after everyone signed, one signer unticks three items. Her browser holds only her
  // own sign-off, yet the question counts all six, those held by others included.
  const ana = people[1];
  const asked = [];
  ana.page.on('dialog', (d) => { asked.push(d.message()); d.accept(); });
  const unticked = [];
  for (let i = 0; i < 3; i++) {
    const box = ana.page.locator(`${TICKABLE}:checked`).first();
    unticked.push(await box.getAttribute('data-item-id'));
    await box.click();
  }
  for (const id of unticked) assert.equal(await ana.page.locator(`[data-item-id="${id}"]`).isChecked(), false, id);
  assert.equal(asked.length, 1, 'asked once');
  assert.equal(asked[0], `These answers (code ${code}) are marked ready for sign-off. They are what all 6 sign-off lines sign: every signature over them goes stale, including those held by others. Held in this browser: ${roles[1]} — ${NAMES[1]}. Change them anyway?`);
  // She signs again over her edited answers, and sends the file.
  await ana.page.waitForFunction((old) => document.querySelector('[data-testid=answers-code]').textContent !== old, code);
  const newCode = await ana.page.getByTestId('answers-code').textContent();
  const anaLine = ana.page.locator(`.signoff[data-role="${roles[1]}"]`);
  await anaLine.getByRole('button', { name: 'Sign again' }).click();
  await anaLine.locator('.signed:not(.stale)').waitFor();
  const resigned = await exportFile(ana.page, 'resigned');
  transfers += 1;
  // The coordinator keeps the team's answers (the default): the preview says who signed again,
  // over which code, and what becomes of the current sign-off.
  await openFiles(coord.page, [resigned.path]);
  // Her three unticked items are the conflicts; her line's name and date are as here.
  // An item she had ticked herself goes back to unanswered in her file (no conflict); the others
  // she unticked are conflicts, "Keep mine" by default.
  const conflicts = await coord.page.getByTestId('import-conflicts').locator('tr[data-conflict]').evaluateAll((rs) => rs.map((r) => r.dataset.conflict));
  assert.ok(conflicts.length >= 2 && conflicts.every((k) => unticked.includes(k)), `${conflicts} of ${unticked}`);
  assert.equal(await coord.page.getByTestId('import-counts').textContent(), `In all, it adds 0 answers to this checklist · ${total - 3 + 2} already here · ${conflicts.length} in conflict`);
  const resign = coord.page.getByTestId('import-resign');
  assert.equal(await resign.count(), 1);
  assert.match(await resign.locator('p').textContent(), new RegExp(`^${NAMES[1]} signed ${roles[1]} again \\(signed [^)]+\\), over other answers \\(code ${newCode}\\) than the sign-off that counts here \\(${NAMES[1]}, code ${code}\\)\\. A line counts by its latest sign-off, and only while that one is over the answers as they are: taken as it is, the newer sign-off becomes the line's latest, and the current one stops counting\\.$`));
  const outcomeEl = coord.page.getByTestId('import-outcome');
  assert.equal(await outcomeEl.textContent(), `After applying, the answers' code is ${code}. ${roles[1]} — ${NAMES[1]} signed again over other answers (code ${newCode}): that sign-off is now the line's latest, and it is stale, so ${roles[1]} no longer counts.`);
  // Applied as it is: the message and the stale alert say a newer sign-off displaced the line's,
  // not that an answer changed; "Undo import" brings GO back.
  await apply(coord.page);
  assert.equal(await coord.page.getByTestId('import-done').locator('p').first().textContent(),
    `Imported resigned-${resigned.suggested}: 0 new answers, 0 conflicts taken from theirs, 1 sign-off added. ${roles[1]} — ${NAMES[1]} signed again over other answers (code ${newCode}): that sign-off is now the line's latest, and it is stale, so ${roles[1]} no longer counts.`);
  await coord.page.locator('[data-testid=verdict]').filter({ hasText: /^NO-GO$/ }).waitFor();
  assert.equal((await coord.page.getByTestId('stale-alert').textContent()).trim(),
    `Sign-off now stale: ${roles[1]} — ${NAMES[1]} — the import brought a newer sign-off over other answers, which is now the line's latest. "Undo import" makes it current again; or ask ${NAMES[1]} to sign again.`);
  await coord.page.getByTestId('import-done').getByRole('button', { name: 'Undo import' }).click();
  await coord.page.locator('[data-testid=verdict]').filter({ hasText: /^GO$/ }).waitFor();
  await openFiles(coord.page, [resigned.path]);
  // Kept as history only: GO stays, and the message names what changed.
  await resign.getByRole('checkbox', { name: `Keep ${NAMES[1]}'s sign-off over ${code} as ${roles[1]}'s latest (the newer one, over ${newCode}, is kept as history only)` }).check();
  await coord.page.waitForFunction((want) => document.querySelector('[data-testid=import-outcome]').textContent === want,
    `After applying, the answers' code is ${code}. ${roles[1]} — ${NAMES[1]}'s sign-off stays ${roles[1]}'s latest; the newer one over ${newCode} is kept as history only. No sign-off here goes stale.`);
  await apply(coord.page);
  assert.equal(await coord.page.getByTestId('import-done').locator('p').first().textContent(),
    `Imported resigned-${resigned.suggested}: 0 new answers, 0 conflicts taken from theirs, 0 sign-offs added. ${roles[1]} — ${NAMES[1]}'s sign-off stays ${roles[1]}'s latest; the newer one over ${newCode} is kept as history only.`);
  await coord.page.locator('[data-testid=verdict]').filter({ hasText: /^GO$/ }).waitFor();
  assert.equal(await coord.page.getByTestId('answers-code').textContent(), code);
  // Kept across a reload: the same file again offers nothing, and says the re-sign stays history.
  await waitSaved(coord.page);
  await coord.page.reload();
  await coord.page.locator('[data-testid=verdict]').filter({ hasText: /^GO$/ }).waitFor();
  await openFiles(coord.page, [resigned.path]);
  assert.equal(await coord.page.getByTestId('import-resign').count(), 0);
  assert.equal(await coord.page.getByTestId('import-signoffs').locator('li[data-fate=set-aside]').count(), 1);
  assert.match(await coord.page.getByTestId('import-outcome').textContent(), /No sign-off here goes stale\.$/);
  await coord.page.getByRole('button', { name: 'Cancel' }).click();
  // Two rounds of parallel work, joined by 15 file transfers (5 parts in, 5 ready files out, 5
  // signed files in), where a relay took 10 hand-offs in series and 18 transfers; then the
  // mistake's one file.
  assert.equal(transfers, 16);
  for (const p of people) {
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

test('changing answers marked ready asks first, counting every sign-off line and naming the sign-offs held here', async () => {
  const p = await person('Sam Okafor');
  await openDoc(p.page);
  await nameSelf(p.page, p.name);
  const roles = await p.page.locator('.signoff[data-role]').evaluateAll((els) => els.map((e) => e.dataset.role));
  await p.page.locator(TICKABLE).nth(0).check();
  await p.page.getByTestId('mark-ready').click();
  await p.page.locator('[data-testid=ready-state][data-ready=current]').waitFor();
  const line = p.page.locator(`.signoff[data-role="${roles[0]}"]`);
  await p.page.getByLabel(roles[0], { exact: true }).fill(p.name);
  await line.getByRole('button', { name: 'Sign off' }).click();
  await line.locator('.key').waitFor();
  // Declined: nothing changes.
  const asked = [];
  p.page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await p.page.locator(TICKABLE).nth(1).click();
  assert.equal(asked.length, 1);
  assert.match(asked[0], new RegExp(`^These answers \\(code [0-9a-f]{4}-[0-9a-f]{4}\\) are marked ready for sign-off\\. They are what all 6 sign-off lines sign: every signature over them goes stale, including those held by others\\. Held in this browser: ${roles[0]} — ${p.name}\\. Change them anyway\\?$`));
  assert.equal(await p.page.locator(TICKABLE).nth(1).isChecked(), false);
  await p.page.locator('[data-testid=ready-state][data-ready=current]').waitFor();
  // Agreed: the change is made, once asked.
  p.page.once('dialog', (d) => { asked.push(d.message()); d.accept(); });
  await p.page.locator(TICKABLE).nth(1).click();
  assert.equal(asked.length, 2);
  assert.equal(await p.page.locator(TICKABLE).nth(1).isChecked(), true);
  await p.page.locator(TICKABLE).nth(2).click();
  assert.equal(asked.length, 2, 'asked once per mark');
  await p.page.locator('[data-testid=ready-state][data-ready=outdated]').waitFor();
  const alert = p.page.getByTestId('stale-alert');
  await alert.getByText(`${roles[0]} — ${p.name}`).waitFor();
  assert.match(await alert.textContent(), /your last change altered answers it was signed over\. Undo the change to make it current again; or sign again\.$/);
  assert.deepEqual(p.errors, []);
  await p.context.close();
});

test('the auditor view shows who answered an item and who changed it, in order, and filters by person', async () => {
  const a = await person('Ana Lima');
  const b = await person('Bo Chen');
  for (const p of [a, b]) { await openDoc(p.page); await nameSelf(p.page, p.name); }
  const roles = await a.page.locator('.signoff[data-role]').evaluateAll((els) => els.map((e) => e.dataset.role));
  await a.page.locator(TICKABLE).nth(0).check();
  await a.page.locator(TICKABLE).nth(1).check();
  // Ana signs; Bo's change to one of her answers will make her sign-off stale.
  await a.page.getByLabel(roles[0], { exact: true }).fill(a.name);
  await a.page.locator(`.signoff[data-role="${roles[0]}"]`).getByRole('button', { name: 'Sign off' }).click();
  await a.page.locator(`.signoff[data-role="${roles[0]}"] .key`).waitFor();
  const fromA = await exportFile(a.page, 'ana');
  await openFiles(b.page, [fromA.path]);
  await apply(b.page);
  const item = b.page.locator(TICKABLE).nth(0);
  const id = await item.getAttribute('data-item-id');
  await item.uncheck();
  await item.check();
  await b.page.locator(TICKABLE).nth(2).check();
  const fromB = await exportFile(b.page, 'bo');
  // The stale banner names the signer and does not offer Bo to sign Ana's role again.
  const alert = b.page.getByTestId('stale-alert');
  await alert.getByText(`${roles[0]} — ${a.name}`).waitFor();
  assert.match(await alert.textContent(), new RegExp(`; or ask ${a.name} to sign again\\.$`));
  assert.equal(await b.page.locator(`.signoff[data-role="${roles[0]}"]`).getByRole('button', { name: 'Sign again' }).count(), 0);

  const record = JSON.parse(readFileSync(fromB.path, 'utf8'));
  const by = record.items.find((i) => i.id === id).by;
  assert.deepEqual(by.map((x) => x.name), [a.name, b.name]);
  assert.ok(by[0].at <= by[1].at);
  const page = b.page;
  await page.goto(`${site.url}#/audit`);
  await page.getByTestId('import-export').setInputFiles(fromB.path);
  await page.getByTestId('audit-record').first().waitFor();
  await page.getByText(/^All \d+ items$/).click();
  const cell = page.locator(`tr[data-item-id="${id}"] [data-testid=answered-by]`);
  // Each answerer with their key's short fingerprint (issue 32), as in every auditor format.
  const short = (k) => k.match(/.{4}/g).slice(0, 4).join(' ');
  assert.equal(
    await cell.textContent(),
    `${a.name}, key ${short(by[0].key)} (${by[0].at}), then ${b.name}, key ${short(by[1].key)} (${by[1].at})`,
  );
  const visible = () => page.locator('table.items tbody tr:not([hidden])').count();
  const all = await visible();
  await page.getByTestId('audit-person').selectOption({ label: b.name });
  assert.equal(await visible(), 2, 'Bo answered two items');
  await page.getByTestId('audit-person').selectOption({ label: a.name });
  assert.equal(await visible(), 2, 'Ana answered two items');
  await page.getByTestId('audit-person').selectOption({ label: 'anyone' });
  assert.equal(await visible(), all);
  for (const p of [a, b]) { assert.deepEqual(p.errors, []); await p.context.close(); }
});

test('importing a key when one exists asks first and keeps the old key to use again', async () => {
  const a = await person('Ana Lima');
  await openDoc(a.page);
  await nameSelf(a.page, a.name);
  await a.page.getByTestId('you').click();
  const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: 'Export key' }).click()]);
  const keyFile = join(TMP, 'ana-key.json');
  await download.saveAs(keyFile);
  const fpA = (await a.page.getByTestId('key-fingerprint').textContent()).match(/Fingerprint ([0-9a-f ]+) /)[1];
  const b = await person('Bo Chen');
  await openDoc(b.page);
  await nameSelf(b.page, b.name);
  await b.page.getByTestId('you').click();
  const fpB = (await b.page.getByTestId('key-fingerprint').textContent()).match(/Fingerprint ([0-9a-f ]+) /)[1];
  await b.page.getByTestId('import-key').setInputFiles(keyFile);
  const question = b.page.getByTestId('replace-key');
  await question.waitFor();
  assert.match(await question.textContent(), new RegExp(`already signs with key ${fpB}\\. Replace it with ${fpA}\\?`));
  await question.getByRole('button', { name: 'Keep my key' }).click();
  assert.match(await b.page.getByTestId('key-fingerprint').textContent(), new RegExp(fpB));
  await b.page.getByTestId('import-key').setInputFiles(keyFile);
  await b.page.getByTestId('replace-key-yes').click();
  await b.page.getByTestId('key-fingerprint').filter({ hasText: fpA }).waitFor();
  await b.page.getByTestId('earlier-keys').locator('summary').click();
  assert.match(await b.page.getByTestId('earlier-keys').textContent(), new RegExp(fpB));
  await b.page.getByTestId('earlier-keys').getByRole('button', { name: 'Use this key again' }).click();
  await b.page.getByTestId('key-fingerprint').filter({ hasText: fpB }).waitFor();
  for (const p of [a, b]) { assert.deepEqual(p.errors, []); await p.context.close(); }
});

test('a share link made over answers marked ready carries only the sign-offs and stays short', async () => {
  const coord = await person('Sam Okafor');
  const signer = await person('Ana Lima');
  for (const p of [coord, signer]) { await openDoc(p.page); await nameSelf(p.page, p.name); }
  const roles = await coord.page.locator('.signoff[data-role]').evaluateAll((els) => els.map((e) => e.dataset.role));
  const boxes = coord.page.locator(TICKABLE);
  const total = await boxes.count();
  for (let i = 0; i < total; i++) await boxes.nth(i).check();
  // Before the mark, a link carries every answer (here too many for a link: the file is offered).
  await waitSaved(coord.page);
  await coord.page.getByTestId('share-link').click();
  await coord.page.locator('[data-testid=share-url], [data-testid=share-too-long]').first().waitFor();
  const full = await coord.page.getByTestId('share-url').count()
    ? (await coord.page.getByTestId('share-url').inputValue()).length
    : Infinity;
  await coord.page.getByTestId('mark-ready').click();
  const code = await coord.page.getByTestId('answers-code').textContent();
  const ready = await exportFile(coord.page, 'share-ready');
  await openFiles(signer.page, [ready.path]);
  await apply(signer.page);
  await signer.page.getByLabel(roles[1], { exact: true }).fill(signer.name);
  await signer.page.locator(`.signoff[data-role="${roles[1]}"]`).getByRole('button', { name: 'Sign off' }).click();
  await signer.page.locator(`.signoff[data-role="${roles[1]}"] .key`).waitFor();
  await waitSaved(signer.page);
  if (!(await signer.page.getByTestId('share-link').isVisible())) {
    await signer.page.getByRole('button', { name: 'Export, share, open…' }).click();
  }
  await signer.page.getByTestId('share-link').click();
  await signer.page.getByTestId('share-url').waitFor();
  assert.match(await signer.page.locator('.share-made label').textContent(),
    new RegExp(`carries only the sign-offs over the answers marked ready \\(${code}\\)`));
  const link = await signer.page.getByTestId('share-url').inputValue();
  assert.ok(link.length < 2500, `${link.length} characters`);
  assert.ok(link.length * 2 < full, `${link.length} against ${full}`);
  // The coordinator opens it: one current sign-off, nothing stale.
  await coord.page.goto(link);
  await coord.page.getByTestId('import-preview').waitFor();
  assert.equal(await coord.page.getByTestId('import-counts').textContent(), 'In all, it adds 0 answers to this checklist · 0 already here · 0 in conflict');
  assert.equal(await coord.page.getByTestId('import-outcome').textContent(),
    `After applying, the answers' code is ${code}. Adds 1 current sign-off: ${roles[1]} — ${signer.name}. No sign-off here goes stale.`);
  await apply(coord.page);
  await coord.page.locator(`.signoff[data-role="${roles[1]}"] .signed`).filter({ hasText: `Signed by ${signer.name}` }).waitFor();
  for (const p of [coord, signer]) { assert.deepEqual(p.errors, []); await p.context.close(); }
});
