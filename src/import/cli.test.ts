import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { run } from '../cli/main.ts';
import { FIXTURES } from './test/helpers.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'pathlight-import-'));
const AWS = join(FIXTURES, 'aws-iam/example-authz-details.json');
const DEMO = join(FIXTURES, 'aws-cloudmapper-demo');

function walk(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
    });
}

describe('pathlight analyze on real exports', () => {
  it('analyzes an AWS authorization-details file end to end (--format json)', async () => {
    const { code, stdout, stderr } = await cli('analyze', AWS, '--format', 'json', '--from', 'arn:aws:iam::012345678901:user/obama');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.inventory.nodes).toBeGreaterThan(20);
    const reached = out.reach.reached.map((r: { id: string }) => r.id);
    expect(reached).toContain('arn:aws:iam::012345678901:group/admin');
    expect(out.reach.reached.find((r: { id: string }) => r.id === 'aws-all:*:012345678901')).toMatchObject({ access: 'control', hops: 1 });
  });

  it('analyzes the whole cloudmapper folder at once: the internet reaches a bucket through bad_role', async () => {
    const files = readdirSync(DEMO).filter((f) => f.endsWith('.json')).map((f) => join(DEMO, f));
    const { code, stdout } = await cli('analyze', ...files, '--format', 'json', '--from', 'aws:anyone');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const bucket = out.reach.reached.find((r: { id: string }) => r.id === 'arn:aws:s3:::cloudmapper_demo');
    // read through the public bucket policy in one hop, control through the role anyone can assume
    expect(bucket).toMatchObject({ access: 'control', hops: 1, path: ['aws:anyone|has_permission|arn:aws:s3:::cloudmapper_demo'] });
    expect(out.reach.reached.find((r: { id: string }) => r.id === 'arn:aws:iam::123456789012:role/bad_role')).toMatchObject({ access: 'control', hops: 1 });
  });

  it('imports every claimed file of the shared data set together, with no secret value in the output', async () => {
    const files = walk(FIXTURES).filter((f) => !/opengraph-(node|edge)\.json$|opengraph-upload-schema/.test(f));
    const { code, stdout, stderr } = await cli('analyze', ...files, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.inventory.nodes).toBeGreaterThan(200);
    for (const s of ['DRUFXGF9XbLn......a3x3POBiIxDreBCdZuFs5B', 'HAGDTYU9XbLnS......3xasFDDwecdZuFs5B', 'your-client-secret', 'Hello MCP!']) expect(stdout).not.toContain(s);
  });

  it('an unrecognised file exits 2 naming the formats it knows', async () => {
    const f = join(dir, 'mystery.json');
    writeFileSync(f, JSON.stringify({ hello: 'world' }));
    const { code, stderr } = await cli('analyze', f);
    expect(code).toBe(2);
    expect(stderr).toMatch(/mystery\.json: not a format Pathlight can import\. None of its top-level keys \("hello"\) belongs to a known format\. Known formats: Pathlight inventory v1; BloodHound OpenGraph payload; .*AWS IAM get-account-authorization-details; .*MCP client config; .*Okta/);
  });

  it('a missing file exits 2', async () => {
    const { code, stderr } = await cli('analyze', join(dir, 'nope.json'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.json: cannot read: no such file/);
  });
});

describe('pathlight convert', () => {
  it('--to pathlight writes a lossless inventory that analyze reads back', async () => {
    const out = join(dir, 'demo.pathlight.json');
    const r = await cli('convert', AWS, join(FIXTURES, 'mcp-configs/posthog-posthog__.mcp.json'), '--to', 'pathlight', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/example-authz-details\.json: aws-iam, \d+ nodes, \d+ edges/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.format).toBe('pathlight-inventory');
    const again = await cli('analyze', out, '--format', 'json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).inventory.nodes).toBe(doc.nodes.length);
  });

  it('--to opengraph writes the payload and its extension schema', async () => {
    const out = join(dir, 'og.json');
    const r = await cli('convert', AWS, '--to', 'opengraph', '--out', out);
    expect(r.code).toBe(0);
    const payload = JSON.parse(readFileSync(out, 'utf8'));
    const schema = JSON.parse(readFileSync(join(dir, 'og.schema.json'), 'utf8'));
    expect(payload.graph.nodes.length).toBeGreaterThan(20);
    expect(schema.schema.namespace).toBe('PL');
  });

  it('prints to stdout without --out; bad --to is a usage error', async () => {
    const r = await cli('convert', AWS, '--to', 'opengraph');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).metadata.source_kind).toBe('Pathlight');
    const bad = await cli('convert', AWS, '--to', 'csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--to/);
    const none = await cli('convert', '--to', 'pathlight');
    expect(none.code).toBe(2);
  });

  it('help mentions convert', async () => {
    expect((await cli('--help')).stdout).toContain('pathlight convert FILE... --to pathlight|opengraph');
  });
});
