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

/**
 * Counts the page's fetches of the inventory, synchronously as the app calls fetch (a test hook installed
 * before the app runs). With Playwright's clock, "no poll while hidden" and "at once" are then facts about
 * the page's own timers, never about how long the machine took.
 */
async function countInventoryFetches(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __inventoryFetches: number };
    w.__inventoryFetches = 0;
    const real = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/inventory')) w.__inventoryFetches++;
      return real(input, init);
    };
  });
  return () => page.evaluate(() => (window as unknown as { __inventoryFetches: number }).__inventoryFetches);
}

/** Stops the page's clock where it is: timers then fire only through `page.clock.runFor`. */
async function pauseClock(page: Page): Promise<void> {
  // The page's time flows until the pause lands: aim a little ahead, and again if it has got there first.
  for (let margin = 200; ; margin *= 2) {
    const at = (await page.evaluate(() => Date.now())) + margin;
    const failed = await page.clock.pauseAt(at).then(
      () => false,
      (err: unknown) => {
        if (margin >= 12_800 || !String(err).includes('to the past')) throw err;
        return true;
      },
    );
    if (!failed) return;
  }
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
  const fetches = await countInventoryFetches(page);
  await page.clock.install();
  // A long interval, so that "at once" cannot be an interval tick by chance.
  await page.goto(`/?source=${encodeURIComponent(server.url)}&interval=8`);
  await expect(page.getByRole('status', { name: 'Live status' })).toContainText('Live');
  await expect.poll(fetches).toBeGreaterThanOrEqual(1);
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((v) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => v });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => v === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, state);

  await setVisibility('hidden');
  await pauseClock(page);
  const whileHidden = await fetches();
  await page.clock.runFor(20_000); // two and a half intervals of the page's time
  expect(await fetches()).toBe(whileHidden);

  // The clock stands still: only becoming visible can start this poll.
  await setVisibility('visible');
  await expect.poll(fetches).toBe(whileHidden + 1);
  await page.clock.resume();
});

test('opening a file while live stops polling, so a refresh never replaces the file', async ({ page }) => {
  const fetches = await countInventoryFetches(page);
  await page.clock.install();
  await page.goto(liveLink());
  const chip = page.getByRole('status', { name: 'Live status' });
  await expect(chip).toContainText('Live');
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('small-estate.json'));
  await expect(page.getByRole('banner')).toContainText('small-estate.json');
  await expect(chip).toBeHidden();
  await expect(page).not.toHaveURL(/interval=/);
  const after = await fetches();
  publish(V2);
  await pauseClock(page);
  await page.clock.runFor(10_000); // five intervals
  expect(await fetches()).toBe(after);
  await page.clock.resume();
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
  test.setTimeout(120_000);
  const fetches = await countInventoryFetches(page);
  await page.clock.install();
  await page.goto(liveLink());
  const chip = page.getByRole('status', { name: 'Live status' });
  await expect(chip).toContainText('Live');
  await expect(chip).toHaveAttribute('data-next-poll-ms', '2000');
  // The page's clock moves only when told, 100 ms at a time: every gap below is page time, however busy the
  // machine, and it is measured from a state the page shows (the chip's backed-off interval), never assumed.
  await pauseClock(page);
  server.inject({ mode: 'error', status: 503 }, 3);
  const failures = () => served.filter((l) => l === 'GET /inventory 503').length;
  const step = async (done: () => Promise<boolean>, maxMs: number): Promise<number> => {
    let moved = 0;
    while (!(await done()) && moved < maxMs) {
      await page.clock.runFor(100);
      moved += 100;
    }
    return moved;
  };
  /** Page time from now until the page starts its next inventory fetch. */
  const gapToNextFetch = async (): Promise<number> => {
    const before = await fetches();
    return step(async () => (await fetches()) > before, 40_000);
  };
  // The first poll after the errors are armed fails (within one interval; it may be on its way already).
  await step(async () => failures() >= 1, 4_000);
  await expect.poll(failures).toBe(1);
  await expect(chip).toContainText('503 Service Unavailable');
  await expect(chip).toHaveAttribute('data-next-poll-ms', '4000');
  // One failure: the next attempt is 2 × 2 s later (not the 2 s interval, not yet 8 s).
  const afterOne = await gapToNextFetch();
  expect(afterOne).toBeGreaterThanOrEqual(3_900);
  expect(afterOne).toBeLessThan(6_000);
  await expect.poll(failures).toBe(2);
  await expect(chip).toHaveAttribute('data-next-poll-ms', '8000');
  // Two failures: 4 × 2 s.
  const afterTwo = await gapToNextFetch();
  expect(afterTwo).toBeGreaterThanOrEqual(7_900);
  expect(afterTwo).toBeLessThan(12_000);
  await expect.poll(failures).toBe(3);
  await expect(chip).toHaveAttribute('data-next-poll-ms', '16000');
  await expect(chip).toHaveAttribute('title', /Next attempt in about 16 s/);
  // Three failures: 8 × 2 s; that poll succeeds.
  const afterThree = await gapToNextFetch();
  expect(afterThree).toBeGreaterThanOrEqual(15_900);
  expect(afterThree).toBeLessThan(24_000);
  await page.clock.resume();
  await expect(chip).toContainText('Live');
  await expect(chip).toHaveAttribute('data-next-poll-ms', '2000');
  const statuses = polls();
  const last503 = statuses.lastIndexOf(503);
  expect(statuses.slice(last503 - 2, last503 + 1)).toEqual([503, 503, 503]);
  expect([200, 304]).toContain(statuses[last503 + 1]);
  // The first success resets the interval: once a poll on the 2 s interval is answered, the next one comes
  // 2 s after it, not after the backed-off 4 s.
  await pauseClock(page);
  await gapToNextFetch();
  const answered = await fetches();
  await expect.poll(() => served.filter((l) => l.startsWith('GET /inventory ')).length).toBeGreaterThanOrEqual(answered);
  const afterSuccess = await gapToNextFetch();
  expect(afterSuccess).toBeGreaterThan(1_000);
  expect(afterSuccess).toBeLessThan(3_500);
  await page.clock.resume();
});

test('a live source that redirects (another port, localhost) is refused with a clear message, never followed', async ({ page }) => {
  const otherDir = mkdtempSync(join(tmpdir(), 'pathlight-live-other-'));
  writeFileSync(join(otherDir, 'inventory.json'), V2);
  const asked: string[] = [];
  const other = await startInventoryServer({ dir: otherDir, port: 0, log: (line) => asked.push(line) });
  try {
    server.inject({ mode: 'redirect', status: 302, location: other.url });
    await page.goto(liveLink());
    await expect(page.getByText(/does not follow redirects/).first()).toBeVisible();
    // Once live, a redirect on a later poll keeps the last good inventory and says why.
    await expect(page.getByRole('status', { name: 'Live status' })).toContainText('Live', { timeout: 30_000 });
    // Every poll redirects from now on (a single one could be answered and gone before a busy page is read).
    server.inject({ mode: 'redirect', status: 307, location: other.url.replace('127.0.0.1', 'localhost') }, 1_000);
    await page.getByRole('banner').getByRole('button', { name: 'Refresh now' }).click();
    await expect(page.getByRole('status', { name: 'Live status' })).toContainText('does not follow redirects');
    await expect.poll(() => cyHas(page, 'agent:helpdesk')).toBe(true);
    expect(asked).toEqual([]);
  } finally {
    server.clearFaults();
    await other.close();
    rmSync(otherDir, { recursive: true, force: true });
  }
});

test('?source= gets the Connect dialog’s URL checks: no data: URLs, no credentials in the URL', async ({ page }) => {
  await page.goto(`/?source=${encodeURIComponent('data:application/json,{"format":"pathlight-inventory","version":1,"nodes":[{"id":"agent:evil","kind":"ai_agent"}],"edges":[]}')}`);
  await expect(page.getByText(/Only http and https URLs can be loaded/).first()).toBeVisible();
  // Nothing from the data: URL was loaded: no canvas, no inventory in the top bar.
  await expect(page.locator('#graph')).toHaveCount(0);
  await expect(page.getByRole('banner')).not.toContainText('data:');
  await page.goto(`/?source=${encodeURIComponent(server.url.replace('http://', 'http://user:pw@'))}&interval=2`);
  await expect(page.getByText(/Put credentials in the token field, not in the URL/).first()).toBeVisible();
  expect(polls()).toEqual([]);
});
