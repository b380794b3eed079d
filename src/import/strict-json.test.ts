import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { importInventories } from './index.ts';

describe('importInventories: strict JSON for Pathlight inventories', () => {
  it('rejects a Pathlight inventory with a trailing comma, naming the place', () => {
    const text = readFileSync('e2e/fixtures/broken.json', 'utf8');
    const result = importInventories([{ file: 'broken.json', text }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'INVALID_JSON', file: 'broken.json' });
    expect(result.errors[0]!.message).toMatch(/^not valid JSON at line 10, column 3/);
  });

  it('still reads a VS Code MCP config with comments and trailing commas', () => {
    const text = '{\n  // my servers\n  "servers": {\n    "fetch": { "command": "uvx", "args": ["mcp-server-fetch"], },\n  },\n}';
    const result = importInventories([{ file: 'mcp.json', text }]);
    expect(result.ok).toBe(true);
  });
});
