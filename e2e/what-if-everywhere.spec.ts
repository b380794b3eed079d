/**
 * What-if cuts reach every view: after "Apply cut" on a finding, the sidebar's blast radius of that AI node,
 * the top bar's findings count, the Findings view and the Risk board show the engine's figures for the
 * inventory without the cut edges (worked out here from a copy of the sample with those edges deleted), each
 * saying that cuts are applied; undo brings the loaded figures back and redo the post-cut ones.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import { buildGraph, computeReach, evaluateRules, summarizeAiNodes } from '../src/graph/index.ts';
import type { Finding, InventoryGraph } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';
import type { Inventory } from '../src/model/index.ts';
import { isAiNode, isCrownJewel } from '../src/model/type-guards.ts';

const SAMPLE = fileURLToPath(new URL('../public/samples/sample-inventory.json', import.meta.url));

function read(doc: unknown): { inventory: Inventory; graph: InventoryGraph } {
  const parsed = parseInventory({ file: 'sample-inventory.json', text: JSON.stringify(doc) });
  if (!parsed.ok) throw new Error('sample does not parse');
  return { inventory: parsed.inventory, graph: buildGraph(parsed.inventory) };
}

/** The board's headline figures and the findings, by the engine, for one graph. */
function figures(graph: InventoryGraph) {
  const findings = evaluateRules({ graph, mode: 'strict', now: Date.now() });
  const ai = graph.nodes.filter((n) => isAiNode(n));
  const reached = new Set<number>();
  for (const n of ai) for (const v of computeReach(graph, n.id).nodes()) reached.add(v);
  const jewels = graph.nodes.map((n, i) => [n, i] as const).filter(([n]) => isCrownJewel(n));
  const aiIds = new Set(ai.map((n) => n.id));
  const flagged = new Set(findings.filter((f) => aiIds.has(f.node) && (f.severity === 'critical' || f.severity === 'high')).map((f) => f.node));
  const summaries = summarizeAiNodes(graph);
  return {
    findings,
    summaries,
    ai: ai.length,
    flagged: flagged.size,
    jewelsPercent: `${Math.round((100 * jewels.filter(([, i]) => reached.has(i)).length) / jewels.length)}%`,
    largest: summaries[0]!,
  };
}

/** The sample, and the finding whose suggested cut shrinks its AI node's radius the most, with the figures before and after. */
function scenario() {
  const raw = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { edges: { id?: string; source: string; kind: string; target: string }[] };
  const { graph } = read(raw);
  const before = figures(graph);
  let best: { finding: Finding; after: ReturnType<typeof figures>; drop: number } | null = null;
  for (const f of before.findings) {
    // Findings on an AI integration (the sidebar lists those), with a suggested cut.
    if (!f.cut?.edges.length || !before.summaries.some((x) => x.node === f.node)) continue;
    const cut = new Set(f.cut.edges);
    // Independently of the app's what-if code: the same document without those edges, read afresh.
    const without = read({ ...raw, edges: raw.edges.filter((e) => !cut.has(e.id ?? `${e.source}|${e.kind}|${e.target}`)) });
    const after = figures(without.graph);
    const drop = before.summaries.find((s) => s.node === f.node)!.reached - after.summaries.find((s) => s.node === f.node)!.reached;
    if (!best || drop > best.drop) best = { finding: f, after, drop };
  }
  const name = graph.nodes[graph.index.nodeIndex.get(best!.finding.node)!]!.name;
  return { graph, before, ...best!, name };
}

const nodes = (n: number): string => `${n} ${n === 1 ? 'node' : 'nodes'}`;

function sidebarItem(page: Page, node: string): Locator {
  return page.getByRole('navigation', { name: 'AI integrations' }).locator(`button[data-node="${node}"]`);
}

async function goTo(page: Page, link: 'Explorer' | 'Findings' | 'Risk board'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

test('a cut recomputes the sidebar, the top bar, the Findings view and the board; undo and redo', async ({ page }) => {
  const s = scenario();
  const reachBefore = s.before.summaries.find((x) => x.node === s.finding.node)!.reached;
  const reachAfter = s.after.summaries.find((x) => x.node === s.finding.node)!.reached;
  expect(reachAfter).toBeLessThan(reachBefore);
  expect(s.after.findings.length).toBeLessThan(s.before.findings.length);
  const afterKeys = new Set(s.after.findings.map((f) => `${f.rule}|${f.node}`));
  const resolved = s.before.findings.filter((f) => !afterKeys.has(`${f.rule}|${f.node}`));
  expect(resolved.map((f) => f.rule)).toContain(s.finding.rule);

  await page.goto('/');
  const item = sidebarItem(page, s.finding.node);
  await expect(item).toContainText(s.name);
  await expect(item.getByTestId('ai-reach')).toHaveText(nodes(reachBefore));
  const badge = page.getByTestId('findings-count-badge');
  await expect(badge).toHaveText(String(s.before.findings.length));

  // Apply the finding's suggested cut from its card.
  await item.click();
  const card = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ hasText: s.finding.title }).first();
  await card.getByRole('button', { name: 'Apply cut' }).click();

  // Sidebar: the radius after the cut, the one before beside it, and a chip saying cuts are applied.
  await expect(item.getByTestId('ai-reach')).toHaveText(nodes(reachAfter));
  await expect(item.getByTestId('ai-reach-before')).toHaveText(`was ${reachBefore}`);
  await expect(page.getByRole('navigation', { name: 'AI integrations' }).getByTestId('what-if-chip')).toContainText('What-if: 1 cut applied');
  // Every AI integration's radius is the engine's after the cut.
  for (const x of s.after.summaries.slice(0, 8)) await expect(sidebarItem(page, x.node).getByTestId('ai-reach')).toHaveText(nodes(x.reached));
  // The card moved under "Resolved by the what-if cuts".
  await expect(card.getByTestId('finding-resolved')).toBeVisible();
  // Top bar: the post-cut count, marked what-if. Computed in the one analysis worker.
  await expect(badge).toHaveText(`${s.after.findings.length}what-if`);
  expect(page.workers().map((w) => /analysis\.worker/.test(w.url()))).toEqual([true]);

  // Findings view: the list after the cut, the resolved ones folded below, a banner saying so.
  await goTo(page, 'Findings');
  const findingsView = page.getByRole('region', { name: 'Findings' });
  await expect(findingsView.getByTestId('what-if-banner')).toContainText('What-if: 1 cut applied');
  await expect(findingsView.getByTestId('findings-count')).toContainText(`${s.after.findings.length} findings after 1 what-if cut (${s.before.findings.length} as loaded)`);
  await expect(findingsView.getByRole('list', { name: 'Ranked findings' }).locator('button[data-finding-row]')).toHaveCount(s.after.findings.length);
  for (const f of resolved) {
    await expect(findingsView.locator(`button[data-finding-row][data-rule="${f.rule}"][data-node="${f.node}"]`)).toHaveCount(0);
    await expect(findingsView.getByTestId('findings-resolved')).toContainText(f.title);
  }

  // Risk board: the engine's figures after the cut, the ones before beside them, and the banner.
  await goTo(page, 'Risk board');
  const board = page.getByRole('region', { name: 'Risk board' });
  await expect(board.getByTestId('what-if-banner')).toContainText('What-if: 1 cut applied');
  await expect(board.getByRole('list', { name: 'What-if cuts' })).toHaveCount(1);
  await expect(board).toContainText(`${s.after.findings.length} toxic combinations`);
  const headline = board.getByTestId('board-headline');
  const flagged = headline.getByRole('group', { name: 'Critical or high risk' });
  await expect(flagged).toContainText(`${s.after.flagged} of ${s.after.ai}`);
  await expect(flagged.getByTestId('kpi-before')).toContainText(String(s.before.flagged));
  const jewels = headline.getByRole('group', { name: 'Crown jewels exposed' });
  await expect(jewels).toContainText(s.after.jewelsPercent);
  await expect(jewels.getByTestId('kpi-before')).toContainText(s.before.jewelsPercent);
  const blast = headline.getByRole('group', { name: 'Largest blast radius' });
  await expect(blast).toContainText(`${s.after.largest.reached} nodes`);
  await expect(blast.getByTestId('kpi-before')).toContainText(String(s.before.largest.reached));

  // The Markdown export says the cuts are applied and gives before → after.
  const download = page.waitForEvent('download');
  await board.getByRole('button', { name: 'Export Markdown' }).click();
  const md = readFileSync((await (await download).path())!, 'utf8');
  expect(md).toContain('**What-if: 1 cut applied.**');
  expect(md).toContain(`${s.after.findings.length} toxic combinations`);
  expect(md).toContain(`${s.before.flagged} → ${s.after.flagged} of ${s.after.ai}`);
  expect(md).toMatch(/&cuts=/);

  // Undo: the loaded figures everywhere, no what-if label.
  await page.keyboard.press('Control+z');
  await expect(board.getByTestId('what-if-banner')).toHaveCount(0);
  await expect(flagged).toContainText(`${s.before.flagged} of ${s.before.ai}`);
  await expect(flagged.getByTestId('kpi-before')).toHaveCount(0);
  await expect(blast).toContainText(`${s.before.largest.reached} nodes`);
  await expect(board).toContainText(`${s.before.findings.length} toxic combinations`);
  await expect(badge).toHaveText(String(s.before.findings.length));
  await goTo(page, 'Findings');
  await expect(findingsView.getByTestId('findings-count')).toHaveText(new RegExp(`^${s.before.findings.length} findings, ranked`));
  await expect(findingsView.getByTestId('what-if-banner')).toHaveCount(0);
  await goTo(page, 'Explorer');
  await expect(item.getByTestId('ai-reach')).toHaveText(nodes(reachBefore));
  await expect(item.getByTestId('ai-reach-before')).toHaveCount(0);

  // Redo: the post-cut figures again (from the cache).
  await page.keyboard.press('Control+Shift+Z');
  await expect(item.getByTestId('ai-reach')).toHaveText(nodes(reachAfter));
  await expect(badge).toHaveText(`${s.after.findings.length}what-if`);
  await goTo(page, 'Risk board');
  await expect(flagged).toContainText(`${s.after.flagged} of ${s.after.ai}`);
});

test('a board link opened with cuts in the URL shows the what-if board; clearing the cuts shows the estate as loaded', async ({ page }) => {
  const s = scenario();
  const cuts = s.finding.cut!.edges.join(',');
  await page.goto(`/?view=board&cuts=${encodeURIComponent(cuts)}`);
  const board = page.getByRole('region', { name: 'Risk board' });
  await expect(board.getByTestId('what-if-banner')).toContainText('What-if: 1 cut applied');
  const blast = board.getByTestId('board-headline').getByRole('group', { name: 'Largest blast radius' });
  await expect(blast).toContainText(`${s.after.largest.reached} nodes`);
  // Printed, it still says what-if (eyebrow and banner) and stays on one or two pages.
  await expect(board).toContainText('Pathlight · AI risk board · what-if');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  await board.getByRole('button', { name: 'Clear cuts' }).click();
  await expect(board.getByTestId('what-if-banner')).toHaveCount(0);
  await expect(blast).toContainText(`${s.before.largest.reached} nodes`);
  await expect(page).not.toHaveURL(/cuts=/);
});
