// Second opinion on `readiness convert --to hdf` (issue 25): each file must validate against
// Heimdall's exec-json schema (tests/schemas/exec-json.json, with ajv) and load through inspecjs's
// converter as Heimdall loads a file (an evaluation, not a profile), with Heimdall's own reading of
// each control's status matching the file's statistics.
//
//   node tests/validators/validate-hdf.mjs FILE...
//
// Prints one line per file; exits 1 when any file fails.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import * as inspecjs from 'inspecjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'tests/schemas/exec-json.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const text = readFileSync(file, 'utf8');
    const json = JSON.parse(text);
    if (!validate(json)) {
      throw new Error(`exec-json schema: ${validate.errors.slice(0, 3).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    }
    const loaded = inspecjs.convertFileContextual(text);
    if (!inspecjs.isContextualizedEvaluation(loaded)) throw new Error('inspecjs did not read it as an evaluation');
    const controls = loaded.contains.flatMap((p) => p.contains);
    const statuses = {};
    for (const c of controls) statuses[c.hdf.status] = (statuses[c.hdf.status] ?? 0) + 1;
    const stats = json.statistics.controls;
    if ((statuses.Passed ?? 0) !== stats.passed.total || (statuses.Failed ?? 0) !== stats.failed.total) {
      throw new Error(`Heimdall reads ${JSON.stringify(statuses)}, the file says ${JSON.stringify(stats)}`);
    }
    console.log(`ok ${file}: ${controls.length} controls ${JSON.stringify(statuses)}`);
  } catch (e) {
    failed += 1;
    console.log(`FAILED ${file}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
