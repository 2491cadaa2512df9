// Lighthouse (mobile, the default) on the release build served compressed, as a static host serves
// it: the landing page, lfg-platform-checklist (by its route and at its static page) and the
// auditor view. Prints performance, accessibility and best-practices per page (issues 15 and 16
// ask for these in BENCHMARKS.md). Lighthouse is not a project
// dependency (it is large and only this script needs it): `npx --yes lighthouse@12` fetches it once.
// Usage: node benches/lighthouse.mjs   (after `trunk build --release`; CHROME_PATH defaults to Debian's)
//        READINESS_DIST=<dir> runs it on another build than dist/ (an A/B against an older one).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../tests/e2e/server.mjs';

function onPath(bin) {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const OUT = mkdtempSync(join(tmpdir(), 'readiness-lh-'));
const server = await serve({ root: process.env.READINESS_DIST ?? 'dist', compress: true, immutable: /\.(wasm|js|css)$/ });
const pages = [
  ['landing', server.url],
  ['lfg', `${server.url}#/c/lfg-platform-checklist.md`],
  // The same page at its static address (no hop through index.html).
  ['lfg, static page', `${server.url}checklists/lfg-platform-checklist.html`],
  ['audit', `${server.url}#/audit`],
];
const rows = [];
try {
  for (const [name, url] of pages) {
    const out = join(OUT, `${name}.json`);
    // A lighthouse on PATH is used as is; otherwise npx fetches version 12 once.
    const [cmd, pre] = onPath('lighthouse') ? ['lighthouse', []] : ['npx', ['--yes', 'lighthouse@12']];
    // Asynchronously: the server answering Lighthouse runs in this process.
    await promisify(execFile)(cmd, [...pre, url, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
    { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 << 20 });
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const score = (k) => Math.round(r.categories[k].score * 100);
    const failed = Object.values(r.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    rows.push(`| ${name} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${Math.round(r.audits['largest-contentful-paint'].numericValue)} ms | ${Math.round(r.audits['total-blocking-time'].numericValue)} ms | ${r.audits['cumulative-layout-shift'].numericValue.toFixed(3)} | ${failed.join(', ')} |`);
  }
} finally {
  await server.close();
}
console.log('| page | performance | accessibility | best practices | LCP | TBT | CLS | binary audits not passed |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) console.log(r);
