/**
 * Unzipping under a budget checked while inflating: the bytes that actually come out (summed over every
 * member) and the time spent. The sizes a zip's headers declare are never trusted, so a member whose header
 * under-reports its size is stopped at the budget, not inflated to the end.
 */
import { Inflate } from 'fflate';

/** A zip that would unpack past the budget, or take too long: refused with this sentence. */
export class ZipBudgetError extends Error {}

export interface ZipBudget {
  /** Largest total of inflated bytes, over all the members read. */
  readonly maxBytes: number;
  /** Longest time spent inflating (ms). */
  readonly maxMs: number;
  readonly now?: () => number;
}

/** Compressed bytes handed to the inflater at a time: the output between two checks is at most ~1000× this. */
const SLICE = 16 * 1024;

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) + u16(b, i + 2) * 65536) >>> 0;
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 2 ** 32;

interface CentralEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

function centralDirectory(bytes: Uint8Array): CentralEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory record');
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
    const z64 = u64(bytes, eocd - 12);
    if (u32(bytes, z64) !== 0x06064b50) throw new Error('bad zip64 end of central directory record');
    count = u64(bytes, z64 + 32);
    offset = u64(bytes, z64 + 48);
  }
  const entries: CentralEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new Error(`bad central directory entry ${n + 1}`);
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    const uncompressed32 = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes);
    // zip64 extra field: the 64-bit values of whichever fields are 0xffffffff, in this order
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = u16(bytes, e);
      const size = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed32 === 0xffffffff) q += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
      }
      e += 4 + size;
    }
    entries.push({ name, method, flags, compressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The members `accept` takes, inflated. Throws ZipBudgetError past the budget, Error for an unreadable zip.
 */
export function unzipWithBudget(bytes: Uint8Array, accept: (name: string) => boolean, budget: ZipBudget): Record<string, Uint8Array> {
  const now = budget.now ?? Date.now;
  const started = now();
  const out: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  let total = 0;
  const over = (): never => {
    throw new ZipBudgetError(`zip unpacks to more than ${Math.round(budget.maxBytes / 1048576)} MB; refused`);
  };
  const check = (): void => {
    if (total > budget.maxBytes) over();
    if (now() - started > budget.maxMs) throw new ZipBudgetError(`zip took longer than ${Math.round(budget.maxMs / 1000)} s to unpack; refused`);
  };
  for (const entry of centralDirectory(bytes)) {
    if (entry.name.endsWith('/') || !accept(entry.name)) continue;
    if (entry.flags & 1) throw new Error(`${entry.name} is encrypted`);
    const local = entry.localOffset;
    if (u32(bytes, local) !== 0x04034b50) throw new Error(`${entry.name}: bad local header`);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
    if (entry.method === 0) {
      total += data.length;
      check();
      out[entry.name] = data.slice();
      continue;
    }
    if (entry.method !== 8) throw new Error(`${entry.name}: compression method ${entry.method} is not supported`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflater = new Inflate((chunk: Uint8Array) => {
      size += chunk.length;
      total += chunk.length;
      if (total > budget.maxBytes) over();
      chunks.push(chunk);
    });
    for (let i = 0; i < data.length; i += SLICE) {
      inflater.push(data.subarray(i, Math.min(data.length, i + SLICE)), i + SLICE >= data.length);
      check();
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    const whole = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      whole.set(c, at);
      at += c.length;
    }
    out[entry.name] = whole;
  }
  return out;
}
