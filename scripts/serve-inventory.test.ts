import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ServeUsageError, etagOf, noneMatch, parseServeArgs, startInventoryServer } from './serve-inventory.ts';
import type { InventoryServer, ServeOptions } from './serve-inventory.ts';

const inventory = (name: string) => `${JSON.stringify({ format: 'pathlight-inventory', version: 1, nodes: [{ id: 'agent:bot', kind: 'ai_agent', name }], edges: [] })}\n`;

let servers: InventoryServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pathlight-serve-'));
}

/** Writes a file with an explicit modification time (seconds from now), so "newest" is not left to timing. */
function put(dir: string, name: string, text: string, ageSeconds = 0): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  const t = Date.now() / 1000 - ageSeconds;
  utimesSync(path, t, t);
  return path;
}

async function serve(options: Partial<ServeOptions> & { dir: string }): Promise<InventoryServer> {
  const server = await startInventoryServer({ port: 0, ...options });
  servers.push(server);
  return server;
}

describe('serve-inventory', () => {
  it('serves the newest file with a strong ETag, no-cache and CORS headers', async () => {
    const dir = tempDir();
    put(dir, 'a.json', inventory('old'), 60);
    put(dir, 'b.json', inventory('new'), 10);
    const server = await serve({ dir });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/inventory$/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toBe(inventory('new'));
    expect(res.headers.get('etag')).toBe(etagOf(Buffer.from(body)));
    expect(res.headers.get('etag')).toMatch(/^"sha256-[\w-]{43}"$/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, If-None-Match');
  });

  it('answers 304 when If-None-Match names the current ETag, and 200 otherwise', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('one'));
    const server = await serve({ dir });
    const etag = (await fetch(server.url)).headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await fetch(server.url, { headers: { 'If-None-Match': header } });
      expect(res.status, header).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(await res.text()).toBe('');
    }
    const miss = await fetch(server.url, { headers: { 'If-None-Match': '"sha256-stale"' } });
    expect(miss.status).toBe(200);
    expect(await miss.text()).toBe(inventory('one'));
  });

  it('picks up a changed file, and a newer file, without a restart', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('one'), 30);
    const server = await serve({ dir });
    const first = await fetch(server.url);
    const etag1 = first.headers.get('etag')!;
    await first.text();
    put(dir, 'inv.json', inventory('two'), 20);
    const second = await fetch(server.url, { headers: { 'If-None-Match': etag1 } });
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(inventory('two'));
    const etag2 = second.headers.get('etag')!;
    expect(etag2).not.toBe(etag1);
    // A newer file wins; dotfiles and temp files (half-written atomic saves) are ignored.
    put(dir, 'next.json', inventory('three'), 10);
    put(dir, '.hidden.json', inventory('hidden'));
    put(dir, 'next.json.tmp', inventory('partial'));
    mkdirSync(join(dir, 'subdir'));
    const third = await fetch(server.url, { headers: { 'If-None-Match': etag2 } });
    expect(third.status).toBe(200);
    expect(await third.text()).toBe(inventory('three'));
  });

  it('answers HEAD like GET without a body, refuses other methods, and logs paths only', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('head'));
    const lines: string[] = [];
    const server = await serve({ dir, log: (line) => lines.push(line) });
    const head = await fetch(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etagOf(Buffer.from(inventory('head'))));
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(inventory('head'))));
    expect(await head.text()).toBe('');
    const post = await fetch(server.url, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    await (await fetch(`${server.url}?token=leak`)).text();
    expect(lines).toEqual(['HEAD /inventory 200', 'POST /inventory 405', 'GET /inventory 200']);
  });

  it('answers 404 with a JSON error while the folder has no file', async () => {
    const server = await serve({ dir: tempDir() });
    const res = await fetch(server.url);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: expect.stringContaining('no inventory file') });
    expect((await fetch(server.url.replace('/inventory', '/nope'))).status).toBe(404);
  });

  it('requires the bearer token when one is set (health does not)', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('secret'));
    const server = await serve({ dir, token: 's3cret-token' });
    const none = await fetch(server.url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.headers.get('access-control-allow-origin')).toBe('*');
    expect(await none.text()).not.toContain('secret"');
    expect((await fetch(server.url, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(server.url, { headers: { Authorization: 's3cret-token' } })).status).toBe(401);
    const ok = await fetch(server.url, { headers: { Authorization: 'Bearer s3cret-token' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(inventory('secret'));
    const health = await fetch(server.url.replace('/inventory', '/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('answers the CORS preflight with 204, echoing allowed origins when restricted', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('x'));
    const open = await serve({ dir });
    const pre = await fetch(open.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization, if-none-match' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Authorization, If-None-Match');
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');

    const restricted = await serve({ dir, allowOrigins: ['http://localhost:5173'] });
    const allowed = await fetch(restricted.url, { headers: { Origin: 'http://localhost:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await fetch(restricted.url, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('test hooks: --fail-next and POST /control queue 500s, malformed or invalid bodies and slow answers', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('fine'));
    const server = await serve({ dir, failNext: 1 });
    expect((await fetch(server.url)).status).toBe(500);
    expect((await fetch(server.url)).status).toBe(200);

    const control = server.url.replace('/inventory', '/control');
    const post = (body: unknown) => fetch(control, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ mode: 'error', count: 2, status: 503 })).status).toBe(200);
    expect((await fetch(server.url)).status).toBe(503);
    expect((await fetch(server.url)).status).toBe(503);
    expect((await fetch(server.url)).status).toBe(200);

    await post({ mode: 'malformed' });
    const bad = await fetch(server.url);
    expect(bad.status).toBe(200);
    expect(bad.headers.get('etag')).toMatch(/^"fault-\d+"$/);
    const badText = await bad.text();
    expect(() => JSON.parse(badText)).toThrow(SyntaxError);

    await post({ mode: 'invalid' });
    const invalid = await fetch(server.url);
    expect(invalid.status).toBe(200);
    expect(await invalid.json()).not.toHaveProperty('format');

    await post({ mode: 'slow', delayMs: 300 });
    const t0 = Date.now();
    const slow = await fetch(server.url);
    expect(slow.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);

    await post({ mode: 'error', count: 5 });
    expect(await (await post({ mode: 'reset' })).json()).toEqual({ queued: [] });
    expect((await fetch(server.url)).status).toBe(200);
    expect((await post({ mode: 'explode' })).status).toBe(400);
    expect((await fetch(control, { method: 'POST', body: '{nope' })).status).toBe(400);
  });

  it('refuses requests addressed to a non-loopback Host (DNS rebinding)', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('x'));
    const server = await serve({ dir });
    const status = (host: string) =>
      new Promise<number>((done, fail) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/inventory', headers: { Host: host } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end();
      });
    expect(await status('attacker.example:80')).toBe(403);
    expect(await status(`localhost:${server.port}`)).toBe(200);
    expect(await status(`127.0.0.1:${server.port}`)).toBe(200);
  });

  it('listens on loopback only and validates its arguments', async () => {
    await expect(startInventoryServer({ dir: tempDir(), host: '0.0.0.0', port: 0 })).rejects.toThrow(ServeUsageError);
    await expect(startInventoryServer({ dir: join(tempDir(), 'missing'), port: 0 })).rejects.toThrow(/not a directory/);
    expect(parseServeArgs(['inv', '--port', '0', '--token', 't', '--fail-next=2'])).toEqual({ dir: 'inv', port: 0, token: 't', failNext: 2 });
    expect(parseServeArgs(['inv'], { PATHLIGHT_SERVE_TOKEN: 'env' })).toEqual({ dir: 'inv', token: 'env' });
    expect(parseServeArgs(['inv', '--host', '::1', '--allow-origin', 'http://a, http://b'])).toEqual({ dir: 'inv', host: '::1', allowOrigins: ['http://a', 'http://b'] });
    expect(() => parseServeArgs([])).toThrow(/which folder/);
    expect(() => parseServeArgs(['inv', '--host', '192.168.1.2'])).toThrow(/only loopback/);
    expect(() => parseServeArgs(['inv', '--port', 'x'])).toThrow(/--port must be a whole number/);
    expect(() => parseServeArgs(['inv', '--bogus'])).toThrow(/unknown option --bogus/);
  });

  it('matches If-None-Match by weak comparison', () => {
    expect(noneMatch(undefined, '"a"')).toBe(false);
    expect(noneMatch('"a"', '"a"')).toBe(true);
    expect(noneMatch('W/"a"', '"a"')).toBe(true);
    expect(noneMatch('"b", "c"', '"a"')).toBe(false);
  });

  it('runs as a script and prints where it serves', async () => {
    const dir = tempDir();
    put(dir, 'inv.json', inventory('script'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-inventory.ts'), dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) done(out.split('\n')[0]!);
        });
        child.once('exit', (code) => fail(new Error(`exited ${code}`)));
        setTimeout(() => fail(new Error('no start line within 15 s')), 15_000);
      });
      expect(line).toMatch(new RegExp(`^serving ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at http://127\\.0\\.0\\.1:\\d+/inventory$`));
      const res = await fetch(line.split(' at ')[1]!);
      expect(await res.text()).toBe(inventory('script'));
    } finally {
      child.kill('SIGTERM');
    }
  }, 20_000);
});
