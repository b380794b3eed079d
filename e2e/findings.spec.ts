/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * Toxic combinations beyond the card: "show path" lights each leg in its own colour, and the Findings view
 * lists every finding of the inventory ranked, each opening its node. Expectations come from the sample's
 * stories (public/samples/README.md) and from the engine itself.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { buildGraph, evaluateRules, orderFindingsByRisk, summarizeAiNodes } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';

import { idsWithClass } from './helpers.ts';

function sampleFindings() {
  const path = fileURLToPath(new URL('../public/samples/sample-inventory.json', import.meta.url));
  const parsed = parseInventory({ file: 'sample-inventory.json', text: readFileSync(path, 'utf8') });
  if (!parsed.ok) throw new Error('sample does not parse');
  const graph = buildGraph(parsed.inventory);
  // In the shared ranking the sidebar and the board use too (severity, crown jewels reached, radius).
  return orderFindingsByRisk(evaluateRules({ graph, mode: 'strict', now: Date.now() }), summarizeAiNodes(graph));
}

test('a lethal-trifecta card lights each of its legs in its own colour', async ({ page }) => {
  await page.goto('/?view=explorer&node=agent:finance-agent');
  const panel = page.getByRole('region', { name: 'Toxic combinations' });
  const card = panel.getByRole('listitem').filter({ hasText: 'R01' }).first();
  await expect(card).toBeVisible();
  // The legend: one swatch per leg.
  await expect(card.locator('[data-leg-swatch]')).toHaveCount(3);

  await card.getByRole('button', { name: 'Show path' }).click();
  await expect(card.getByRole('button', { name: 'Hide path' })).toBeVisible();

  // Story 3: the inbound mailbox is the untrusted leg, the quarterly reports the private one, send-email the sink.
  await expect.poll(() => idsWithClass(page, 'leg-untrusted')).toContain('ds:ap-inbox');
  const untrusted = await idsWithClass(page, 'leg-untrusted');
  const priv = await idsWithClass(page, 'leg-private');
  const sink = await idsWithClass(page, 'leg-sink');
  expect(priv).toContain('ds:quarterly-reports');
  expect(sink).toContain('tool:send-email');
  expect(untrusted).not.toContain('ds:quarterly-reports');
  expect(priv).not.toContain('tool:send-email');
  expect(sink).not.toContain('ds:ap-inbox');

  // Every node of every leg carries its leg's class, and the three legs are drawn in three different colours.
  const legs = sampleFindings().find((f) => f.rule === 'lethal-trifecta' && f.node === 'agent:finance-agent')!.legs!;
  expect(new Set(legs.map((l) => l.role))).toEqual(new Set(['untrusted', 'private', 'sink']));
  const byRole = { untrusted, private: priv, sink } as Record<string, string[]>;
  for (const leg of legs) for (const n of leg.nodes) expect(byRole[leg.role]).toContain(n);
  // Each leg's far end is drawn in that leg's colour (a mailbox both untrusted and private shows the way in).
  const own = ['ds:ap-inbox', 'ds:quarterly-reports', 'tool:send-email'];
  const colours = await page.evaluate((ids) => {
    const cy = (window as unknown as { __cy: { $id(id: string): { style(p: string): string } } }).__cy;
    return ids.map((id) => cy.$id(id).style('border-color'));
  }, own);
  expect(new Set(colours).size).toBe(3);
  const edgeClasses = await page.evaluate(() => {
    const cy = (window as unknown as { __cy: { edges(sel: string): { length: number } } }).__cy;
    return ['untrusted', 'private', 'sink'].map((r) => cy.edges(`.leg-${r}`).length);
  });
  for (const n of edgeClasses) expect(n).toBeGreaterThan(0);
});

test('the Findings view lists every finding ranked, filters them, and opens one on its node', async ({ page }) => {
  const findings = sampleFindings();
  await page.goto('/?view=explorer');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
  await expect(page).toHaveURL(/view=findings/);

  const region = page.getByRole('region', { name: 'Findings' });
  const rows = region.getByRole('list', { name: 'Ranked findings' }).getByRole('button');
  await expect(rows).toHaveCount(findings.length);
  expect(findings.length).toBeGreaterThanOrEqual(26);
  // Ranked by the shared ranking, computed here by the engine.
  await expect(rows.first()).toHaveAttribute('data-rule', findings[0]!.rule);
  await expect(rows.first()).toHaveAttribute('data-node', findings[0]!.node);
  await expect(rows.last()).toHaveAttribute('data-node', findings[findings.length - 1]!.node);
  await expect(rows.first()).toContainText('#1');

  // Filters: one rule, then one severity.
  await region.getByLabel('Rule').selectOption('lethal-trifecta');
  await expect(rows).toHaveCount(findings.filter((f) => f.rule === 'lethal-trifecta').length);
  await region.getByLabel('Rule').selectOption('');
  const lows = findings.filter((f) => f.severity !== 'critical').length;
  await region.getByRole('group', { name: 'Severity' }).getByRole('button', { name: /critical/i }).click();
  await expect(rows).toHaveCount(lows);
  await region.getByRole('group', { name: 'Severity' }).getByRole('button', { name: /critical/i }).click();
  await expect(rows).toHaveCount(findings.length);

  // Keyboard: focus the first row, arrow down, Enter opens the second finding on its node.
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  const second = findings[1]!;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`view=explorer.*node=${encodeURIComponent(second.node)}`));
  await expect.poll(() => idsWithClass(page, 'focus')).toEqual([second.node]);
  // Its evidence is lit.
  await expect.poll(async () => (await idsWithClass(page, 'evidence')).length).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Toxic combinations' }).getByRole('button', { name: 'Hide path' })).toBeVisible();
});
