// Static first screens, written at build time (called by scripts/postbuild.mjs on release builds).
//
// The app itself draws each page once, in headless Chromium, with empty answers, and what it drew
// is saved as static HTML: the landing page into index.html, each bundled checklist into
// checklists/<stem>.html beside its Markdown. So the static page is what the app draws, by
// construction: there is no second renderer to keep in step. In the browser, public/boot.js sends
// a visit of #/c/<file> to that page, which paints before the wasm arrives; src/ui/shell/prerender.rs
// then lets the app take over (ticks made meanwhile are kept).
//
// The drawn HTML goes into <div id="boot" data-live="static">, with <html data-prerendered="home"
// | "c:<file>">. Leptos' empty comment markers are dropped, and the date of "today" is left empty
// (boot.js fills it in), so nothing in a static page depends on the day it was built.
import { serve } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';

/** Where a bundled checklist's static page lives, relative to the app's page. */
export const staticPath = (file) => `checklists/${file.replace(/\.md$/, '')}.html`;

async function draw(context, url, ready) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 60_000 });
  // Two frames: whatever the app draws after its data arrives is in.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const drawn = await page.evaluate(() => {
    const error = document.querySelector('[data-testid=load-error], main .error');
    for (const t of document.querySelectorAll('time.today')) t.textContent = '';
    const html = [...document.body.children]
      .filter((e) => e.tagName !== 'SCRIPT' && e.id !== 'boot')
      .map((e) => e.outerHTML)
      .join('');
    return { html, title: document.title, error: error?.textContent ?? null };
  });
  await page.close();
  if (drawn.error) throw new Error(`${url}: the app showed an error: ${drawn.error}`);
  if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
  return { html: drawn.html.replaceAll('<!---->', ''), title: drawn.title };
}

/**
 * Draws the landing page and every checklist in `files` from the build in `dir` (served locally).
 * Returns { home: {html, title}, docs: [{file, html, title}] }.
 */
export async function prerender(dir, files) {
  const srv = await serve({ root: dir });
  const browser = await launch();
  try {
    // A fresh context per page: empty storage, no service worker, a desktop window.
    const fresh = () => browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
    let context = await fresh();
    const home = await draw(context, `${srv.url}#/`, 'ul.cards[data-testid=catalog], main .error');
    await context.close();
    const docs = [];
    for (const file of files) {
      context = await fresh();
      const drawn = await draw(context, `${srv.url}#/c/${encodeURIComponent(file)}`, '.doc article.checklist:not([aria-busy]), [data-testid=load-error]');
      await context.close();
      docs.push({ file, ...drawn });
    }
    return { home, docs };
  } finally {
    await browser.close();
    await srv.close();
  }
}
