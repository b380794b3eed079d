import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { importInventories } from './index.ts';

import { FIXTURES } from './test/helpers.ts';

/** The copies of ../shared/data kept with the importers' tests. */
const read = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');
/** 1-based line of the first line matching `re` in `text`. */
const lineOf = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;

describe('import positions (provenanceLine / provenanceColumn)', () => {
  it('places an MCP server at its entry in the client config, also with comments in the file', () => {
    const text = read('mcp-configs/modelcontextprotocol-inspector__sample-config.json');
    const commented = `// my servers\n/* block\n comment */\n${text.replace('"myserver": {', '"myserver": { // local')}`;
    for (const t of [text, commented]) {
      const r = importInventories([{ file: 'cfg.json', text: t }]);
      if (!r.ok) throw new Error('import failed');
      for (const name of ['everything', 'myserver', 'hosted-everything']) {
        const server = r.inventory.nodes.find((n) => n.kind === 'mcp_server' && n.name === name)!;
        expect(server.fields.provenanceLine, name).toBe(lineOf(t, new RegExp(`^\\s*"${name}": \\{`)));
        expect(server.fields.provenanceColumn).toBe(5);
        expect(r.positions.get(server.at)).toEqual({ file: 'cfg.json', line: server.fields.provenanceLine, column: 5 });
      }
    }
  });

  it('places an IAM permission edge at its policy statement', () => {
    const text = read('aws-iam/example-authz-details.json');
    const r = importInventories([{ file: 'authz.json', text }]);
    if (!r.ok) throw new Error('import failed');
    const lines = text.split('\n');
    const perms = r.inventory.edges.filter((e) => e.kind === 'has_permission' && String(e.fields.provenance).includes('/Statement/'));
    expect(perms.length).toBeGreaterThan(5);
    for (const e of perms) {
      const line = e.fields.provenanceLine as number;
      // a statement is an object in a "Statement" array: its line opens it, and the array is above it
      expect(lines[line - 1]!.trim().startsWith('{') || /"Statement"/.test(lines[line - 1]!), String(e.fields.provenance)).toBe(true);
    }
    // the first statement of a list opens right below its "Statement" key
    const first = perms.filter((e) => String(e.fields.provenance).endsWith('/Statement/0'));
    expect(first.length).toBeGreaterThan(0);
    for (const e of first) {
      const line = e.fields.provenanceLine as number;
      expect(lines.slice(Math.max(0, line - 3), line).some((l) => /"Statement"/.test(l)), String(e.fields.provenance)).toBe(true);
    }
  });

  it('places elements of a Pathlight inventory in that file without touching their fields', () => {
    const text = readFileSync(new URL('../../public/samples/sample-inventory.json', import.meta.url), 'utf8');
    const r = importInventories([{ file: 'sample.json', text }]);
    if (!r.ok) throw new Error('import failed');
    const node = r.inventory.nodes[5]!;
    expect(node.fields.provenanceLine).toBeUndefined();
    const pos = r.positions.get(node.at)!;
    expect(pos.file).toBe('sample.json');
    const lines = text.split('\n');
    expect(lines[pos.line - 1]!.slice(pos.column - 1).startsWith('{')).toBe(true);
    // the first "id" after that brace is the node's
    const after = lines.slice(pos.line - 1).join('\n').slice(pos.column - 1);
    expect(/"id"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(after)![1]).toBe(JSON.stringify(node.id));
  });
});
