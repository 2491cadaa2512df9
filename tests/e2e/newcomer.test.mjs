// A newcomer at a desk (1280 px) and on a phone (360 px), issue 15: counts that add up and say what
// is not in the score, staleness said out loud, everything that blocks GO in one list, filters that
// answer, a first screen with an item on it, names that say which item, titles per page, the
// auditor's headline, and print. Screenshots of each page at both widths go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';
import { waitSaved } from './helpers.mjs';

const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';
const TMP = mkdtempSync(join(tmpdir(), 'readiness-newcomer-'));
const SHOTS = 'target/screenshots';
const LFG = 'lfg-platform-checklist.md';
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

let server;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serve({ root: 'dist' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function fresh(viewport = DESK) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

async function openDoc(page, file = LFG, section) {
  await page.goto(`${server.url}#/c/${encodeURIComponent(file)}${section ? `/${section}` : ''}`);
  await page.waitForSelector(`article.checklist[data-file="${file}"]:not([aria-busy])`);
}

/** Opens a checklist pasted on the landing page, drawn to its end. */
async function openPasted(page, lines) {
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=catalog] .card');
  await page.getByTestId('paste-markdown').fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Open pasted checklist' }).click();
  await page.waitForSelector('article.checklist[data-file="pasted.md"]:not([aria-busy])');
}

const box = (page, i) => page.locator('input[type=checkbox][data-item-id]').nth(i);

/** Every item of a bundled checklist, from the CLI's blank export (id and text). */
function itemsOf(file) {
  const out = join(TMP, `${file}.json`);
  execFileSync(CLI, ['export', `checklists/${file}`, '--out', out]);
  return JSON.parse(readFileSync(out, 'utf8')).items;
}

test('the summary counts add up and the sections outside the score say so', async () => {
  for (const viewport of [DESK, PHONE]) {
    const { context, page, errors } = await fresh(viewport);
    await openDoc(page);
    assert.equal(await page.getByTestId('summary-counts').textContent(),
      '0 of 183 scored items done · 197 unscored · 22 procedure steps · 0 of 6 sign-offs current');
    assert.equal(183 + 197 + 22 + 6, Number(await page.getByTestId('item-total').textContent()));
    const unscored = await page.getByTestId('unscored-sections').textContent();
    assert.match(unscored, /^Not in the score: .*Kubernetes Configuration \(38\)/);
    assert.equal((unscored.match(/\(\d+\)/g) ?? []).length, 8);
    const k8s = page.locator('h3', { hasText: 'Kubernetes Configuration' });
    await k8s.scrollIntoViewIfNeeded();
    assert.match(await k8s.textContent(), /Not in the score/);
    // Checking Kubernetes items does not move the score, and the page has said why.
    await page.locator('input[data-item-id*="/kubernetes-configuration/"]').first().check();
    assert.equal(await page.getByTestId('readiness-score').textContent(), '0.00');
    if (viewport === DESK) {
      assert.match(await page.locator('.toc li', { hasText: 'Kubernetes Configuration' }).textContent(), /not in the score/);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('on a phone: an item on the first screen, boxes left of their text, 24 px targets, a Sections menu', async () => {
  const { context, page } = await fresh(PHONE);
  await openDoc(page);
  const first = await box(page, 0).boundingBox();
  assert.ok(first.y + first.height <= PHONE.height, `first checkbox at ${first.y}px`);
  const rows = await page.locator('li.item > .item-row').evaluateAll((els) => els.slice(0, 120).map((row) => {
    const cb = row.querySelector('input[type=checkbox]').getBoundingClientRect();
    const label = row.querySelector('label').getClientRects()[0];
    const more = row.querySelector('.more-toggle')?.getBoundingClientRect();
    return { cb: [cb.x, cb.y, cb.width, cb.height], label: [label.x, label.y, label.height], more: more ? [more.x, more.y] : null, text: row.textContent.slice(0, 40) };
  }));
  assert.ok(rows.length >= 100, `${rows.length} rows drawn`);
  for (const r of rows) {
    const [cx, cy, cw, ch] = r.cb;
    const [lx, ly, lh] = r.label;
    assert.ok(cw >= 24 && ch >= 24, `${r.text}: checkbox ${cw}×${ch}`);
    assert.ok(cx + cw <= lx, `${r.text}: checkbox left of its text`);
    assert.ok(Math.abs((cy + ch / 2) - (ly + lh / 2)) <= 12, `${r.text}: checkbox on the first line (${cy} vs ${ly})`);
    if (r.more) assert.ok(r.more[0] > cx + cw, `${r.text}: controls inline after the text`);
  }
  // The score panel opens from the summary.
  await page.getByTestId('to-score-panel').click();
  await page.waitForFunction(() => {
    const r = document.getElementById('score-panel-title').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  // And every section, and the score panel again, from the Sections menu at the top.
  await page.evaluate(() => scrollTo(0, 0));
  await page.getByTestId('jump-menu').click();
  await page.getByRole('navigation', { name: 'Jump to a section' }).getByRole('link', { name: /Rollback Procedure/ }).click();
  await page.waitForFunction(() => location.hash.endsWith('/rollback-procedure'));
  await page.waitForTimeout(500);
  await page.evaluate(() => scrollTo(0, 0));
  await page.getByTestId('jump-menu').click();
  await page.getByRole('button', { name: 'Score and what is missing to pass' }).click();
  await page.waitForFunction(() => {
    const r = document.getElementById('score-panel-title').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  await context.close();
});

test('a sign-off made stale is said out loud, and undoing the edit restores it', async () => {
  const { context, page } = await fresh();
  await openDoc(page, LFG, 'sign-off');
  await page.getByLabel('QA Lead', { exact: true }).fill('Quinn');
  await page.locator('.signoff[data-role="QA Lead"]').getByRole('button', { name: 'Sign off as QA Lead' }).click();
  await page.locator('.signoff[data-role="QA Lead"] .key').waitFor();
  assert.match(await page.getByTestId('summary-counts').textContent(), /1 of 6 sign-offs current$/);
  assert.equal(await page.getByTestId('stale-alert').textContent(), '');
  await openDoc(page);
  await box(page, 0).check();
  const alert = page.getByTestId('stale-alert');
  await alert.getByText('Sign-off now stale').waitFor();
  assert.match(await alert.textContent(), /QA Lead.*Undo the change to make it current again/);
  assert.match(await page.getByTestId('summary-counts').textContent(), /0 of 6 sign-offs current$/);
  await box(page, 0).uncheck();
  await page.waitForFunction(() => document.querySelector('[data-testid=stale-alert]').textContent === '');
  assert.match(await page.getByTestId('summary-counts').textContent(), /1 of 6 sign-offs current$/);
  await context.close();
});

test('"what is missing" gives the gap in items per category and every blocker as a link', async () => {
  const { context, page } = await fresh();
  await openDoc(page);
  assert.match(await page.getByTestId('score-gap').textContent(),
    /^Score 0\.00 of a minimum 8\.00: \d+ more items to pass — \d+ in [^,]+(, \d+ in [^,]+)*\.$/);
  const blockers = page.getByTestId('blocking').getByRole('button');
  const labels = await blockers.allTextContents();
  const roles = ['Engineering Lead', 'DevOps Lead', 'Security Lead', 'QA Lead', 'Product Manager', 'CTO/VP Engineering'];
  for (const role of roles) assert.ok(labels.includes(`Sign-off missing: ${role}`), role);
  assert.equal(labels.length, 6, labels.join(' | '));
  await blockers.filter({ hasText: 'Sign-off missing: QA Lead' }).click();
  await page.waitForFunction(() => document.activeElement?.closest('li.item')?.textContent.includes('QA Lead'));
  await context.close();
});

test('search and filters say how many items match and hide empty sections', async () => {
  const { context, page } = await fresh();
  await openDoc(page);
  const want = itemsOf(LFG).filter((i) => i.text.toLowerCase().includes('kubernetes')).length;
  assert.ok(want > 1);
  await page.getByTestId('filter-search').fill('Kubernetes');
  await page.getByTestId('filter-count').getByText(`${want} items match`).waitFor();
  const shown = await page.locator('.toc li:not(.hidden)').count();
  const all = await page.locator('.toc li').count();
  assert.ok(shown < all, `${shown} of ${all} sections listed while filtering`);
  assert.match(await page.locator('.toc li:not(.hidden)').first().textContent(), /\d+ match(es)?$/);
  await page.getByTestId('filter-search').fill('no such words anywhere');
  await page.getByTestId('filter-count').getByText('No items match').waitFor();
  assert.equal(await page.locator('.toc li:not(.hidden)').count(), 0);
  await page.getByTestId('filter-search').fill('');
  assert.equal(await page.getByTestId('filter-count').textContent(), '');
  // Critical only on a checklist without critical items: no page of empty headings.
  await openDoc(page, 'websocket-cluster-checklist.md');
  await page.getByTestId('filter-critical').check();
  await page.getByTestId('filter-count').getByText('No items match').waitFor();
  assert.equal(await page.locator('article.checklist :is(h2,h3,h4):not(.hidden)').count(), 0);
  await context.close();
});

test('the landing page: a static first screen, no layout jump, distinct cards, the score explained', async () => {
  const html = readFileSync('dist/index.html', 'utf8');
  assert.match(html, /<meta name="description" content="[^"]{50,}"/);
  // The release build's index.html holds the landing page, written by the core (`readiness pages`).
  assert.match(html, /<div id="boot" data-live="static">[\s\S]*data-testid="how-scoring-works"[\s\S]*data-testid="catalog"/);
  for (const viewport of [DESK, PHONE]) {
    const { context, page, errors } = await fresh(viewport);
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=catalog] .card');
    await page.waitForTimeout(500);
    const cls = await page.evaluate(() => window.__cls);
    assert.ok(cls < 0.1, `CLS ${cls} at ${viewport.width}px`);
    assert.equal(await page.locator('#boot').count(), 0, 'the static screen gave way to the app');
    const titles = await page.locator('[data-testid=catalog] .card h3').allTextContents();
    assert.equal(new Set(titles).size, titles.length, titles.join(' | '));
    assert.match(await page.getByTestId('how-scoring-works').textContent(), /GO needs the score at or above/);
    assert.equal(await page.locator('details.keys-later').getAttribute('open'), null, 'key management folded away');
    assert.equal(await page.locator('.card .summary').count(), 0);
    const bg = await page.locator('.card-summary').first().evaluate((e) => getComputedStyle(e).position);
    assert.equal(bg, 'static');
    assert.equal(await page.title(), 'Readiness — deployment sign-off checklists');
    await page.screenshot({ path: join(SHOTS, `landing-${viewport.width}.png`), fullPage: false });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('names say which item or role; score changes are announced; titles and a skip link', async () => {
  const { context, page } = await fresh();
  await openDoc(page);
  assert.equal(await page.title(), 'Production Deployment Checklist · Readiness');
  const names = await page.locator('.more-toggle').evaluateAll((els) => els.slice(0, 60).map((e) => e.getAttribute('aria-label')));
  assert.equal(new Set(names).size, names.length, 'distinct names');
  assert.match(names[0], /^N\/A · note · evidence for: All unit tests passing/);
  const live = page.getByTestId('score-announcement');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  const before = await live.textContent();
  await box(page, 0).check();
  await page.waitForFunction((b) => document.querySelector('[data-testid=score-announcement]').textContent !== b, before);
  assert.match(await live.textContent(), /^Score \d+\.\d\d of 10, NO-GO$/);
  assert.equal(await page.getByTestId('verdict-reasons').getAttribute('tabindex'), '0');
  await openDoc(page, LFG, 'sign-off');
  const sign = await page.locator('button.sign').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(sign, ['Engineering Lead', 'DevOps Lead', 'Security Lead', 'QA Lead', 'Product Manager', 'CTO/VP Engineering'].map((r) => `Sign off as ${r}`));
  // Keyboard: the skip link takes focus past the contents to the first item.
  await page.goto('about:blank');
  await openDoc(page);
  await page.keyboard.press('Tab');
  let steps = 1;
  while (!(await page.evaluate(() => document.activeElement?.textContent === 'Skip to the first item')) && steps < 10) {
    await page.keyboard.press('Tab');
    steps += 1;
  }
  assert.ok(steps < 10, 'the skip link is among the first Tab stops');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.matches('input[type=checkbox][data-item-id]'));
  await page.goto(`${server.url}#/audit`);
  await page.waitForFunction(() => document.title === 'Audit an export · Readiness');
  await context.close();
});

test('the auditor view puts the verdict first and says what "verified" means', async () => {
  const { context, page } = await fresh();
  const exported = join(TMP, 'lfg.json');
  execFileSync(CLI, ['export', `checklists/${LFG}`, '--out', exported]);
  await page.goto(`${server.url}#/audit`);
  await page.getByTestId('import-export').setInputFiles(exported);
  await page.getByTestId('audit-record').waitFor();
  assert.match(await page.getByTestId('record-verdict').textContent(), /^NO-GO · score 0\.00 \/ 10 \(minimum 8\.00\) · Production Deployment Checklist$/);
  assert.match(await page.locator('.integrity').textContent(), /^File check: verified — unchanged since export.*not about readiness/);
  const v = await page.getByTestId('record-verdict').boundingBox();
  const i = await page.locator('.integrity').boundingBox();
  assert.ok(v.y < i.y, 'the verdict comes first');
  for (const viewport of [DESK, PHONE]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `audit-${viewport.width}.png`) });
  }
  await context.close();
});

test('print: reasons expanded and the score breakdown before the checklist; screenshots', async () => {
  const { context, page } = await fresh();
  await openDoc(page);
  for (const viewport of [DESK, PHONE]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `checklist-${viewport.width}.png`) });
    await page.locator('#score-panel-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `score-panel-${viewport.width}.png`) });
  }
  await page.setViewportSize(DESK);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('details.reasons').getAttribute('open'), '');
  await page.emulateMedia({ media: 'print' });
  const panel = await page.locator('.score-panel').boundingBox();
  const article = await page.locator('article.checklist').boundingBox();
  assert.ok(panel.y < article.y, `score panel at ${panel.y}, checklist at ${article.y}`);
  await context.close();
});

/** A checklist as real projects write them: a centred badge and title, a details block, a form. */
const REAL_WORLD = [
  '<p align="center">',
  '  <a href="https://example.com/fe"><img src="https://img.shields.io/badge/front--end-checklist-blue.svg" alt="Front-End Checklist"></a>',
  '</p>',
  '<h1 align="center">Front&#8209;End Checklist</h1>',
  '',
  '<details><summary>Why?</summary>Because <b>launches</b> fail.</details>',
  '',
  '<form action="https://evil.example/"><input name="x"></form>',
  '',
  '- [ ] Doctype',
  '- [ ] Charset',
  '',
];

test('real-world HTML: allowed markup is drawn, images become linked alt text, the rest folds away', async () => {
  const { context, page, errors } = await fresh();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await openPasted(page, REAL_WORLD);
  const centred = page.locator('article .html-block p[align=center]');
  assert.equal(await centred.count(), 1);
  const badge = centred.locator('a.html-image');
  assert.equal(await badge.textContent(), '[Front-End Checklist]');
  assert.equal(await badge.getAttribute('href'), 'https://img.shields.io/badge/front--end-checklist-blue.svg');
  // Every link from checklist text carries the same rel, from the core's one writer.
  assert.equal(await badge.getAttribute('rel'), 'noopener noreferrer nofollow');
  assert.equal(await page.locator('article .html-block h1[align=center]').textContent(), 'Front\u2011End Checklist');
  assert.equal(await page.locator('article .html-block details > summary').textContent(), 'Why?');
  assert.equal(await page.locator('article .html-block details b').textContent(), 'launches');
  assert.equal(await page.locator('article img, article form, article input:not([type=checkbox])').count(), 0);
  const folded = page.locator('article details.raw-html');
  assert.equal(await folded.count(), 1);
  assert.match(await folded.locator('pre').textContent(), /^<form action="https:\/\/evil\.example\/"><input name="x"><\/form>$/);
  assert.equal(await page.locator('input[type=checkbox][data-item-id]').count(), 2);
  // The page's form is the core's rendering, the same function `readiness render` runs (issue 31):
  // the article holds exactly the CLI's output (both read back by the browser's own serializer),
  // apart from the live parts the app mounts in rows.
  const source = join(TMP, 'real-world.md');
  writeFileSync(source, REAL_WORLD.join('\n'));
  const rendered = execFileSync(CLI, ['render', source], { encoding: 'utf8' });
  // The CLI's output is read back on a blank page: the app's own page takes markup only through
  // its Trusted Types policy.
  const blank = await context.newPage();
  const expected = await blank.evaluate((cli) => {
    const t = document.createElement('template');
    t.innerHTML = cli.trim();
    return t.innerHTML;
  }, rendered);
  await blank.close();
  const same = await page.evaluate((expected) => {
    const page = document.querySelector('article.checklist').cloneNode(true);
    for (const s of page.querySelectorAll('.slot')) s.remove();
    const blocks = page.querySelectorAll('div.html').length;
    return { blocks, equal: page.innerHTML === expected };
  }, expected);
  assert.deepEqual(same, { blocks: 3, equal: true });
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the form is the core\'s HTML, kept live in place: ticks, blanks, choices, filters, and answers replaced as a whole', async () => {
  const { context, page, errors } = await fresh();
  await openPasted(page, [
    '# Release',
    '',
    '## Build',
    '',
    '- [ ] Tag the build',
    '- [ ] (critical) Notes written by ___',
    '',
    '## Decide',
    '',
    'Outcome: ☐ Success ☐ Rolled Back',
    '',
    '- [ ] Announce the window',
    '',
  ]);
  const row = (i) => page.locator(`li[data-item="${i}"]`);
  // A tick reaches the Doc through the form's one listener; its row is written in place.
  await box(page, 0).check();
  await page.waitForFunction(() => document.querySelector('li[data-item="0"]').className === 'item kind-readiness done');
  assert.equal(await row(1).getAttribute('class'), 'item kind-readiness critical');
  await page.getByRole('textbox', { name: /Notes written/ }).fill('Grace');
  await page.getByRole('radio', { name: 'Rolled Back' }).check();
  await waitSaved(page);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('readiness:v1:answers:l:')))));
  assert.deepEqual(Object.values(saved.fields).sort(), ['Grace', 'Rolled Back']);
  assert.deepEqual(Object.entries(saved.items).map(([, a]) => a.status), ['done']);
  // Open only: the done row is hidden in place; so is no heading with an open item under it.
  await page.getByTestId('filter-open').check();
  await page.waitForFunction(() => document.querySelector('li[data-item="0"]').classList.contains('hidden'));
  assert.equal(await row(1).evaluate((e) => e.classList.contains('hidden')), false);
  assert.equal(await page.locator('article h2.hidden').count(), 0);
  await page.getByTestId('filter-open').uncheck();
  await page.waitForFunction(() => !document.querySelector('li[data-item="0"]').classList.contains('hidden'));
  // "Clear answers" replaces every answer: every drawn row, blank and choice is written again.
  await page.getByRole('button', { name: 'Clear answers' }).click();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('#item-0').checked);
  assert.equal(await row(0).getAttribute('class'), 'item kind-readiness');
  assert.equal(await page.getByRole('textbox', { name: /Notes written/ }).inputValue(), '');
  assert.equal(await page.getByRole('radio', { name: 'Rolled Back' }).isChecked(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the blockers list follows what blocks GO, and is not redrawn by a toggle that changes none', async () => {
  const { context, page, errors } = await fresh();
  await openPasted(page, [
    '# Release',
    '',
    '- [ ] (critical) Database backup verified',
    '- [ ] (critical) Rollback rehearsed',
    '- [ ] Release notes written',
    '',
  ]);
  const blockers = page.getByTestId('blocking').getByRole('button');
  assert.deepEqual(await blockers.allTextContents(), [
    'Critical, open: (critical) Database backup verified',
    'Critical, open: (critical) Rollback rehearsed',
  ]);
  // Mark the buttons: a redrawn list would have new ones.
  await page.evaluate(() => document.querySelectorAll('[data-testid=blocking] button').forEach((b) => (b.__kept = true)));
  const score = await page.textContent('[data-testid=readiness-score]');
  await box(page, 2).check();
  await page.waitForFunction((s) => document.querySelector('[data-testid=readiness-score]').textContent !== s, score);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('[data-testid=blocking] button')].map((b) => b.__kept === true)), [true, true]);
  // Ticking a critical item takes it off the list.
  await box(page, 0).check();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=blocking] button').length === 1);
  assert.deepEqual(await blockers.allTextContents(), ['Critical, open: (critical) Rollback rehearsed']);
  assert.deepEqual(errors, []);
  await context.close();
});
