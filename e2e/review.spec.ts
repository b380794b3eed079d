/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * Review mode in the built app: what-if cuts and their delta (checked against the engine run on the same
 * file), undo/redo and the URL, the walkthrough by keyboard, the exports (files read back) and redact mode.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';

import { buildGraph, evaluateRules } from '../src/graph/index.ts';
import { walkthrough, walkthroughFinding } from '../src/graph/walkthrough.ts';
import { whatIf } from '../src/graph/what-if.ts';
import { parseInventory } from '../src/model/index.ts';

import { canvasSettled, fixture, openFixture } from './helpers.ts';

function engine() {
  const parsed = parseInventory({ file: 'small-estate.json', text: readFileSync(fixture('small-estate.json'), 'utf8') });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return { inventory: parsed.inventory, graph: buildGraph(parsed.inventory) };
}

// The Finance agent holds its API key, which authenticates as finance-sa, which reads and writes the ledger
// (a crown jewel): radius 3. Cutting key → finance-sa leaves the key alone: radius 1, the ledger lost.
const FIN_EDGE = 'cred:fin-key|authenticates_as|nhi:fin';

async function rightClickEdge(page: Page, edgeId: string): Promise<void> {
  const box = (await page.locator('#graph').boundingBox())!;
  const midpoint = (): Promise<{ x: number; y: number }> =>
    page.evaluate((id) => {
      const cy = (window as unknown as { __cy: { getElementById(id: string): { renderedMidpoint(): { x: number; y: number } } } }).__cy;
      return cy.getElementById(`edge\u241f${id}`).renderedMidpoint();
    }, edgeId);
  // The framing animation has finished: Cytoscape says nothing is animating.
  await canvasSettled(page);
  const mid = await midpoint();
  await page.mouse.click(box.x + mid.x, box.y + mid.y, { button: 'right' });
}

async function readDownload(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

function hasClass(page: Page, elementId: string, cls: string): Promise<boolean> {
  return page.evaluate(
    ([id, c]) => {
      const cy = (window as unknown as { __cy: { getElementById(id: string): { hasClass(c: string): boolean } } }).__cy;
      return cy.getElementById(id!).hasClass(c!);
    },
    [elementId, cls],
  );
}

test('cut an edge from its context menu: the delta matches the engine; undo, redo and the URL', async ({ page }) => {
  const { graph } = engine();
  const expected = whatIf(graph, [{ edge: FIN_EDGE }], { source: 'agent:finance' });
  expect(expected.source).toMatchObject({ before: 3, after: 1, crownJewelsLost: ['ds:ledger'] });

  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  const whatIfPanel = page.getByRole('region', { name: 'What-if' });
  await expect(whatIfPanel).toContainText('Try a fix');

  await expect.poll(() => page.evaluate((id) => (window as unknown as { __cy: { getElementById(i: string): { length: number } } }).__cy.getElementById(id).length, `edge\u241f${FIN_EDGE}`)).toBe(1);
  await rightClickEdge(page, FIN_EDGE);
  await page.getByRole('menu', { name: 'Edge actions' }).getByRole('menuitem', { name: 'Cut this edge' }).click();

  const sentence = `${expected.sentence.charAt(0).toUpperCase()}${expected.sentence.slice(1)}.`;
  await expect(page.getByTestId('what-if-sentence')).toHaveText(sentence);
  expect(sentence).toContain('3 → 1');
  // Computed off the main thread, in the one analysis worker that holds the graph (no second worker).
  expect(page.workers().map((w) => /analysis\.worker/.test(w.url()))).toEqual([true]);
  const deltas = whatIfPanel.getByRole('definition');
  await expect(whatIfPanel.getByText('blast radius of Finance agent')).toBeVisible();
  await expect(deltas.first()).toHaveText('3 → 1');
  await expect(whatIfPanel.getByRole('list', { name: 'Cuts' })).toContainText('Finance API key —authenticates_as→ finance-sa');
  await expect(page).toHaveURL(/cuts=cred%3Afin-key%7Cauthenticates_as%7Cnhi%3Afin/);
  expect(await hasClass(page, `edge\u241f${FIN_EDGE}`, 'what-if-cut')).toBe(true);
  // The explorer's own radius is recomputed with the cut in place.
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('1 reachable');

  // Undo with the keyboard restores everything; redo brings the cut back.
  await page.locator('#graph').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(whatIfPanel).toContainText('Try a fix');
  await expect(page).not.toHaveURL(/cuts=/);
  await expect.poll(() => hasClass(page, `edge\u241f${FIN_EDGE}`, 'what-if-cut')).toBe(false);
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('3 reachable');
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('what-if-sentence')).toHaveText(sentence);
  await expect(page).toHaveURL(/cuts=/);

  // The link reopens with the cut in place.
  await page.reload();
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('small-estate.json'));
  await expect(page.getByRole('list', { name: 'Cuts' })).toContainText('Finance API key —authenticates_as→ finance-sa');

  // The remediation plan downloads as Markdown and names the cut and what it closes.
  const [dl] = await Promise.all([page.waitForEvent('download'), whatIfPanel.getByRole('button', { name: 'Export remediation plan' }).click()]);
  const plan = (await readDownload(dl)).toString('utf8');
  expect(dl.suggestedFilename()).toMatch(/\.md$/);
  expect(plan).toContain('# Remediation plan');
  expect(plan).toContain('Remove the `authenticates_as` edge from Finance API key to finance-sa');
  expect(plan).toContain('Finance agent no longer reaches General ledger');
});

test('apply a finding’s suggested cut and try a choke point', async ({ page }) => {
  const { graph } = engine();
  const [finding] = evaluateRules({ graph, mode: 'strict' });
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  const card = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ hasText: finding!.title }).first();
  await card.getByRole('button', { name: 'Apply cut' }).click();
  const expected = whatIf(graph, finding!.cut!.edges.map((edge) => ({ edge })), { source: finding!.node });
  await expect(page.getByTestId('what-if-sentence')).toHaveText(`${expected.sentence.charAt(0).toUpperCase()}${expected.sentence.slice(1)}.`);
  await expect(card.getByRole('button', { name: 'Cut applied' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'What-if' })).toContainText('Resolved');
  await expect(card.getByTestId('finding-resolved')).toHaveText('Resolved by the what-if cuts');

  const choke = page.getByRole('region', { name: 'Choke points' });
  await expect(choke.getByRole('listitem').first()).toContainText('Finance agent');
  await choke.getByRole('button', { name: 'Cut it' }).first().click();
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem')).toHaveCount(2);
});

test('walk a finding hop by hop with the keyboard: captions and the centred node follow', async ({ page }) => {
  const { graph } = engine();
  const [finding] = evaluateRules({ graph, mode: 'strict' });
  const steps = walkthroughFinding(graph, finding!).legs.flatMap((l) => l.steps);
  expect(steps.length).toBeGreaterThanOrEqual(2);

  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  const card = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ hasText: finding!.title }).first();
  await card.getByRole('button', { name: 'Walk through' }).click();
  const bar = page.getByRole('region', { name: 'Walkthrough' });
  await expect(bar).toContainText('Hop 1 of');
  for (const tag of finding!.tags ?? []) await expect(bar).toContainText(tag);

  const centred = (): Promise<string> =>
    page.evaluate(() => {
      type N = { id(): string; renderedPosition(): { x: number; y: number } };
      const cy = (window as unknown as { __cy: { nodes(): { toArray(): N[] } } }).__cy;
      // The middle of the free part of the canvas (clear of the toolbar, the minimap and the notes).
      const { free } = (window as unknown as { __pathlight: { boxes(): { free: { x1: number; y1: number; x2: number; y2: number } } } }).__pathlight.boxes();
      let best = '';
      let d = Infinity;
      for (const n of cy.nodes().toArray()) {
        const p = n.renderedPosition();
        const dist = Math.hypot(p.x - (free.x1 + free.x2) / 2, p.y - (free.y1 + free.y2) / 2);
        if (dist < d) [best, d] = [n.id(), dist];
      }
      return d < 12 ? best : '';
    });

  for (let i = 0; i < steps.length; i++) {
    await expect(page.getByTestId('walk-caption')).toContainText(steps[i]!.caption);
    await expect(bar).toContainText(`Hop ${i + 1} of ${steps.length}`);
    await expect.poll(centred).toBe(steps[i]!.to);
    if (i < steps.length - 1) await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('walk-caption')).toContainText(steps[steps.length - 2]!.caption);
  await expect.poll(centred).toBe(steps[steps.length - 2]!.to);
  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
});

test('exports: SVG, PNG and the threat-model report, read back', async ({ page }) => {
  const { graph } = engine();
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __cy: { nodes(): { length: number } } }).__cy.nodes().length)).toBeGreaterThan(0);
  await rightClickEdge(page, FIN_EDGE);
  await page.getByRole('menuitem', { name: 'Cut this edge' }).click();
  await expect(page.getByTestId('what-if-sentence')).toContainText('3 → 1');

  // Decide on the finding so the report has a decision.
  const [finding] = evaluateRules({ graph, mode: 'strict' });
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  const card = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ hasText: finding!.title }).first();
  await card.getByRole('button', { name: 'Decide' }).click();
  await card.getByRole('radio', { name: 'Mitigated' }).check();
  await card.getByRole('textbox', { name: 'Ticket' }).fill('SEC-91');
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect(card.getByTestId('finding-decision')).toHaveText('Decision: Mitigated (SEC-91)');

  // Back to the Finance agent: its picture keeps the cut edge, struck through, and what it took away.
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await canvasSettled(page);
  const exports = page.getByRole('region', { name: 'Exports' });
  const drawn = await page.evaluate(() => {
    const cy = (window as unknown as { __cy: { nodes(s: string): { map<T>(f: (n: { data(k: string): unknown; width(): number; height(): number }) => T): T[] } } }).__cy;
    return cy.nodes(':visible').map((n) => ({ label: String(n.data('label') ?? ''), glyph: typeof n.data('kind') === 'string' && Math.min(n.width(), n.height()) >= 16 }));
  });
  expect(drawn.filter((d) => d.glyph).length).toBeGreaterThan(0);
  const [svgDl] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'SVG', exact: true }).click()]);
  const svg = (await readDownload(svgDl)).toString('utf8');
  expect(svgDl.suggestedFilename()).toMatch(/\.svg$/);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const parts = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      shapes: doc.querySelectorAll('g.nodes > ellipse, g.nodes > rect, g.nodes > polygon').length,
      glyphs: doc.querySelectorAll('g.nodes > g.glyph').length,
      legend: [...doc.querySelectorAll('g.legend text')].map((t) => t.textContent),
    };
  }, svg);
  expect(parts.shapes).toBe(drawn.length);
  // Each node carries its kind's glyph; the legend under the picture names the kinds drawn, the crown-jewel
  // ring, the edge styles and the cut.
  expect(parts.glyphs).toBe(drawn.filter((d) => d.glyph).length);
  expect(parts.legend).toEqual(expect.arrayContaining(['LEGEND', 'AI agent', 'Data store', 'Crown jewel (double ring)', 'read access edge', 'What-if cut (struck through)']));
  expect(svg).toContain('>Finance agent</text>');
  expect(svg).toContain('>General ledger</text>');
  expect(svg).toContain('class="cut"');
  expect(svg).not.toContain('<img');

  // The legend is drawn under the canvas picture: same width as the canvas alone (taken just before, the pointer
  // on an empty corner of the canvas so no hover label is drawn), taller.
  const free = await page.evaluate(() => (window as unknown as { __pathlight: { boxes(): { free: { x1: number; y1: number } } } }).__pathlight.boxes().free);
  const graphBox = (await page.locator('#graph').boundingBox())!;
  await page.mouse.move(graphBox.x + free.x1 + 3, graphBox.y + free.y1 + 3);
  const rawCapture = (): Promise<{ w: number; h: number }> => page.evaluate(async () => {
    const cy = (window as unknown as { __cy: { png(o: object): Blob } }).__cy;
    const bg = getComputedStyle(document.documentElement).getPropertyValue('--canvas').trim() || '#0b0f14';
    const b = await createImageBitmap(cy.png({ output: 'blob', full: true, scale: 2, bg }));
    return { w: b.width, h: b.height };
  });
  // Selecting the agent pulsed it: the export, taken now, never draws the pulse; the raw capture is compared once it ended.
  const [pngDl] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'PNG' }).click()]);
  await expect(page.locator('#graph:not([data-pulse])')).toBeAttached();
  const bare = await rawCapture();
  const png = await readDownload(pngDl);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.length).toBeGreaterThan(5000);
  // Exports draw the stable picture (no hover label, no search pulse): the same width exactly.
  expect(png.readUInt32BE(16)).toBe(bare.w);
  expect(png.readUInt32BE(20)).toBeGreaterThan(bare.h + 40);

  const [reportDl] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Threat-model report' }).click()]);
  const report = (await readDownload(reportDl)).toString('utf8');
  expect(report).toContain('# Threat model review: small-estate.json');
  expect(report).toContain(`${graph.nodes.length} nodes and ${graph.edges.length} edges`);
  expect(report).toContain('## Findings (1)');
  expect(report).toContain('Mitigated (SEC-91)');
  expect(report).toContain('## Remediation plan');
  expect(report).toContain('Finance agent no longer reaches General ledger');
  expect(report).toMatch(/!\[Attack graph\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
  expect(Buffer.from(/base64,([A-Za-z0-9+/=]+)\)/.exec(report)![1]!, 'base64').toString('utf8')).toContain('class="legend"');

  // Decisions survive a reload (IndexedDB, per inventory).
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  await expect(page.getByRole('region', { name: 'Toxic combinations' }).getByTestId('finding-decision').first()).toHaveText('Decision: Mitigated (SEC-91)');
});

test('redact: no real node name on screen, on the graph or in an export; off brings them back', async ({ page }) => {
  const { inventory } = engine();
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('7 reachable');
  await page.getByRole('button', { name: 'Redact' }).click();
  await expect(page.getByRole('button', { name: 'Redact' })).toHaveAttribute('aria-pressed', 'true');

  const names = inventory.nodes.map((n) => n.name);
  const screen = async (): Promise<string> => {
    const text = await page.evaluate(() => document.body.innerText);
    const labels = await page.evaluate(() => {
      // The labels as drawn (the style's resolved label), not the data behind them.
      const cy = (window as unknown as { __cy: { nodes(): { map<T>(f: (n: { style(k: string): unknown }) => T): T[] } } }).__cy;
      return cy.nodes().map((n) => String(n.style('label') ?? '')).join('\n');
    });
    return `${text}\n${labels}`;
  };
  await expect
    .poll(async () => {
      const s = await screen();
      return names.filter((n) => s.includes(n));
    })
    .toEqual([]);
  expect(await screen()).toContain('AI agent 3');

  // Stays redacted as the view changes (new panels, new labels).
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /AI agent 2/ }).click();
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('3 reachable');
  await expect
    .poll(async () => {
      const s = await screen();
      return names.filter((n) => s.includes(n));
    })
    .toEqual([]);

  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Exports' }).getByRole('button', { name: 'SVG', exact: true }).click()]);
  const svg = (await readDownload(svgDl)).toString('utf8');
  for (const n of inventory.nodes) {
    expect(svg).not.toContain(n.name.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    expect(svg).not.toContain(n.id);
  }

  const [reportDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Exports' }).getByRole('button', { name: 'Threat-model report' }).click()]);
  const report = (await readDownload(reportDl)).toString('utf8');
  expect(report).toContain('## Findings (1)');
  const picture = Buffer.from(/base64,([A-Za-z0-9+/=]+)\)/.exec(report)![1]!, 'base64').toString('utf8');
  for (const n of inventory.nodes) {
    expect(report).not.toContain(n.name);
    expect(report).not.toContain(n.id);
    expect(picture).not.toContain(n.id);
  }
  expect(picture).toContain('AI agent 2');
  // The one name with markup in it, whatever the escaping.
  expect(report).not.toContain('Coding agent');
  expect(picture).not.toContain('Coding agent');

  await page.getByRole('button', { name: 'Redact' }).click();
  await expect.poll(async () => (await screen()).includes('Finance agent')).toBe(true);
});

test('meeting mode: larger type, high contrast, panels collapsible', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  // The zoom over the one the last framing chose (data-fit-zoom, written by every fit and frame).
  const scaleOverFit = (): Promise<number | null> =>
    page.evaluate(() => {
      const cy = (window as unknown as { __cy: { zoom(): number; container(): HTMLElement } }).__cy;
      const fit = cy.container().dataset.fitZoom;
      return fit ? cy.zoom() / Number(fit) : null;
    });
  await canvasSettled(page);
  await expect.poll(scaleOverFit).toBeCloseTo(1, 2);
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByRole('button', { name: 'Meeting' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-meeting', 'on');
  // A step of 1.3 over the fitted view, kept by the refit that the bigger type's layout brings (in either order).
  await expect.poll(scaleOverFit).toBeCloseTo(1.3, 2);
  await page.getByRole('button', { name: 'Fit graph to view' }).click();
  await expect.poll(scaleOverFit).toBeCloseTo(1.3, 2);
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(after).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Hide panels' }).click();
  await expect(page.getByRole('complementary', { name: 'Analysis' })).toBeHidden();
  await expect.poll(scaleOverFit).toBeCloseTo(1.3, 2);
  await page.getByRole('button', { name: 'Show panels' }).click();
  await expect(page.getByRole('complementary', { name: 'Analysis' })).toBeVisible();
  await page.getByRole('button', { name: 'Meeting' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-meeting', 'on');
  await expect.poll(scaleOverFit).toBeCloseTo(1, 2);
});

test('remove a node from its context menu: the delta matches the engine', async ({ page }) => {
  const { graph } = engine();
  const expected = whatIf(graph, [{ node: 'nhi:fin' }], { source: 'agent:finance' });
  expect(expected.source).toMatchObject({ before: 3, after: 1 });
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  const box = (await page.locator('#graph').boundingBox())!;
  await canvasSettled(page);
  const at = await page.evaluate(() => (window as unknown as { __cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).__cy.getElementById('nhi:fin').renderedPosition());
  await page.mouse.click(box.x + at.x, box.y + at.y, { button: 'right' });
  await page.getByRole('menu', { name: 'Node actions' }).getByRole('menuitem', { name: 'Cut this node' }).click();
  await expect(page.getByTestId('what-if-sentence')).toHaveText(`${expected.sentence.charAt(0).toUpperCase()}${expected.sentence.slice(1)}.`);
  await expect(page.getByRole('list', { name: 'Cuts' })).toContainText('remove finance-sa');
  await expect(page).toHaveURL(/cuts=%7Enhi%3Afin/);
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('1 reachable');
});

test('decisions export and import as JSON', async ({ page }) => {
  const { graph } = engine();
  const [finding] = evaluateRules({ graph, mode: 'strict' });
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  const card = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ hasText: finding!.title }).first();
  await card.getByRole('button', { name: /Decide|Change decision/ }).click();
  await card.getByRole('radio', { name: 'Accepted risk' }).check();
  await card.getByRole('textbox', { name: 'Reason' }).fill('Public KB only, reviewed with legal');
  await card.getByLabel('Review date').fill('2027-02-01');
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect(card.getByTestId('finding-decision')).toHaveText('Decision: Accepted risk (review 2027-02-01): Public KB only, reviewed with legal');

  const exports = page.getByRole('region', { name: 'Exports' });
  const [dl] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Export decisions' }).click()]);
  const data = JSON.parse((await readDownload(dl)).toString('utf8')) as { format: string; decisions: { rule: string; node: string; status: string; reviewDate: string }[] };
  expect(data.format).toBe('pathlight-decisions');
  expect(data.decisions).toHaveLength(1);
  expect(data.decisions[0]).toMatchObject({ rule: finding!.rule, node: finding!.node, status: 'accepted', reviewDate: '2027-02-01' });

  // Import a changed file: the card follows.
  data.decisions[0]!.status = 'false-positive';
  await exports.getByTestId('decisions-file-input').setInputFiles({ name: 'decisions.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
  await expect(exports.getByRole('status')).toHaveText('Imported 1 decision(s).');
  await expect(card.getByTestId('finding-decision')).toHaveText('Decision: False positive: Public KB only, reviewed with legal');
});

test('walk a found path with the buttons', async ({ page }) => {
  const { graph } = engine();
  await openFixture(page, 'small-estate.json');
  await page.getByRole('group', { name: 'Analysis mode' }).getByRole('button', { name: 'Path' }).click();
  for (const [box, query, option] of [
    ['Path from', 'support bot', /Support bot/],
    ['Path to', 'case notes', /Internal case notes/],
  ] as const) {
    await page.getByRole('combobox', { name: box }).fill(query);
    await expect(page.getByRole('option', { name: option }).first()).toBeVisible();
    await page.getByRole('combobox', { name: box }).press('Enter');
  }
  await page.getByRole('button', { name: 'Walk through this path' }).click();
  const bar = page.getByRole('region', { name: 'Walkthrough' });
  await expect(bar).toContainText('Path from Support bot to Internal case notes');
  const steps = walkthrough(graph, ['agent:support|retrieves|vs:kb', 'vs:kb|indexes|ds:notes']).steps;
  await expect(page.getByTestId('walk-caption')).toContainText(steps[0]!.caption);
  await bar.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByTestId('walk-caption')).toContainText(steps[1]!.caption);
  await expect(bar.getByRole('button', { name: 'Next →' })).toBeDisabled();
  await bar.getByRole('button', { name: '← Previous' }).click();
  await expect(page.getByTestId('walk-caption')).toContainText(steps[0]!.caption);
});
