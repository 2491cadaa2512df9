// Launches Debian's Chromium through playwright-core (Playwright's own browser download does not
// work offline). Flags keep Chromium from reaching out to the network at start.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Waits until the app has started: a static page's copy (or the start-up placeholder), `#boot`,
 * is gone (a checklist's static page gives way once the app has attached to its form), and no
 * checklist says it is still busy. A static page is usable before, but only the app saves.
 */
export function untilLive(page) {
  return page.waitForFunction(
    () => !document.getElementById('boot') && !document.querySelector('article.checklist[aria-busy]'),
    null,
    { timeout: 30_000 },
  );
}

/**
 * Every page's `goto` and `reload` wait until the app has started, unless told `{ live: false }`
 * (the tests of the static pages themselves).
 */
function patchPage(page) {
  if (page.__untilLive) return page;
  page.__untilLive = true;
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const last = args.at(-1);
      const opts = typeof last === 'object' && last !== null ? last : {};
      const { live = true, ...rest } = opts;
      const call = typeof last === 'object' && last !== null ? [...args.slice(0, -1), rest] : args;
      const response = await original(...call);
      if (live) await untilLive(page);
      return response;
    };
  }
  return page;
}

/**
 * A profile with no name is asked for one before its first export or share link (issue 34). Tests
 * that are not about that prompt play someone who already declined it; `{ readinessAskName: true }`
 * on `newContext` leaves the profile untouched, so the prompt shows (writeback.test.mjs).
 */
function declinedName() {
  try {
    if (!localStorage.getItem('readiness:v1:profile')) {
      localStorage.setItem('readiness:v1:profile', JSON.stringify({ name: '', declined_name: true }));
    }
  } catch (e) {}
}

function patchContexts(owner) {
  const newContext = owner.newContext?.bind(owner);
  if (newContext) {
    owner.newContext = async (options = {}, ...rest) => {
      const { readinessAskName = false, ...playwright } = options;
      const context = await newContext(playwright, ...rest);
      if (!readinessAskName) await context.addInitScript(declinedName);
      context.on('page', patchPage);
      const newPage = context.newPage.bind(context);
      context.newPage = async (...a) => patchPage(await newPage(...a));
      return context;
    };
  }
  const newPage = owner.newPage.bind(owner);
  owner.newPage = async (...args) => patchPage(await newPage(...args));
  return owner;
}

export async function launch() {
  return patchContexts(await launchRaw());
}

function launchRaw() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}
