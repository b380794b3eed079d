import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import { run } from '../cli/main.ts';
import { FIXTURES } from './test/helpers.ts';

/**
 * Every OpenGraph, MCP, AWS and CycloneDX fixture, with secrets planted where each format keeps text, through
 * the CLI: `analyze --format json`, `convert --to pathlight` and `convert --to opengraph` must not show any
 * planted value, must keep the ids of the source, and must keep every OpenGraph edge kind with its count.
 * Fake values are assembled at run time.
 */
const S = {
  ghp: `ghp_${'Pl4nt3dT0k3nAbCdEfGh'}${'IjKlMnOpQrSt'}`,
  ant: `sk-ant-api03-${'Pl4nt3dAnthr0p1cK3yXyZ'}`,
  pw: `Pl4nt3d-${'Passw0rd'}-${'9x7'}`,
  sig: `Pl4ntSig${'Qw9rTy6uIo3pAs0dFg7h'}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiJwbGFudGVkIn0'}.${'Pl4nt3dS1gnatur3Pl4nt3dS1gn'}`,
  aws: `AKIA${'PL4NT3D0K3Y12345'}`.slice(0, 20),
  slack: `xoxb-${'1122334455'}-${'Pl4nt3dSl4ckT0k'}`,
};
const ALL = Object.values(S);

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function walk(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
    });
}

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Plants secrets into the places a format keeps text. */
function plant(rel: string, doc: unknown): unknown {
  const d = structuredClone(doc) as J;
  if (rel.startsWith('opengraph/') && isObj(d.graph)) {
    const g = d.graph as { nodes?: J[]; edges?: J[] };
    const n = g.nodes?.[0];
    if (n) n.properties = { ...(n.properties as J), description: `rotated to ${S.ghp} yesterday`, client_secret: S.pw, bearer_note: `Authorization: Bearer ${S.jwt}` };
    const e = g.edges?.[0];
    if (e) e.properties = { ...(e.properties as J), comment: `key ${S.ant}` };
  }
  if (rel.startsWith('mcp-configs/')) {
    const maps = [d.mcpServers, d.servers, isObj(d.mcp) ? (d.mcp as J).servers : undefined].filter(isObj);
    if (maps.length === 0 && typeof d.command === 'string') maps.push({ self: d });
    for (const m of maps) {
      for (const entry of Object.values(m).filter(isObj)) {
        entry.env = { ...(entry.env as J), API_TOKEN: S.pw, [S.slack]: '1' };
        if (Array.isArray(entry.args)) entry.args = [...(entry.args as unknown[]), `--api-key=${S.ant}`, `https://hooks.example.com/x?sig=${S.sig}`];
        entry.description = `uses ${S.ghp}`;
        if (typeof entry.url === 'string') entry.url = `${entry.url}#${S.sig}`;
      }
    }
  }
  if (rel.startsWith('aws-')) {
    for (const list of ['RoleDetailList', 'UserDetailList']) {
      const first = (d[list] as J[] | undefined)?.[0];
      if (first) first.Tags = [{ Key: 'note', Value: `leaked ${S.aws} and ${S.ghp}` }];
    }
    const fn = (d.Functions as J[] | undefined)?.[0];
    if (fn) fn.Environment = { Variables: { DB_PASSWORD: S.pw, SLACK_TOKEN: S.slack } };
  }
  if (rel.startsWith('cyclonedx/')) {
    const svc = (d.services as J[] | undefined)?.[0];
    if (svc) svc.endpoints = [...((svc.endpoints as string[] | undefined) ?? []), `https://api.example.com/v1?api_key=${S.pw}`];
    const c = (d.components as J[] | undefined)?.[0];
    if (c) c.description = `token ${S.ghp}`;
  }
  return d;
}

const FILES = walk(FIXTURES)
  .map((p) => relative(FIXTURES, p))
  .filter((r) => /^(opengraph|mcp-configs|aws-iam|aws-cloudmapper-demo|cyclonedx)\//.test(r) && !/opengraph-(node|edge)\.json$/.test(r));

describe('planted secrets never reach analyze or convert output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pathlight-planted-'));
  const planted = FILES.map((rel) => {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, JSON.stringify(plant(rel, JSON.parse(readFileSync(join(FIXTURES, rel), 'utf8')))));
    return { rel, path: p };
  });

  it('plants something in every file that keeps text', () => {
    const changed = planted.filter(({ rel, path }) => readFileSync(path, 'utf8') !== JSON.stringify(JSON.parse(readFileSync(join(FIXTURES, rel), 'utf8'))));
    expect(changed.length).toBeGreaterThan(FILES.length / 2);
  });

  it.each(planted.map((p) => [p.rel, p.path]))('%s: analyze, convert --to pathlight, convert --to opengraph', async (rel, path) => {
    const outs: string[] = [];
    const a = await cli('analyze', path, '--format', 'json');
    expect(a.code, a.stderr).toBe(0);
    outs.push(a.stdout, a.stderr);
    const p = await cli('convert', path, '--to', 'pathlight');
    expect(p.code, p.stderr).toBe(0);
    outs.push(p.stdout, p.stderr);
    const ogFile = join(dir, `${rel.replace(/\W+/g, '_')}.og.json`);
    const o = await cli('convert', path, '--to', 'opengraph', '--out', ogFile);
    expect(o.code, o.stderr).toBe(0);
    outs.push(o.stdout, o.stderr, readFileSync(ogFile, 'utf8'), readFileSync(ogFile.replace(/\.json$/, '.schema.json'), 'utf8'));
    const text = outs.join('\n');
    for (const s of ALL) expect(text.includes(s), `${s.slice(0, 10)}… in output`).toBe(false);

    const src = JSON.parse(readFileSync(join(FIXTURES, rel), 'utf8')) as J;
    const inv = JSON.parse(p.stdout) as { nodes: J[]; edges: J[] };
    const ids = new Set(inv.nodes.map((n) => n.id));
    const og = JSON.parse(readFileSync(ogFile, 'utf8')) as { graph: { nodes: J[]; edges: J[] } };
    const ogIds = new Set(og.graph.nodes.map((n) => n.id));
    const isOg = rel.startsWith('opengraph/') && isObj(src.graph);
    // ids unchanged, and every edge kind in = out (exact duplicates aside; none in these files)
    const srcIds = isOg ? ((src.graph as { nodes?: J[] }).nodes ?? []).map((n) => n.id) : [];
    expect(srcIds.filter((id) => !ids.has(id) || !ogIds.has(id))).toEqual([]);
    const count = (kinds: unknown[]) => kinds.reduce<Record<string, number>>((m, k) => ({ ...m, [String(k)]: (m[String(k)] ?? 0) + 1 }), {});
    const inKinds = isOg ? count(((src.graph as { edges?: J[] }).edges ?? []).map((e) => e.kind)) : {};
    expect(isOg ? count(inv.edges.map((e) => e.ogKind)) : {}).toEqual(inKinds);
    expect(isOg ? count(og.graph.edges.map((e) => e.kind)) : {}).toEqual(inKinds);
    const roleArns = rel.startsWith('aws-') && Array.isArray(src.RoleDetailList) ? (src.RoleDetailList as J[]).map((r) => r.Arn) : [];
    expect(roleArns.filter((arn) => !ids.has(arn) || !ogIds.has(arn))).toEqual([]);
    // nothing but ids' own text was needed to find the planted values: the warnings say where they were
    expect(!text.includes('<redacted:') || /SECRET_REDACTED/.test(a.stdout)).toBe(true);
  }, 120_000);
});
