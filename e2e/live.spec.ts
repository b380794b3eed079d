/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * Live mode against the reference server (scripts/serve-inventory.ts), started here on a free port over a
 * temporary folder: polling with ETags (304s while nothing changes), the drift named in "What changed"
 * and on the graph, a server error and a malformed body survived with the last good inventory on screen,
 * and the bearer token kept out of the URL and of web storage.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { etagOf, startInventoryServer } from '../scripts/serve-inventory.ts';
import type { InventoryServer } from '../scripts/serve-inventory.ts';

import { fixture } from './helpers.ts';

const V1 = readFileSync(fixture('live/v1.json'));
const V2 = readFileSync(fixture('live/v2.json'));

let dir: string;
let server: InventoryServer;
/** The reference server's request log ("GET /inventory 304"): the browser does not report 304s of CORS fetches. */
const served: string[] = [];
/** When each line was logged (ms), same order. */
const servedAt: number[] = [];

/** Replaces the served file atomically (write a temp file, rename it into place), as the contract advises. */
function publish(body: Buffer): void {
  const tmp = join(dir, 'inventory.json.tmp');
  writeFileSync(tmp, body);
  renameSync(tmp, join(dir, 'inventory.json'));
}

/** Statuses of the inventory GETs served since the test began, in order. */
const polls = (): number[] => served.filter((l) => l.startsWith('GET /inventory ')).map((l) => Number(l.split(' ')[2]));

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pathlight-live-'));
  publish(V1);
  server = await startInventoryServer({
    dir,
    port: 0,
    log: (line) => {
      served.push(line);
      servedAt.push(Date.now());
    },
  });
});

test.afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  publish(V1);
  served.length = 0;
  servedAt.length = 0;
});

function cyHas(page: Page, id: string, cls?: string): Promise<boolean> {
  return page.evaluate(
    ([i, c]) => {
      const cy = (window as unknown as { __cy?: { getElementById(id: string): { nonempty(): boolean; hasClass(c: string): boolean } } }).__cy;
      const el = cy?.getElementById(i!);
      return Boolean(el?.nonempty() && (!c || el.hasClass(c)));
    },
    [id, cls ?? ''],
  );
}

const liveLink = (): string => `/?source=${encodeURIComponent(server.url)}&interval=2`;

test('polls with ETags, gets 304s while nothing changes, and names the drift in "What changed" and on the graph', async ({ page }) => {
  test.setTimeout(120_000);
  const requested: (string | undefined)[] = [];
  page.on('request', (req) => {
    if (req.url() === server.url && req.method() === 'GET') requested.push(req.headers()['if-none-match']);
  });
  await page.goto(liveLink());

  const chip = page.getByRole('status', { name: 'Live status' });
  await expect(chip).toContainText('Live');
  await expect(page.getByRole('banner')).toContainText(`127.0.0.1:${server.port}/inventory`);
  await expect.poll(() => cyHas(page, 'agent:helpdesk')).toBe(true);

  // Nothing changes: the next polls send the first answer's ETag and get 304s; only the first downloaded.
  await expect.poll(() => polls().filter((s) => s === 304).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(polls()[0]).toBe(200);
  expect(polls().filter((s) => s === 200)).toHaveLength(1);
  expect(requested[0]).toBeUndefined();
  expect(requested.slice(1).length).toBeGreaterThanOrEqual(2);
  for (const tag of requested.slice(1)) expect(tag).toBe(etagOf(V1));

  publish(V2);
  const changed = page.getByRole('region', { name: 'What changed' });
  await expect(changed).toBeVisible({ timeout: 20_000 });
  // Added, removed and changed elements named; reach gained with the crown jewel; the sentences.
  await expect(changed.getByRole('list', { name: 'Nodes added' })).toContainText('Payroll helper bot');
  await expect(changed.getByRole('list', { name: 'Nodes added' })).toContainText('payroll-sa');
  await expect(changed.getByRole('list', { name: 'Nodes removed' })).toContainText('Team wiki');
  await expect(changed.getByRole('list', { name: 'Nodes changed' })).toContainText('Ticket archive');
  await expect(changed.getByRole('list', { name: 'Nodes changed' })).toContainText('owner: set to support-platform');
  await expect(changed.getByRole('list', { name: 'Edges added' })).toContainText('helpdesk-sa → Payroll DB');
  await expect(changed.getByRole('list', { name: 'Blast radius changes' })).toContainText('Helpdesk assistant');
  await expect(changed.getByRole('list', { name: 'Blast radius changes' })).toContainText('Now reaches crown jewels: Payroll DB, Ticket archive');
  await expect(changed.getByRole('list', { name: 'Summary' })).toContainText('Helpdesk assistant can now reach 2 crown jewels: Payroll DB and Ticket archive');
  const findings = changed.getByRole('list', { name: 'New findings' });
  await expect(findings).toContainText('Helpdesk assistant is publicly reachable and retrieves Ticket archive without per-user permission trimming');
  await expect(findings).toContainText(/high\s*R05/);
  await expect(changed.getByRole('list', { name: 'History' }).locator(':scope > li')).toHaveCount(1);

  // A name still in the inventory opens it on the graph; a removed one is plain text.
  await changed.getByRole('list', { name: 'Nodes added' }).getByRole('button', { name: 'Payroll helper bot' }).click();
  await expect(page).toHaveURL(/node=agent%3Apayroll-helper/);
  await expect(changed.getByRole('list', { name: 'Nodes removed' }).getByRole('button')).toHaveCount(0);

  // On the graph: the new agent is marked, the removed store is a ghost, the new inventory is on screen.
  await expect.poll(() => cyHas(page, 'agent:payroll-helper', 'drift-added')).toBe(true);
  await expect.poll(() => cyHas(page, 'ghost\u241fds:wiki', 'ghost')).toBe(true);
  expect(await cyHas(page, 'ds:wiki')).toBe(false);
  // The accepted inventory's ETag is the validator from now on: V2 is answered 304 again.
  expect(requested).toContain(etagOf(V1));
  await expect.poll(() => requested.filter((t) => t === etagOf(V2)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const afterV2 = served.length;
  await expect.poll(() => served.slice(afterV2).filter((l) => l === 'GET /inventory 304').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

  // A second change adds a second, expandable history entry.
  const v3 = JSON.parse(V2.toString('utf8')) as { nodes: { id: string; kind: string; name: string }[] };
  v3.nodes.push({ id: 'tool:export', kind: 'tool', name: 'CSV export tool' });
  publish(Buffer.from(JSON.stringify(v3)));
  await expect(changed.getByRole('list', { name: 'Nodes added' }).first()).toContainText('CSV export tool', { timeout: 20_000 });
  const entries = changed.getByRole('list', { name: 'History' }).locator(':scope > li');
  await expect(entries).toHaveCount(2);
  // The older entry is folded; opening it shows its own changes.
  const older = entries.nth(1).locator('details');
  await expect(older).not.toHaveAttribute('open', /.*/);
  await older.locator('summary').click();
  await expect(older.getByRole('list', { name: 'Nodes added' })).toContainText('Payroll helper bot');
  // The graph marks the newest drift; an older entry can be marked instead.
  await expect.poll(() => cyHas(page, 'agent:payroll-helper', 'drift-added')).toBe(false);
  const mark = older.getByRole('button', { name: 'Mark on the graph' });
  await expect(mark).toHaveAttribute('aria-pressed', 'false');
  await mark.click();
  await expect(mark).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => cyHas(page, 'agent:payroll-helper', 'drift-added')).toBe(true);
  await expect.poll(() => cyHas(page, 'ghost\u241fds:wiki', 'ghost')).toBe(true);
});

test('a server error and a malformed body are shown plainly; the last good inventory stays on screen', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(liveLink());
  const chip = page.getByRole('status', { name: 'Live status' });
  await expect(chip).toContainText('Live');
  await expect.poll(() => cyHas(page, 'agent:helpdesk')).toBe(true);
  const refresh = page.getByRole('banner').getByRole('button', { name: 'Refresh now' });

  server.inject({ mode: 'error', status: 503 });
  await refresh.click();
  await expect(chip).toContainText('Error');
  await expect(chip).toContainText('503 Service Unavailable');
  await expect(chip).toContainText('stale since');
  // Still the last good inventory.
  expect(await cyHas(page, 'agent:helpdesk')).toBe(true);
  await expect(page.getByRole('banner')).toContainText(`127.0.0.1:${server.port}/inventory`);

  server.inject({ mode: 'malformed' });
  await refresh.click();
  await expect(chip).toContainText('the server sent an inventory that cannot be read');
  expect(await cyHas(page, 'agent:helpdesk')).toBe(true);
  await page.getByRole('button', { name: 'What changed' }).click();
  const panel = page.getByRole('region', { name: 'What changed' });
  await expect(panel).toContainText('Refresh failed: the server sent an inventory that cannot be read');
  await expect(panel).toContainText('Still showing the inventory last confirmed at');

  // The bad body's ETag ("fault-N") was not kept: the next poll validates the last good one (a 304), and
  // all is well again.
  const beforeRecovery = polls().length;
  await refresh.click();
  await expect(chip).toContainText('Live');
  expect(polls().slice(beforeRecovery)[0]).toBe(304);
  expect(polls()).toEqual(expect.arrayContaining([200, 503]));
  expect(await cyHas(page, 'agent:helpdesk')).toBe(true);
});

test('Connect asks for a token that stays in memory: not in the URL, not in web storage', async ({ page }) => {
  test.setTimeout(120_000);
  const secretDir = mkdtempSync(join(tmpdir(), 'pathlight-live-token-'));
  writeFileSync(join(secretDir, 'inventory.json'), V1);
  const token = 'tok-e2e-7f3a9c2b';
  const guarded = await startInventoryServer({ dir: secretDir, port: 0, token });
  try {
    // A token in the link is ignored and removed; without the token the server says 401, shown plainly.
    await page.goto(`/?source=${encodeURIComponent(guarded.url)}&interval=2&token=${token}`);
    const chip = page.getByRole('status', { name: 'Live status' });
    await expect(chip).toContainText('401 Unauthorized: check the token');
    expect(page.url()).not.toContain('token');
    // The source wants a token the page does not have: the dialog asks for it at once.
    const dialog = page.getByRole('dialog', { name: 'Connect to a live inventory' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Behind it, nothing loaded yet: a designed waiting state (not the file-import error), with the ways out.
    const waiting = page.getByRole('region', { name: `Waiting for 127.0.0.1:${guarded.port}/inventory` });
    await expect(waiting).toContainText('401 Unauthorized: check the token');
    await expect(waiting).toContainText('Pathlight keeps trying');
    await waiting.getByRole('button', { name: 'Change URL or token…' }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Inventory URL')).toHaveValue(guarded.url);
    await dialog.getByLabel(/Bearer token/).fill(token);
    await dialog.getByLabel(/Poll every/).fill('1');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog).toBeHidden();

    await expect(chip).toContainText('Live');
    await expect.poll(() => cyHas(page, 'agent:helpdesk')).toBe(true);
    // An interval under 2 s became 2 s, and the link carries the source and interval only.
    await expect(page).toHaveURL(/interval=2(&|$)/);
    expect(page.url()).not.toContain(token);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(token);
    expect(await page.content()).not.toContain(token);
  } finally {
    await guarded.close();
    rmSync(secretDir, { recursive: true, force: true });
  }
});

test('Compare with… shows the same diff between another file and the inventory on screen', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('live/v2.json'));
  await expect(page.getByRole('banner')).toContainText('v2.json');
  await page.getByRole('button', { name: 'What changed' }).click();
  const panel = page.getByRole('region', { name: 'What changed' });
  await expect(panel).toContainText('Connect to a live inventory, or compare');
  await page.getByTestId('compare-file-input').setInputFiles(fixture('live/v1.json'));
  await expect(panel).toContainText('Compared with v1.json');
  // From the file (older) to the inventory on screen (newer).
  await expect(panel.getByRole('list', { name: 'Nodes added' })).toContainText('Payroll helper bot');
  await expect(panel.getByRole('list', { name: 'Nodes removed' })).toContainText('Team wiki');
  await expect(panel.getByRole('list', { name: 'Summary' })).toContainText('New high finding: Helpdesk assistant is publicly reachable');
  await expect.poll(() => cyHas(page, 'ghost\u241fds:wiki', 'ghost')).toBe(true);
  await expect.poll(() => cyHas(page, 'agent:payroll-helper', 'drift-added')).toBe(true);

  // A file that cannot be read is reported, and the earlier comparison stays.
  await page.getByTestId('compare-file-input').setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "pathlight-inventory", "nodes": [') });
  await expect(panel.getByRole('alert')).toContainText('truncated.json cannot be read');
  await expect(panel).toContainText('Compared with v1.json');

  // Keyboard: Escape closes the panel.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('polling pauses while the tab is hidden and refreshes at once when it is visible again', async ({ page }) => {
  test.setTimeout(90_000);
  // A long interval, so that "at once" cannot be an interval tick by chance.
  await page.goto(`/?source=${encodeURIComponent(server.url)}&interval=8`);
  await expect(page.getByRole('status', { name: 'Live status' })).toContainText('Live');
  await expect.poll(() => polls().length).toBeGreaterThanOrEqual(1);
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((v) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => v });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => v === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, state);

  await setVisibility('hidden');
  await page.waitForTimeout(300); // a poll already under way may finish
  const whileHidden = polls().length;
  await page.waitForTimeout(9_000); // longer than one interval
  expect(polls().length).toBe(whileHidden);

  const shownAt = Date.now();
  await setVisibility('visible');
  await expect.poll(() => polls().length, { timeout: 5_000 }).toBeGreaterThan(whileHidden);
  // At once, not at the next interval tick (up to 8 s away).
  expect(Date.now() - shownAt).toBeLessThan(2_000);
});

test('opening a file while live stops polling, so a refresh never replaces the file', async ({ page }) => {
  await page.goto(liveLink());
  const chip = page.getByRole('status', { name: 'Live status' });
  await expect(chip).toContainText('Live');
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('small-estate.json'));
  await expect(page.getByRole('banner')).toContainText('small-estate.json');
  await expect(chip).toBeHidden();
  await expect(page).not.toHaveURL(/interval=/);
  const after = polls().length;
  publish(V2);
  await page.waitForTimeout(4_500);
  expect(polls().length).toBe(after);
  await expect(page.getByRole('banner')).toContainText('small-estate.json');
});

test('a server slower than 15 s is reported as a timeout, and the inventory stays', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(liveLink());
  const chip = page.getByRole('status', { name: 'Live status' });
  await expect(chip).toContainText('Live');
  server.inject({ mode: 'slow', delayMs: 25_000 });
  await page.getByRole('banner').getByRole('button', { name: 'Refresh now' }).click();
  await expect(chip).toContainText('timed out after 15 s', { timeout: 25_000 });
  expect(await cyHas(page, 'agent:helpdesk')).toBe(true);
  await expect(chip).toContainText('Live', { timeout: 20_000 });
});

test('while the server fails, polls back off (interval × 2, × 4…), and the first success resets the interval', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(liveLink());
  const chip = page.getByRole('status', { name: 'Live status' });
  await expect(chip).toContainText('Live');
  server.inject({ mode: 'error', status: 503 }, 3);
  // Three failures in a row: at the next tick, then about 4 s and 8 s apart (the interval is 2 s).
  await expect.poll(() => served.filter((l) => l === 'GET /inventory 503').length, { timeout: 40_000 }).toBe(3);
  const failedAt = served.map((l, i) => (l === 'GET /inventory 503' ? servedAt[i]! : -1)).filter((t) => t >= 0);
  expect(failedAt[1]! - failedAt[0]!).toBeGreaterThanOrEqual(3_500);
  expect(failedAt[2]! - failedAt[1]!).toBeGreaterThanOrEqual(7_000);
  await expect(chip).toContainText('503 Service Unavailable');
  // The next poll succeeds (about 16 s later) and the interval is 2 s again.
  await expect(chip).toContainText('Live', { timeout: 25_000 });
  const recovered = served.length;
  await expect.poll(() => served.length - recovered, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  const okAt = servedAt.slice(recovered - 1).filter((_, i) => served[recovered - 1 + i]!.startsWith('GET /inventory 304'));
  expect(okAt.length).toBeGreaterThanOrEqual(2);
  expect(okAt[1]! - okAt[0]!).toBeLessThan(3_500);
});
