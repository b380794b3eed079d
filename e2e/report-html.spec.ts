/**
 * The self-contained HTML threat-model report: downloaded from the Exports section, its content read back,
 * then opened in the browser from the file itself.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';

import { buildGraph, evaluateRules } from '../src/graph/index.ts';
import { parseInventory } from '../src/model/index.ts';

import { fixture, openFixture } from './helpers.ts';

function engine() {
  const parsed = parseInventory({ file: 'small-estate.json', text: readFileSync(fixture('small-estate.json'), 'utf8') });
  if (!parsed.ok) throw new Error('fixture does not parse');
  const graph = buildGraph(parsed.inventory);
  return { inventory: parsed.inventory, graph, findings: evaluateRules({ graph, mode: 'strict' }) };
}

const HEADINGS = ['1. Summary', '2. Scope', '3. The view', /^4\. Findings \(\d+\)$/, /^5\. Decisions \(\d+\)$/, '6. Remediation plan', /^7\. Paths reviewed \(\d+\)$/, '8. Choke points'];

async function downloadReport(page: Page): Promise<{ download: Download; html: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Exports' }).getByRole('button', { name: 'HTML report' }).click()]);
  return { download, html: readFileSync(await download.path(), 'utf8') };
}

/** URLs in the file, but the SVG namespace (a name, never fetched). */
const urls = (html: string): string[] => (html.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg');

test('HTML report: sections, findings with decisions, the picture inline; no script, nothing external; it opens and reads', async ({ page, context }) => {
  const { findings } = engine();
  const finding = findings[0]!;
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  const card = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ hasText: finding.title }).first();
  await card.getByRole('button', { name: 'Apply cut' }).click();
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem')).toHaveCount(1);
  await card.getByRole('button', { name: 'Decide' }).click();
  await card.getByRole('radio', { name: 'Mitigated' }).check();
  await card.getByRole('textbox', { name: 'Ticket' }).fill('SEC-91');
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect(card.getByTestId('finding-decision')).toHaveText('Decision: Mitigated (SEC-91)');
  await card.getByRole('button', { name: 'Walk through' }).click();
  await expect(page.getByRole('region', { name: 'Walkthrough' })).toBeVisible();
  await page.keyboard.press('Escape');

  const { download, html } = await downloadReport(page);
  expect(download.suggestedFilename()).toMatch(/^pathlight-threat-model-small-estate\.json-\d{4}-\d{2}-\d{2}\.html$/);
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toContain('<title>Threat model review: small-estate.json</title>');
  for (const id of ['summary', 'scope', 'view', 'findings', 'decisions', 'plan', 'paths', 'choke']) {
    expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain(`<a href="#${id}">`);
  }
  expect(html).toContain(`<h2>4. Findings (${findings.length})</h2>`);
  expect(html).toContain('<h2>5. Decisions (1)</h2>');
  expect(html).toContain('<h2>7. Paths reviewed (1)</h2>');
  expect(html).toContain(finding.title);
  expect(html).toContain('Mitigated');
  expect(html).toContain('SEC-91');
  expect(html).toContain('Resolved by the what-if cuts');
  // The picture: inline SVG with the drawn labels as text.
  expect(html).toMatch(/<figure>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[^"]+"/);
  expect(html).toContain('>Support bot</text>');
  expect(html).toContain('class="cut"');
  // Nothing runs, nothing is fetched; the one name with markup in it is text.
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(urls(html)).toEqual([]);
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);

  // Opened from the file, as a colleague would.
  const reader = await context.newPage();
  const errors: string[] = [];
  reader.on('pageerror', (e) => errors.push(e.message));
  const requests: string[] = [];
  reader.on('request', (r) => requests.push(r.url()));
  // Saved under its own name: a browser reads a file as HTML by its extension.
  const saved = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  await reader.goto(`file://${saved}`);
  await expect(reader).toHaveTitle('Threat model review: small-estate.json');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Threat model review: small-estate.json');
  const h2 = reader.locator('main h2');
  await expect(h2).toHaveCount(HEADINGS.length);
  for (let i = 0; i < HEADINGS.length; i++) await expect(h2.nth(i)).toHaveText(HEADINGS[i]!);
  await expect(reader.getByRole('navigation', { name: 'Contents' }).getByRole('link')).toHaveCount(8);
  await expect(reader.locator('#findings tbody tr')).toHaveCount(findings.length);
  await expect(reader.locator('#findings tbody tr').first()).toContainText(finding.title);
  await expect(reader.locator('#findings tbody tr').first().locator('.sev')).toHaveCSS('text-transform', 'uppercase');
  // The view as on screen. A selection is drawn as the fitted blast-radius picture, so everything drawn is on
  // screen and the report does not repeat it as an "Everything drawn" figure.
  const figures = reader.locator('#view figure');
  await expect(figures).toHaveCount(1);
  await expect(figures.first().locator('figcaption')).toContainText('The graph as it was on screen');
  await expect(reader.locator('#view figure.whole')).toHaveCount(0);
  await expect(figures.first().locator('svg text').filter({ hasText: 'Support bot' })).toHaveCount(1);
  expect((await figures.first().locator('svg').boundingBox())!.width).toBeGreaterThan(400);
  await reader.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Remediation plan' }).click();
  await expect(reader).toHaveURL(/#plan$/);
  await expect(reader.locator('#plan h3').first()).toContainText('1. Remove');
  // The fixture's name with markup would set window.__xss if it ran.
  expect(await reader.evaluate(() => Object.keys(window).includes('__xss'))).toBe(false);
  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);

  // The same file, written into a page: it renders the same headings.
  const inline = await context.newPage();
  await inline.setContent(html);
  await expect(inline.locator('main h2').first()).toHaveText('1. Summary');
  await expect(inline.locator('#decisions tbody tr')).toHaveCount(1);
});

test('HTML report in redact mode: no real name, id or file name in it', async ({ page }) => {
  const { inventory } = engine();
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await page.getByRole('region', { name: 'Choke points' }).getByRole('button', { name: 'Cut it' }).first().click();
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Redact' }).click();
  await expect(page.getByRole('button', { name: 'Redact' })).toHaveAttribute('aria-pressed', 'true');

  const { download, html } = await downloadReport(page);
  expect(download.suggestedFilename()).toMatch(/^pathlight-threat-model-redacted-/);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const secrets = [...inventory.nodes.flatMap((n) => [n.id, n.name]), ...inventory.edges.map((e) => e.id), 'small-estate'];
  expect(secrets.filter((s) => html.includes(s) || html.includes(escape(s)))).toEqual([]);
  expect(html).not.toContain('Coding agent');
  expect(html).toContain('Redacted: every name and id is a pseudonym');
  expect(html).toMatch(/<text [^>]*>AI agent \d+<\/text>/);
  expect(html).toContain('<h2>6. Remediation plan</h2>');
  expect(html).toMatch(/<h3>1\. Remove the <code>\w+<\/code> edge from [A-Za-z -]+ \d+ to [A-Za-z -]+ \d+<\/h3>/);
});
