/**
 * Several files of different formats opened at once: the top bar's "Sources" lists a report per file
 * (detected format, node and edge counts, warnings at their places). Expected counts come from the importers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { importInventories } from '../src/import/index.ts';

const FILES = [
  'mcp-configs/posthog-posthog__.mcp.json',
  'aws-iam/example-authz-details.json',
  'opengraph/opengraph-ui-test-payload.json',
].map((f) => fileURLToPath(new URL(`../src/import/fixtures/${f}`, import.meta.url)));
const name = (p: string): string => p.split('/').pop()!;

test('opening an MCP config, an AWS IAM export and an OpenGraph payload shows a report per file', async ({ page }) => {
  const expected = importInventories(FILES.map((p) => ({ file: name(p), text: readFileSync(p, 'utf8') })));
  if (!expected.ok) throw new Error('fixtures do not import');
  expect(expected.reports.map((r) => r.format)).toEqual(['mcp-config', 'aws-iam', 'opengraph']);

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Open inventory' }).first()).toBeVisible();
  await page.getByTestId('inventory-file-input').first().setInputFiles(FILES);
  await expect(page.getByRole('banner')).toContainText('posthog-posthog__.mcp.json + 2 more');

  await page.getByRole('button', { name: /sources/ }).click();
  const sources = page.getByRole('region', { name: 'Sources' });
  await expect(sources).toContainText('3 files read');
  const items = sources.getByRole('list', { name: 'Import reports' }).getByRole('listitem').filter({ has: page.getByTestId('report-format') });
  await expect(items).toHaveCount(3);

  const labels = { 'mcp-config': 'MCP client config', 'aws-iam': 'AWS IAM authorization details', opengraph: 'BloodHound OpenGraph' } as Record<string, string>;
  for (const r of expected.reports) {
    const item = sources.getByRole('listitem', { name: r.file });
    await expect(item.getByTestId('report-format')).toHaveText(labels[r.format]!);
    await expect(item.getByTestId('report-counts')).toContainText(`${r.nodes} node`);
    await expect(item.getByTestId('report-counts')).toContainText(`${r.edges} edge`);
    await expect(item.getByTestId('report-counts')).toContainText(`${r.warnings.length} warning`);
  }
  // The OpenGraph payload's warning is listed with its place.
  const og = expected.reports.find((r) => r.format === 'opengraph')!;
  expect(og.warnings.length).toBeGreaterThan(0);
  const ogItem = sources.getByRole('listitem', { name: og.file });
  await ogItem.getByText('Warnings', { exact: true }).click();
  await expect(ogItem.getByRole('list', { name: `Warnings of ${og.file}` })).toContainText(og.warnings[0]!.message);

  // Esc closes it.
  await page.keyboard.press('Escape');
  await expect(sources).toBeHidden();
});

test('a node merged from two files shows both sources in its provenance', async ({ page }) => {
  // Two MCP clients configured with the same token: one credential node, read from both files.
  const config = (server: string): string =>
    JSON.stringify({ mcpServers: { [server]: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'e2e-shared-token-0123456789abcdef' } } } });
  const inputs = [
    { file: 'claude_desktop_config.json', text: config('github') },
    { file: 'mcp.json', text: config('gh') },
  ];
  const expected = importInventories(inputs);
  if (!expected.ok) throw new Error('configs do not import');
  const merged = expected.inventory.nodes.find((n) => Array.isArray(n.fields.provenanceAll) && n.kind === 'credential')!;
  const sources = merged.fields.provenanceAll as string[];
  expect(sources).toHaveLength(2);

  await page.goto('/');
  await page.getByTestId('inventory-file-input').first().setInputFiles(inputs.map((i) => ({ name: i.file, mimeType: 'application/json', buffer: Buffer.from(i.text) })));
  await expect(page.getByRole('banner')).toContainText('claude_desktop_config.json + mcp.json');
  const box = page.getByRole('combobox', { name: 'Search nodes' });
  // Fingerprint ids are keyed per process (the page's differ from this test's), so find it by kind: the shared
  // token is the inventory's one credential.
  expect(expected.inventory.nodes.filter((n) => n.kind === 'credential')).toHaveLength(1);
  await box.fill('kind:credential');
  await expect(page.getByRole('listbox', { name: 'Search nodes results' }).getByRole('option')).toHaveCount(1);
  await box.press('Enter');
  // Details open on request: the selection's own Details button.
  await page.getByRole('region', { name: 'Blast radius' }).getByRole('button', { name: 'Details' }).click();
  const list = page.getByRole('list', { name: 'Provenance' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  for (const s of sources) await expect(list).toContainText(s);
  // No secret value reaches the page.
  expect(await page.content()).not.toContain('e2e-shared-token-0123456789abcdef');
});
