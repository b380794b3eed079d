/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * The context menu on nodes and edges and the details drawer (issue #16, point 6), in the built app: every
 * item does what it says, checked against the engine and the app's own state (the radius panel's count, the
 * exposure view, the path finder, the what-if figures, the clipboard), opened by a right click, from the
 * keyboard (Shift+F10 / the ContextMenu key, arrow keys, Home/End, Escape giving the focus back) and from the
 * drawer's "Actions" button; the menu stays inside the viewport at 1280×720.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { buildGraph, computeExposure, computeReach } from '../src/graph/index.ts';
import { whatIf } from '../src/graph/what-if.ts';
import { parseInventory } from '../src/model/index.ts';

import { canvasSettled, fixture, openFixture } from './helpers.ts';

function engine() {
  const parsed = parseInventory({ file: 'small-estate.json', text: readFileSync(fixture('small-estate.json'), 'utf8') });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return buildGraph(parsed.inventory);
}

const FIN_EDGE = 'cred:fin-key|authenticates_as|nhi:fin';

test.use({ viewport: { width: 1280, height: 720 }, permissions: ['clipboard-read', 'clipboard-write'] });

async function rightClick(page: Page, elementId: string): Promise<void> {
  await canvasSettled(page);
  const box = (await page.locator('#graph').boundingBox())!;
  const at = await page.evaluate((id) => {
    const cy = (window as unknown as { __cy: { getElementById(i: string): { isNode(): boolean; renderedPosition(): { x: number; y: number }; renderedMidpoint(): { x: number; y: number } } } }).__cy;
    const el = cy.getElementById(id);
    return el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
  }, elementId);
  await page.mouse.click(box.x + at.x, box.y + at.y, { button: 'right' });
}

async function expectInViewport(page: Page, menuName: string): Promise<void> {
  const menu = page.getByRole('menu', { name: menuName });
  await expect(menu).toBeVisible();
  const box = (await menu.locator('..').boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
}

const clipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

async function pick(page: Page, menuName: string, item: string): Promise<void> {
  await page.getByRole('menu', { name: menuName }).getByRole('menuitem', { name: item, exact: true }).click();
  await expect(page.getByRole('menu', { name: menuName })).toHaveCount(0);
}

test('node menu: blast radius, who can reach this, path ends, cut and restore, copy, details', async ({ page }) => {
  const graph = engine();
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await expect(page.getByRole('region', { name: 'Blast radius' }).getByTestId('reach-count')).toHaveText(`${computeReach(graph, 'agent:finance').size} reachable`);

  // Every item is there, the menu inside the viewport.
  await rightClick(page, 'nhi:fin');
  await expectInViewport(page, 'Node actions');
  await expect(page.getByRole('menu', { name: 'Node actions' }).getByRole('menuitem')).toHaveText(
    ['Blast radius from here', 'Who can reach this', 'Set as path start', 'Set as path end', 'Cut this node', 'Copy id', 'Copy name', 'Open details'].map((t) => new RegExp(`^${t}`)),
  );
  await pick(page, 'Node actions', 'Blast radius from here');
  await expect(page).toHaveURL(/node=nhi%3Afin/);
  await expect(page.getByRole('region', { name: 'Blast radius' }).getByTestId('reach-count')).toHaveText(`${computeReach(graph, 'nhi:fin').size} reachable`);

  await rightClick(page, 'nhi:fin');
  await pick(page, 'Node actions', 'Who can reach this');
  await expect(page).toHaveURL(/mode=exposure/);
  await expect(page.getByTestId('exposure-count')).toHaveText(`${computeExposure(graph, 'nhi:fin').nodes.length} can reach this`);
  await expect(page.locator('#graph')).toHaveAttribute('data-picture', 'exposure');

  // Path ends: the path finder is filled and shows the engine's path.
  await rightClick(page, 'agent:finance');
  await pick(page, 'Node actions', 'Set as path start');
  await expect(page).toHaveURL(/from=agent%3Afinance/);
  await rightClick(page, 'ds:ledger');
  await pick(page, 'Node actions', 'Set as path end');
  await expect(page).toHaveURL(/to=ds%3Aledger/);
  await expect(page.getByTestId('path-length')).toHaveText('3 hops');

  // Cut and restore: the what-if figures change and come back.
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  const expected = whatIf(graph, [{ node: 'nhi:fin' }], { source: 'agent:finance' });
  await rightClick(page, 'nhi:fin');
  await pick(page, 'Node actions', 'Cut this node');
  await expect(page.getByTestId('what-if-sentence')).toHaveText(`${expected.sentence.charAt(0).toUpperCase()}${expected.sentence.slice(1)}.`);
  await expect(page).toHaveURL(/cuts=%7Enhi%3Afin/);
  await rightClick(page, 'nhi:fin');
  await expect(page.getByRole('menu', { name: 'Node actions' }).getByRole('menuitem', { name: 'Restore this node' })).toBeVisible();
  await pick(page, 'Node actions', 'Restore this node');
  await expect(page).not.toHaveURL(/cuts=/);
  await expect(page.getByRole('region', { name: 'Blast radius' }).getByTestId('reach-count')).toHaveText(`${computeReach(graph, 'agent:finance').size} reachable`);

  // Copy id and name write the clipboard.
  await rightClick(page, 'nhi:fin');
  await pick(page, 'Node actions', 'Copy id');
  await expect.poll(() => clipboard(page)).toBe('nhi:fin');
  await rightClick(page, 'nhi:fin');
  await pick(page, 'Node actions', 'Copy name');
  await expect.poll(() => clipboard(page)).toBe('finance-sa');

  // Open details: the drawer, focused, with the node's id; Escape closes it.
  await rightClick(page, 'nhi:fin');
  await pick(page, 'Node actions', 'Open details');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toBeFocused();
  await expect(details).toContainText('nhi:fin');
  await expect(details).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
});

test('edge menu: cut and restore, path ends from its ends, copy id, details with the evidence', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  const edge = `edge\u241f${FIN_EDGE}`;
  await rightClick(page, edge);
  await expectInViewport(page, 'Edge actions');
  await expect(page.getByRole('menu', { name: 'Edge actions' }).getByRole('menuitem')).toHaveText(['Cut this edge', 'Set source as path start', 'Set target as path end', 'Copy id', 'Open details'].map((t) => new RegExp(`^${t}`)));
  await pick(page, 'Edge actions', 'Cut this edge');
  await expect(page.getByTestId('what-if-sentence')).toContainText('3 → 1');
  await rightClick(page, edge);
  await pick(page, 'Edge actions', 'Restore this edge');
  await expect(page).not.toHaveURL(/cuts=/);

  await rightClick(page, edge);
  await pick(page, 'Edge actions', 'Copy id');
  await expect.poll(() => clipboard(page)).toBe(FIN_EDGE);

  await rightClick(page, edge);
  await pick(page, 'Edge actions', 'Open details');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toBeFocused();
  await expect(details).toContainText('authenticates_as');
  await expect(details.getByRole('button', { name: /Finance API key/ })).toBeVisible();
  await expect(details.getByRole('button', { name: /finance-sa/ })).toBeVisible();
  await expect(details.getByLabel('Evidence')).toContainText('edges[');

  await rightClick(page, edge);
  await pick(page, 'Edge actions', 'Set source as path start');
  await expect(page).toHaveURL(/from=cred%3Afin-key/);
  await rightClick(page, 'ds:ledger');
  await pick(page, 'Node actions', 'Set as path end');
  await expect(page.getByTestId('path-length')).toHaveText('2 hops');
});

test('keyboard only: Shift+F10 on the selected node, arrows, Home/End, Escape gives the focus back; Actions in the drawer', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  const agent = page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ });
  await agent.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/node=agent%3Afinance/);
  // Selecting shows the why-first panels; the details drawer stays closed until asked for.
  await expect(page.getByRole('region', { name: 'Blast radius' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' })).toHaveCount(0);
  await expect(agent).toBeFocused();

  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Node actions' });
  await expectInViewport(page, 'Node actions');
  await expect(menu.getByRole('menuitem', { name: 'Blast radius from here' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Who can reach this' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Open details' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Blast radius from here' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Open details' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(menu.getByRole('menuitem', { name: 'Blast radius from here' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(agent).toBeFocused();

  // Enter on an item acts: exposure of the selected node.
  await page.keyboard.press('ContextMenu');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/mode=exposure/);

  // Enter on the selected node opens its details, focused; Escape closes them and gives the focus back.
  await agent.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('region', { name: 'Details' });
  await expect(drawer).toBeFocused();
  await expect(drawer).toContainText('agent:finance');
  await expect(page).toHaveURL(/mode=exposure/);
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(agent).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(drawer).toBeFocused();

  // The drawer's Actions button opens the same menu; a press outside closes it.
  const actions = page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Actions' });
  await actions.click();
  await expectInViewport(page, 'Node actions');
  await expect(actions).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('region', { name: 'Details' }).getByRole('heading', { name: 'Details' }).click();
  await expect(menu).toHaveCount(0);
  // Close details by its button: the drawer goes, the selection stays.
  await page.getByRole('button', { name: 'Close details' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toHaveCount(0);
  await expect(page).toHaveURL(/node=agent%3Afinance/);
});

test('with Redact on, copied names and ids are the pseudonyms shown', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await page.getByRole('button', { name: 'Redact' }).click();
  await expect(page.getByRole('button', { name: 'Redact' })).toHaveAttribute('aria-pressed', 'true');
  await rightClick(page, 'nhi:fin');
  await expect(page.getByRole('menu', { name: 'Node actions' })).toBeVisible();
  const title = await page.getByRole('menu', { name: 'Node actions' }).locator('..').locator('p').first().innerText();
  await pick(page, 'Node actions', 'Copy name');
  const name = await expect.poll(() => clipboard(page)).not.toBe('').then(() => clipboard(page));
  expect(name).not.toContain('finance-sa');
  expect(name).toMatch(/\d+$/);
  await rightClick(page, 'nhi:fin');
  await pick(page, 'Node actions', 'Copy id');
  await expect.poll(() => clipboard(page)).toBe(name);
  // The menu showed the node under the same pseudonym.
  expect(title).toContain(name);
});

test('the details drawer opens on request only, and the picture refits beside it: no drawn node under it', async ({ page }) => {
  type Box = { x1: number; y1: number; x2: number; y2: number };
  const drawn = (): Promise<{ nodes: { id: string; box: Box }[]; free: Box }> =>
    page.evaluate(() => (window as unknown as { __pathlight: { boxes(): { nodes: { id: string; box: Box }[]; free: Box } } }).__pathlight.boxes());
  const fitted = async (): Promise<void> => {
    await canvasSettled(page);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const el = document.querySelector<HTMLElement>('#graph')!;
          return el.dataset.fitted === `${Math.round(el.clientWidth)}x${Math.round(el.clientHeight)}`;
        }),
      )
      .toBe(true);
    await canvasSettled(page);
  };
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await openFixture(page, 'small-estate.json');
    await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
    const drawer = page.getByRole('region', { name: 'Details' });
    await fitted();
    // Selecting alone never opens it.
    await expect(drawer).toHaveCount(0);
    const before = await drawn();
    expect(before.nodes.length).toBeGreaterThan(1);

    const opener = page.getByRole('region', { name: 'Blast radius' }).getByRole('button', { name: 'Details' });
    await expect(opener).toHaveAttribute('aria-expanded', 'false');
    await expect(opener).not.toHaveAttribute('aria-controls', /.+/);
    await opener.click();
    await expect(drawer).toBeFocused();
    await expect(opener).toHaveAttribute('aria-expanded', 'true');
    await expect(opener).toHaveAttribute('aria-controls', (await drawer.getAttribute('id'))!);
    const graph = (await page.locator('#graph').boundingBox())!;
    const d = (await drawer.boundingBox())!;
    const over = { x1: d.x - graph.x, y1: d.y - graph.y, x2: d.x + d.width - graph.x, y2: d.y + d.height - graph.y };
    // It never covers the canvas toolbar (export, link): at 1280 the toolbar reaches under the drawer's column.
    const bar = (await page.getByRole('toolbar', { name: 'Graph view' }).boundingBox())!;
    expect(d.y, 'drawer starts below the canvas toolbar').toBeGreaterThanOrEqual(bar.y + bar.height);
    // The free canvas shrinks to the drawer's left edge, and the picture is fitted into it.
    await expect.poll(async () => (await drawn()).free.x2).toBeLessThanOrEqual(over.x1 + 1);
    await fitted();
    const after = await drawn();
    // The same nodes are drawn, each clear of the drawer.
    expect(after.nodes.map((n) => n.id).sort()).toEqual(before.nodes.map((n) => n.id).sort());
    for (const n of after.nodes) expect(n.box.x1 < over.x2 && over.x1 < n.box.x2 && n.box.y1 < over.y2 && over.y1 < n.box.y2, `${n.id} under the drawer`).toBe(false);

    // × closes it and gives the focus back to the button it came from.
    await drawer.getByRole('button', { name: 'Close details' }).click();
    await expect(drawer).toHaveCount(0);
    await expect(opener).toBeFocused();
    await expect(opener).toHaveAttribute('aria-expanded', 'false');
  }
});
