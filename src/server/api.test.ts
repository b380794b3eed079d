/**
 * The server's API suite. The same tests run against every back end of testBackends(): the embedded
 * database, and a real PostgreSQL when the run provides one (npm test always does).
 */
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildGraph } from '../graph/build-graph.ts';
import { computeReach } from '../graph/reach.ts';
import { evaluateRules } from '../graph/rules/registry.ts';
import { importInventories } from '../import/index.ts';

import { startServer } from './app.ts';
import type { RunningServer } from './app.ts';
import { openDatabase } from './db.ts';
import type { Db, DbTarget } from './db.ts';
import { migrate } from './migrations.ts';
import { testBackends } from './test-backends.ts';
import { createToken } from './tokens.ts';

const SAMPLE_TEXT = readFileSync(new URL('../../public/samples/sample-inventory.json', import.meta.url), 'utf8');
const SAMPLE = JSON.parse(SAMPLE_TEXT) as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };

/** The sample with one more agent that can read a crown jewel, and one node fewer. */
function changedSample(tag: string) {
  const nodes = SAMPLE.nodes.filter((n) => n.id !== 'human:aisling-byrne');
  const edges = SAMPLE.edges.filter((e) => e.source !== 'human:aisling-byrne' && e.target !== 'human:aisling-byrne');
  return JSON.stringify({ ...SAMPLE, nodes: [...nodes, { id: `agent:new-${tag}`, kind: 'ai_agent', name: `New agent ${tag}` }], edges });
}

// Fake secret built at run time (no secret-shaped literal in the repository).
const PAT = `ghp_${'Qw8'.repeat(12)}`;
const MCP_CONFIG = JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: PAT } } } });

function expected(text: string) {
  const r = importInventories([{ file: 'x.json', text }]);
  if (!r.ok) throw new Error('fixture does not import');
  const graph = buildGraph(r.inventory);
  return { graph, findings: evaluateRules({ graph, mode: 'strict', now: Date.now() }) };
}

for (const backend of testBackends()) {
  describe(`server API (${backend.name})`, { timeout: 120_000 }, () => {
    let target: DbTarget;
    let cleanup: () => Promise<void>;
    let db: Db;
    let server: RunningServer;
    const tokens = { viewer: '', editor: '', admin: '', editor2: '' };

    const start = async (options: Partial<Parameters<typeof startServer>[0]> = {}) => {
      db = await openDatabase(target);
      await migrate(db);
      server = await startServer({ db, port: 0, ...options });
    };
    const stop = async () => {
      await server.close();
      await db.close();
    };
    const call = (path: string, init: RequestInit & { token?: string } = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
      return fetch(`${server.url}${path}`, { ...init, headers });
    };
    const push = (body: string, token: string, file = 'inventory.json') =>
      call('/api/snapshots', { method: 'POST', body, token, headers: { 'Content-Type': 'application/json', 'X-Pathlight-Files': encodeURIComponent(file) } });
    const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

    beforeAll(async () => {
      ({ target, cleanup } = await backend.fresh());
      await start();
      for (const role of ['viewer', 'editor', 'admin'] as const) tokens[role] = (await createToken(db, role, `${role} person`)).token;
      tokens.editor2 = (await createToken(db, 'editor', 'second editor')).token;
    }, 120_000);

    afterAll(async () => {
      await stop().catch(() => {});
      await cleanup?.();
    });

    it('answers 404 at /inventory and an empty history before the first push', async () => {
      const res = await call('/inventory');
      expect(res.status).toBe(404);
      const list = await call('/api/snapshots', { token: tokens.viewer });
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual([]);
    });

    it('requires a valid bearer token on the API and names the problem', async () => {
      const none = await call('/api/snapshots');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await call('/api/snapshots', { token: 'plt_not-a-real-token' });
      expect(wrong.status).toBe(401);
      expect((await json(wrong)).error).toMatch(/unknown or revoked/);
    });

    it('stores a push as a snapshot whose figures are the engine’s, and serves it at /inventory with an ETag', async () => {
      const res = await push(SAMPLE_TEXT, tokens.editor, 'sample.json');
      expect(res.status).toBe(201);
      const meta = await json(res);
      const want = expected(SAMPLE_TEXT);
      expect(meta).toMatchObject({ nodes: want.graph.nodes.length, edges: want.graph.edges.length, findings: want.findings.length, pushedBy: 'editor person', files: ['sample.json'] });

      const inv = await call('/inventory');
      expect(inv.status).toBe(200);
      const etag = inv.headers.get('etag')!;
      expect(etag).toMatch(/^"sha256-[A-Za-z0-9_-]+"$/);
      expect(inv.headers.get('cache-control')).toBe('no-cache');
      const doc = (await inv.json()) as { format: string; nodes: unknown[] };
      expect(doc.format).toBe('pathlight-inventory');
      expect(doc.nodes).toHaveLength(want.graph.nodes.length);

      for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await call('/inventory', { headers: { 'If-None-Match': tag } });
        expect(again.status).toBe(304);
        expect(again.headers.get('etag')).toBe(etag);
        expect(await again.text()).toBe('');
      }
      const head = await call('/inventory', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(etag);
      expect(await head.text()).toBe('');
      const stale = await call('/inventory', { headers: { 'If-None-Match': '"sha256-stale"' } });
      expect(stale.status).toBe(200);
    });

    it('refuses pushes from a viewer (403) and without a token (401), storing nothing', async () => {
      const viewer = await push(SAMPLE_TEXT, tokens.viewer);
      expect(viewer.status).toBe(403);
      expect((await json(viewer)).error).toMatch(/editor role/);
      const anonymous = await call('/api/snapshots', { method: 'POST', body: SAMPLE_TEXT });
      expect(anonymous.status).toBe(401);
      expect(await json<unknown[]>(await call('/api/snapshots', { token: tokens.viewer }))).toHaveLength(1);
    });

    it('refuses a corrupt push with a located error and stores nothing', async () => {
      const before = (await call('/inventory')).headers.get('etag');
      const truncated = await push(SAMPLE_TEXT.slice(0, 5000), tokens.editor, 'broken.json');
      expect(truncated.status).toBe(400);
      const body = await json<{ error: string; errors: { at: string; file?: string }[] }>(truncated);
      expect(body.error).toMatch(/^broken\.json: /);
      expect(body.error).toMatch(/nothing was stored/);
      expect(body.errors[0]!.file).toBe('broken.json');

      const noId = JSON.stringify({ ...SAMPLE, nodes: [...SAMPLE.nodes, { kind: 'ai_agent', name: 'no id' }] });
      const invalid = await push(noId, tokens.editor, 'noid.json');
      expect(invalid.status).toBe(400);
      const located = await json<{ errors: { at: string }[] }>(invalid);
      expect(located.errors.some((e) => e.at === `nodes[${SAMPLE.nodes.length}].id` || e.at.startsWith(`nodes[${SAMPLE.nodes.length}]`))).toBe(true);

      const empty = await push('', tokens.editor);
      expect(empty.status).toBe(400);
      expect(await json<unknown[]>(await call('/api/snapshots', { token: tokens.viewer }))).toHaveLength(1);
      expect((await call('/inventory')).headers.get('etag')).toBe(before);
    });

    it('lists snapshots newest first and diffs any two', async () => {
      expect((await push(changedSample('a'), tokens.editor, 'second.json')).status).toBe(201);
      const list = await json<{ id: number; createdAt: string; nodes: number; edges: number; findings: number }[]>(await call('/api/snapshots', { token: tokens.viewer }));
      expect(list).toHaveLength(2);
      expect(list[0]!.id).toBeGreaterThan(list[1]!.id);
      expect(Date.parse(list[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(list[1]!.createdAt));
      for (const s of list) for (const k of ['nodes', 'edges', 'findings'] as const) expect(typeof s[k]).toBe('number');

      const one = await json<{ id: number; inventory: { nodes: { id: string }[] }; findingsList: unknown[] }>(await call(`/api/snapshots/${list[1]!.id}`, { token: tokens.viewer }));
      expect(one.id).toBe(list[1]!.id);
      expect(one.inventory.nodes.some((n) => n.id === 'human:aisling-byrne')).toBe(true);
      expect(one.findingsList).toHaveLength(list[1]!.findings);
      expect((await call('/api/snapshots/999999', { token: tokens.viewer })).status).toBe(404);
      expect((await call('/api/snapshots/abc', { token: tokens.viewer })).status).toBe(400);

      const diff = await json<{ from: number; to: number; diff: { nodes: { added: string[]; removed: string[] } } }>(
        await call(`/api/diff?from=${list[1]!.id}&to=${list[0]!.id}`, { token: tokens.viewer }),
      );
      expect(diff.diff.nodes.added).toEqual(['agent:new-a']);
      expect(diff.diff.nodes.removed).toEqual(['human:aisling-byrne']);
      const implicit = await json<{ from: number }>(await call('/api/diff', { token: tokens.viewer }));
      expect(implicit.from).toBe(list[1]!.id);
    });

    it('shares decisions with author, time and reason, keeps them across snapshots, and audits every change', async () => {
      const finding = expected(SAMPLE_TEXT).findings[0]!;
      const decide = (token: string, status: string, reason: string) =>
        call('/api/decisions', { method: 'PUT', token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rule: finding.rule, node: finding.node, status, reason }) });
      expect((await decide(tokens.viewer, 'accepted', 'no')).status).toBe(403);
      const set = await decide(tokens.editor, 'accepted', 'compensating control in place');
      expect(set.status).toBe(200);
      expect(await json(set)).toMatchObject({ rule: finding.rule, node: finding.node, status: 'accepted', author: 'editor person' });
      const changed = await decide(tokens.editor2, 'mitigated', 'ticket SEC-1');
      expect(await json(changed)).toMatchObject({ status: 'mitigated', author: 'second editor', reason: 'ticket SEC-1' });
      expect((await decide(tokens.editor, 'ignored', 'x')).status).toBe(400);

      const all = await json<{ status: string; decidedAt: string }[]>(await call('/api/decisions', { token: tokens.viewer }));
      expect(all).toHaveLength(1);
      expect(Number.isNaN(Date.parse(all[0]!.decidedAt))).toBe(false);

      // A new snapshot in which the finding still exists carries the decision.
      expect((await push(changedSample('b'), tokens.editor)).status).toBe(201);
      const page = await json<{ items: { rule: string; node: string; decision?: { status: string } }[] }>(
        await call(`/api/graph/findings?node=${encodeURIComponent(finding.node)}&limit=100`, { token: tokens.viewer }),
      );
      expect(page.items.find((f) => f.rule === finding.rule)?.decision?.status).toBe('mitigated');

      const audit = await json<{ action: string; actor: string; detail: { before: { status: string } | null; after?: { status: string } } }[]>(await call('/api/audit', { token: tokens.viewer }));
      const decisions = audit.filter((a) => a.action === 'decision.set');
      expect(decisions.map((a) => [a.actor, a.detail.before?.status ?? null, a.detail.after?.status])).toEqual([
        ['second editor', 'accepted', 'mitigated'],
        ['editor person', null, 'accepted'],
      ]);
      const del = await call(`/api/decisions?rule=${encodeURIComponent(finding.rule)}&node=${encodeURIComponent(finding.node)}`, { method: 'DELETE', token: tokens.editor });
      expect(del.status).toBe(204);
      expect(await json<unknown[]>(await call('/api/decisions', { token: tokens.viewer }))).toEqual([]);
    });

    it('answers focused queries on the latest graph as the engine does', async () => {
      const list = await json<{ id: number }[]>(await call('/api/snapshots', { token: tokens.viewer }));
      const latest = await json<{ inventory: unknown }>(await call(`/api/snapshots/${list[0]!.id}`, { token: tokens.viewer }));
      const want = expected(JSON.stringify(latest.inventory));
      const reach = computeReach(want.graph, 'agent:support-bot', { maxHops: 2 });
      const radius = await json<{ total: number; nodes: { id: string; hops: number }[]; edges: { source: string; target: string }[]; truncated: boolean }>(
        await call('/api/graph/radius?node=agent:support-bot&hops=2&limit=5', { token: tokens.viewer }),
      );
      expect(radius.total).toBe(reach.size);
      expect(radius.nodes.map((n) => n.id)).toEqual(reach.toEntries(false).slice(0, 5).map((e) => e.id));
      expect(radius.truncated).toBe(reach.size > 5);
      const drawn = new Set(['agent:support-bot', ...radius.nodes.map((n) => n.id)]);
      for (const e of radius.edges) expect(drawn.has(e.source) && drawn.has(e.target)).toBe(true);

      const exposure = await json<{ total: number }>(await call('/api/graph/exposure?node=vs:support-kb', { token: tokens.viewer }));
      expect(exposure.total).toBeGreaterThan(0);
      const to = reach.toEntries(false).at(-1)!.id;
      const path = await json<{ path: { nodes: { id: string }[] } | null }>(await call(`/api/graph/path?from=agent:support-bot&to=${encodeURIComponent(to)}`, { token: tokens.viewer }));
      expect(path.path!.nodes.at(0)!.id).toBe('agent:support-bot');
      expect(path.path!.nodes.at(-1)!.id).toBe(to);

      const page = await json<{ total: number; items: unknown[] }>(await call('/api/graph/findings?offset=1&limit=2', { token: tokens.viewer }));
      expect(page.total).toBe(want.findings.length);
      expect(page.items).toHaveLength(2);
      const context = await json<{ groups: { direction: string; count: number }[] }>(await call('/api/graph/context?node=agent:support-bot', { token: tokens.viewer }));
      const out = context.groups.filter((g) => g.direction === 'out').reduce((s, g) => s + g.count, 0);
      expect(out).toBe(want.graph.index.outOffsets[want.graph.index.nodeIndex.get('agent:support-bot')! + 1]! - want.graph.index.outOffsets[want.graph.index.nodeIndex.get('agent:support-bot')!]!);
      const search = await json<{ nodes: { id: string }[] }>(await call('/api/graph/search?q=support-bot', { token: tokens.viewer }));
      expect(search.nodes.map((n) => n.id)).toContain('agent:support-bot');

      expect((await call('/api/graph/radius?node=nope', { token: tokens.viewer })).status).toBe(404);
      expect((await call('/api/graph/radius?node=agent:support-bot&hops=-1', { token: tokens.viewer })).status).toBe(400);
      expect((await call('/api/graph/radius?node=agent:support-bot')).status).toBe(401);
    });

    it('serialises concurrent pushes: every one stored once, ids in order, the last one served', async () => {
      const before = await json<{ id: number }[]>(await call('/api/snapshots', { token: tokens.viewer }));
      const results = await Promise.all(['c1', 'c2', 'c3'].map((t) => push(changedSample(t), tokens.editor)));
      const metas = await Promise.all(results.map((r) => json<{ id: number; etag: string }>(r)));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      const after = await json<{ id: number }[]>(await call('/api/snapshots', { token: tokens.viewer }));
      expect(after).toHaveLength(before.length + 3);
      expect(new Set(metas.map((m) => m.id)).size).toBe(3);
      const newest = metas.reduce((a, b) => (a.id > b.id ? a : b));
      expect((await call('/inventory')).headers.get('etag')).toBe(newest.etag);
    });

    it('keeps no secret value: a config’s token is stored only as a fingerprint', async () => {
      const res = await push(MCP_CONFIG, tokens.editor, 'claude_desktop_config.json');
      expect(res.status).toBe(201);
      const inv = await call('/inventory');
      expect(await inv.text()).not.toContain(PAT);
      const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM snapshots WHERE position(convert_to($1, 'UTF8') in inventory_gz) > 0", [PAT]);
      expect(rows[0]!.n).toBe(0);
      const tokenRows = await db.query<{ hash: string }>('SELECT hash FROM tokens');
      for (const r of tokenRows) for (const t of Object.values(tokens)) expect(r.hash).not.toBe(t);
    });

    it('lets only an admin manage tokens; a revoked token stops working', async () => {
      expect((await call('/api/tokens', { token: tokens.editor })).status).toBe(403);
      const created = await call('/api/tokens', { method: 'POST', token: tokens.admin, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'viewer', name: 'ci bot' }) });
      expect(created.status).toBe(201);
      const { token, id } = await json<{ token: string; id: string }>(created);
      expect((await call('/api/snapshots', { token })).status).toBe(200);
      const listed = await json<{ id: string; token?: string }[]>(await call('/api/tokens', { token: tokens.admin }));
      expect(listed.some((t) => t.id === id && t.token === undefined)).toBe(true);
      expect((await call(`/api/tokens/${id}`, { method: 'DELETE', token: tokens.admin })).status).toBe(204);
      expect((await call('/api/snapshots', { token })).status).toBe(401);
    });

    it('refuses requests addressed to a foreign host name (DNS rebinding) and sends no CORS headers by default', async () => {
      const port = new URL(server.url).port;
      const res = await new Promise<number>((done, fail) => {
        void import('node:http').then(({ request }) => {
          const req = request({ host: '127.0.0.1', port, path: '/inventory', headers: { Host: 'evil.example' } }, (r) => {
            r.resume();
            done(r.statusCode ?? 0);
          });
          req.on('error', fail);
          req.end();
        });
      });
      expect(res).toBe(403);
      const cors = await call('/inventory', { headers: { Origin: 'https://elsewhere.example' } });
      expect(cors.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('keeps everything across a restart', async () => {
      const list = await json<unknown[]>(await call('/api/snapshots', { token: tokens.viewer }));
      const etag = (await call('/inventory')).headers.get('etag');
      await call('/api/decisions', { method: 'PUT', token: tokens.editor, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rule: 'r', node: 'n', status: 'false-positive', reason: 'kept' }) });
      await stop();
      await start();
      expect(await json<unknown[]>(await call('/api/snapshots', { token: tokens.viewer }))).toEqual(list);
      expect((await call('/inventory')).headers.get('etag')).toBe(etag);
      expect(await json<unknown[]>(await call('/api/decisions', { token: tokens.viewer }))).toMatchObject([{ rule: 'r', node: 'n', status: 'false-positive', reason: 'kept' }]);
      expect(server.latest()?.graph.nodes.length).toBeGreaterThan(0);
    }, 180_000);

    it('caps push bodies, limits the request rate and allows only configured CORS origins', async () => {
      await stop();
      await start({ maxPushBytes: 1000, rateLimit: 8, allowOrigins: ['https://app.example'] });
      const count = (await json<unknown[]>(await call('/api/snapshots', { token: tokens.viewer }))).length;
      const big = await push(SAMPLE_TEXT, tokens.editor);
      expect(big.status).toBe(413);
      const allowed = await call('/inventory', { headers: { Origin: 'https://app.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(allowed.headers.get('access-control-expose-headers')).toBe('ETag');
      const other = await call('/inventory', { headers: { Origin: 'https://other.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 20 && !limited; i++) {
        const r = await call('/api/snapshots', { token: tokens.viewer });
        statuses.push(r.status);
        if (r.status === 429) limited = r;
      }
      expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
      await stop();
      await start();
      expect(await json<unknown[]>(await call('/api/snapshots', { token: tokens.viewer }))).toHaveLength(count);
    }, 180_000);
  });
}
