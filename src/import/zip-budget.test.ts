import { deflateRawSync } from 'node:zlib';

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { importInventories } from './index.ts';
import { ZipBudgetError, unzipWithBudget } from './zip-budget.ts';

const all = () => true;
const big = { maxBytes: 1 << 30, maxMs: 60_000 };

/** Rewrites every declared uncompressed size (local headers and central directory) to `size`. */
function underReport(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

/** A zip of deflated members built with zlib (fast for large inputs), each header claiming `declared` bytes. */
function zipOf(members: Record<string, Uint8Array>, declared: number): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(members)) {
    const n = Buffer.from(name);
    const body = deflateRawSync(data, { level: 1 });
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, body);
    centrals.push(central, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(members).length, 8);
  end.writeUInt16LE(Object.keys(members).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

describe('unzipWithBudget', () => {
  it('reads stored and deflated members, only those accepted', () => {
    const zip = zipSync({ 'a.json': [strToU8('{"a":1}'), { level: 0 }], 'b/c.json': strToU8('{"c":"x".repeat}'.repeat(100)), 'd.txt': strToU8('no') });
    const files = unzipWithBudget(zip, (n) => n.endsWith('.json'), big);
    expect(Object.keys(files).sort()).toEqual(['a.json', 'b/c.json']);
    expect(new TextDecoder().decode(files['a.json'])).toBe('{"a":1}');
    expect(files['b/c.json']!.length).toBe(1600);
  });

  it('stops at the budget while inflating, whatever the headers claim', () => {
    const zip = underReport(zipSync({ 'x.json': new Uint8Array(6 * 1024 * 1024), 'y.json': new Uint8Array(6 * 1024 * 1024) }), 10);
    expect(() => unzipWithBudget(zip, all, { maxBytes: 8 * 1024 * 1024, maxMs: 60_000 })).toThrow(ZipBudgetError);
    expect(() => unzipWithBudget(zip, all, { maxBytes: 8 * 1024 * 1024, maxMs: 60_000 })).toThrow('zip unpacks to more than 8 MB; refused');
    // The same zip fits a larger budget, and the real sizes come out.
    expect(unzipWithBudget(zip, all, big)['y.json']!.length).toBe(6 * 1024 * 1024);
    const built = zipOf({ 'z.json': strToU8('{"z":1}') }, 1);
    expect(new TextDecoder().decode(unzipWithBudget(built, all, big)['z.json'])).toBe('{"z":1}');
  }, 60_000);

  it('stops when the time budget is spent', () => {
    const zip = zipOf({ 'x.json': new Uint8Array(4 * 1024 * 1024), 'y.json': new Uint8Array(4 * 1024 * 1024) }, 1);
    let t = 0;
    expect(() => unzipWithBudget(zip, all, { maxBytes: 1 << 30, maxMs: 1_000, now: () => (t += 1_000) })).toThrow('zip took longer than 1 s to unpack; refused');
  });

  it('the importer refuses an under-reporting zip bomb with a located message', () => {
    // 600 MB of zeros in three members, each header claiming 1 byte (the old check summed the claims).
    const zeros = new Uint8Array(200 * 1024 * 1024);
    const bomb = zipOf({ 'a.json': zeros, 'b.json': zeros, 'c.json': zeros }, 1);
    const r = importInventories([{ file: 'bomb.zip', bytes: bomb }]);
    expect(r.ok).toBe(false);
    // Whichever budget runs out first on this machine: the bytes (512 MB) or the time (20 s).
    expect(!r.ok && r.errors[0]).toMatchObject({ file: 'bomb.zip', at: '$', message: expect.stringMatching(/^zip (unpacks to more than 512 MB|took longer than 20 s to unpack); refused$/) });
  }, 120_000);

  it('reports an unreadable zip rather than throwing', () => {
    const r = importInventories([{ file: 'x.zip', bytes: strToU8('PK\u0003\u0004 not really') }]);
    expect(!r.ok && r.errors[0]?.message).toMatch(/^not a readable zip file/);
  });
});
