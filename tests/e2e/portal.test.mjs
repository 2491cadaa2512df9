// The portal in a real browser: answers that survive reloads, tabs that stay in sync, sign-offs
// that go stale, exports the CLI verifies, storage failures handled, opening your own checklists,
// inert hostile Markdown, filters, and an accessibility scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { box, cli, itemLi, pageHelpers, useSite, waitSaved } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const TMP = mkdtempSync(join(tmpdir(), 'readiness-e2e-'));

const site = useSite({ root: 'dist', mounts: { 'fixtures/': 'tests/fixtures' } });

const { fresh, openDoc, exportFile } = pageHelpers(site, TMP);

test('check, N/A with reason, note, fields and table cells survive a reload', async () => {
  const { context, page, errors } = await fresh();
  await openDoc(page, 'lfg-platform-checklist.md');
  await box(page, 0).check();
  // N/A needs a reason.
  const second = itemLi(page, 1);
  const toggle = second.locator('.item-row .more-toggle').first();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await second.getByRole('button', { name: 'Mark N/A' }).click();
  await second.getByRole('alert').filter({ hasText: 'Give a reason' }).waitFor();
  await second.getByLabel('Not applicable because').fill('no integration environment');
  await second.getByRole('button', { name: 'Mark N/A' }).click();
  const third = itemLi(page, 2);
  await third.locator('.item-row .more-toggle').first().click();
  await third.getByLabel('Note', { exact: true }).fill('ran on staging, see run 4411');
  await third.getByLabel('Evidence link').fill('https://ci.example.com/runs/4411');
  await third.getByRole('button', { name: 'Add' }).click();
  await page.getByLabel('Engineering Lead', { exact: true }).fill('Ada Lovelace');
  await page.getByLabel('Security Lead — Phone').fill('+1 555 0100');
  await waitSaved(page);

  await page.reload();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await box(page, 0).isChecked(), true);
  assert.match(await itemLi(page, 1).locator('.more-toggle').first().textContent(), /N\/A: no integration environment/);
  // Items with answers in their panel open with it open.
  assert.equal(await itemLi(page, 1).locator('.more-toggle').first().getAttribute('aria-expanded'), 'true');
  // The N/A mark is drawn from the item's class; the checkbox is off until it applies again.
  assert.match(await itemLi(page, 1).getAttribute('class'), /\bna\b/);
  assert.equal(
    await itemLi(page, 1).locator('.item-row').first().evaluate((el) => getComputedStyle(el, '::after').content),
    '"N/A"',
  );
  assert.equal(await box(page, 1).isDisabled(), true);
  const more = itemLi(page, 2);
  assert.match(await more.locator('.more-toggle').first().textContent(), /note · 1 evidence/);
  assert.equal(await more.getByLabel('Note', { exact: true }).inputValue(), 'ran on staging, see run 4411');
  assert.equal(await page.getByLabel('Engineering Lead', { exact: true }).inputValue(), 'Ada Lovelace');
  assert.equal(await page.getByLabel('Security Lead — Phone').inputValue(), '+1 555 0100');
  // N/A leaves the denominator: 1 done of 182 applicable scored items (the 197 unscored ones are
  // counted apart).
  assert.equal(await page.textContent('.progress-box .label'), '1 of 182 scored items done · 197 unscored · 22 procedure steps · 0 of 6 sign-offs current');
  // Each answer keeps when it last changed: through a reload, and while other items change.
  const saved = async () =>
    JSON.parse(await page.evaluate(() => localStorage.getItem('readiness:v1:answers:c:lfg-platform-checklist.md')));
  const [first, fourth] = [await box(page, 0).getAttribute('data-item-id'), await box(page, 3).getAttribute('data-item-id')];
  const at = (await saved()).items[first].changed_at;
  assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.equal((await saved()).items[fourth], undefined);
  await box(page, 3).check();
  await page.waitForFunction(
    (id) => JSON.parse(localStorage.getItem('readiness:v1:answers:c:lfg-platform-checklist.md')).items[id]?.status === 'done',
    fourth,
  );
  const after = await saved();
  assert.equal(after.items[first].changed_at, at);
  assert.match(after.items[fourth].changed_at, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs on the same checklist stay in sync', async () => {
  const { context, page: a } = await fresh();
  const b = await context.newPage();
  await openDoc(a, 'websocket-cluster-checklist.md');
  await openDoc(b, 'websocket-cluster-checklist.md');
  await box(a, 3).check();
  await waitSaved(a);
  await b.waitForFunction(() => document.querySelectorAll('input[data-item-id]')[3].checked);
  await b.getByRole('status').filter({ hasText: 'another tab' }).first().waitFor();
  await box(b, 4).check();
  await waitSaved(b);
  await a.waitForFunction(() => document.querySelectorAll('input[data-item-id]')[4].checked);
  assert.equal(await box(a, 3).isChecked(), true, 'A keeps its own change');
  assert.equal(await a.textContent('[data-testid=readiness-score]'), await b.textContent('[data-testid=readiness-score]'));
  await context.close();
});

test('sign-off records the digest and goes stale after an edit', async () => {
  const { context, page } = await fresh();
  await openDoc(page, 'platform-deployment-checklist.md', 'sign-off');
  const line = page.locator('.signoff[data-role="Lead Developer"]');
  await line.getByRole('button', { name: 'Sign off' }).click();
  await line.getByRole('alert').filter({ hasText: 'Enter the name of the Lead Developer' }).waitFor();
  await page.getByLabel('Lead Developer', { exact: true }).fill('Grace Hopper');
  await line.getByRole('button', { name: 'Sign off' }).click();
  await line.locator('.signed').filter({ hasText: 'Signed by Grace Hopper' }).waitFor();
  const signoffBox = page.locator('input[data-item-id="sign-off/development-team/lead-developer-date"]');
  assert.equal(await signoffBox.isChecked(), true);
  assert.equal(await line.locator('.stale-flag').count(), 0);
  // A second signer does not make the first stale.
  await page.getByLabel('QA Lead', { exact: true }).fill('Margaret Hamilton');
  await page.locator('.signoff[data-role="QA Lead"]').getByRole('button', { name: 'Sign off' }).click();
  assert.equal(await line.locator('.stale-flag').count(), 0);
  // An answer changes: both go stale, and the verdict says so.
  await box(page, 0).check();
  await line.locator('.stale-flag').waitFor();
  assert.equal(await signoffBox.isChecked(), false);
  await page.locator('.reasons summary').click();
  const reasons = await page.textContent('[data-testid=verdict-reasons]');
  assert.match(reasons, /sign-off stale: Lead Developer \(answers changed after signing\)/);
  // Re-signing keeps both records.
  await line.getByRole('button', { name: 'Sign again' }).click();
  await line.locator('.history summary').filter({ hasText: '2 sign-off records' }).waitFor();
  assert.equal(await line.locator('.stale-flag').count(), 0);
  await context.close();
});

test('the key panel offers this browser\'s key as a signers entry; verify --signers holds sign-offs to it', async () => {
  const { context, page, errors } = await fresh({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(site.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  // No key yet: the key panel (from the team module, once the browser is idle) is folded away
  // until the first sign-off.
  await page.locator('details.keys-later .keys').waitFor({ state: 'attached' });
  assert.equal(await page.locator('details.keys-later .keys').count(), 1);
  assert.equal(await page.getByTestId('signers-entry').count(), 0, 'no key, no entry');
  await openDoc(page, 'platform-deployment-checklist.md', 'sign-off');
  await page.getByLabel('Lead Developer', { exact: true }).fill('Grace Hopper');
  const line = page.locator('.signoff[data-role="Lead Developer"]');
  await line.getByRole('button', { name: 'Sign off' }).click();
  await line.locator('.signed').filter({ hasText: 'Signed by Grace Hopper' }).waitFor();
  const { path } = await exportFile(page);
  // The coordinator's way: the signers file made from the sign-offs on the page, confirmed by
  // fingerprint, downloaded under the name the checklist looks for; the CLI holds the record to it.
  await page.getByTestId('make-signers').click();
  const rows = await page.getByTestId('signers-confirm').locator('li').allTextContents();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /^Lead Developer: Grace Hopper, key [0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  const [made] = await Promise.all([page.waitForEvent('download'), page.getByTestId('signers-download').click()]);
  assert.equal(made.suggestedFilename(), 'platform-deployment-checklist.signers.json');
  const madePath = join(TMP, 'made-in-app.signers.json');
  await made.saveAs(madePath);
  const held = cli(['verify', path, '--signers', madePath]);
  assert.equal(held.code, 0, held.out);
  assert.match(held.out, /on the signers list as Grace Hopper/);
  await page.goto(site.url);
  await page.getByText('Your entry for a signers file').click();
  const entry = JSON.parse(await page.getByTestId('signers-entry').textContent());
  assert.deepEqual(Object.keys(entry).sort(), ['name', 'public_key', 'role']);
  // One click copies it, so nobody retypes a key.
  await page.getByTestId('copy-signers-entry').click();
  await page.getByRole('status').filter({ hasText: 'Copied your entry for a signers file.' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), entry);
  assert.equal(entry.public_key, JSON.parse(readFileSync(path, 'utf8')).signoffs[0].public_key);
  // Filled in and kept by the team: the sign-off counts for its role, and for no other.
  const signers = (role) => {
    const p = join(TMP, `signers-${role.replace(/\W/g, '')}.json`);
    writeFileSync(p, JSON.stringify({ schema: 'readiness-signers/1', signers: [{ ...entry, role, name: 'Grace Hopper' }] }));
    return p;
  };
  const ok = cli(['verify', path, '--signers', signers('Lead Developer')]);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /on the signers list as Grace Hopper/);
  const bad = cli(['verify', path, '--signers', signers('QA Lead')]);
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /sign-off Lead Developer by "Grace Hopper": key [0-9a-f ]+ is not on the signers list for this role/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the exported record passes readiness verify; a tampered copy fails', async () => {
  const { context, page } = await fresh();
  await openDoc(page, 'dojopool-phased-rollout.md');
  for (const i of [0, 1, 2]) await box(page, i).check();
  const { path, name } = await exportFile(page);
  assert.match(name, /^dojopool-phased-rollout-\d{4}-\d{2}-\d{2}T\d{6}Z-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{6}\.json$/);
  const ok = cli(['verify', path, '--template', 'checklists/dojopool-phased-rollout.md']);
  assert.equal(ok.code, 0, ok.out);
  const record = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(record.items.filter((i) => i.status === 'done').length, 3);
  assert.equal(record.checklist.items, 59);
  const tampered = join(TMP, 'tampered.json');
  writeFileSync(tampered, readFileSync(path, 'utf8').replace('"status": "done"', '"status": "open"'));
  const bad = cli(['verify', tampered]);
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /integrity digest mismatch/);
  await context.close();
});

test('checking a failure trigger turns the verdict NO-GO at once', async () => {
  const { context, page } = await fresh();
  await openDoc(page, 'dojopool-phased-rollout.md');
  const before = await page.textContent('[data-testid=readiness-score]');
  const trigger = page.getByRole('checkbox', { name: 'Critical data loss or corruption' });
  await trigger.check();
  await page.locator('.reasons summary').click();
  assert.match(await page.textContent('[data-testid=verdict-reasons]'), /failure trigger checked: Critical data loss or corruption/);
  assert.equal(await page.textContent('[data-testid=verdict]'), 'NO-GO');
  assert.equal(await page.textContent('[data-testid=readiness-score]'), before, 'a trigger is not progress');
  await context.close();
});

test('?src= opens a served file; bad URLs are reported', async () => {
  const { context, page, errors } = await fresh();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${site.url}?src=fixtures/nesting.md`);
  await page.waitForSelector('article.checklist[data-file$="fixtures/nesting.md"]:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 17);
  assert.doesNotMatch(page.url(), /src=/);
  // It is listed on the landing page and reopens (from storage) after a reload.
  await page.goto(site.url);
  await page.getByTestId('opened').getByRole('heading', { name: 'Nesting' }).click();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 17);

  // A URL that cannot be opened at all is refused on the landing page; one that does not serve a
  // checklist (and was never stored here) says why on the checklist's page.
  await page.goto(`${site.url}?src=${encodeURIComponent('javascript:alert(1)')}`);
  await page.getByTestId('src-error').waitFor();
  assert.match(await page.getByTestId('src-error').textContent(), /only http and https URLs/);
  for (const [src, message] of [
    ['fixtures/missing.md', /HTTP 404/],
    ['index.html', /HTML page, not a Markdown checklist/],
    ['http://127.0.0.1:9/nothing.md', /unreachable/],
  ]) {
    await page.goto(`${site.url}?src=${encodeURIComponent(src)}`);
    const err = page.getByTestId('load-error');
    await err.waitFor();
    assert.match(await err.textContent(), message, src);
    assert.match(page.url(), /#\/u\/http/, 'the address still names the URL, to try again later');
  }
  assert.deepEqual(dialogs, []);
  assert.ok(errors.every((e) => /Failed to load resource|net::ERR/.test(e)), errors.join('\n'));
  await context.close();
});

test('hostile Markdown renders inert', async () => {
  const { context, page } = await fresh();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${site.url}?src=fixtures/safety.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await page.locator('article script').count(), 0);
  assert.equal(await page.locator('article img').count(), 0);
  const hrefs = await page.$$eval('article a[href]', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs.sort(), ['docs/run.md', 'https://example.com/auto', 'https://example.com/runbook', 'mailto:ops@example.com']);
  assert.match(await page.textContent('article'), /<script>alert\('block'\)<\/script>/);
  assert.match(await page.textContent('article'), /<img src=x onerror="alert\(1\)">/);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('an HTML block nested 5,000 deep opens folded, by file and by paste, and the tab lives (issue 31)', async () => {
  const { context, page, errors } = await fresh();
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  const deep = `# Deep\n\n- [ ] Real item\n\n${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}\n\n- [ ] After\n`;
  await page.goto(site.url);
  await page.getByTestId('open-file').setInputFiles({ name: 'deep.md', mimeType: 'text/markdown', buffer: Buffer.from(deep) });
  await page.waitForSelector('article.checklist[data-file="deep.md"]:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 2);
  assert.equal(await page.locator('details.raw-html').count(), 1, 'folded with its source');
  assert.equal(await page.locator('.html-block div div div div div div div div div div div div div div div div div div div div div div div div div div div div div div div div div div').count(), 0);
  await box(page, 1).check();
  await page.goto(site.url);
  await page.getByTestId('paste-markdown').fill(deep.replace('# Deep', '# Deep pasted'));
  await page.getByRole('button', { name: 'Open pasted checklist' }).click();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await page.locator('details.raw-html').count(), 1);
  assert.equal(crashed, false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('file picker and paste open checklists; bad files get a clear message', async () => {
  const { context, page } = await fresh();
  await page.goto(site.url);
  await page.getByTestId('open-file').setInputFiles({
    name: 'team.md', mimeType: 'text/markdown',
    buffer: Buffer.from('# Team release\n\n## Build\n\n- [ ] Green build\n- [ ] Tagged\n'),
  });
  await page.waitForSelector('article.checklist[data-file="team.md"]:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 2);
  await box(page, 0).check();
  await waitSaved(page);

  await page.goto(site.url);
  await page.getByTestId('open-file').setInputFiles({
    name: 'photo.md', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
  });
  assert.match(await page.getByTestId('open-error').textContent(), /photo\.md: .*(UTF-8|NUL)/);
  await page.getByTestId('paste-markdown').fill('just some prose, no tasks');
  await page.getByRole('button', { name: 'Open pasted checklist' }).click();
  assert.match(await page.getByTestId('open-error').textContent(), /no task items/);
  await page.getByTestId('paste-markdown').fill('# Pasted\n\n- [ ] One\n- [x] Two\n- [ ] Three\n');
  await page.getByRole('button', { name: 'Open pasted checklist' }).click();
  await page.waitForSelector('article.checklist[data-file="pasted.md"]:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 3);

  await page.goto(site.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  const opened = page.getByTestId('opened');
  assert.equal(await opened.locator('.card').count(), 2);
  assert.match(await opened.textContent(), /Team release/);
  // The team checklist's saved progress is on its card.
  assert.match(await opened.locator('.card', { hasText: 'Team release' }).textContent(), /1\/2 done/);
  await context.close();
});

test('filters: open only, critical only, search', async () => {
  const { context, page } = await fresh();
  await page.goto(`${site.url}?src=fixtures/mojibake.md`);
  await page.waitForSelector('article.checklist:not([aria-busy])');
  const visible = () => page.locator('li.item:visible').count();
  assert.equal(await visible(), 5);
  await box(page, 0).check();
  await page.getByTestId('filter-open').check();
  assert.equal(await visible(), 4);
  await page.getByTestId('filter-open').uncheck();
  await page.getByTestId('filter-critical').check();
  assert.equal(await visible(), 1);
  await page.getByTestId('filter-critical').uncheck();
  await page.getByTestId('filter-search').fill('日本語');
  assert.equal(await visible(), 1);
  await context.close();
});

test('clear answers asks first and can be undone', async () => {
  const { context, page } = await fresh();
  await openDoc(page, 'dojopool-deployment-checklist.md');
  for (const i of [0, 1]) await box(page, i).check();
  await page.getByRole('button', { name: 'Clear answers' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await box(page, 0).isChecked(), true);
  await page.getByRole('button', { name: 'Clear answers' }).click();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  assert.equal(await box(page, 0).isChecked(), false);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await box(page, 0).isChecked(), true);
  assert.equal(await box(page, 1).isChecked(), true);
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector('article.checklist:not([aria-busy])');
  assert.equal(await box(page, 1).isChecked(), true);
  await context.close();
});

test('answers for items the template no longer has are listed and exported', async () => {
  const { context, page } = await fresh();
  await page.goto(site.url);
  await page.evaluate(() => localStorage.setItem('readiness:v1:answers:c:websocket-cluster-checklist.md', JSON.stringify({
    schema: 'readiness-answers/1',
    items: { 'pre-deployment/infrastructure/an-item-removed-since': { status: 'done', changed_at: '2026-01-01T00:00:00Z' } },
  })));
  await openDoc(page, 'websocket-cluster-checklist.md');
  const orphans = page.getByTestId('orphans');
  await orphans.waitFor();
  assert.match(await orphans.textContent(), /an-item-removed-since: done/);
  const { path } = await exportFile(page);
  const record = JSON.parse(readFileSync(path, 'utf8'));
  assert.deepEqual(Object.keys(record.orphans.items), ['pre-deployment/infrastructure/an-item-removed-since']);
  await context.close();
});

test('landing page shows progress, score and verdict per checklist', async () => {
  const { context, page } = await fresh();
  await openDoc(page, 'websocket-cluster-checklist.md');
  await box(page, 0).check();
  await waitSaved(page);
  await page.goto(site.url);
  const card = page.locator('.card[data-file="websocket-cluster-checklist.md"]');
  await card.waitFor();
  assert.match(await card.textContent(), /1\/\d+ done · score 0\.\d\d · NO-GO · last edited 20/);
  assert.match(await page.locator('.card[data-file="lfg-platform-checklist.md"]').textContent(), /Not started/);
  await context.close();
});

test('deep link to a section scrolls it into view', async () => {
  const { context, page } = await fresh();
  // Lists between the top and the target are not drawn yet (their height is an estimate), so
  // this also checks the heading lands and stays just under the sticky summary (6rem).
  for (const section of ['performance-scalability', 'sign-off']) {
    await openDoc(page, 'lfg-platform-checklist.md', section);
    const top = () => page.evaluate((id) => Math.round(document.getElementById(id).getBoundingClientRect().top), `s-${section}`);
    await page.waitForFunction((id) => Math.round(document.getElementById(id).getBoundingClientRect().top) === 96, `s-${section}`);
    await page.waitForTimeout(300);
    assert.equal(await top(), 96, section);
  }
  await context.close();
});

test('a checklist drawn whole is laid out in full: every checkbox is rendered and hit-testable in place', async () => {
  const { context, page, errors } = await fresh();
  await openDoc(page, 'lfg-platform-checklist.md');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 408);
  // No list is skipped by content-visibility, far from the viewport or not (accessibility checkers
  // hit-test every target; a skipped list would hide its checkboxes from them).
  const rendered = await page.evaluate(() => [...document.querySelectorAll('input[type=checkbox][data-item-id]')]
    .filter((b) => b.checkVisibility({ contentVisibilityAuto: true })).length);
  assert.equal(rendered, 408);
  // The last item, scrolled to, is the element at its own centre.
  const last = page.locator('input[type=checkbox][data-item-id]:not([disabled])').last();
  await last.scrollIntoViewIfNeeded();
  assert.equal(await last.evaluate((b) => {
    const r = b.getBoundingClientRect();
    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b;
  }), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the heap is reserved at start-up: opening a checklist does not grow wasm memory', async () => {
  const { context, page, errors } = await fresh();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      window.__memory = e.detail.wasm.memory;
      window.__startBytes = window.__memory.buffer.byteLength;
    });
  });
  await openDoc(page, 'lfg-platform-checklist.md');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 408);
  const [start, now] = await page.evaluate(() => [window.__startBytes, window.__memory.buffer.byteLength]);
  assert.ok(start >= 16 * 1024 * 1024, `${start} bytes at start`);
  assert.equal(now, start);
  assert.deepEqual(errors, []);
  await context.close();
});

async function axeScan(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('axe finds no serious or critical violation (light and dark, desktop and phone)', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
      // bypassCSP only lets the axe scanner be injected; the CSP itself is tested in offline.test.mjs.
      const { context, page } = await fresh({ colorScheme, viewport, bypassCSP: true });
      await page.goto(site.url);
      await page.waitForSelector('[data-testid=catalog] .card');
      assert.deepEqual(await axeScan(page), [], `landing ${colorScheme} ${viewport.width}`);
      await openDoc(page, 'lfg-platform-checklist.md');
      await box(page, 0).check();
      await itemLi(page, 1).locator('.more-toggle').first().click();
      assert.deepEqual(await axeScan(page), [], `checklist ${colorScheme} ${viewport.width}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scroll at ${viewport.width}px (overflow ${overflow})`);
      // The auditor view, with a record in it.
      const { path } = await exportFile(page);
      await page.goto(`${site.url}#/audit`);
      await page.getByTestId('import-export').setInputFiles(path);
      await page.getByTestId('audit-record').waitFor();
      assert.deepEqual(await axeScan(page), [], `audit ${colorScheme} ${viewport.width}`);
      await context.close();
    }
  }
});

test('Copy as Markdown puts the answered checklist on the clipboard', async () => {
  const { context, page } = await fresh({ permissions: ['clipboard-read', 'clipboard-write'] });
  await openDoc(page, 'websocket-cluster-checklist.md');
  await box(page, 0).check();
  await page.getByRole('textbox', { name: 'On-call engineer' }).fill('Linus');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied the checklist as Markdown' }).waitFor();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  // The summary right after the title.
  assert.match(md, /^# [^\n]+\n\n> \*\*Readiness 0\.0\d \/ 10\*\* \(minimum 8\.00\) — \*\*NO-GO\*\*\n/);
  assert.match(md, /\n- \[x\] Redis Cluster set up \(3\+ masters, 3\+ replicas\)\n/);
  assert.match(md, /\n- \[ \] On-call engineer: ___Linus___\n/);
  await context.close();
});

test('print stylesheet hides the controls and keeps the answers', async () => {
  const { context, page } = await fresh();
  await openDoc(page, 'lfg-platform-checklist.md');
  await box(page, 0).check();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.toolbar').isVisible(), false);
  assert.equal(await page.locator('.toc').isVisible(), false);
  assert.equal(await page.locator('[data-testid=readiness-score]').isVisible(), true);
  assert.equal(await box(page, 0).isChecked(), true);
  assert.equal(await box(page, 0).isVisible(), true);
  await context.close();
});

test('dropping a Markdown file opens it', async () => {
  const { context, page } = await fresh();
  await page.goto(site.url);
  await page.waitForSelector('.dropzone');
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['# Dropped\n\n- [ ] a\n- [ ] b\n- [ ] c\n- [ ] d\n'], 'dropped.md', { type: 'text/markdown' }));
    return dt;
  });
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer });
  await page.waitForSelector('article.checklist[data-file="dropped.md"]:not([aria-busy])');
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 4);
  await context.close();
});

test('a category override is kept while items are toggled, saved, and can be removed', async () => {
  const { context, page, errors } = await fresh();
  await openDoc(page, 'lfg-platform-checklist.md');
  const row = page.locator('li.category').first();
  const name = await row.locator('.name').textContent();
  await row.getByRole('button', { name: 'override' }).click();
  await row.getByLabel('Score (0-10)').fill('7.5');
  await row.getByLabel('Reason').fill('agreed in the go/no-go review');
  // Toggling items while the form is open changes the score, not the form or what was typed.
  await box(page, 0).check();
  await box(page, 1).check();
  await page.waitForFunction(() => /^2 of /.test(document.querySelector('.progress-box .label').textContent));
  assert.equal(await row.getByLabel('Score (0-10)').inputValue(), '7.5');
  assert.equal(await row.getByLabel('Reason').inputValue(), 'agreed in the go/no-go review');
  await row.getByRole('button', { name: 'Set' }).click();
  assert.equal(await row.locator('form.override').count(), 0, 'the form closes once set');
  assert.equal(await row.locator('.value').textContent(), '7.50');
  assert.match(await row.locator('.muted').textContent(), / · manual override/);
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector('li.category');
  const again = page.locator('li.category').filter({ hasText: name }).first();
  assert.equal(await again.locator('.value').textContent(), '7.50', 'the override survives a reload');
  await again.getByRole('button', { name: 'change override' }).click();
  assert.equal(await again.getByLabel('Score (0-10)').inputValue(), '7.50', 'the form opens with the override');
  assert.equal(await again.getByLabel('Reason').inputValue(), 'agreed in the go/no-go review');
  await again.getByRole('button', { name: 'Remove override' }).click();
  assert.doesNotMatch(await again.locator('.muted').textContent(), /manual override/);
  assert.notEqual(await again.locator('.value').textContent(), '7.50');
  assert.deepEqual(errors, []);
  await context.close();
});

