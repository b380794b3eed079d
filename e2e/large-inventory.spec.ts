/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * A 20k-node / 60k-edge inventory: the page draws at most about 1.5k elements (the focus plus context, the
 * rest grouped by kind), a selection is a folded picture whose counts are the engine's, and the "Blast radius"
 * still reports the engine's exact count.
 */
import { expect, type Page, test } from '@playwright/test';

import { buildGraph, computeReach } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';

import { generateEstate } from './fixtures/generate-estate.ts';
import { idsWithClass } from './helpers.ts';

const BUDGET = 1500;

type Cy = { elements(): { length: number }; nodes(sel?: string): { length: number; map<T>(f: (n: { id(): string }) => T): T[] } };

test('a 20k-node inventory is drawn as a focused subgraph with grouped counts', async ({ page }) => {
  test.setTimeout(120_000);
  const doc = generateEstate(20_000);
  const parsed = parseInventory({ json: doc });
  if (!parsed.ok) throw new Error('generated estate does not parse');
  const expected = computeReach(buildGraph(parsed.inventory), 'ai_agent:7');

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Open inventory' }).first()).toBeVisible();
  await page
    .getByTestId('inventory-file-input')
    .first()
    .setInputFiles({ name: 'estate-20k.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.getByRole('banner')).toContainText('20,000 nodes', { timeout: 60_000 });

  const drawn = () => page.evaluate(() => (window as unknown as { __cy?: Cy }).__cy?.elements().length ?? 0);
  await expect.poll(drawn).toBeGreaterThan(0);
  expect(await drawn()).toBeLessThanOrEqual(BUDGET);
  expect(await page.evaluate(() => (window as unknown as { __cy: Cy }).__cy.nodes('.group').length)).toBeGreaterThan(0);
  await expect(page.getByRole('note')).toContainText('of 20,000 nodes');

  const box = page.getByRole('combobox', { name: 'Search nodes' });
  await box.fill('ai_agent:7');
  await expect(page.getByRole('option', { name: /ai agent 7\b/ }).first()).toBeVisible();
  await box.press('Enter');
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText(`${expected.size} reachable`);
  expect(expected.size).toBeGreaterThan(BUDGET);

  // The radius is drawn as a picture: what is lit is the drawn part of the engine's radius, and every other
  // reached node is counted on the folded group of its kind and hop.
  await expect(page.locator('#graph')).toHaveAttribute('data-picture', 'reach');
  await expect(page.locator('#graph')).toHaveAttribute('data-drawing', 'done');
  const reached = new Set(expected.toEntries(false).map((e) => e.id));
  const lit = (await idsWithClass(page, 'reached')).filter((id) => !id.startsWith('fold\u241f'));
  expect(lit.length).toBeGreaterThan(0);
  expect(lit.every((id) => reached.has(id))).toBe(true);
  expect(await drawn()).toBeLessThanOrEqual(BUDGET);
  expect(await idsWithClass(page, 'focus')).toEqual(['ai_agent:7']);
  const before = await pictureCounts(page, 'ai_agent:7');
  expect(before.plain + before.folded).toBe(expected.size);
  expect(before.folds.length).toBeGreaterThan(0);

  // Unfolding a group draws some of its members in place; the counts still add up to the engine's.
  const [fold] = [...before.folds].sort((a, b) => b.count - a.count);
  await page.evaluate((id) => {
    const cy = (window as unknown as { __cy: { getElementById(id: string): { emit(e: string): void } } }).__cy;
    cy.getElementById(id).emit('tap');
  }, fold!.id);
  await expect.poll(async () => (await pictureCounts(page, 'ai_agent:7')).plain).toBeGreaterThan(before.plain);
  const after = await pictureCounts(page, 'ai_agent:7');
  expect(after.plain + after.folded).toBe(expected.size);
  expect(await drawn()).toBeLessThanOrEqual(BUDGET);
});

interface PictureNode {
  id: string;
  classes: string[];
  data: Record<string, unknown>;
}

/** The drawn picture: nodes drawn one by one (besides the focus) and the folded groups with their counts. */
async function pictureCounts(page: Page, focus: string): Promise<{ plain: number; folded: number; folds: { id: string; count: number }[] }> {
  const nodes = await page.evaluate(
    () => (window as unknown as { __pathlight: { boxes(): { nodes: PictureNode[] } } }).__pathlight.boxes().nodes,
  );
  let plain = 0;
  const folds: { id: string; count: number }[] = [];
  for (const n of nodes) {
    if (n.id === focus) continue;
    if (n.classes.includes('fold')) folds.push({ id: n.id, count: Number(n.data.count) });
    else plain += 1;
  }
  return { plain, folded: folds.reduce((sum, f) => sum + f.count, 0), folds };
}
