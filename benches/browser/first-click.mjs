// "A first click after idle" (issue 35): on lfg-platform-checklist, a first visit (a fresh browser
// context, the site served brotli-compressed, service workers blocked), once the page is live and
// the browser idle, two clicks on what the team module draws:
//   open answers  click on "Open answers…" → the first frame with its paste box in the DOM
//   sign off      click on the first line's "Sign off" (no name typed) → the first frame with the
//                 line's message asking for the name
// Each is timed in the page (performance.now() around element.click(), ended by the animation
// frame after the change), so no protocol round trip is counted. Median and max over N runs.
// Also reported: when the page went idle, and how long after it the team module had arrived.
//
// Usage: node benches/browser/first-click.mjs [--runs N]   (after `trunk build --release`)
//        READINESS_DIST=<dir> measures another build than dist/ (an A/B against an older one).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tests/e2e/server.mjs';
import { launch } from '../../tests/e2e/browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const RUNS = at >= 0 ? Number(args[at + 1]) : 7;

const site = join(mkdtempSync(join(tmpdir(), 'readiness-click-')), 'site');
cpSync(process.env.READINESS_DIST ?? join(ROOT, 'dist'), site, { recursive: true });
const server = await serve({ root: site, compress: true, immutable: /\.(wasm|js|css)$/ });
const browser = await launch();

/** Clicks `click` in the page and resolves with the ms until the frame after `done` holds. */
const timed = (page, click, done) =>
  page.evaluate(([click, done]) => new Promise((resolve) => {
    const start = performance.now();
    document.querySelector(click).click();
    const check = () => {
      if (document.querySelector(done)) requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(check);
    };
    check();
  }), [click, done]);

const runs = [];
try {
  for (let r = 0; r < RUNS; r += 1) {
    for (const what of ['open answers', 'sign off']) {
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}#/c/lfg-platform-checklist.md`);
      await page.waitForSelector('article.checklist:not([aria-busy]) li.item');
      // The team's parts are drawn (the hand-off bar's "You"), and the browser is idle again.
      await page.getByTestId('you').waitFor();
      const idle = await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => {
        const mark = performance.getEntriesByName('readiness:idle')[0]?.startTime ?? null;
        const module = performance.getEntriesByType('resource').find((e) => /readiness-app-lazy-team-/.test(e.name));
        resolve({ idle: mark, arrived: module ? module.responseEnd : null });
      }, { timeout: 5000 })));
      let ms;
      if (what === 'open answers') {
        ms = await timed(page, '[data-testid=open-answers]', '[data-testid=import-paste]');
      } else {
        await page.locator('.signoff button.sign').first().scrollIntoViewIfNeeded();
        ms = await timed(page, '.signoff button.sign', '.signoff [role=alert]');
      }
      runs.push({ what, ms, ...idle });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(1));
console.log(`\nFirst click after idle, lfg-platform-checklist, ${RUNS} runs (${process.env.READINESS_DIST ?? 'dist'})\n`);
console.log('| click | median (ms) | max (ms) | page idle at (ms, median) | team module in (ms after idle, median) |');
console.log('|---|---:|---:|---:|---:|');
for (const what of ['open answers', 'sign off']) {
  const rs = runs.filter((r) => r.what === what);
  const idle = rs.map((r) => r.idle).filter((x) => x !== null);
  const after = rs.filter((r) => r.idle !== null && r.arrived !== null).map((r) => r.arrived - r.idle);
  console.log(`| ${what} | ${f(median(rs.map((r) => r.ms)))} | ${f(Math.max(...rs.map((r) => r.ms)))} | ${idle.length ? f(median(idle)) : '—'} | ${after.length ? f(median(after)) : '—'} |`);
}
