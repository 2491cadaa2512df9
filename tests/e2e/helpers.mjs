// Helpers the browser tests share: people (a browser profile each), opening a checklist, its
// checkboxes, the CLI, and downloads. (Issue 36 moves the older suites onto these.)
import { before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, watchErrors } from './browser.mjs';
import { serve } from './server.mjs';

export const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';

/**
 * The site under test and one browser for a test file: served before its tests, closed after.
 * `options` are the static server's (`root`, `mounts`, …); `site.url` is its address.
 */
export function useSite(options = { root: 'dist' }) {
  const site = {
    server: null,
    browser: null,
    get url() {
      return site.server.url;
    },
  };
  before(async () => {
    site.server = await serve(options);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Waits until the page says its answers are saved. */
export async function waitSaved(page) {
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=save-status]')?.textContent.startsWith('Saved 20'));
}

/** Names this profile from the checklist page ("You"), which also creates its key. */
export async function nameSelf(page, name) {
  await page.getByTestId('you').click();
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-save').click();
  await page.getByTestId('key-fingerprint').filter({ hasText: 'Fingerprint' }).waitFor();
  await page.getByTestId('you').click();
  await page.getByTestId('you').filter({ hasText: `You: ${name}` }).waitFor();
}

/** The answers a page saved for its checklist, whose storage key starts with `prefix` (`u:` for a
 * checklist opened from an address, `l:` for one opened from a file or paste). */
export function savedAnswers(page, prefix) {
  return page.evaluate((p) => JSON.parse(localStorage.getItem(Object.keys(localStorage)
    .find((k) => k.startsWith(`readiness:v1:answers:${p}`)))), prefix);
}

/** One person: a fresh browser profile (own storage, own key) with one page. */
export async function person(browser) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/**
 * What a test file does with pages of `site`: a fresh profile, a checklist opened, an export saved
 * into `dir`. Bound to the file's site so call sites name only the page.
 */
export function pageHelpers(site, dir) {
  return {
    /** A fresh browser profile (own storage and key) with one page. */
    async fresh(options = {}) {
      const context = await site.browser.newContext({ acceptDownloads: true, ...options });
      const page = await context.newPage();
      const errors = watchErrors(page);
      return { context, page, errors };
    },
    /** Opens a bundled checklist (at a section, if given) and waits until its form is drawn. */
    async openDoc(page, file, section) {
      const hash = `#/c/${encodeURIComponent(file)}${section ? `/${section}` : ''}`;
      await page.goto(site.url + hash);
      await page.waitForSelector(`article.checklist[data-file="${file}"]:not([aria-busy])`);
    },
    /** Clicks Export (or `button`), unfolding the phone's actions first; saves the file in `dir`. */
    async exportFile(page, button = 'Export') {
      const target = page.getByRole('button', { name: button, exact: true });
      if (!(await target.isVisible()) && (await page.locator('.actions-toggle').isVisible())) {
        await page.locator('.actions-toggle').click();
      }
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      const path = join(dir, download.suggestedFilename());
      await download.saveAs(path);
      return { path, name: download.suggestedFilename() };
    },
  };
}

/** The `i`-th checkbox of the form. */
export const box = (page, i) => page.locator('input[type=checkbox][data-item-id]').nth(i);

/** The list item of the `i`-th item. */
export const itemLi = (page, i) => page.locator('li.item').filter({ has: page.locator(`#item-${i}`) }).first();

/** Runs the CLI: its exit code and output (stdout then stderr). */
export function cli(args) {
  try {
    return { code: 0, out: execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

/** Clicks `button` and saves the download it starts into `dir` as `name`; returns the path. */
export async function download(page, button, dir, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, name);
  await d.saveAs(path);
  return path;
}
