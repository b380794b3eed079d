/* oxlint-disable no-underscore-dangle -- window.__pathlight is the agreed test hook */
/**
 * The blast-radius picture (issue 16, points 1 and 3), read through the test hook `window.__pathlight.boxes()`
 * (boxes on screen of every drawn node and label, and the free part of the canvas) at three viewport sizes, on
 * the built-in sample and on a generated 20k-node estate: drawn nodes inside the free canvas (never under the
 * toolbar, the minimap or a panel), no two labels overlapping at fit, labels legible, group counts the
 * engine's, a refit when the panels hide, exposure mirrored, a path one row, and a what-if cut keeping it all.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { buildGraph, computeExposure, computeReach } from '../src/graph/index.ts';
import type { InventoryGraph } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';

import { generateEstate } from './fixtures/generate-estate.ts';
import { canvasSettled, openFixture } from './helpers.ts';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
interface Boxes {
  width: number;
  height: number;
  free: Box;
  nodes: { id: string; classes: string[]; data: Record<string, unknown>; box: Box; label: Box | null; text: string; fontPx: number }[];
  edges: { id: string; source: string; target: string; classes: string[]; label: string }[];
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

const boxes = (page: Page): Promise<Boxes> => page.evaluate(() => (window as unknown as { __pathlight: { boxes(): Boxes } }).__pathlight.boxes());

const overlap = (a: Box, b: Box, slack = 0): boolean => a.x1 < b.x2 - slack && b.x1 < a.x2 - slack && a.y1 < b.y2 - slack && b.y1 < a.y2 - slack;
const inside = (a: Box, outer: Box, slack = 1): boolean => a.x1 >= outer.x1 - slack && a.y1 >= outer.y1 - slack && a.x2 <= outer.x2 + slack && a.y2 <= outer.y2 + slack;

/** The boxes of what floats over the canvas (toolbar, minimap, notes), relative to it. */
function blockers(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const graph = document.querySelector('#graph')!.getBoundingClientRect();
    const host = document.querySelector('#graph')!.closest('main')!;
    return [...host.querySelectorAll<HTMLElement>('[data-canvas-blocker]')]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ x1: r.left - graph.left, y1: r.top - graph.top, x2: r.right - graph.left, y2: r.bottom - graph.top }));
  });
}

/** The picture is drawn, fitted to the canvas as it is now, and still. */
async function pictureSettled(page: Page, kind: 'reach' | 'exposure' | 'path' = 'reach'): Promise<void> {
  const graph = page.locator('#graph');
  await expect(graph).toHaveAttribute('data-picture', kind);
  await canvasSettled(page);
  await expect
    .poll(() => page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('#graph')!;
      return el.dataset.fitted === `${Math.round(el.clientWidth)}x${Math.round(el.clientHeight)}`;
    }))
    .toBe(true);
  await canvasSettled(page);
}

/** Every drawn node inside the free canvas and clear of what floats over it; labels inside the canvas, none overlapping. */
async function expectReadable(page: Page, { minFont }: { minFont: number }): Promise<Boxes> {
  const b = await boxes(page);
  const over = await blockers(page);
  expect(b.nodes.length).toBeGreaterThan(1);
  for (const n of b.nodes) {
    expect(inside(n.box, b.free), `${n.id} inside the free canvas`).toBe(true);
    for (const o of over) expect(overlap(n.box, o), `${n.id} under a toolbar, minimap or note`).toBe(false);
  }
  const labelled = b.nodes.filter((n) => n.label);
  // The focus and the crown jewels are always labelled.
  expect(labelled.length).toBeGreaterThan(0);
  const whole = { x1: 0, y1: 0, x2: b.width, y2: b.height };
  for (const n of labelled) {
    expect(inside(n.label!, whole), `label of ${n.id} inside the canvas`).toBe(true);
    expect(n.fontPx, `label of ${n.id} legible`).toBeGreaterThanOrEqual(minFont);
  }
  for (let i = 0; i < labelled.length; i++) {
    for (let j = i + 1; j < labelled.length; j++) {
      const [a, c] = [labelled[i]!, labelled[j]!];
      expect(overlap(a.label!, c.label!, 0.5), `labels of ${a.id} and ${c.id} overlap`).toBe(false);
    }
  }
  return b;
}

/** Each reached node is drawn once: on its own or counted in a folded group. */
function expectEngineCounts(b: Boxes, focus: string, expected: number): void {
  let counted = 0;
  for (const n of b.nodes) {
    if (n.id === focus) continue;
    if (n.classes.includes('fold')) {
      const count = Number(n.data.count);
      expect(count).toBeGreaterThan(0);
      expect(String(n.data.label)).toContain(count.toLocaleString('en-US'));
      counted += count;
    } else counted += 1;
  }
  expect(counted).toBe(expected);
}

const sampleGraph = (): InventoryGraph => {
  const text = readFileSync(fileURLToPath(new URL('../public/samples/sample-inventory.json', import.meta.url)), 'utf8');
  const parsed = parseInventory({ json: JSON.parse(text) as unknown });
  if (!parsed.ok) throw new Error('sample does not parse');
  return buildGraph(parsed.inventory);
};

for (const size of SIZES) {
  test(`sample at ${size.width}×${size.height}: an agent's picture is inside the canvas, labels legible and apart, counts the engine's`, async ({ page }) => {
    const graph = sampleGraph();
    const focus = 'agent:support-bot';
    const expected = computeReach(graph, focus).size;
    await page.setViewportSize(size);
    await page.goto(`/?view=explorer&node=${encodeURIComponent(focus)}`);
    await pictureSettled(page);
    await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText(`${expected} reachable`);
    const b = await expectReadable(page, { minFont: 11 });
    expectEngineCounts(b, focus, expected);
    // Hops run left to right from the selection.
    const at = new Map(b.nodes.map((n) => [n.id, (n.box.x1 + n.box.x2) / 2]));
    for (const n of b.nodes) if (n.id !== focus) expect(at.get(n.id)!).toBeGreaterThan(at.get(focus)!);

  });
}

test('exposure is mirrored and a path is one straight row (1440×900)', async ({ page }) => {
  const graph = sampleGraph();
  const entries = computeReach(graph, 'agent:support-bot').toEntries(false);
  const far = entries[entries.length - 1]!;
  expect(far.hops).toBeGreaterThanOrEqual(2);
  const target = far.id;
  await page.goto(`/?view=explorer&node=${encodeURIComponent(target)}&mode=exposure`);
  await pictureSettled(page, 'exposure');
  const e = await expectReadable(page, { minFont: 11 });
  expectEngineCounts(e, target, computeExposure(graph, target).nodes.length);
  const ex = new Map(e.nodes.map((n) => [n.id, (n.box.x1 + n.box.x2) / 2]));
  for (const n of e.nodes) if (n.id !== target) expect(ex.get(n.id)!, `${n.id} left of the target`).toBeLessThan(ex.get(target)!);

  await page.goto(`/?view=explorer&mode=path&from=agent%3Asupport-bot&to=${encodeURIComponent(target)}`);
  await pictureSettled(page, 'path');
  const p = await expectReadable(page, { minFont: 11 });
  const ys = p.nodes.map((n) => Math.round((n.box.y1 + n.box.y2) / 2));
  expect(new Set(ys).size).toBe(1);
  expect(p.nodes.length).toBeGreaterThanOrEqual(3);
});

test('"Hide panels" refits the picture into the larger canvas (1280×720)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?view=explorer&node=agent%3Asupport-bot');
  await pictureSettled(page);
  await page.getByRole('button', { name: 'Meeting' }).click();
  await pictureSettled(page);
  const before = await boxes(page);
  await page.getByRole('button', { name: 'Hide panels' }).click();
  await expect.poll(async () => (await boxes(page)).width).toBeGreaterThan(before.width);
  await pictureSettled(page);
  await expectReadable(page, { minFont: 11 });
  const after = await boxes(page);
  // Refitted: the picture spreads into the room the panels gave back.
  const span = (b: Boxes): number => Math.max(...b.nodes.map((n) => n.box.x2)) - Math.min(...b.nodes.map((n) => n.box.x1));
  expect(span(after)).toBeGreaterThan(span(before));
});

test('a what-if cut keeps the picture: the cut edge struck, what it took away faded, the panel says what the cut did', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await pictureSettled(page);
  const before = await boxes(page);
  const cut = 'cred:fin-key|authenticates_as|nhi:fin';
  await page.goto(`${page.url()}&cuts=${encodeURIComponent(cut)}`);
  await page.getByTestId('inventory-file-input').first().setInputFiles(fileURLToPath(new URL('./fixtures/small-estate.json', import.meta.url)));
  await pictureSettled(page);
  await expect(page.getByTestId('cut-effect')).toHaveText(/shrank this radius from 3 to 1/);
  const after = await boxes(page);
  // Same layout: the same nodes in the same columns.
  expect(after.nodes.map((n) => n.id).sort()).toEqual(before.nodes.map((n) => n.id).sort());
  const edge = after.edges.find((e) => e.id === `edge\u241f${cut}`)!;
  expect(edge.classes).toContain('what-if-cut');
  expect(edge.label).toBe('✂ cut');
  const lost = after.nodes.filter((n) => n.classes.includes('cut-lost')).map((n) => n.id).sort();
  expect(lost).toEqual(['ds:ledger', 'nhi:fin']);
  // Still the picture, not the overview.
  await expect(page.getByRole('button', { name: 'Layered' })).toHaveAttribute('aria-pressed', 'true');

  // A path the cut broke stays drawn, and "No path" names the cut.
  await page.goto(`/?view=explorer&mode=path&from=agent%3Afinance&to=ds%3Aledger&cuts=${encodeURIComponent(cut)}`);
  await page.getByTestId('inventory-file-input').first().setInputFiles(fileURLToPath(new URL('./fixtures/small-estate.json', import.meta.url)));
  await pictureSettled(page, 'path');
  await expect(page.getByTestId('path-cut-by')).toContainText('✂ Finance API key —authenticates_as→ finance-sa');
  const row = await boxes(page);
  expect(row.nodes.map((n) => n.id).sort()).toEqual(['agent:finance', 'cred:fin-key', 'ds:ledger', 'nhi:fin']);
  expect(row.edges.find((e) => e.id === `edge\u241f${cut}`)?.classes).toContain('what-if-cut');
});

test('a 20k-node estate: the selection is a readable picture with the engine\'s counts at 1280×720 and 1920×1080', async ({ page }) => {
  test.setTimeout(180_000);
  const doc = generateEstate(20_000);
  const parsed = parseInventory({ json: doc });
  if (!parsed.ok) throw new Error('generated estate does not parse');
  const graph = buildGraph(parsed.inventory);
  const focus = 'ai_agent:7';
  const expected = computeReach(graph, focus).size;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page
    .getByTestId('inventory-file-input')
    .first()
    .setInputFiles({ name: 'estate-20k.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.getByRole('banner')).toContainText('20,000 nodes', { timeout: 90_000 });
  const search = page.getByRole('combobox', { name: 'Search nodes' });
  await search.fill(focus);
  await expect(page.getByRole('option', { name: /ai agent 7\b/ }).first()).toBeVisible();
  await search.press('Enter');
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText(`${expected} reachable`);
  await pictureSettled(page);
  const small = await expectReadable(page, { minFont: 11 });
  expectEngineCounts(small, focus, expected);
  // Folded, not a blob: a picture an analyst can read.
  expect(small.nodes.length).toBeLessThan(200);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await pictureSettled(page);
  const large = await expectReadable(page, { minFont: 11 });
  expectEngineCounts(large, focus, expected);
});

test('exports draw the stable picture: a label shown on hover and the search pulse are not in the PNG or the SVG (1280×720)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/?view=explorer&node=${encodeURIComponent('agent:support-bot')}`);
  await pictureSettled(page);
  type Cy = { png(o: object): Blob; getElementById(id: string): { addClass(c: string): void; removeClass(c: string): void; hasClass(c: string): boolean } };
  const capture = (): Promise<number> => page.evaluate(async () => {
    const cy = (window as unknown as { __cy: Cy }).__cy;
    const bg = getComputedStyle(document.documentElement).getPropertyValue('--canvas').trim() || '#0b0f14';
    return (await createImageBitmap(cy.png({ output: 'blob', full: true, scale: 2, bg }))).width;
  });
  // The selection is the leftmost node; its label is hidden here (as the picture hides a label that would
  // collide), so the stable picture is narrower than the same picture with that label shown under the pointer.
  const focus = 'agent:support-bot';
  const set = (add: string, remove = ''): Promise<void> => page.evaluate(([id, a, r]) => {
    const el = (window as unknown as { __cy: Cy }).__cy.getElementById(id!);
    if (r) el.removeClass(r);
    if (a) el.addClass(a);
  }, [focus, add, remove]);
  await set('nolabel');
  const bare = await capture();
  const exports = page.getByRole('region', { name: 'Exports' });
  const [svgBareDl] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'SVG', exact: true }).click()]);
  const svgBare = readFileSync((await svgBareDl.path())!, 'utf8');
  await set('hover pulse');
  expect(await capture()).toBeGreaterThan(bare);
  const [pngDl] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'PNG' }).click()]);
  expect(readFileSync((await pngDl.path())!).readUInt32BE(16)).toBe(bare);
  const [svgDl] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'SVG', exact: true }).click()]);
  expect(readFileSync((await svgDl.path())!, 'utf8')).toBe(svgBare);
  // The user's hover and pulse are put back after the export.
  expect(await page.evaluate((id) => (window as unknown as { __cy: Cy }).__cy.getElementById(id).hasClass('hover'), focus)).toBe(true);
});
