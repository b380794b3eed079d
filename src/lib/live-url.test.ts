// @vitest-environment node
// Against the reference server (scripts/serve-inventory.ts) and its fault hooks, with Node's real fetch.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { startInventoryServer } from '../../scripts/serve-inventory.ts';
import type { InventoryServer } from '../../scripts/serve-inventory.ts';

import { SourceFetchError, checkSourceUrl, fetchSource } from './live-url.ts';

const INVENTORY = `${JSON.stringify({ format: 'pathlight-inventory', version: 1, nodes: [{ id: 'agent:bot', kind: 'ai_agent' }], edges: [] })}\n`;

let servers: InventoryServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(): Promise<{ server: InventoryServer; requests: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'pathlight-live-url-'));
  writeFileSync(join(dir, 'inv.json'), INVENTORY);
  const requests: string[] = [];
  const server = await startInventoryServer({ dir, port: 0, log: (line) => requests.push(line) });
  servers.push(server);
  return { server, requests };
}

const failure = async (p: Promise<unknown>): Promise<SourceFetchError> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceFetchError);
  return err as SourceFetchError;
};

describe('fetchSource', () => {
  it('reads the inventory as bytes', async () => {
    const { server } = await serve();
    const res = await fetchSource(server.url);
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(res.bytes)).toBe(INVENTORY);
  });

  it('never follows a redirect: to another port, to localhost, to another path, any status', async () => {
    const { server } = await serve();
    const other = await serve();
    const targets = [other.server.url, other.server.url.replace('127.0.0.1', 'localhost'), 'http://attacker.example/inventory', '/health'];
    for (const [i, location] of targets.entries()) {
      server.inject({ mode: 'redirect', status: [301, 302, 307, 308][i]!, location });
      const err = await failure(fetchSource(server.url));
      expect(err.message).toContain('redirect');
      expect(err.message).toContain(location);
      expect(err.transient).toBe(false);
    }
    expect(other.requests).toEqual([]);
  });

  it('stops a chunked body without Content-Length at the cap, counting what arrives', async () => {
    const { server } = await serve();
    server.inject({ mode: 'huge', bytes: 8 * 1024 * 1024 });
    const err = await failure(fetchSource(server.url, { maxBytes: 1024 * 1024 }));
    expect(err.message).toMatch(/larger than 1 MB \(more arrived than that\)/);
    // Under the cap the same kind of body is read whole.
    server.inject({ mode: 'huge', bytes: 512 * 1024 });
    const res = await fetchSource(server.url, { maxBytes: 1024 * 1024 });
    expect(res.bytes.byteLength).toBe(512 * 1024);
  });

  it('gives up after the time budget', async () => {
    const { server } = await serve();
    server.inject({ mode: 'slow', delayMs: 60_000 });
    const err = await failure(fetchSource(server.url, { timeoutMs: 200 }));
    expect(err.message).toBe('timed out after 0.2 s');
    expect(err.transient).toBe(true);
  });
});

describe('checkSourceUrl', () => {
  it('takes http and https only, with clear sentences', () => {
    expect(checkSourceUrl('http://127.0.0.1:8787/inventory', 'http:')).toEqual({ ok: true, url: 'http://127.0.0.1:8787/inventory' });
    for (const bad of ['data:application/json,{}', 'javascript:alert(1)', 'file:///etc/passwd', 'blob:http://x/1', 'ftp://x/y']) {
      const check = checkSourceUrl(bad, 'http:');
      expect(check.ok).toBe(false);
      expect(!check.ok && check.message).toMatch(/^Only http and https URLs can be loaded/);
    }
    expect(checkSourceUrl('https://user:pw@x.example/y', 'https:')).toEqual({ ok: false, message: 'Put credentials in the token field, not in the URL.' });
    expect(checkSourceUrl('https://user@x.example/y', 'https:').ok).toBe(false);
    expect(checkSourceUrl('http://cmdb.example/inventory', 'https:')).toMatchObject({ ok: false, message: expect.stringMatching(/blocks plain http/) });
    expect(checkSourceUrl('inventory.json', 'http:').ok).toBe(false);
  });

  it('resolves a relative address-bar source against the page, with the same rules', () => {
    expect(checkSourceUrl('/samples/x.json', 'http:', 'http://127.0.0.1:4173/?view=board')).toEqual({ ok: true, url: 'http://127.0.0.1:4173/samples/x.json' });
    expect(checkSourceUrl('data:application/json,{}', 'http:', 'http://127.0.0.1:4173/').ok).toBe(false);
  });
});
