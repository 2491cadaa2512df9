// Transfer size of the app shell: every wasm, js, css and html file a first visit downloads
// (bundled checklists, icons and the manifest excluded), raw, gzip -9 and brotli quality 11, as a
// static host with compression would serve them.
//
// As a module: `transferSizes(dir)` → { files: [{ file, kind, raw, gzip, brotli }], total }.
// From the shell: `node scripts/sizes.mjs [dist] [--check]` prints the table; with --check it
// fails when the brotli total is over the ceiling in benches/budgets.json (see BENCHMARKS.md).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const KINDS = { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.css': 'css', '.html': 'html' };

/** Compressed sizes of one buffer. */
export function sizesOf(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/**
 * Files loaded only after the first module (issue 35): the team module, once the browser is idle;
 * the auditor view's, on `#/audit`; the chunk the two share.
 */
export const ON_DEMAND = /^readiness-app-lazy-/;

/**
 * Sizes of the shell files directly in `dir` (not in sub-folders such as checklists/); with
 * `onDemand`, of the files loaded only on demand instead.
 */
export function transferSizes(dir, { only, onDemand = false } = {}) {
  const files = readdirSync(dir)
    .filter((f) => KINDS[extname(f)] && statSync(join(dir, f)).isFile())
    .filter((f) => !only || only.includes(f))
    .filter((f) => ON_DEMAND.test(f) === onDemand)
    .sort()
    .map((file) => ({ file, kind: KINDS[extname(file)], ...sizesOf(readFileSync(join(dir, file))) }));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total };
}

const n = (x) => x.toLocaleString('en-US');

/** A Markdown table of `transferSizes` output. */
export function sizeTable({ files, total }) {
  const rows = files.map((f) => `| ${f.kind}: \`${f.file}\` | ${n(f.raw)} | ${n(f.gzip)} | ${n(f.brotli)} |`);
  return [
    '| file | raw | gzip -9 | brotli 11 |',
    '|---|---:|---:|---:|',
    ...rows,
    `| **total** | ${n(total.raw)} | ${n(total.gzip)} | **${n(total.brotli)}** |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
  const sizes = transferSizes(dir);
  if (!sizes.files.some((f) => f.kind === 'wasm')) {
    console.error(`sizes: no .wasm in ${dir}; build first (trunk build --release --offline)`);
    process.exit(2);
  }
  console.log(sizeTable(sizes));
  const later = transferSizes(dir, { onDemand: true });
  if (later.files.length) console.log(`\nLoaded on first use or on #/audit only (not in the shell):\n\n${sizeTable(later)}`);
  if (args.includes('--check')) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const { transfer_brotli } = JSON.parse(readFileSync(join(root, 'benches/budgets.json'), 'utf8'));
    const { budget, ceiling } = transfer_brotli;
    const got = sizes.total.brotli;
    console.log(`\nbrotli total ${n(got)} B; budget ${n(budget)} B (${got <= budget ? 'met' : `missed by ${n(got - budget)} B`}); ceiling ${n(ceiling)} B`);
    if (got > ceiling) {
      console.error(
        `sizes: the app shell grew to ${n(got)} B brotli, over the ceiling of ${n(ceiling)} B in benches/budgets.json. ` +
          'Find what added the weight (see BENCHMARKS.md, "Transfer size") or, if it is worth it, raise the ceiling in the same commit and say why.',
      );
      process.exit(1);
    }
    const { later_ceiling: laterCeiling } = transfer_brotli;
    console.log(`loaded later: brotli total ${n(later.total.brotli)} B; ceiling ${n(laterCeiling)} B`);
    if (later.total.brotli > laterCeiling) {
      console.error(
        `sizes: the modules loaded later grew to ${n(later.total.brotli)} B brotli, over the ceiling of ${n(laterCeiling)} B in benches/budgets.json. ` +
          'Find what added the weight, or raise the ceiling in the same commit and say why.',
      );
      process.exit(1);
    }
  }
}
