/**
 * The server's command-line contract and its fault tests, on the real processes (`node bin/pathlight.mjs`),
 * against every back end: `token create` prints one token and nothing else on stdout, `serve` prints its URL,
 * `push` exits 0 / 2 naming 401 and 403; a server killed in the middle of a push restarts with the previous
 * snapshot intact and no partial one; a corrupt file is refused with a located error and stores nothing.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DbTarget } from './db.ts';
import { testBackends } from './test-backends.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/pathlight.mjs');
const SAMPLE = join(ROOT, 'public/samples/sample-inventory.json');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Starts `pathlight serve` and resolves with its URL once it prints it; `waitFor` resolves when stderr shows a text. */
function serve(where: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; stderr: () => string; waitFor(text: string): Promise<void>; exited: Promise<number | null> }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...where], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      for (const w of waiters.splice(0)) if (err.includes(w.text)) w.resolve();
      else waiters.push(w);
    });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /server at (http:\/\/\S+?)\/? /.exec(out);
      if (m)
        done({
          child,
          url: m[1]!,
          stderr: () => err,
          waitFor: (text) => (err.includes(text) ? Promise.resolve() : new Promise((r) => waiters.push({ text, resolve: r }))),
          exited,
        });
    });
    void exited.then((code) => fail(new Error(`serve exited (${code}) before printing its URL: ${err}`)));
  });
}

async function stopServer(s: { child: ChildProcess; exited: Promise<number | null> }, signal: NodeJS.Signals = 'SIGTERM') {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal);
  await s.exited;
}

const whereArgs = (t: DbTarget) => ('data' in t ? ['--data', t.data] : ['--database', t.url]);

for (const backend of testBackends()) {
  // Each step spawns Node processes: generous deadlines, so a busy machine slows the tests without failing them.
  describe(`pathlight serve / token / push (${backend.name})`, { timeout: 300_000 }, () => {
    let target: DbTarget;
    let cleanup: () => Promise<void>;
    let files: string;
    let editor = '';
    let viewer = '';

    beforeAll(async () => {
      ({ target, cleanup } = await backend.fresh());
      files = await mkdtemp(join(tmpdir(), 'pathlight-files-'));
    }, 120_000);
    afterAll(async () => {
      await cleanup?.();
      await rm(files, { recursive: true, force: true });
    });

    it('token create prints exactly one token on stdout and nothing else', async () => {
      const e = await run(['token', 'create', '--role', 'editor', ...whereArgs(target)]);
      expect(e.code).toBe(0);
      expect(e.stdout).toMatch(/^plt_[A-Za-z0-9_-]{43}\n$/);
      editor = e.stdout.trim();
      const v = await run(['token', 'create', '--role', 'viewer', ...whereArgs(target)]);
      viewer = v.stdout.trim();
      expect(viewer).not.toBe(editor);
      const bad = await run(['token', 'create', '--role', 'owner', ...whereArgs(target)]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(/--role must be one of viewer, editor, admin/);
    }, 300_000);

    it('push exits 0 when stored and 2 on refusal, naming 401 and 403; a corrupt file is refused with its place and stores nothing', async () => {
      const s = await serve(whereArgs(target));
      try {
        expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const ok = await run(['push', SAMPLE, '--to', s.url, '--token', editor]);
        expect(ok.code).toBe(0);
        expect(ok.stdout).toMatch(/^stored snapshot \d+: 255 nodes/);
        const forbidden = await run(['push', SAMPLE, '--to', s.url, '--token', viewer]);
        expect(forbidden.code).toBe(2);
        expect(forbidden.stderr).toMatch(/403/);
        const unauthorised = await run(['push', SAMPLE, '--to', s.url, '--token', 'plt_wrong']);
        expect(unauthorised.code).toBe(2);
        expect(unauthorised.stderr).toMatch(/401/);

        const corrupt = join(files, 'corrupt.json');
        await writeFile(corrupt, '{"format": "pathlight-inventory", "version": 1, "nodes": [{"id": "agent:x", "kind": "ai_agent"}, {"kind": "tool"}], "edges": []}');
        const refused = await run(['push', corrupt, '--to', s.url, '--token', editor]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/corrupt\.json: nodes\[1\]/);
        expect(refused.stderr).toMatch(/nothing was stored/);
        const list = (await (await fetch(`${s.url}/api/snapshots`, { headers: { Authorization: `Bearer ${viewer}` } })).json()) as unknown[];
        expect(list).toHaveLength(1);

        // Several files are merged as analyze merges them, then stored as one snapshot.
        const extra = join(files, 'extra.json');
        await writeFile(extra, JSON.stringify({ format: 'pathlight-inventory', version: 1, nodes: [{ id: 'agent:merged', kind: 'ai_agent' }], edges: [] }));
        const merged = await run(['push', SAMPLE, extra, '--to', s.url, '--token', editor]);
        expect(merged.code).toBe(0);
        expect(merged.stdout).toMatch(/: 256 nodes/);
      } finally {
        await stopServer(s);
      }
    }, 300_000);

    it('a server killed during a push restarts with the previous snapshot intact and no partial one', async () => {
      const held = await serve(whereArgs(target), { PATHLIGHT_TEST_HOLD_PUSH: '1' });
      const before = (await (await fetch(`${held.url}/api/snapshots`, { headers: { Authorization: `Bearer ${viewer}` } })).json()) as { id: number; etag: string }[];
      const etag = (await fetch(`${held.url}/inventory`)).headers.get('etag');
      const pushing = run(['push', SAMPLE, '--to', held.url, '--token', editor]);
      await held.waitFor('push held before commit');
      await stopServer(held, 'SIGKILL');
      const pushed = await pushing;
      expect(pushed.code).toBe(2);

      const again = await serve(whereArgs(target));
      try {
        const after = (await (await fetch(`${again.url}/api/snapshots`, { headers: { Authorization: `Bearer ${viewer}` } })).json()) as { id: number }[];
        expect(after).toEqual(before);
        expect((await fetch(`${again.url}/inventory`)).headers.get('etag')).toBe(etag);
        const ok = await run(['push', SAMPLE, '--to', again.url, '--token', editor]);
        expect(ok.code).toBe(0);
        const list = (await (await fetch(`${again.url}/api/snapshots`, { headers: { Authorization: `Bearer ${viewer}` } })).json()) as unknown[];
        expect(list).toHaveLength(before.length + 1);
      } finally {
        await stopServer(again);
      }
    }, 400_000);
  });
}
