/**
 * The app served by `pathlight serve`: two browser contexts with different tokens share a decision, the
 * board's trend comes from the pushed snapshots, and a viewer token can neither push nor decide.
 * The server is the real process (embedded database in a fresh folder) serving this run's built app.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';

import { buildGraph, computeReach, evaluateRules } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';

import { fixture } from './helpers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/pathlight.mjs');
const APP = join(ROOT, `dist-e2e/${Number(process.env.PW_PORT ?? 4173)}`);
const ESTATE = readFileSync(fixture('small-estate.json'), 'utf8');

let server: ChildProcess | undefined;
let url = '';
let data = '';
const tokens = { alice: '', bob: '', viewer: '' };

function cli(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => (code === 0 ? done(out.trim()) : fail(new Error(`pathlight ${args[0]} exited ${code}: ${err}`))));
  });
}

async function push(text: string, token: string): Promise<Response> {
  return fetch(`${url}/api/snapshots`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-Pathlight-Files': 'small-estate.json' }, body: text });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  data = mkdtempSync(join(tmpdir(), 'pathlight-e2e-server-'));
  tokens.alice = await cli(['token', 'create', '--role', 'editor', '--name', 'Alice', '--data', data]);
  tokens.bob = await cli(['token', 'create', '--role', 'editor', '--name', 'Bob', '--data', data]);
  tokens.viewer = await cli(['token', 'create', '--role', 'viewer', '--name', 'Vic', '--data', data]);
  url = await new Promise<string>((done, fail) => {
    server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', data, '--focus-threshold', '10'], { cwd: ROOT, env: { ...process.env, PATHLIGHT_APP_DIR: APP }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    server.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /server at (http:\/\/\S+?)\/? /.exec(out);
      if (m) done(m[1]!);
    });
    server.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
  // Two snapshots: the estate, then the estate without its support bot's knowledge base retrieval.
  expect((await push(ESTATE, tokens.alice)).status).toBe(201);
  const doc = JSON.parse(ESTATE) as { nodes: { id: string }[]; edges: Record<string, unknown>[] };
  const later = { ...doc, nodes: [...doc.nodes, { id: 'agent:late-agent', kind: 'ai_agent', name: 'Late agent' }] };
  expect((await push(JSON.stringify(later), tokens.bob)).status).toBe(201);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.on('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (data) rmSync(data, { recursive: true, force: true });
});

async function signedIn(browser: Browser, token: string, who: RegExp, view = 'explorer', path?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path !== undefined ? `${url}${path}` : `${url}/?view=${view}&source=${encodeURIComponent(`${url}/inventory`)}`);
  const chip = page.getByTestId('server-mode');
  await chip.getByRole('button', { name: 'Sign in' }).click();
  const form = page.getByRole('form', { name: 'Server sign-in' });
  await form.getByLabel('Server token').fill(token);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('server-identity')).toHaveText(who);
  return page;
}

function firstFinding() {
  const parsed = parseInventory({ file: 'small-estate.json', text: ESTATE });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return evaluateRules({ graph: buildGraph(parsed.inventory), mode: 'strict' })[0]!;
}

async function findingCard(page: Page, title: string) {
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  return page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ hasText: title }).first();
}

test('two browsers with different tokens share a decision through the server', async ({ browser }) => {
  const finding = firstFinding();
  const alice = await signedIn(browser, tokens.alice, /signed in as Alice \(editor\)/);
  const card = await findingCard(alice, finding.title);
  await card.getByRole('button', { name: /Decide|Change decision/ }).click();
  await card.getByRole('radio', { name: 'Mitigated' }).check();
  await card.getByRole('textbox', { name: 'Ticket' }).fill('SEC-77');
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect
    .poll(async () => ((await (await fetch(`${url}/api/decisions`, { headers: { Authorization: `Bearer ${tokens.viewer}` } })).json()) as { node: string; status: string; author: string }[]).map((d) => `${d.node} ${d.status} ${d.author}`))
    .toEqual([`${finding.node} mitigated Alice`]);

  const bob = await signedIn(browser, tokens.bob, /signed in as Bob \(editor\)/);
  const seen = await findingCard(bob, finding.title);
  await expect(seen.getByTestId('finding-decision')).toContainText('Mitigated');
  await expect(seen.getByTestId('finding-decision')).toContainText('SEC-77');
  await expect(seen.getByTestId('finding-decision')).toContainText('by Alice');
  await alice.context().close();
  await bob.context().close();
});

test('a viewer token can neither push nor decide', async ({ browser }) => {
  const finding = firstFinding();
  const page = await signedIn(browser, tokens.viewer, /signed in as Vic \(viewer\)/);
  const refused = await page.request.post(`${url}/api/snapshots`, { headers: { Authorization: `Bearer ${tokens.viewer}` }, data: ESTATE });
  expect(refused.status()).toBe(403);
  const before = await (await fetch(`${url}/api/decisions`, { headers: { Authorization: `Bearer ${tokens.viewer}` } })).text();
  const card = await findingCard(page, finding.title);
  await card.getByRole('button', { name: /Decide|Change decision/ }).click();
  await card.getByRole('radio', { name: 'False positive' }).check();
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect(page.getByTestId('server-error')).toContainText('needs the editor role');
  expect(await (await fetch(`${url}/api/decisions`, { headers: { Authorization: `Bearer ${tokens.viewer}` } })).text()).toBe(before);
  await expect(card.getByTestId('finding-decision')).not.toContainText('False positive');
  const list = (await (await fetch(`${url}/api/snapshots`, { headers: { Authorization: `Bearer ${tokens.viewer}` } })).json()) as unknown[];
  expect(list).toHaveLength(2);
  await page.context().close();
});

test('the board shows the trend of the pushed snapshots', async ({ browser }) => {
  const page = await signedIn(browser, tokens.viewer, /signed in as Vic \(viewer\)/, 'board');
  const table = page.getByTestId('board-trend').getByRole('table', { name: 'Headline figures per snapshot' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('board-trend')).toContainText('AI +1');
  await page.context().close();
});

test('an estate above the focus threshold opens the server explorer, answered by the focused endpoints', async ({ browser }) => {
  // This server's threshold is 10 nodes, so its front door sends the browser to the server explorer.
  const page = await signedIn(browser, tokens.viewer, /signed in as Vic \(viewer\)/, 'explorer', '/');
  const doc = (await (await fetch(`${url}/inventory`)).json()) as unknown;
  const parsed = parseInventory({ file: 'latest.json', text: JSON.stringify(doc) });
  if (!parsed.ok) throw new Error('the served inventory does not parse');
  const reach = computeReach(buildGraph(parsed.inventory), 'agent:support', { maxHops: 3 });
  const panel = page.getByRole('region', { name: 'Server explorer' });
  await expect(panel).toContainText(`${parsed.inventory.nodes.length} nodes`);
  await panel.getByLabel('Find a node on the server').fill('support');
  await panel.getByRole('button', { name: 'Find' }).click();
  await panel.getByRole('list', { name: 'Matching nodes' }).getByRole('button', { name: /Support bot/ }).click();
  await expect(panel.getByTestId('server-radius-total')).toContainText(`${reach.size} nodes within 3 hops`);
  await expect(panel.getByRole('list', { name: 'Radius, nearest first' }).getByRole('listitem')).toHaveCount(Math.min(reach.size, 200));
  await page.context().close();
});
