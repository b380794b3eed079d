/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * Journeys through the built app in real Chromium. The expected answers for small-estate.json are worked
 * out by hand from the inventory spec (section 4), and cross-checked against the engine itself.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { buildGraph, computeExposure, computeReach } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';

import { edgeCountWithClass, fixture, idsWithClass, openFixture, searchAndPick } from './helpers.ts';

function engineGraph() {
  const parsed = parseInventory({ file: 'small-estate.json', text: readFileSync(fixture('small-estate.json'), 'utf8') });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return buildGraph(parsed.inventory);
}

// Reach of the support bot, by the spec: KB (read, 1), email tool (control, 1), support-sa (control, 1),
// case notes through the index (read, 2), the internet through the tool (write, 2), the CRM (read, 2) and
// the bucket (write, 2). Writing the bucket does not give the key it stores, so no deploy key, no deployer;
// depends_on is not traversable, so no package.
const SUPPORT_REACH = ['ds:bucket', 'ds:crm', 'ds:notes', 'ext:internet', 'nhi:support-sa', 'tool:email', 'vs:kb'];

test('opens a file, picks an AI node through "Search nodes" and lights its blast radius', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await searchAndPick(page, 'support bot', /Support bot/);

  const radius = page.getByRole('region', { name: 'Blast radius' });
  await expect(radius).toContainText('7 reachable');
  expect(computeReach(engineGraph(), 'agent:support').size).toBe(7);

  await expect.poll(() => idsWithClass(page, 'reached')).toEqual(SUPPORT_REACH);
  expect(await idsWithClass(page, 'focus')).toEqual(['agent:support']);
  // A selection is drawn as the blast-radius picture; the overview draws the rest too, dimmed, and one
  // witness edge leads to each reached node.
  await expect(page.getByRole('button', { name: 'Layered' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect.poll(() => idsWithClass(page, 'dimmed')).toContain('cred:deploy-key');
  const dimmed = await idsWithClass(page, 'dimmed');
  expect(dimmed).toContain('cred:deploy-key');
  expect(dimmed).toContain('human:alice');
  expect(dimmed).not.toContain('ds:crm');
  expect(await edgeCountWithClass(page, 'witness')).toBe(7);
  // Shaded by hops, marked by access.
  expect(await idsWithClass(page, 'hop-1')).toEqual(['nhi:support-sa', 'tool:email', 'vs:kb']);
  expect(await idsWithClass(page, 'holds-write')).toEqual(['ds:bucket', 'ext:internet']);

  const jewels = radius.getByRole('list', { name: 'Crown jewels, nearest first' });
  await expect(jewels.getByRole('listitem')).toHaveCount(2);
  await expect(jewels).toContainText('Internal case notes');
  await expect(jewels).toContainText('Customer CRM');
  await expect(page).toHaveURL(/node=agent%3Asupport/);
  // The inventory was parsed in the analysis worker.
  expect(page.workers().length).toBeGreaterThan(0);
});

test('the hop slider grows the radius step by step', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  const radius = page.getByRole('region', { name: 'Blast radius' });
  await expect(radius).toContainText('7 reachable');
  await radius.getByLabel('Hop limit').fill('1');
  await expect(radius).toContainText('3 reachable');
  expect(computeReach(engineGraph(), 'agent:support', { maxHops: 1 }).size).toBe(3);
  await expect.poll(() => idsWithClass(page, 'reached')).toEqual(['nhi:support-sa', 'tool:email', 'vs:kb']);
  await expect(page).toHaveURL(/hops=1/);
});

test('clicking an entry traces its path hop by hop', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await searchAndPick(page, 'support bot', /Support bot/);
  const radius = page.getByRole('region', { name: 'Blast radius' });
  await radius.getByRole('list', { name: 'Crown jewels, nearest first' }).getByRole('button', { name: /Internal case notes/ }).click();
  await expect.poll(() => idsWithClass(page, 'trace')).toEqual(['agent:support', 'ds:notes', 'vs:kb']);
});

test('a real click on the canvas selects the node', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __cy?: { nodes(): { length: number } } }).__cy?.nodes().length ?? 0)).toBe(20);
  // Wait for the background layout to place the nodes (the canvas marks it synchronously).
  await expect(page.locator('#graph')).toHaveAttribute('data-layout', 'ready');
  const pos = await page.evaluate(() => {
    const cy = (window as unknown as { __cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).__cy;
    return cy.getElementById('agent:finance').renderedPosition();
  });
  const box = (await page.locator('#graph').boundingBox())!;
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('3 reachable');
  await expect.poll(() => idsWithClass(page, 'reached')).toEqual(['cred:fin-key', 'ds:ledger', 'nhi:fin']);
});

test('"Who can reach this?" runs exposure', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await searchAndPick(page, 'customer crm', /Customer CRM/);
  await page.getByRole('button', { name: 'Who can reach this?' }).click();
  const exposure = page.getByRole('region', { name: 'Exposure' });
  await expect(exposure).toContainText('3 can reach this');
  expect(computeExposure(engineGraph(), 'ds:crm').nodes.length).toBe(3);
  await expect.poll(() => idsWithClass(page, 'exposing')).toEqual(['agent:support', 'human:alice', 'nhi:support-sa']);
  await expect(page).toHaveURL(/mode=exposure/);
});

test('the path finder draws and lists the shortest path, left to right', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await page.getByRole('button', { name: 'Path', exact: true }).click();
  const finder = page.getByRole('region', { name: 'Path finder' });
  await finder.getByRole('combobox', { name: 'Path from' }).fill('alice');
  await finder.getByRole('combobox', { name: 'Path from' }).press('Enter');
  await finder.getByRole('combobox', { name: 'Path to' }).fill('case notes');
  await finder.getByRole('combobox', { name: 'Path to' }).press('Enter');
  await expect(finder.getByTestId('path-length')).toHaveText('3 hops');
  const steps = finder.getByRole('list', { name: 'Path steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('Alice');
  await expect(steps.nth(1)).toContainText('Support bot');
  await expect(steps.nth(2)).toContainText('Support KB index');
  await expect(steps.nth(3)).toContainText('Internal case notes');
  await expect.poll(() => idsWithClass(page, 'on-path')).toEqual(['agent:support', 'ds:notes', 'human:alice', 'vs:kb']);
  // Layered layout: each step sits to the right of the one before.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const cy = (window as unknown as { __cy: { getElementById(id: string): { position(): { x: number } } } }).__cy;
        const xs = ['human:alice', 'agent:support', 'vs:kb', 'ds:notes'].map((id) => cy.getElementById(id).position().x);
        return xs.every((x, i) => i === 0 || x > xs[i - 1]!);
      }),
    )
    .toBe(true);
  await expect(page).toHaveURL(/mode=path&from=human%3Aalice&to=ds%3Anotes/);
});

test('a link reopens the same picture (?source= + view params)', async ({ page, context }) => {
  const body = readFileSync(fixture('small-estate.json'), 'utf8');
  await context.route((url) => url.pathname === '/fixtures/small-estate.json', (route) => route.fulfill({ body, contentType: 'application/json' }));
  await page.goto('/?source=/fixtures/small-estate.json');
  await expect(page.getByRole('banner')).toContainText('small-estate.json');
  await searchAndPick(page, 'support bot', /Support bot/);
  await page.getByRole('region', { name: 'Blast radius' }).getByLabel('Hop limit').fill('1');
  await page.getByRole('button', { name: 'Layered' }).click();
  await expect(page).toHaveURL(/layout=layered/);
  const link = page.url();
  expect(link).toContain('source=%2Ffixtures%2Fsmall-estate.json');

  const again = await context.newPage();
  await again.goto(link);
  const radius = again.getByRole('region', { name: 'Blast radius' });
  await expect(radius).toContainText('3 reachable');
  await expect(radius.getByLabel('Hop limit')).toHaveValue('1');
  await expect(again.getByRole('button', { name: 'Layered' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => idsWithClass(again, 'reached')).toEqual(['nhi:support-sa', 'tool:email', 'vs:kb']);
  expect(again.url()).toBe(link);
});

test('a broken file shows its errors with their places, never a blank screen', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('broken.json'));
  const panel = page.getByRole('region', { name: 'Could not open broken.json' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('not valid JSON at line 10, column 3');
  await expect(panel).toContainText('broken.json');
  // Recover from the error state by opening a good file.
  await panel.getByTestId('inventory-file-input').setInputFiles(fixture('small-estate.json'));
  await expect(page.getByRole('banner')).toContainText('small-estate.json');
});

test('warnings are listed in the Problems panel with their places', async ({ page }) => {
  await openFixture(page, 'with-warnings.json');
  await page.getByRole('button', { name: 'Problems: 2' }).click();
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('with-warnings.json: edges[1].target');
  await expect(problems).toContainText('no node "ds:missing"');
  await expect(problems).toContainText('nodes[2].kind');
  await page.keyboard.press('Escape');
  await expect(problems).toHaveCount(0);
});

test('details show every field, custom ones and provenance; labels are text, never HTML', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await searchAndPick(page, 'support bot', /Support bot/);
  // Details open on request, from the selection's header; once open they follow the selection.
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toHaveCount(0);
  await page.getByRole('region', { name: 'Blast radius' }).getByRole('button', { name: 'Details' }).click();
  await expect(details).toContainText('agents.yaml#/support');
  await expect(details).toContainText('x-review-note');
  await expect(details).toContainText('owner unknown');
  await expect(details).toContainText('custom');
  await expect(details).toContainText('nodes[1]');

  await searchAndPick(page, 'coding agent', /Coding agent/);
  await expect(details).toContainText('<img src=x onerror="window.__xss=1">Coding agent');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('"Toxic combinations" shows the findings for the selected node and lights their evidence', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await searchAndPick(page, 'support bot', /Support bot/);
  const toxic = page.getByRole('region', { name: 'Toxic combinations' });
  await expect(toxic).toBeVisible();
  const cards = toxic.getByRole('listitem');
  const count = await cards.count();
  if (count === 0) {
    // Rules not evaluated or none fire: it must say so in words, not show an empty list.
    await expect(toxic).toContainText(/No toxic/);
    return;
  }
  const first = cards.first();
  await expect(first).toContainText(/critical|high|medium|low/i);
  await first.getByRole('button', { name: 'Show path' }).click();
  await expect.poll(async () => (await idsWithClass(page, 'evidence')).length).toBeGreaterThan(0);
  await expect(first.getByRole('button', { name: 'Hide path' })).toHaveAttribute('aria-pressed', 'true');
});

test('files dropped on the page are merged and opened; "/" jumps to search', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Open inventory' }).first()).toBeVisible();
  const texts = [readFileSync(fixture('small-estate.json'), 'utf8'), readFileSync(fixture('with-warnings.json'), 'utf8')];
  const dt = await page.evaluateHandle((bodies) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([bodies[0]!], 'small-estate.json', { type: 'application/json' }));
    transfer.items.add(new File([bodies[1]!], 'with-warnings.json', { type: 'application/json' }));
    return transfer;
  }, texts);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await expect(page.getByText('Drop inventory files to open them')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  // 20 + 3 nodes; the unknown-kind node is kept as "other".
  await expect(page.getByRole('banner')).toContainText('23 nodes');
  await expect(page.getByRole('banner')).toContainText('small-estate.json + with-warnings.json');

  await page.locator('#graph').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(page.getByRole('combobox', { name: 'Search nodes' })).toBeFocused();
});

test('the theme switch toggles dark and light and is remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();
});

test('keyboard only: "/" to search, arrows and Enter to pick, Enter on an entry traces it; an edge shows its details', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await page.locator('body').press('/');
  await page.keyboard.type('finance agent');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const radius = page.getByRole('region', { name: 'Blast radius' });
  await expect(radius).toContainText('3 reachable');
  const ledger = radius.getByRole('list', { name: 'Reached nodes, nearest first' }).getByRole('button', { name: /General ledger/ });
  await ledger.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => idsWithClass(page, 'trace')).toEqual(['agent:finance', 'cred:fin-key', 'ds:ledger', 'nhi:fin']);

  await page.evaluate(() => {
    const cy = (window as unknown as { __cy: { getElementById(id: string): { emit(e: string): void } } }).__cy;
    cy.getElementById('edge\u241fnhi:fin|has_permission|ds:ledger').emit('tap');
  });
  // The selected edge is named at the top of the analysis panel; its Details button opens the drawer.
  const selected = page.getByRole('region', { name: 'Selected edge' });
  await expect(selected).toContainText('has_permission');
  await selected.getByRole('button', { name: 'Details' }).focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toBeFocused();
  await expect(details).toContainText('has_permission');
  await expect(details).toContainText('grants read-write');
  await expect(details).toContainText('actions');
  await expect(details).toContainText('edges[13]');
});

test('the built-in sample opens on first start without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  await page.goto('/');
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  const first = page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first();
  await first.click();
  await expect(page.getByRole('region', { name: 'Blast radius' }).getByTestId('reach-count')).toHaveText(/^\d+ reachable$/);
  await expect(page.locator('#graph')).toHaveAttribute('data-layout', 'ready');
  expect(errors).toEqual([]);
});

test('the view exports as a PNG named after the focus', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await searchAndPick(page, 'support bot', /Support bot/);
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('7 reachable');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the view as PNG' }).click()]);
  expect(download.suggestedFilename()).toBe('pathlight-agent_support.png');
  const path = await download.path();
  expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
});
