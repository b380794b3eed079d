/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * Redact as a property of every output: with Redact on, the whole page (every text, every attribute, the
 * window title, field values, the drawn labels) and every export (SVG, PNG, both reports and the pictures in
 * them, the remediation plan, decisions, the board's Markdown, copied links, download names) are walked, and
 * none holds a real name, id, owner, unit or the file name of the fixture. Its values all carry a distinctive
 * token (zqid, Zorblax, Walrus, zebra) so a leak cannot hide behind a common word.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import { fixture } from './helpers.ts';

const FILE = 'zebra-estate-confidential.json';
const TOKENS = /[^\s"'<>]*(?:zqid|zorblax|walrus|zebra)[^\s"'<>]*/gi;

/** The distinct words that carry a token (empty when nothing leaks): the failure message names the leak. */
function leaks(text: string): string[] {
  const found = new Set(text.match(TOKENS) ?? []);
  // Base64 (the reports' embedded pictures) is decoded and read too.
  for (const b64 of text.match(/[A-Za-z0-9+/]{200,}={0,2}/g) ?? []) for (const w of Buffer.from(b64, 'base64').toString('latin1').match(TOKENS) ?? []) found.add(`base64:${w}`);
  return [...found].sort();
}

/** Everything the page holds: the title, the whole document (text and every attribute), field values, drawn labels. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out = [document.title, document.documentElement.outerHTML];
    for (const el of document.querySelectorAll('input, textarea, select')) if (!(el instanceof HTMLInputElement && el.type === 'file')) out.push((el as HTMLInputElement).value);
    const cy = (window as unknown as { __cy?: { elements(): { map<T>(f: (n: { style(k: string): unknown }) => T): T[] } } }).__cy;
    if (cy) out.push(...cy.elements().map((n) => String(n.style('label') ?? '')));
    return out.join('\n');
  });
}

async function download(page: Page, button: Locator): Promise<{ name: string; body: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: dl.suggestedFilename(), body: readFileSync(await dl.path()) };
}

test('redact on: no real name, id, owner or file name in the page or in any export', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture(FILE));
  await expect(page.getByRole('banner')).toContainText(FILE);
  const raw = readFileSync(fixture(FILE), 'utf8');
  expect(leaks(raw).length).toBeGreaterThan(10); // the fixture carries the tokens

  // A view with everything in it: an AI integration selected (details with its owner), a decision, a cut.
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Zorblax Support bot/ }).click();
  // The details drawer (owner, custom fields, provenance) is part of the walk: open it.
  await page.getByRole('region', { name: 'Blast radius' }).getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toBeVisible();
  const combos = page.getByRole('region', { name: 'Toxic combinations' });
  const card = combos.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Decide' }) }).first();
  await card.getByRole('button', { name: 'Decide' }).click();
  await card.getByRole('radio', { name: 'Mitigated' }).check();
  await card.getByRole('textbox', { name: 'Ticket' }).fill('SEC-7');
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect(combos.getByTestId('finding-decision').first()).toHaveText('Decision: Mitigated (SEC-7)');
  await combos.getByRole('button', { name: 'Apply cut' }).first().click();
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('reachable');
  const before = leaks(await pageText(page));
  expect(before).toEqual(expect.arrayContaining(['Walrus', 'Zorblax', FILE])); // the walk can see names, owners, the file

  await page.getByRole('button', { name: 'Redact' }).click();
  await expect(page.getByRole('button', { name: 'Redact' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => leaks(await pageText(page))).toEqual([]);
  expect(leaks(page.url())).toEqual([]);

  const exports = page.getByRole('region', { name: 'Exports' });
  const files: { name: string; body: Buffer }[] = [];
  for (const name of ['SVG', 'SVG (viewport)', 'PNG', 'Threat-model report', 'HTML report', 'Export decisions']) files.push(await download(page, exports.getByRole('button', { name, exact: true })));
  files.push(await download(page, page.getByRole('region', { name: 'What-if' }).getByRole('button', { name: 'Export remediation plan' })));
  files.push(await download(page, page.getByRole('button', { name: 'Export the view as PNG' })));
  const report = files.find((f) => f.name.endsWith('.md') && f.name.includes('threat-model'))!;
  expect(report.body.toString('utf8')).toContain('## Findings');
  expect(report.body.toString('utf8')).toMatch(/base64,[A-Za-z0-9+/]{200,}/); // the picture is there, and decoded above
  for (const f of files) expect([f.name, leaks(f.name), leaks(f.body.toString('latin1'))]).toEqual([f.name, [], []]);

  // Redacted decisions carry pseudonyms and read back against the same inventory.
  const decisions = files.find((f) => f.name.startsWith('pathlight-decisions-'))!;
  expect(decisions.name).toBe('pathlight-decisions-redacted.json');
  await exports.getByTestId('decisions-file-input').setInputFiles({ name: 'decisions.json', mimeType: 'application/json', buffer: decisions.body });
  await expect(exports.getByRole('status')).toHaveText('Imported 1 decision(s).');

  // A copied link is the redacted address.
  await page.getByRole('button', { name: 'Copy a link to this view' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('redact=1');
  expect(leaks(copied)).toEqual([]);

  // The other views: the Risk board (with its Markdown export and its links) and Findings.
  await page.getByRole('link', { name: 'Risk board' }).click();
  await expect(page.getByRole('region', { name: 'Risk board' }).getByTestId('board-headline')).toBeVisible();
  await expect.poll(async () => leaks(await pageText(page))).toEqual([]);
  const board = await download(page, page.getByRole('region', { name: 'Risk board' }).getByRole('button', { name: 'Export Markdown' }));
  expect(board.body.toString('utf8')).toContain('](');
  expect([board.name, leaks(board.body.toString('utf8'))]).toEqual([board.name, []]);
  await page.getByRole('link', { name: /^Findings/ }).click();
  await expect(page).toHaveURL(/view=findings/);
  await expect.poll(async () => leaks(await pageText(page))).toEqual([]);
  expect(errors).toEqual([]);
});
