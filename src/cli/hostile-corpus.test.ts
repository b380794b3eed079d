/**
 * The hostile corpus (src/test/hostile/corpus.ts) through the CLI: `analyze` (json), `convert` both ways.
 * Every file gives exit 0, 1 or 2, never an internal error, and a refusal names the file and the place.
 * Large cases run at a quarter of their size here; `npm run bench:hostile` times them at full size.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { wellFormed } from '../model/well-formed.ts';
import { HOSTILE_CASES } from '../test/hostile/corpus.ts';

import { run } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathlight-hostile-'));
const committed = new URL('../test/fixtures/hostile/', import.meta.url);

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the hostile corpus through the CLI', () => {
  for (const c of HOSTILE_CASES) {
    if (c.name === 'zip-under-reported.zip') continue; // 600 MB of zeros: src/import/zip-budget.test.ts and the bench
    it(`${c.name}: exit ${c.exit}, located, no crash`, async () => {
      const file = join(dir, c.name);
      // Small cases are the committed fixtures (so the corpus is reviewable); large ones are generated.
      writeFileSync(file, c.large ? c.make(0.25) : readFileSync(new URL(c.name, committed)));
      const analyzed = await cli(['analyze', file, '--format', 'json']);
      expect(analyzed.stderr).not.toMatch(/internal error|Maximum call stack|at .*\.ts:\d+/);
      expect(analyzed.code).toBe(c.exit);
      const refused = c.exit === 2;
      const located = new RegExp(`^pathlight: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+\\n$`);
      // A refused file names itself and the place in one line; an accepted one lists located warnings.
      expect(refused ? located.test(analyzed.stderr) : true).toBe(true);
      const said = refused ? analyzed.stderr : analyzed.stdout === '' ? '' : (JSON.parse(analyzed.stdout) as { inventory: { warnings: { code: string; at: string }[] } }).inventory.warnings.map((w) => `${w.code} ${w.at}`).join('\n');
      expect(c.expect ? c.expect.test(said) : true).toBe(true);
      // convert (both ways) and diff refuse a refused file the same way: exit 2, the file and the place.
      const alsoRefusedBy = refused ? [['convert', file, '--to', 'pathlight'], ['convert', file, '--to', 'opengraph'], ['diff', file, file]] : [];
      for (const argv of alsoRefusedBy) {
        const out = await cli(argv);
        expect(out.stderr).not.toMatch(/internal error|Maximum call stack|at .*\.ts:\d+/);
        expect([argv[0], out.code, located.test(out.stderr), c.expect?.test(out.stderr) ?? true]).toEqual([argv[0], 2, true, true]);
      }
      if (refused) return;
      const report = JSON.parse(analyzed.stdout) as {
        inventory: { nodes: number; edges: number; warnings: { code: string; at: string }[] };
        summary: { node: string; reached: number; crownJewels: number }[];
      };
      for (const w of report.inventory.warnings) expect(w.at).not.toBe('');
      // The large cases are not only survived: the analysis is right (every edge kept, reach to the end).
      const shape = c.shape?.(0.25);
      const first = report.summary[0];
      const got = { nodes: report.inventory.nodes, edges: report.inventory.edges, ...(shape?.reached === undefined ? {} : { reached: first?.reached }), ...(shape?.crownJewels === undefined ? {} : { crownJewels: first?.crownJewels }) };
      expect(got).toEqual(shape ?? got);
      for (const to of ['pathlight', 'opengraph']) {
        const converted = await cli(['convert', file, '--to', to]);
        expect(converted.stderr).not.toMatch(/internal error|Maximum call stack/);
        expect(converted.code).toBe(0);
        // What is written is well-formed: it re-reads without an encoding or string warning.
        expect(wellFormed(converted.stdout)).toBe(converted.stdout);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }, 120_000);
  }
});
