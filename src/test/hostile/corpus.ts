/**
 * The hostile corpus: inputs built to break a reader (encodings, nesting, numbers, duplicate keys, prototype
 * keys, huge or degenerate graphs, zip bombs). Small cases are also committed under
 * src/test/fixtures/hostile/ (`npx tsx src/test/hostile/corpus.ts --write`); large ones are generated here.
 * Every case must give exit 0, 1 or 2 with a located message, never a crash (src/cli/hostile-corpus.test.ts),
 * within a time budget checked by `npm run bench:hostile`, not by a test.
 */
import { deflateRawSync } from 'node:zlib';

export interface HostileCase {
  readonly name: string;
  /** `analyze` exit code: 0 (read, maybe with warnings) or 2 (refused with a located message). */
  readonly exit: 0 | 2;
  /** What the message (stderr on exit 2, a warning's code otherwise) must contain. */
  readonly expect?: RegExp;
  /** Large: generated, never committed; smaller in CI (`scale` 0.25), full size in the bench. */
  readonly large?: boolean;
  /** Seconds the bench allows at full size. */
  readonly budgetS: number;
  /** What `analyze` must find at this scale: node and edge counts, and the first AI node's reach. */
  readonly shape?: (scale: number) => { readonly nodes: number; readonly edges: number; readonly reached?: number; readonly crownJewels?: number };
  make(scale: number): Uint8Array;
}

const enc = new TextEncoder();
const text = (s: string): Uint8Array => enc.encode(s);
const doc = (nodes: unknown[], edges: unknown[]): string => JSON.stringify({ format: 'pathlight-inventory', version: 1, nodes, edges });
const one = (extra: string): string => `{"format":"pathlight-inventory","version":1,"nodes":[{"id":"agent:a","kind":"ai_agent"${extra}}],"edges":[]}`;

function utf16(s: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array((s.length + 1) * 2);
  const units = `\ufeff${s}`;
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = u & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = u >> 8;
  }
  return out;
}

/** A zip of deflated members whose headers all claim `declared` bytes. */
export function zipOf(members: Record<string, Uint8Array>, declared?: number): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(members)) {
    const n = Buffer.from(name);
    const body = deflateRawSync(data, { level: 1 });
    const size = declared ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, n, body);
    central.push(c, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cd, end]));
}

const n = (count: number, scale: number): number => Math.max(10, Math.round(count * scale));

export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'lone-surrogate-name.json', exit: 0, expect: /INVALID_STRING/, budgetS: 2, make: () => text(one(',"name":"bot \\ud800 name"')) },
  { name: 'lone-low-surrogate-key.json', exit: 0, expect: /INVALID_STRING/, budgetS: 2, make: () => text(one(',"\\udc00":"x"')) },
  { name: 'number-out-of-range.json', exit: 0, expect: /NUMBER_CHANGED/, budgetS: 2, make: () => text(one(',"score":1e999,"n":-1e400')) },
  { name: 'integer-past-2-53.json', exit: 0, expect: /NUMBER_CHANGED/, budgetS: 2, make: () => text(one(',"id2":123456789012345678901234567890')) },
  { name: 'duplicate-nodes-key.json', exit: 0, expect: /DUPLICATE_KEY/, budgetS: 2, make: () => text('{"format":"pathlight-inventory","version":1,"nodes":[{"id":"agent:a","kind":"ai_agent"}],"edges":[],"nodes":[]}') },
  { name: 'duplicate-field-key.json', exit: 0, expect: /DUPLICATE_KEY/, budgetS: 2, make: () => text(one(',"owner":"alice","owner":"mallory"')) },
  { name: 'invalid-utf8.json', exit: 0, expect: /INVALID_ENCODING/, budgetS: 2, make: () => new Uint8Array([...text('{"format":"pathlight-inventory","version":1,"nodes":[{"id":"agent:a","kind":"ai_agent","name":"x'), 0xff, 0xc3, 0x28, ...text('"}],"edges":[]}')]) },
  { name: 'utf8-bom.json', exit: 0, budgetS: 2, make: () => new Uint8Array([0xef, 0xbb, 0xbf, ...text(one(''))]) },
  { name: 'utf16le-bom.json', exit: 0, budgetS: 2, make: () => utf16(one(',"name":"Zoë"'), false) },
  { name: 'utf16be-bom.json', exit: 0, budgetS: 2, make: () => utf16(one(',"name":"Zoë"'), true) },
  { name: 'proto-keys.json', exit: 0, budgetS: 2, make: () => text(one(',"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}')) },
  { name: 'control-chars-and-markup.json', exit: 0, budgetS: 2, make: () => text(one(',"name":"\\u001b[31mred\\u0007 <img src=x onerror=alert(1)> \\u202e"')) },
  { name: 'truncated.json', exit: 2, expect: /line 1, column \d+/, budgetS: 2, make: () => text(one('').slice(0, 60)) },
  { name: 'not-json.json', exit: 2, expect: /not valid JSON at line 1, column 1/, budgetS: 2, make: () => text('<html>nope</html>') },
  { name: 'empty.json', exit: 2, expect: /not valid JSON/, budgetS: 2, make: () => new Uint8Array(0) },
  { name: 'nul-bytes.json', exit: 2, expect: /not valid JSON/, budgetS: 2, make: () => new Uint8Array(64) },
  { name: 'wrong-types.json', exit: 2, expect: /: edges: expected a list/, budgetS: 2, make: () => text('{"format":"pathlight-inventory","version":1,"nodes":[{"id":7,"kind":[]}],"edges":{}}') },
  { name: 'deep-1001.json', exit: 2, expect: /nodes\[0\]\.x.*deeper than 1000 levels \(line 1, column/, budgetS: 2, make: () => text(one(`,"x":${'['.repeat(1001)}${']'.repeat(1001)}`)) },
  { name: 'deep-property-5000.json', exit: 2, expect: /deeper than 1000 levels/, budgetS: 2, make: () => text(one(`,"x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)) },
  // Just under the limit: reads, analyzes and converts both ways (convert used to recurse and overflow).
  { name: 'deep-property-990.json', exit: 0, budgetS: 2, make: () => text(one(`,"x":${'{"a":'.repeat(990)}1${'}'.repeat(990)},"y":${'['.repeat(990)}${']'.repeat(990)}`)) },
  { name: 'utf16le-no-bom.json', exit: 0, budgetS: 2, make: () => utf16(one(',"name":"Zoë"'), false).slice(2) },
  { name: 'deep-100k.json', exit: 2, expect: /deeper than 1000 levels/, budgetS: 3, make: () => text(one(`,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}`)) },
  { name: 'opengraph-deep.json', exit: 2, expect: /graph\.nodes\[0\]\.properties/, budgetS: 3, make: () => text(`{"graph":{"nodes":[{"id":"a","kinds":["User"],"properties":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}}],"edges":[]}}`) },
  {
    name: 'parallel-edges.json',
    exit: 0,
    large: true,
    budgetS: 5,
    // Every parallel edge is kept (each with its own id); the store is reached once.
    shape: (s) => ({ nodes: 2, edges: n(20_000, s), reached: 1, crownJewels: 1 }),
    make: (s) => text(doc([{ id: 'agent:a', kind: 'ai_agent' }, { id: 'ds:x', kind: 'data_store', sensitivity: 'restricted' }], Array.from({ length: n(20_000, s) }, () => ({ source: 'agent:a', target: 'ds:x', kind: 'reads' })))),
  },
  {
    name: 'parallel-opengraph-edges.json',
    exit: 0,
    large: true,
    budgetS: 5,
    shape: (s) => ({ nodes: 2, edges: n(20_000, s) }),
    make: (s) => text(JSON.stringify({ graph: { nodes: [{ id: 'a', kinds: ['User'] }, { id: 'b', kinds: ['Group'] }], edges: Array.from({ length: n(20_000, s) }, (_, i) => ({ start: { value: 'a' }, end: { value: 'b' }, kind: 'MemberOf', properties: { i } })) } })),
  },
  {
    name: 'hub-200k.json',
    exit: 0,
    large: true,
    budgetS: 20,
    shape: (s) => ({ nodes: n(200_000, s) + 1, edges: n(200_000, s), reached: n(200_000, s), crownJewels: Math.ceil(n(200_000, s) / 1000) }),
    make: (s) => {
      const count = n(200_000, s);
      const nodes: unknown[] = [{ id: 'agent:hub', kind: 'ai_agent' }];
      const edges: unknown[] = [];
      for (let i = 0; i < count; i++) {
        nodes.push({ id: `ds:${i}`, kind: 'data_store', ...(i % 1000 === 0 ? { sensitivity: 'restricted' } : {}) });
        edges.push({ source: 'agent:hub', target: `ds:${i}`, kind: 'reads' });
      }
      return text(doc(nodes, edges));
    },
  },
  {
    name: 'chain-100k.json',
    exit: 0,
    large: true,
    budgetS: 20,
    // Reach follows the whole chain (no hop limit for can_assume) to the crown jewel at its end.
    shape: (s) => ({ nodes: n(100_000, s) + 2, edges: n(100_000, s) + 1, reached: n(100_000, s) + 1, crownJewels: 1 }),
    make: (s) => {
      const count = n(100_000, s);
      const nodes: unknown[] = [{ id: 'agent:a', kind: 'ai_agent' }];
      const edges: unknown[] = [];
      for (let i = 0; i < count; i++) {
        nodes.push({ id: `id:${i}`, kind: 'nhi' });
        edges.push({ source: i === 0 ? 'agent:a' : `id:${i - 1}`, target: `id:${i}`, kind: 'can_assume' });
      }
      nodes.push({ id: 'ds:end', kind: 'data_store', critical: true });
      edges.push({ source: `id:${count - 1}`, target: 'ds:end', kind: 'reads' });
      return text(doc(nodes, edges));
    },
  },
  {
    name: 'zip-under-reported.zip',
    exit: 2,
    large: true,
    expect: /zip (unpacks to more than 512 MB|took longer than 20 s to unpack); refused/,
    budgetS: 25,
    make: () => {
      const zeros = new Uint8Array(200 * 1024 * 1024);
      return zipOf({ 'a.json': zeros, 'b.json': zeros, 'c.json': zeros }, 1);
    },
  },
  { name: 'zip-garbage.zip', exit: 2, expect: /not a readable zip file/, budgetS: 2, make: () => text('PK\u0003\u0004 this is not a zip') },
];

// `npx tsx src/test/hostile/corpus.ts --write`: (re)writes the small cases as committed fixtures.
if (process.argv[1]?.endsWith('corpus.ts') && process.argv.includes('--write')) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const dir = new URL('../fixtures/hostile/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  for (const c of HOSTILE_CASES) if (!c.large) writeFileSync(new URL(c.name, dir), c.make(1));
}
