/**
 * The executive risk board in the built app: its figures against the engine for the built-in sample, a
 * link back to the explorer, print to PDF (Chromium's page.pdf) and the Markdown export.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { buildGraph, computeReach, evaluateRules, summarizeAiNodes } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';
import { isAiNode, isCrownJewel } from '../src/model/type-guards.ts';

import { searchAndPick } from './helpers.ts';

const SAMPLE = fileURLToPath(new URL('../public/samples/sample-inventory.json', import.meta.url));

/** The sample's headline figures, worked out with the engine independently of the board's code. */
function engineFigures() {
  const parsed = parseInventory({ file: 'sample-inventory.json', text: readFileSync(SAMPLE, 'utf8') });
  if (!parsed.ok) throw new Error('sample does not parse');
  const graph = buildGraph(parsed.inventory);
  const ai = graph.nodes.filter((n) => isAiNode(n));
  const reached = new Set<number>();
  for (const n of ai) for (const v of computeReach(graph, n.id).nodes()) reached.add(v);
  const jewels = graph.nodes.map((n, i) => [n, i] as const).filter(([n]) => isCrownJewel(n));
  const findings = evaluateRules({ graph, mode: 'strict', now: Date.now() });
  const aiIds = new Set(ai.map((n) => n.id));
  const flagged = new Set(findings.filter((f) => aiIds.has(f.node) && (f.severity === 'critical' || f.severity === 'high')).map((f) => f.node));
  const largest = summarizeAiNodes(graph)[0]!;
  return {
    ai: ai.length,
    sanctioned: ai.filter((n) => n.fields['sanctioned'] === true).length,
    unsanctioned: ai.filter((n) => n.fields['sanctioned'] === false).length,
    jewels: jewels.length,
    jewelsReached: jewels.filter(([, i]) => reached.has(i)).length,
    flagged: flagged.size,
    findings: findings.length,
    largest: { id: largest.node, name: graph.nodes[graph.index.nodeIndex.get(largest.node)!]!.name, reached: largest.reached },
  };
}

async function openBoard(page: Page, theme: 'dark' | 'light' = 'dark'): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('pathlight.theme', t), theme);
  await page.goto('/?view=board');
  await expect(page.getByRole('region', { name: 'Risk board' }).getByTestId('board-headline')).toBeVisible();
}

test('the board shows the engine’s figures for the sample', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const e = engineFigures();
  await openBoard(page);
  const board = page.getByRole('region', { name: 'Risk board' });
  const headline = board.getByTestId('board-headline');

  const ai = headline.getByRole('group', { name: 'AI integrations' });
  await expect(ai).toContainText(String(e.ai));
  await expect(ai).toContainText(`${e.sanctioned} sanctioned`);
  await expect(ai).toContainText(`${e.unsanctioned} unsanctioned`);
  await expect(ai).toContainText(`${e.ai - e.sanctioned - e.unsanctioned} not stated`);

  await expect(headline.getByRole('group', { name: 'Critical or high risk' })).toContainText(`${e.flagged} of ${e.ai}`);
  const jewels = headline.getByRole('group', { name: 'Crown jewels exposed' });
  await expect(jewels).toContainText(`${Math.round((100 * e.jewelsReached) / e.jewels)}%`);
  await expect(jewels).toContainText(`${e.jewelsReached} of ${e.jewels} crown jewels`);
  const blast = headline.getByRole('group', { name: 'Largest blast radius' });
  await expect(blast).toContainText(`${e.largest.reached} nodes`);
  await expect(blast).toContainText(e.largest.name);

  await expect(board).toContainText(`${e.findings} toxic combinations`);
  // Five plain-sentence risks, each with a cheapest fix; cuts re-checked with the engine.
  await expect(board.getByRole('list', { name: 'Top risks' }).getByRole('listitem')).toHaveCount(5);
  await expect(board.getByRole('list', { name: 'Top risks' })).toContainText(
    'Finance assistant (AP & close) can be steered by content from ap@northwind-analytics.com mailbox into sending Quarterly financial reports (pre-release) out through send_email (any recipient).',
  );
  await expect(board.getByRole('list', { name: 'Top risks' })).toContainText('Cheapest fix: Remove the tool “send_email (any recipient)” from Finance assistant (AP & close).');
  const cuts = board.getByRole('list', { name: 'Top cuts' }).getByRole('listitem');
  await expect(cuts).toHaveCount(5);
  await expect(cuts.first()).toContainText('closes');
  // Frameworks, trend (said plainly), confidence.
  await expect(board.getByRole('group', { name: 'OWASP LLM 2025', exact: true })).toContainText('LLM06');
  await expect(board.getByRole('group', { name: 'OWASP LLM 2026', exact: true })).toContainText('LLM03');
  await expect(board.getByRole('group', { name: 'OWASP Agentic 2026', exact: true })).toContainText('ASI03');
  await expect(board.getByRole('group', { name: 'MITRE ATLAS v2026.07', exact: true })).toContainText('AML.T');
  await expect(board.getByRole('group', { name: 'OWASP MCP (beta)', exact: true })).toContainText('MCP');
  // the lenses: every finding in one lifecycle stage and one risk category
  const stageTotals = await board.getByRole('list', { name: 'Findings by lifecycle stage' }).locator(':scope > li > div > span:last-child').allTextContents();
  expect(stageTotals.reduce((n, t) => n + Number(t), 0)).toBe(e.findings);
  const categoryTotals = await board.getByRole('list', { name: 'Findings by enterprise risk category' }).locator(':scope > li > div > span:last-child').allTextContents();
  expect(categoryTotals.reduce((n, t) => n + Number(t), 0)).toBe(e.findings);
  await board.getByLabel('Framework edition').selectOption('iso-42001-2023');
  await expect(board.getByRole('group', { name: /^(OWASP|MITRE|NIST|ISO)/ })).toHaveCount(1);
  await board.getByLabel('Framework edition').selectOption('all');
  await expect(board.getByTestId('board-trend')).toContainText('Only one snapshot is loaded');
  await expect(board.getByTestId('board-confidence')).toContainText('Snapshot 20 Nov 2026');
  expect(errors).toEqual([]);
});

test('a figure links back to the explorer view that backs it, and the nav returns to the board', async ({ page }) => {
  const e = engineFigures();
  await openBoard(page);
  const blast = page.getByRole('region', { name: 'Risk board' }).getByRole('link', { name: /Largest blast radius/ });
  await expect(blast).toHaveAttribute('href', `?view=explorer&node=${encodeURIComponent(e.largest.id)}&mode=reach`);
  await blast.click();
  await expect(page).toHaveURL(new RegExp(`view=explorer&node=${encodeURIComponent(e.largest.id)}&mode=reach`));
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText(`${e.largest.reached} reachable`);
  await expect(page.getByRole('region', { name: 'Risk board' })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk board' }).click();
  await expect(page).toHaveURL(/view=board/);
  await expect(page.getByRole('region', { name: 'Risk board' }).getByTestId('board-headline')).toBeVisible();

  // A top risk opens its AI node in the explorer.
  await page.getByRole('list', { name: 'Top risks' }).getByRole('link', { name: /Finance assistant/ }).click();
  await expect(page).toHaveURL(/node=agent%3Afinance-agent/);
  await expect(page.getByRole('region', { name: 'Blast radius' })).toBeVisible();

  // A top cut opens the path along the edge it removes: one hop from its source to its target.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk board' }).click();
  const cut = page.getByRole('list', { name: 'Top cuts' }).getByRole('link').first();
  const href = (await cut.getAttribute('href'))!;
  expect(href).toMatch(/^\?view=explorer&mode=path&from=[^&]+&to=[^&]+$/);
  await cut.click();
  await expect(page).toHaveURL(new RegExp(href.replace(/[?]/g, '\\?')));
  await expect(page.getByRole('region', { name: 'Path finder' }).getByTestId('path-length')).toHaveText('1 hop');

  // Searching from the board opens the picked node in the explorer.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk board' }).click();
  await searchAndPick(page, 'billing agent', /Billing agent/);
  await expect(page).toHaveURL(/view=explorer&node=agent%3Abilling-agent/);
  await expect(page.getByRole('region', { name: 'Blast radius' })).toBeVisible();
});

test('prints to a one- or two-page PDF, and exports the same figures as Markdown', async ({ page }, info) => {
  const e = engineFigures();
  await openBoard(page, 'light');
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
    expect(pages, `${format} pages`).toBeGreaterThanOrEqual(1);
    expect(pages, `${format} pages`).toBeLessThanOrEqual(2);
    expect(pdf.length, `${format} bytes`).toBeGreaterThan(30_000);
    if (format === 'A4') await info.attach('risk-board.pdf', { body: pdf, contentType: 'application/pdf' });
  }

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^pathlight-risk-board-\d{4}-\d{2}-\d{2}\.md$/);
  const md = readFileSync((await file.path())!, 'utf8');
  expect(md).toContain(`**AI integrations:** ${e.ai} (${e.sanctioned} sanctioned, ${e.unsanctioned} unsanctioned`);
  expect(md).toContain(`${e.jewelsReached} of ${e.jewels})`);
  expect(md).toContain(`reaches ${e.largest.reached} nodes`);
  expect(md).toContain(`/?view=explorer&node=${encodeURIComponent(e.largest.id)}&mode=reach`);
  expect(md).toContain('## Top cuts');
});

test('comparing with an earlier snapshot shows a real trend and what changed', async ({ page }) => {
  // The same estate a month earlier, before the finance agent got its send_email tool.
  const earlier = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { generatedAt: string; edges: { source: string; kind: string; target: string }[] };
  earlier.generatedAt = '2026-10-20T08:00:00Z';
  earlier.edges = earlier.edges.filter((e) => !(e.source === 'agent:finance-agent' && e.kind === 'has_tool' && e.target === 'tool:send-email'));
  await openBoard(page);
  const trend = page.getByTestId('board-trend');
  await expect(trend).toContainText('Only one snapshot is loaded');
  await page.getByTestId('board-compare-input').setInputFiles({ name: 'northwind-2026-10.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(earlier)) });
  const rows = trend.getByRole('table', { name: 'Headline figures per snapshot' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('20 Oct 2026');
  await expect(rows.nth(2)).toContainText('20 Nov 2026');
  await expect(trend.getByRole('list', { name: 'What changed' })).toContainText(/new toxic combination/);
  await expect(trend.getByRole('list', { name: 'What changed' })).toContainText('Finance assistant');

  // A file that is not an inventory is reported, and the trend stays as it was.
  await page.getByTestId('board-compare-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":') });
  await expect(page.getByRole('alert')).toContainText('notes.json could not be read');
  await expect(rows).toHaveCount(3);

  // Still one or two pages with the comparison on the board.
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
});

test('screenshots of the board in both themes', async ({ page }, info) => {
  for (const theme of ['dark', 'light'] as const) {
    await page.setViewportSize({ width: 1440, height: 1800 });
    await openBoard(page, theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const shot = await page.getByRole('region', { name: 'Risk board' }).screenshot();
    expect(shot.length).toBeGreaterThan(50_000);
    await info.attach(`risk-board-${theme}.png`, { body: shot, contentType: 'image/png' });
  }
});
