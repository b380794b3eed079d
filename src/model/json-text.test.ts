import { describe, expect, it } from 'vitest';

import { importInventories } from '../import/index.ts';

import { MAX_JSON_DEPTH, decodeBytes, readJsonText } from './json-text.ts';
import { parseInventory } from './parse-inventory.ts';
import { encodeComponent, wellFormed } from './well-formed.ts';

const DOC = '{"format":"pathlight-inventory","version":1,"nodes":[{"id":"agent:a","kind":"ai_agent","name":"Ä"}],"edges":[]}';
const utf16 = (text: string, bigEndian: boolean, bom: boolean): Uint8Array => {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = bom ? `\ufeff${text}` : text;
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = u & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = u >> 8;
  }
  return out;
};

describe('decodeBytes', () => {
  it('reads UTF-8 with or without a BOM and UTF-16LE/BE with or without one', () => {
    const utf8 = new TextEncoder().encode(DOC);
    expect(decodeBytes(utf8).text).toBe(DOC);
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text).toBe(DOC);
    for (const be of [false, true]) {
      for (const bom of [false, true]) {
        const d = decodeBytes(utf16(DOC, be, bom));
        expect(d.text).toBe(DOC);
        expect(d.encoding).toBe(be ? 'utf-16be' : 'utf-16le');
        expect(d.replaced).toEqual([]);
      }
    }
  });

  it('lists invalid UTF-8, and the reading warns at the place', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"a":"x'), 0xff, ...new TextEncoder().encode('"}')]);
    const d = decodeBytes(bytes);
    expect(d.replaced).toEqual([7]);
    const r = readJsonText(d.text, d);
    expect(r.ok && r.warnings).toEqual([expect.objectContaining({ code: 'INVALID_ENCODING', at: 'a' })]);
  });
});

describe('readJsonText', () => {
  it('warns about a duplicated key at its place (JSON keeps the last)', () => {
    const r = readJsonText('{"nodes":[1],"edges":[],"nodes":[]}');
    expect(r.ok && r.warnings).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', at: 'nodes' })]);
    const nested = readJsonText('{"n":[{"id":"a","id":"b"}]}');
    expect(nested.ok && nested.warnings[0]?.at).toBe('n[0].id');
  });

  it('warns about numbers it cannot keep', () => {
    const r = readJsonText('{"a":[1, 1e999, -1e999, 12345678901234567890, 9007199254740991, 1.5e3]}');
    expect(r.ok && r.warnings.map((w) => [w.code, w.at])).toEqual([
      ['NUMBER_CHANGED', 'a[1]'],
      ['NUMBER_CHANGED', 'a[2]'],
      ['NUMBER_CHANGED', 'a[3]'],
    ]);
  });

  it('replaces lone surrogates by U+FFFD, with a warning, and keeps valid pairs', () => {
    const r = readJsonText('{"x":"a\\ud800b","y":"\\ud83d\\ude00","z":"\\udc00"}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ x: 'a\ufffdb', y: '😀', z: '\ufffd' });
    expect(r.warnings.map((w) => w.at)).toEqual(['x', 'z']);
    const raw = readJsonText('{"x":"a\ud800"}');
    expect(raw.ok && raw.value).toEqual({ x: 'a\ufffd' });
  });

  it('refuses hostile nesting with its place, without recursion', () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 5000, 100_000]) {
      const arrays = readJsonText(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expect(arrays).toMatchObject({ ok: false, at: expect.stringMatching(/^a\[0\]\[0\]/) });
      const objects = readJsonText(`${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}`);
      expect(objects).toMatchObject({ ok: false, message: expect.stringContaining(`deeper than ${MAX_JSON_DEPTH} levels (line 1, column`) });
    }
    expect(readJsonText(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).ok).toBe(true);
  });
});

describe('the inventory reader', () => {
  it('reports what the reading changed as located warnings', () => {
    const r = parseInventory({ file: 'x.json', text: '{"format":"pathlight-inventory","version":1,"nodes":[{"id":"a","kind":"ai_agent"}],"nodes":[],"edges":[]}' });
    expect(r.ok && r.inventory.warnings).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', at: 'nodes', file: 'x.json' })]);
  });

  it('opens UTF-16LE with a BOM from bytes (as the app reads files), with the CLI’s result', () => {
    const r = importInventories([{ file: 'ps.json', bytes: utf16(DOC, false, true) }]);
    expect(r.ok && r.inventory.nodes.map((n) => n.name)).toEqual(['Ä']);
  });

  it('reads 40k identical parallel edges in linear time (each gets its own id)', () => {
    const edges = Array.from({ length: 40_000 }, () => ({ source: 'a', target: 'b', kind: 'reads' }));
    const r = parseInventory({ json: { format: 'pathlight-inventory', version: 1, nodes: [{ id: 'a', kind: 'ai_agent' }, { id: 'b', kind: 'datastore' }], edges } });
    expect(r.ok && r.inventory.edges.length).toBe(40_000);
    expect(r.ok && r.inventory.edges.at(-1)?.id).toBe('a|reads|b#40000');
  }, 60_000);

  it('keeps explicit ids that look like derived ones apart from the derived ones', () => {
    const edges = [{ source: 'a', target: 'b', kind: 'reads' }, { id: 'a|reads|b#2', source: 'a', target: 'b', kind: 'reads' }, { source: 'a', target: 'b', kind: 'reads' }, { source: 'a', target: 'b', kind: 'reads' }];
    const r = parseInventory({ json: { format: 'pathlight-inventory', version: 1, nodes: [{ id: 'a', kind: 'ai_agent' }, { id: 'b', kind: 'datastore' }], edges } });
    expect(r.ok && r.inventory.edges.map((e) => e.id)).toEqual(['a|reads|b', 'a|reads|b#2', 'a|reads|b#3', 'a|reads|b#4']);
  });
});

describe('wellFormed', () => {
  it('lets every encoder take a lone surrogate', () => {
    expect(wellFormed('a\ud800b\udc00')).toBe('a\ufffdb\ufffd');
    expect(() => encodeURIComponent('\ud800')).toThrow(URIError);
    expect(encodeComponent('\ud800')).toBe('%EF%BF%BD');
  });
});
