/**
 * Fails when the modules under src/ import each other in a cycle, counting type-only imports and re-exports
 * (`import type`, `export … from`) that oxlint's import/no-cycle does not see. Run by `npm run lint`.
 *
 *   tsx scripts/check-cycles.ts [root]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Relative specifiers of every static import and re-export, type-only ones included. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!);
  return out;
}

/** Strongly connected parts with more than one module (or a module importing itself), each in a stable order. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(part.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

function main(): void {
  const graph = new Map<string, string[]>();
  for (const f of files(root)) {
    const deps = importsOf(readFileSync(f, 'utf8')).map((s) => resolve(dirname(f), s));
    graph.set(f, deps);
  }
  const found = cycles(graph);
  if (found.length === 0) {
    console.log(`check-cycles: no import cycles among ${graph.size} modules (type-only imports included)`);
    return;
  }
  for (const part of found) console.error(`import cycle (${part.length} modules):\n  ${part.map((p) => relative(process.cwd(), p)).join('\n  ')}`);
  console.error(`check-cycles: ${found.length} import cycle(s)`);
  process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main();
