import { describe, expect, it } from 'vitest';

import { toOpenGraph } from './export-opengraph.ts';
import { toPathlightDocument } from './export-pathlight.ts';
import { fingerprint, hmacSha256, setFingerprintKey } from './fingerprint.ts';
import { isSecretName, isSecretValueFor, redactSecrets } from './secrets.ts';
import { json, node, ok } from './test/helpers.ts';

// Fake values assembled at run time (no real credential is in the repository).
const GHP = `ghp_${'Ab3dEf6hIj9kLm2nOp5q'}${'Rs8tUv1wXy4zAb7c'}`;
const ANT = `sk-ant-api03-${'Zk2Lm9Qp4Rs7Tu0Vw3Xy6Ab'}`;
const SLACK = `xoxb-${'2233445566'}-${'Zk2Lm9Qp4Rs7Tu0Vw'}`;
const SIG = `Qw9rTy6uIo3pAs0dFg7hJk4lZx1cVb8nM${'%3D'}`;
const FRAG = `Zx81hdQ2pLmN7vB4kR9s${'Tt5Uu3Ww'}`;
const AKIA = `AKIA${'Q7W3E9R2T5Y8U1I4'}`;
const JWT = `eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiIxMjM0NTY3ODkwIn0'}.${'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'}`;
const PEM = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${'BKcwggSjAgEAAoIBAQC7'}\n-----END PRIVATE KEY-----`;

describe('secrets decided by value', () => {
  it.each([
    ['a GitHub token in prose', `uses ${GHP} to read`, GHP],
    ['an Anthropic key', `key ${ANT}`, ANT],
    ['a Slack token', SLACK, SLACK],
    ['an AWS access key id', `id=${AKIA}`, AKIA],
    ['a JWT', `Bearer ${JWT}`, JWT],
    ['a PEM private key', PEM, PEM],
    ['an Azure SAS signature', `https://a.blob.core.windows.net/c?sv=2024-01-01&sig=${SIG}`, SIG],
    ['a token in a URL fragment', `https://mcp.example.com/mcp#${FRAG}`, FRAG],
    ['URL userinfo', 'postgres://svc:n0t-a-placeholder-pw@db.internal/app', 'n0t-a-placeholder-pw'],
    ['a bearer header', 'Authorization: Bearer abc.def.ghi-123456', 'abc.def.ghi-123456'],
    ['a --flag value after a Windows path', 'C:\\Program Files\\srv\\server.exe --api-key abcd1234efgh5678ijkl', 'abcd1234efgh5678ijkl'],
    ['an env assignment', 'DB_PASSWORD=supersecret', 'supersecret'],
    ['a long high-entropy word', `key: a1B2c3D4e5F6g7H8i9J0k1L2m3N4`, 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4'],
  ])('finds %s and cuts out only that span', (_what, text, secret) => {
    const r = redactSecrets(text);
    expect(r.text).not.toContain(secret);
    expect(r.reasons.length).toBeGreaterThan(0);
    // what is around the secret stays
    const before = text.slice(0, text.indexOf(secret));
    expect(r.text.startsWith(before)).toBe(true);
  });

  it.each([
    ['GitHub node ids', 'REF_kwDOMuFnXLNyZWZzL2hlYWRzL0NhblB1c2gz O_kgDOCoV2OQ MDEyOk9yZ2FuaXphdGlvbjE='],
    ['ARNs, SIDs and UUIDs', 'arn:aws:iam::123456789012:role/x S-1-5-21-909015691-3030120388-2582151266-1105 c3f7b2a1-9d8e-4f6a-b5c4-d3e2f1a0b9c8'],
    ['compound names', 'GH_PAT_O_kgDOCoV2OQ_1250276 exploit-vuln-001-1760103740 @modelcontextprotocol/server-filesystem-2025.1.14'],
    ['digests and documentation keys', 'sha256:4f1c2d8e9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d AKIAIOSFODNN7EXAMPLE'],
    ['a Cypher query', "MATCH p=(:GH_Organization)-[:GH_Contains]->(token) WHERE token:GH_PersonalAccessToken RETURN p"],
    ['references and placeholders', 'Authorization: Bearer ${API_TOKEN} --token <YOUR_TOKEN> API_KEY=your-api-key'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIDtDCCApygAwIBAgIGAZsPPrMrMA0GCSqGSIb3DQEBCwUAMIGaMQswCQYDVQQGEwJVUzETMBEG\n-----END CERTIFICATE-----'],
  ])('leaves %s alone', (_what, text) => {
    expect(redactSecrets(text).text).toBe(text);
  });

  it('a secret-sounding name decides only with its value', () => {
    for (const n of ['credentialName', 'credentialIdentity', 'authorizedPrincipals', 'authMethod', 'token_last_used_at', 'tokenType', 'secretArn']) expect(isSecretName(n), n).toBe(false);
    for (const n of ['GITHUB_TOKEN', 'x-api-key', 'PGPASSWORD', 'AWS_SECRET_ACCESS_KEY', 'clientSecret', 'KEY2', 'auth']) expect(isSecretName(n), n).toBe(true);
    // properties: dates, enums, principals and names under such names are metadata
    for (const v of ['none', 'oauth', '2025-06-01T10:00:00Z', 'S-1-5-21-1-2-3', 'alice@example.com', 'Deploy key for CI', 'CLIENT_SECRET_BASIC']) expect(isSecretValueFor('secret', v, false), v).toBe(false);
    for (const v of ['hunter2', 'supersecret', GHP]) expect(isSecretValueFor('password', v, false), v).toBe(true);
    // env vars and headers: anything but a placeholder or a reference
    expect(isSecretValueFor('DB_PASSWORD', 'supersecret', true)).toBe(true);
    expect(isSecretValueFor('DB_PASSWORD', '${DB_PASSWORD}', true)).toBe(false);
  });
});

describe('fingerprints', () => {
  it('are 128-bit HMAC-SHA-256 under a key: stable under one key, different under another', () => {
    setFingerprintKey('test-key-one-0123456789');
    const a = fingerprint('hunter2');
    expect(a).toMatch(/^hmac-sha256:[0-9a-f]{32}$/);
    expect(fingerprint('hunter2')).toBe(a);
    setFingerprintKey('test-key-two-0123456789');
    expect(fingerprint('hunter2')).not.toBe(a);
  });

  it('HMAC-SHA-256 matches RFC 4231 test case 2', () => {
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const enc = new TextEncoder();
    expect(hex(hmacSha256(enc.encode('Jefe'), enc.encode('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});

describe('MCP configs: what used to slip through', () => {
  const cfg = {
    mcpServers: {
      win: { command: `C:\\Tools\\srv.exe --token ${GHP}`, args: ['--verbose'] },
      abs: { command: `/opt/srv/bin/server --api-key=${ANT}` },
      sas: { url: `https://acct.blob.core.windows.net/mcp?sv=2024-01-01&sig=${SIG}` },
      frag: { type: 'http', url: `https://mcp.example.com/mcp#${FRAG}` },
      desc: { command: 'npx', args: ['x'], description: `uses ${SLACK}` },
      envname: { command: 'npx', args: ['y'], env: { [GHP]: '1' } },
    },
  };
  const r = ok([json('.claude.json', cfg)]);
  const inv = r.inventory;
  const FP = { ghp: fingerprint(GHP), sig: fingerprint(decodeURIComponent(SIG)), slack: fingerprint(SLACK) };

  it('no secret value in the inventory, the warnings, or either export', () => {
    const out = JSON.stringify(r) + JSON.stringify(toOpenGraph(inv)) + JSON.stringify(toPathlightDocument(inv));
    for (const s of [GHP, ANT, SIG, FRAG, SLACK]) expect(out.includes(s), s.slice(0, 8)).toBe(false);
  });

  it('the rest of each string is kept, and the unsplit command still names its credential', () => {
    expect(node(inv, 'mcp:.claude.json:win').fields.launch).toBe(`C:\\Tools\\srv.exe --token <redacted:${FP.ghp}> --verbose`);
    expect(inv.edges.some((e) => e.source === 'mcp:.claude.json:win' && e.kind === 'uses_credential' && e.target === `cred:${FP.ghp}`)).toBe(true);
    expect(node(inv, 'mcp:.claude.json:sas').fields.url).toBe(`https://acct.blob.core.windows.net/mcp?sv=2024-01-01&sig=<redacted:${FP.sig}>`);
    expect(node(inv, 'mcp:.claude.json:desc').fields.description).toBe(`uses <redacted:${FP.slack}>`);
  });

  it('every redaction is a located warning naming the field, never the value', () => {
    const w = r.reports[0]!.warnings.filter((x) => x.code === 'SECRET_REDACTED');
    expect(w.some((x) => x.at === '/mcpServers/desc' && x.message.includes('"description"'))).toBe(true);
    expect(w.some((x) => x.at === '/mcpServers/envname' && x.message.includes('"envVars'))).toBe(true);
    expect(r.reports[0]!.warningGroups!.find((g) => g.code === 'SECRET_REDACTED')!.count).toBe(w.length);
  });
});
