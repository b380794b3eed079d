/**
 * Server benchmark (figures in src/server/README.md; never asserted in tests):
 *
 *   npm run bench:server -- [--push-nodes 100000] [--radius-nodes 1000000] [--skip-push]
 *
 * 1. `pathlight push` of a generated estate (bench/write-estate.ts) to a fresh `pathlight serve` (embedded
 *    database), against `pathlight analyze` of the same file: both real processes, wall time.
 * 2. `/inventory` answered 304 (If-None-Match of the current ETag): per-request time over a kept-alive connection.
 * 3. Focused radius queries (3 hops, first 500 nodes) on a generated 1M-node graph held as the server holds
 *    the latest snapshot (LiveGraph), and the process's memory with it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildGraph } from '../src/graph/build-graph.ts';
import { ReachEngine } from '../src/graph/reach.ts';
import { LiveGraph } from '../src/server/focus.ts';
import type { SnapshotMeta } from '../src/server/snapshots.ts';

import { generateInventory } from './generate.ts';
import { writeEstate } from './write-estate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/pathlight.mjs');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function timedRun(args: string[], env: Record<string, string> = {}): Promise<{ ms: number; code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--max-old-space-size=6144', BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      if (stdout.length < 4096) stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - t0, code: code ?? -1, stdout, stderr }));
  });
}

function startServe(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', BIN, 'serve', '--port', '0', '--data', dataDir, '--max-push-mb', '2048'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /server at (http:\/\/\S+?)\/? /.exec(out);
      if (m)
        done({
          url: m[1]!,
          stop: () =>
            new Promise<void>((r) => {
              child.on('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p95: q(0.95), max: s.at(-1)! };
};
const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

async function main(): Promise<void> {
  const pushNodes = arg('push-nodes', 100_000);
  const skipPush = process.argv.includes('--skip-push');
  const radiusNodes = arg('radius-nodes', 1_000_000);
  console.log(`machine: ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'pathlight-server-bench-'));
  if (!skipPush) try {
    // 1. push vs analyze
    const file = join(dir, 'estate.json');
    const written = await writeEstate(pushNodes, file);
    console.log(`estate: ${written.nodes} nodes, ${written.edges} edges, ${(written.bytes / 1048576).toFixed(0)} MB`);
    const analyze = await timedRun(['analyze', file, '--format', 'json']);
    if (analyze.code !== 0 && analyze.code !== 1) throw new Error(`analyze failed: ${analyze.stderr}`);
    console.log(`analyze ${f(analyze.ms)} (load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    const token = (await timedRun(['token', 'create', '--role', 'editor', '--data', join(dir, 'data')])).stdout.trim();
    const server = await startServe(join(dir, 'data'));
    try {
      const push = await timedRun(['push', file, '--to', server.url, '--token', token]);
      if (push.code !== 0) throw new Error(`push failed: ${push.stderr}`);
      console.log(`push ${f(push.ms)} vs analyze ${f(analyze.ms)}: ratio ${(push.ms / analyze.ms).toFixed(2)} (target ≤ 2)`);

      // 2. /inventory 304
      const etag = (await fetch(`${server.url}/inventory`, { method: 'HEAD' })).headers.get('etag')!;
      const times: number[] = [];
      for (let i = 0; i < 300; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/inventory`, { headers: { 'If-None-Match': etag } });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (res.status !== 304) throw new Error(`expected 304, got ${res.status}`);
      }
      const s = stats(times.slice(20));
      console.log(`/inventory 304: median ${f(s.median)}, p95 ${f(s.p95)}, max ${f(s.max)} (target ≤ 5 ms)`);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  else await rm(dir, { recursive: true, force: true });

  // 3. focused radius on a large graph, as the server holds it
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const inv = generateInventory({ nodes: radiusNodes, edges: 5 * radiusNodes });
  const graph = buildGraph(inv);
  const meta = { id: 1 } as SnapshotMeta;
  const live = new LiveGraph(meta, graph, [], []);
  const built = performance.now() - t0;
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  const sources = Array.from(inv.aiAgents.subarray(0, 40), (i) => graph.nodes[i]!.id);
  const times: number[] = [];
  let totals = 0;
  for (const id of sources) {
    const q0 = performance.now();
    const r = live.radius(id, 3, 500);
    JSON.stringify(r);
    times.push(performance.now() - q0);
    totals += r.total;
  }
  const engine = new ReachEngine(graph);
  const engineTimes: number[] = [];
  for (const id of sources) {
    const q0 = performance.now();
    engine.run(engine.indexOf(id), { maxHops: 3 });
    engineTimes.push(performance.now() - q0);
  }
  const e = stats(engineTimes.slice(5));
  console.log(`  the engine's reach alone (ReachEngine.run, 3 hops): median ${f(e.median)}, p95 ${f(e.p95)}`);
  const s = stats(times.slice(5));
  console.log(
    `radius (3 hops, first 500 + edges, serialised) on ${graph.nodes.length} nodes / ${graph.edges.length} edges: median ${f(s.median)}, p95 ${f(s.p95)}, max ${f(s.max)} (target ≤ 200 ms); mean radius ${Math.round(totals / sources.length)} nodes`,
  );
  console.log(`memory with the graph held: RSS ${(rss / 1073741824).toFixed(2)} GB (before ${(before / 1073741824).toFixed(2)} GB; target ≤ 3 GB); built in ${f(built)}`);
}

await main();
