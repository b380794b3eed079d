/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * A 20k-node / 60k-edge inventory: the page draws at most about 1.5k elements (the focus plus context, the
 * rest grouped by kind), and the "Blast radius" still reports the engine's exact count.
 */
import { expect, test } from '@playwright/test';

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

  // The radius is drawn nearest first, a batch per frame; once it is all there, what is lit is exactly the
  // drawn part of the engine's radius, and the rest is counted on the groups.
  await expect(page.locator('#graph')).toHaveAttribute('data-drawing', 'done');
  const lit = await idsWithClass(page, 'reached');
  const reached = new Set(expected.toEntries(false).map((e) => e.id));
  expect(lit.length).toBeGreaterThan(100);
  expect(lit.every((id) => reached.has(id))).toBe(true);
  expect(await drawn()).toBeLessThanOrEqual(BUDGET);
  expect(await idsWithClass(page, 'focus')).toEqual(['ai_agent:7']);

  // Expanding a group reveals some of its members, still within the budget.
  const before = await page.evaluate(() => (window as unknown as { __cy: Cy }).__cy.nodes('.kind-package').length);
  await page.evaluate(() => {
    const cy = (window as unknown as { __cy: { getElementById(id: string): { emit(e: string): void } } }).__cy;
    cy.getElementById('group\u241fpackage').emit('tap');
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __cy: Cy }).__cy.nodes('.kind-package').length))
    .toBeGreaterThan(before + 10);
  expect(await drawn()).toBeLessThanOrEqual(BUDGET);
});
