// The floor under "live" (issue 26): what the app shell's wasm costs before any of its code runs.
// In headless Chromium, against the release build in dist/, with the bytes already in memory (no
// network): WebAssembly.compile of the shell's wasm (Liftoff, the baseline tier a page starts
// on). Also the brotli bytes of the shell and what
// they take at 10 Mbit/s. Medians of 7.
//
// Usage: node benches/browser/wasm-floor.mjs   (after trunk build --release)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tests/e2e/server.mjs';
import { launch } from '../../tests/e2e/browser.mjs';
import { transferSizes } from '../../scripts/sizes.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(ROOT, 'dist');
const wasm = readdirSync(dist).filter((f) => f.endsWith('_bg.wasm'));
const server = await serve({ root: dist });
const browser = await launch();
const page = await (await browser.newContext()).newPage();
await page.goto(`${server.url}sw.js`, { live: false });
const rows = [];
for (const file of wasm) {
  const ms = await page.evaluate(async (url) => {
    const bytes = await (await fetch(url)).arrayBuffer();
    const times = [];
    for (let k = 0; k < 7; k += 1) {
      const t = performance.now();
      await WebAssembly.compile(bytes);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { median: times[3], size: bytes.byteLength };
  }, `${server.url}${file}`);
  rows.push({ file, ...ms });
}
await browser.close();
await server.close();
const sizes = transferSizes(dist);
const shell = sizes.total.brotli;
console.log('| wasm | raw bytes | compile (ms, median of 7) |');
console.log('|---|---:|---:|');
for (const r of rows) console.log(`| \`${r.file}\` | ${r.size.toLocaleString('en')} | ${r.median.toFixed(1)} |`);
if (shell) {
  console.log(`\nShell transfer: ${shell.toLocaleString('en')} B brotli = ${((shell * 8) / 10e6 * 1000).toFixed(0)} ms at 10 Mbit/s.`);
}
