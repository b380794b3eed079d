/**
 * #16, the analyst's journey: one ranking everywhere (point 4), the board names each combination once
 * (point 10). Expectations come from the engine run here on the same inventory.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { RULES, buildGraph, evaluateRules, orderFindingsByRisk, rankSummaries, summarizeAiNodes } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';

function sample() {
  const path = fileURLToPath(new URL('../public/samples/sample-inventory.json', import.meta.url));
  const parsed = parseInventory({ file: 'sample-inventory.json', text: readFileSync(path, 'utf8') });
  if (!parsed.ok) throw new Error('sample does not parse');
  const graph = buildGraph(parsed.inventory);
  const findings = evaluateRules({ graph, mode: 'strict', now: Date.now() });
  const summaries = summarizeAiNodes(graph);
  return { graph, findings, summaries };
}

test('"riskiest" means one thing: the sidebar, the Findings view and the board name the same first node', async ({ page }) => {
  const { findings, summaries } = sample();
  const first = rankSummaries(summaries, findings)[0]!.node;
  expect(orderFindingsByRisk(findings, summaries)[0]!.node).toBe(first);

  await page.goto('/?view=explorer');
  const sidebar = page.getByRole('navigation', { name: 'AI integrations' });
  await expect(sidebar.getByLabel('Sort by')).toHaveValue('risk');
  await expect(sidebar.getByRole('list').first().getByRole('button').first()).toHaveAttribute('data-node', first);

  // Switchable: by blast radius the largest radius comes first.
  await sidebar.getByLabel('Sort by').selectOption('radius');
  const largest = rankSummaries(summaries, findings, 'radius')[0]!.node;
  await expect(sidebar.getByRole('list', { name: 'AI integrations by blast radius' }).getByRole('button').first()).toHaveAttribute('data-node', largest);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
  const rows = page.getByRole('list', { name: 'Ranked findings' }).getByRole('button');
  await expect(rows.first()).toHaveAttribute('data-node', first);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk board' }).click();
  const risks = page.getByRole('list', { name: 'Top risks' }).getByRole('listitem');
  await expect(risks.first()).toHaveAttribute('data-node', first);
});

test('the board names each top risk by its combination, with the plain sentence under it once', async ({ page }) => {
  const { findings, summaries } = sample();
  await page.goto('/?view=board');
  const risks = page.getByRole('list', { name: 'Top risks' }).getByRole('listitem');
  await expect(risks).toHaveCount(5);
  const ordered = orderFindingsByRisk(findings, summaries);
  const seen = new Set<string>();
  const tops = ordered.filter((f) => (seen.has(f.node) ? false : (seen.add(f.node), true))).slice(0, 5);
  for (let i = 0; i < tops.length; i++) {
    const f = tops[i]!;
    const name = RULES.find((r) => r.id === f.rule)!.name;
    await expect(risks.nth(i).getByRole('heading')).toHaveText(name);
    await expect(risks.nth(i)).toHaveAttribute('data-rule', f.rule);
    // The finding's title is not written out beside the sentence a second time.
    const text = (await risks.nth(i).textContent()) ?? '';
    expect(text.includes(f.title)).toBe(false);
  }
  await expect(page.getByRole('list', { name: 'Top risks' })).toContainText(/Lethal trifecta/);
});

test('the sidebar holds its order still while the pointer is over it or a row has the focus', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  const list = page.getByRole('navigation', { name: 'AI integrations' }).getByRole('list').first();
  const rows = list.getByRole('button');
  await expect(rows.first()).toBeVisible();
  await expect(list).not.toHaveAttribute('data-held');
  await rows.first().hover();
  await expect(list).toHaveAttribute('data-held', '');
  await page.mouse.move(700, 400);
  await expect(list).not.toHaveAttribute('data-held');
  // Keyboard: focus in a row holds it; the pointer leaving does not release it while the focus stays.
  await rows.nth(1).focus();
  await expect(list).toHaveAttribute('data-held', '');
  await rows.nth(1).hover();
  await page.mouse.move(700, 400);
  await expect(list).toHaveAttribute('data-held', '');
  await page.getByRole('combobox', { name: 'Search nodes' }).focus();
  await expect(list).not.toHaveAttribute('data-held');
});
