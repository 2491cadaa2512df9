// Helpers the browser tests share: people (a browser profile each), opening a checklist, its
// checkboxes, the CLI, and downloads. (Issue 36 moves the older suites onto these.)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { watchErrors } from './browser.mjs';

export const CLI = process.env.READINESS_CLI ?? 'target/debug/readiness';

/** One person: a fresh browser profile (own storage, own key) with one page. */
export async function person(browser) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/** Opens a bundled checklist and waits until its form is drawn. */
export async function openDoc(page, base, file, section) {
  await page.goto(`${base}#/c/${encodeURIComponent(file)}${section ? `/${section}` : ''}`);
  await page.waitForSelector(`article.checklist[data-file="${file}"]:not([aria-busy])`);
}

/** The `i`-th checkbox of the form. */
export const box = (page, i) => page.locator('input[type=checkbox][data-item-id]').nth(i);

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
