import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

import { serializeDecisions } from '../features/review/decisions.ts';

import { cli, tempFiles } from './test-cli.ts';

/** The official SARIF 2.1.0 schema (fixtures/README.md says where it comes from). */
const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
function expectValidSarif(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors?.slice(0, 10)).toEqual([]);
}

const SAMPLE = join(import.meta.dirname, '..', '..', 'public', 'samples', 'sample-inventory.json');
/** The unchanged copies of ../shared/data kept with the importers' tests. */
const DATA = join(import.meta.dirname, '..', 'import', 'fixtures');
const { file } = tempFiles('sarif');

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[];
  relatedLocations?: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: { kind: string; status: string; justification: string }[];
  properties: { node: string; tags: string[]; lifecycle?: string; riskCategory?: string };
}

async function sarif(...argv: string[]) {
  const r = await cli('analyze', ...argv, '--format', 'sarif');
  expect(r.stderr).toBe('');
  const log = JSON.parse(r.stdout) as { runs: { results: SarifResult[]; tool: { driver: { rules: { id: string; properties: { tags: string[]; 'security-severity': string } }[] } } }[] };
  expectValidSarif(log);
  return { code: r.code, log, results: log.runs[0]!.results };
}

const lineOf = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 for the sample: the whole rule catalog, one result per finding, tags naming editions and lenses', async () => {
    const json = JSON.parse((await cli('analyze', SAMPLE, '--format', 'json')).stdout) as { findings: { rule: string; node: string }[] };
    const { log, results } = await sarif(SAMPLE);
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules).toHaveLength(19);
    expect(rules.every((r) => Number(r.properties['security-severity']) > 0)).toBe(true);
    expect(rules.find((r) => r.id === 'unvetted-mcp-beside-sensitive-tools')!.properties.tags).toEqual(
      expect.arrayContaining(['OWASP LLM03:2025', 'OWASP LLM04:2026', 'OWASP MCP03:2025 (beta)', 'MITRE ATLAS v2026.07 AML.T0110.000', 'lifecycle: Deployment', 'risk: The AI supply chain']),
    );
    expect(results.map((r) => `${r.ruleId}|${r.properties.node}`)).toEqual(json.findings.map((f) => `${f.rule}|${f.node}`));
    for (const r of results) {
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(SAMPLE.startsWith('/') ? `file://${SAMPLE}` : SAMPLE);
      expect(r.locations[0]!.physicalLocation.region!.startLine).toBeGreaterThan(1);
      expect(r.partialFingerprints['pathlightFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
      expect(r.properties.lifecycle).toBeDefined();
    }
    expect(new Set(results.map((r) => r.partialFingerprints['pathlightFinding/v1'])).size).toBe(results.length);
  });

  it('is valid SARIF for every real export of the shared data set', async () => {
    const files: string[][] = [];
    for (const dir of readdirSync(DATA, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      const inDir = readdirSync(join(DATA, dir.name), { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile() && f.name.endsWith('.json'))
        .map((f) => join(f.parentPath, f.name));
      if (dir.name === 'aws-cloudmapper-demo' || dir.name === 'okta-api') files.push(inDir);
      else for (const f of inDir) files.push([f]);
    }
    let checked = 0;
    for (const set of files) {
      const r = await cli('analyze', ...set, '--format', 'sarif', '--mode', 'worst-case');
      // JSON Schemas kept beside the exports are refused as "not data" (exit 2, no report)
      if (r.code === 2 && r.stderr.includes('this is a JSON Schema')) continue;
      expect(r.code, `${set.join(' ')}: ${r.stderr}`).toBe(0);
      expectValidSarif(JSON.parse(r.stdout));
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  }, 120_000); // every fixture, the 2,763-edge GitHound export included

  it('points MCP findings at the lines of the server entries in the client config', async () => {
    // the real inspector sample config, with two more servers so that R08 fires
    const real = readFileSync(join(DATA, 'mcp-configs', 'modelcontextprotocol-inspector__sample-config.json'), 'utf8');
    const text = real.replace(
      '    "hosted-everything": {',
      '    "filesystem": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Documents"]\n    },\n    "slack": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-slack"]\n    },\n    "hosted-everything": {',
    );
    const cfg = file('claude_desktop_config.json', text);
    const { results } = await sarif(cfg);
    const r08 = results.find((r) => r.ruleId === 'unvetted-mcp-beside-sensitive-tools')!;
    expect(r08).toBeDefined();
    const related = r08.relatedLocations!.map((l) => [l.message.text.split(':')[0], l.physicalLocation.region!.startLine]);
    expect(related).toEqual([
      ['unvetted server', lineOf(text, /^ {4}"everything": \{/)],
      ['sensitive tools', lineOf(text, /^ {4}"filesystem": \{/)],
    ]);
    expect(r08.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toBe(`file://${cfg}`);
  });

  it('points an IAM finding at the policy statement that grants the excess permission', async () => {
    // an OpenGraph agent running as the real cloudmapper "exfiller" role (joined by ARN) over a confidential bucket
    const og = {
      metadata: { source_kind: 'AIPlatform' },
      graph: {
        nodes: [
          { id: 'bot1', kinds: ['SupportAgent'], properties: { name: 'Public support bot', exposure: 'public' } },
          { id: 'mcp1', kinds: ['FetchMCPServer'], properties: { name: 'fetch' } },
          { id: 't1', kinds: ['Tool'], properties: { name: 'http_request', caps: ['network_fetch'], generic: true } },
          { id: 'role1', kinds: ['AWSRole'], properties: { name: 'exfiller', arn: 'arn:aws:iam::123456789012:role/exfiller' } },
          { id: 'bucket1', kinds: ['S3Bucket'], properties: { name: 'cloudmapper_demo', arn: 'arn:aws:s3:::cloudmapper_demo', sensitivity: 'confidential' } },
        ],
        edges: [
          { start: { value: 'bot1' }, end: { value: 'mcp1' }, kind: 'UsesTool' },
          { start: { value: 'mcp1' }, end: { value: 't1' }, kind: 'Provides' },
          { start: { value: 'bot1' }, end: { value: 'role1' }, kind: 'RunsAs' },
        ],
      },
    };
    const authz = join(DATA, 'aws-cloudmapper-demo', 'iam-get-account-authorization-details.json');
    const ogFile = file('ai-platform.json', JSON.stringify(og, null, 2));
    const { results } = await sarif(ogFile, authz);
    const r10 = results.find((r) => r.ruleId === 'overprivileged-ai-identity')!;
    expect(r10).toBeDefined();
    const excess = r10.relatedLocations!.find((l) => l.message.text.startsWith('excess permission'))!;
    expect(excess.physicalLocation.artifactLocation.uri).toBe(`file://${authz}`);
    const lines = readFileSync(authz, 'utf8').split('\n');
    const at = excess.physicalLocation.region!.startLine;
    // the statement object of exfiller's inline policy: `{` then "Action": "s3:*"
    expect(lines[at - 1]!.trim()).toBe('{');
    expect(lines[at]).toContain('"Action": "s3:*"');
    expect(lines.slice(0, at).reverse().find((l) => l.includes('"RoleName"'))).toContain('exfiller');
    // the finding itself sits at the agent's node in the OpenGraph file
    const ogLines = readFileSync(ogFile, 'utf8').split('\n');
    const start = r10.locations[0]!.physicalLocation.region!.startLine;
    expect(ogLines.slice(start - 1, start + 1).join('\n')).toContain('"id": "bot1"');
  });
});

/** A renamed and reordered copy of an inventory: every id replaced, nodes and edges shuffled. */
function renamedAndReordered(inv: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const shuffle = <T>(a: T[]) => {
    const b = [...a];
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [b[i], b[j]] = [b[j]!, b[i]!];
    }
    return b;
  };
  const rename = new Map(inv.nodes.map((n, i) => [n.id as string, `n${(i * 7919) % 100003}-${String(n.id).length}`]));
  const mapId = (v: unknown) => (typeof v === 'string' ? (rename.get(v) ?? v) : v);
  const replaceRefs = (v: unknown): unknown => (Array.isArray(v) ? v.map(replaceRefs) : mapId(v));
  return {
    ...inv,
    nodes: shuffle(inv.nodes.map((n) => Object.fromEntries(Object.entries(n).map(([k, v]) => [k, k === 'id' ? mapId(v) : typeof v === 'string' && rename.has(v) ? mapId(v) : replaceRefs(v)])))),
    edges: shuffle(inv.edges.map((e) => ({ ...e, ...(e.id !== undefined ? { id: `e-${String(e.id).length}-${rename.size}` } : {}), source: mapId(e.source), target: mapId(e.target) }))),
  };
}

describe('fingerprints', () => {
  it('are the same for a renamed and reordered copy of the estate, and its baseline says nothing is new', async () => {
    const inv = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    const copy = file('renamed.json', renamedAndReordered(inv));
    const a = await sarif(SAMPLE);
    const b = await sarif(copy);
    const fps = (rs: SarifResult[]) => rs.map((r) => `${r.ruleId} ${r.partialFingerprints['pathlightFinding/v1']}`).sort();
    expect(a.results.length).toBeGreaterThan(10);
    expect(b.results.map((r) => r.properties.node)).not.toEqual(a.results.map((r) => r.properties.node));
    expect(fps(b.results)).toEqual(fps(a.results));
    const before = file('before.sarif', JSON.stringify(a.log));
    const r = await cli('analyze', copy, '--baseline', before, '--fail-on', 'low', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).baseline).toMatchObject({ new: 0, unchanged: a.results.length, resolved: [] });
  });

  it('do not depend on the order the files are merged in (the surviving ids differ)', async () => {
    // two exports name the same agent differently; they join by its url, and the first file's id survives
    const og = (agentId: string, extra: boolean) => ({
      metadata: { source_kind: 'AIPlatform' },
      graph: {
        nodes: [
          { id: agentId, kinds: ['SupportAgent'], properties: { name: 'Public support bot', exposure: 'public', url: 'https://bot.example.com/chat' } },
          ...(extra
            ? [
                { id: 'mcp1', kinds: ['FetchMCPServer'], properties: { name: 'fetch' } },
                { id: 't1', kinds: ['Tool'], properties: { name: 'http_request', caps: ['network_fetch'], generic: true } },
                { id: 'role1', kinds: ['AWSRole'], properties: { name: 'exfiller', arn: 'arn:aws:iam::123456789012:role/exfiller' } },
                { id: 'bucket1', kinds: ['S3Bucket'], properties: { name: 'cloudmapper_demo', arn: 'arn:aws:s3:::cloudmapper_demo', sensitivity: 'confidential' } },
              ]
            : []),
        ],
        edges: extra
          ? [
              { start: { value: agentId }, end: { value: 'mcp1' }, kind: 'UsesTool' },
              { start: { value: 'mcp1' }, end: { value: 't1' }, kind: 'Provides' },
              { start: { value: agentId }, end: { value: 'role1' }, kind: 'RunsAs' },
            ]
          : [],
      },
    });
    const a = file('platform-a.json', og('bot1', true));
    const b = file('platform-b.json', og('agent-42', false));
    const authz = join(DATA, 'aws-cloudmapper-demo', 'iam-get-account-authorization-details.json');
    const one = await sarif(a, b, authz);
    const two = await sarif(authz, b, a);
    expect(one.results.length).toBeGreaterThan(0);
    expect(one.results.map((r) => r.properties.node)).toContain('bot1');
    expect(two.results.map((r) => r.properties.node)).toContain('agent-42');
    const fps = (rs: SarifResult[]) => rs.map((r) => `${r.ruleId} ${r.partialFingerprints['pathlightFinding/v1']}`).sort();
    expect(fps(two.results)).toEqual(fps(one.results));
  });
});

/** Drops the edges of `ids` (explicit or derived `source|kind|target` ids) from an inventory. */
function withoutEdges(inv: { edges: Record<string, unknown>[] }, ids: readonly string[]) {
  const drop = new Set(ids.map((id) => id.replace(/#\d+$/, '')));
  return { ...inv, edges: inv.edges.filter((e) => !drop.has((e.id as string | undefined) ?? `${e.source}|${e.kind}|${e.target}`)) };
}

describe('--baseline', () => {
  const inv = JSON.parse(readFileSync(SAMPLE, 'utf8'));

  async function snapshots() {
    const json = JSON.parse((await cli('analyze', SAMPLE, '--format', 'json')).stdout) as { findings: { rule: string; node: string; cut?: { edges: string[] } }[] };
    // snapshot A has finding X cut, snapshot B has a different finding Y cut
    const x = json.findings.find((f) => f.cut && f.cut.edges.length > 0)!;
    const y = json.findings.find((f) => f.cut && f.cut.edges.length > 0 && f.node !== x.node && f.cut.edges.every((e) => !x.cut!.edges.includes(e)))!;
    const a = file('snap-a.json', withoutEdges(inv, x.cut!.edges));
    const b = file('snap-b.json', withoutEdges(inv, y.cut!.edges));
    const keys = async (f: string) => new Set((JSON.parse((await cli('analyze', f, '--format', 'json')).stdout) as { findings: { rule: string; node: string }[] }).findings.map((g) => `${g.rule}|${g.node}`));
    return { a, b, ka: await keys(a), kb: await keys(b) };
  }

  it('marks findings new, unchanged and resolved between two snapshots of the sample (JSON and SARIF baselines alike)', async () => {
    const { a, b, ka, kb } = await snapshots();
    const expectedNew = [...kb].filter((k) => !ka.has(k)).sort();
    const expectedResolved = [...ka].filter((k) => !kb.has(k)).sort();
    expect(expectedNew.length).toBeGreaterThan(0);
    expect(expectedResolved.length).toBeGreaterThan(0);
    const reportA = file('report-a.json', (await cli('analyze', a, '--format', 'json')).stdout);
    const sarifA = file('report-a.sarif', (await cli('analyze', a, '--format', 'sarif')).stdout);
    for (const baseline of [reportA, sarifA]) {
      const r = await cli('analyze', b, '--baseline', baseline, '--format', 'json');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { findings: { rule: string; node: string; baseline: string }[]; baseline: { new: number; unchanged: number; resolved: { rule: string; node: string }[] } };
      expect(out.findings.filter((f) => f.baseline === 'new').map((f) => `${f.rule}|${f.node}`).sort()).toEqual(expectedNew);
      expect(out.baseline.resolved.map((f) => `${f.rule}|${f.node}`).sort()).toEqual(expectedResolved);
      expect(out.baseline.unchanged).toBe([...kb].filter((k) => ka.has(k)).length);
      const s = await sarif(b, '--baseline', baseline);
      expect(s.results.filter((x) => x.baselineState === 'new').length).toBe(expectedNew.length);
      expect(s.results.filter((x) => x.baselineState === 'unchanged').length).toBe(out.baseline.unchanged);
    }
    const text = await cli('analyze', b, '--baseline', reportA);
    expect(text.stdout).toContain(`${expectedNew.length} new, ${kb.size - expectedNew.length} unchanged, ${expectedResolved.length} resolved`);
    expect(text.stdout).toMatch(new RegExp(`\\nNew: ${expectedNew.length}\\n[\\s\\S]*\\nUnchanged: \\d+\\n[\\s\\S]*\\nResolved: ${expectedResolved.length}\\n`));
  });

  it('makes --fail-on and --fail-on-new count only new findings', async () => {
    const { a, b } = await snapshots();
    const reportA = file('report-a2.json', (await cli('analyze', a, '--format', 'json')).stdout);
    const reportB = file('report-b2.json', (await cli('analyze', b, '--format', 'json')).stdout);
    expect((await cli('analyze', b, '--fail-on', 'low')).code).toBe(1);
    expect((await cli('analyze', b, '--baseline', reportB, '--fail-on', 'low')).code).toBe(0);
    expect((await cli('analyze', b, '--baseline', reportB, '--fail-on-new', 'low')).code).toBe(0);
    expect((await cli('analyze', b, '--baseline', reportA, '--fail-on', 'low')).code).toBe(1);
    const r = await cli('analyze', b, '--baseline', reportA, '--fail-on-new', 'low', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    // usage and input problems stay exit 2
    expect((await cli('analyze', b, '--fail-on-new', 'low')).code).toBe(2);
    expect((await cli('analyze', b, '--baseline', file('nope.json', '{"x": 1}'))).stderr).toContain('not a Pathlight report');
    expect((await cli('analyze', b, '--baseline', join(DATA, 'missing.json'))).code).toBe(2);
    expect((await cli('analyze', b, '--baseline', file('broken.json', '{"findings": [{"rule": 3}]}'))).stderr).toContain('findings[0].rule');
  });
});

describe('--decisions', () => {
  it('reports accepted risks and false positives as suppressed with the reason, does not fail on them, and stops when a review date passes', async () => {
    const json = JSON.parse((await cli('analyze', SAMPLE, '--format', 'json')).stdout) as { findings: { rule: string; node: string; severity: string }[] };
    const [first, second, third, ...rest] = json.findings;
    const decided = (status: 'accepted' | 'false-positive' | 'mitigated', reason: string, reviewDate?: string) => ({ status, reason, decidedAt: '2026-01-02T03:04:05.000Z', ...(reviewDate ? { reviewDate } : {}) });
    const key = (f: { rule: string; node: string }) => `${f.rule}\u241f${f.node}`;
    const all = Object.fromEntries([
      [key(first!), decided('accepted', 'vendor fix pending', '2999-01-31')],
      [key(second!), decided('false-positive', 'the mailbox is a test fixture')],
      [key(third!), decided('mitigated', 'ticket filed')],
      ...rest.map((f) => [key(f), decided('accepted', 'accepted for the pilot', '2999-12-31')]),
    ]);
    const decisions = file('decisions.json', serializeDecisions(all, 'sample'));
    // only the mitigated finding is left open
    const r = await cli('analyze', SAMPLE, '--decisions', decisions, '--fail-on', 'low', '--format', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { suppressed?: { status: string; reason: string } }[]; decisions: { suppressed: number } };
    expect(out.decisions.suppressed).toBe(json.findings.length - 1);
    expect(out.findings[0]!.suppressed).toMatchObject({ status: 'accepted', reason: 'vendor fix pending' });
    expect(out.findings[1]!.suppressed).toMatchObject({ status: 'false-positive', reason: 'the mailbox is a test fixture' });
    expect(out.findings[2]!.suppressed).toBeUndefined();

    const allClosed = file('decisions-all.json', serializeDecisions({ ...all, [key(third!)]: decided('false-positive', 'duplicate') }, 'sample'));
    expect((await cli('analyze', SAMPLE, '--decisions', allClosed, '--fail-on', 'low')).code).toBe(0);
    const s = await sarif(SAMPLE, '--decisions', allClosed);
    expect(s.results.every((x) => x.suppressions?.[0]?.status === 'accepted' && x.suppressions[0].kind === 'external')).toBe(true);
    expect(s.results[0]!.suppressions![0]!.justification).toBe('Accepted risk (review 2999-01-31): vendor fix pending');

    // the first accepted risk's review date has passed: it counts again
    const expired = file('decisions-expired.json', serializeDecisions({ ...all, [key(third!)]: decided('false-positive', 'duplicate'), [key(first!)]: decided('accepted', 'vendor fix pending', '2020-01-31') }, 'sample'));
    const e = await cli('analyze', SAMPLE, '--decisions', expired, '--fail-on', first!.severity);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('past the review date');
    expect(e.stdout).toContain('Decisions expired');
    const es = await sarif(SAMPLE, '--decisions', expired, '--quiet');
    expect(es.results[0]!.suppressions).toBeUndefined();
    expect((await cli('analyze', SAMPLE, '--decisions', file('not-decisions.json', '{"a": 1}'))).code).toBe(2);
  });
});

describe('--output and --quiet', () => {
  it('writes the report to the file, keeps stdout empty and says so on stderr unless quiet', async () => {
    const { dir } = tempFiles('out');
    const out = join(dir, 'report.sarif');
    const r = await cli('analyze', SAMPLE, '--format', 'sarif', '--output', out, '--fail-on', 'critical');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote the sarif report to ${out}`);
    expectValidSarif(JSON.parse(readFileSync(out, 'utf8')));
    const q = await cli('analyze', SAMPLE, '--format', 'json', '--output', out, '--quiet');
    expect(q).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.length).toBeGreaterThan(0);
    expect((await cli('analyze', SAMPLE, '--output', join(dir, 'no', 'such', 'dir', 'x.json'))).code).toBe(2);
  });

  it('--edition keeps only the named editions in the output', async () => {
    const r = await cli('analyze', SAMPLE, '--format', 'json', '--edition', 'owasp-llm-2026,mitre-atlas-2026.07');
    const out = JSON.parse(r.stdout) as { findings: { frameworks: { edition: string }[] }[] };
    const editions = new Set(out.findings.flatMap((f) => f.frameworks.map((x) => x.edition)));
    expect([...editions].sort()).toEqual(['mitre-atlas-2026.07', 'owasp-llm-2026']);
    expect((await cli('analyze', SAMPLE, '--edition', 'owasp-llm-2027')).code).toBe(2);
  });
});
