/**
 * Writes a synthetic estate of bench/generate.ts as a Pathlight inventory file, for timing the CLI end to end:
 *
 *   node --import tsx bench/write-estate.ts 100k /tmp/estate-100k.json     (sizes: 2k … 1M, or a node count)
 *
 * Nodes carry their generated fields at top level and edges their `actions` / `traversable: false`, as a
 * collector would write them. Written in chunks (a 1M-node file is about 600 MB), never as one string.
 */
import { createWriteStream } from 'node:fs';

import { generateInventory } from './generate.ts';

const SIZES: Readonly<Record<string, number>> = {
  '2k': 2_000, '5k': 5_000, '10k': 10_000, '20k': 20_000, '50k': 50_000, '100k': 100_000, '200k': 200_000, '500k': 500_000, '1m': 1_000_000,
};

export async function writeEstate(nodeCount: number, path: string): Promise<{ nodes: number; edges: number; bytes: number }> {
  const inv = generateInventory({ nodes: nodeCount, edges: 5 * nodeCount });
  const out = createWriteStream(path);
  let bytes = 0;
  let buffer: string[] = [];
  let pending = 0;
  const push = async (text: string) => {
    buffer.push(text);
    pending += text.length;
    if (pending > 1 << 20) await flush();
  };
  const flush = async () => {
    const chunk = buffer.join('');
    buffer = [];
    pending = 0;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  await push(`{"format":"pathlight-inventory","version":1,"source":{"name":"bench estate ${nodeCount}","collector":"bench/write-estate.ts"},"nodes":[\n`);
  for (let i = 0; i < inv.nodes.length; i++) {
    const n = inv.nodes[i]!;
    await push(`${i ? ',\n' : ''}${JSON.stringify({ id: n.id, kind: n.kind, name: n.name, ...n.fields })}`);
  }
  await push('\n],"edges":[\n');
  for (let j = 0; j < inv.edges.length; j++) {
    const e = inv.edges[j]!;
    await push(`${j ? ',\n' : ''}${JSON.stringify({ id: e.id, source: e.source, target: e.target, kind: e.kind, ...e.fields })}`);
  }
  await push('\n]}\n');
  await flush();
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { nodes: inv.nodes.length, edges: inv.edges.length, bytes };
}

if (process.argv[1]?.endsWith('write-estate.ts')) {
  const [size, path] = process.argv.slice(2);
  const n = size === undefined ? undefined : (SIZES[size.toLowerCase()] ?? Number(size));
  if (n === undefined || !Number.isInteger(n) || n < 100 || path === undefined) {
    console.error(`usage: node --import tsx bench/write-estate.ts SIZE FILE   (SIZE: ${Object.keys(SIZES).join(', ')} or a node count)`);
    process.exit(2);
  }
  const r = await writeEstate(n, path);
  console.error(`${path}: ${r.nodes} nodes, ${r.edges} edges, ${(r.bytes / 1048576).toFixed(1)} MiB`);
}
