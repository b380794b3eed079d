/**
 * `npm run bench:hostile`: the hostile corpus (src/test/hostile/corpus.ts) at full size through
 * `pathlight analyze --format json` and `convert --to pathlight`, timed, against each case's budget. Prints
 * one line per case; exits 1 when a case is over its budget or gives the wrong exit code. A bench, not a test:
 * the figures depend on the machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { run } from '../src/cli/main.ts';
import { HOSTILE_CASES } from '../src/test/hostile/corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathlight-hostile-bench-'));
const quiet = { stdout: () => {}, stderr: () => {} };
let failed = 0;
console.log('case                              size MB   analyze s  convert s  budget s  exit');
for (const c of HOSTILE_CASES) {
  const file = join(dir, c.name);
  const bytes = c.make(1);
  writeFileSync(file, bytes);
  let t = performance.now();
  const code = await run(['analyze', file, '--format', 'json'], quiet);
  const analyzeS = (performance.now() - t) / 1000;
  t = performance.now();
  await run(['convert', file, '--to', 'pathlight'], quiet);
  const convertS = (performance.now() - t) / 1000;
  const over = analyzeS > c.budgetS || convertS > c.budgetS;
  const wrong = code !== c.exit;
  if (over || wrong) failed++;
  console.log(
    `${c.name.padEnd(32)} ${(bytes.length / 1048576).toFixed(1).padStart(8)} ${analyzeS.toFixed(2).padStart(10)} ${convertS.toFixed(2).padStart(10)} ${String(c.budgetS).padStart(9)} ${String(code).padStart(5)}${over ? '  OVER BUDGET' : ''}${wrong ? `  expected exit ${c.exit}` : ''}`,
  );
  rmSync(file);
}
rmSync(dir, { recursive: true, force: true });
console.log(failed === 0 ? 'every case within its budget' : `${failed} case(s) over budget or with the wrong exit code`);
process.exit(failed === 0 ? 0 : 1);
