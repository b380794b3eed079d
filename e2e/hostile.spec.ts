/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * A representative subset of the hostile corpus (src/test/hostile/corpus.ts, committed under
 * src/test/fixtures/hostile/) through "Open inventory" in the built app: it opens what the CLI opens (BOMs,
 * UTF-16), says what the reading changed as located warnings in Problems, refuses the rest with its place,
 * never crashes, runs no markup and opens no dialog; a name with a lone surrogate goes through every export.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import { wellFormed } from '../src/model/well-formed.ts';
import { HOSTILE_CASES } from '../src/test/hostile/corpus.ts';

import { fixture } from './helpers.ts';

const committed = (name: string): Buffer => readFileSync(new URL(`../src/test/fixtures/hostile/${name}`, import.meta.url));

/** Records page errors and dialogs from the first script on. */
function watch(page: Page): { errors: string[]; dialogs: string[] } {
  const seen = { errors: [] as string[], dialogs: [] as string[] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  return seen;
}

async function open(page: Page, name: string, buffer: Buffer): Promise<void> {
  await expect(page.getByRole('button', { name: 'Open inventory' }).first()).toBeVisible();
  await page.getByTestId('inventory-file-input').first().setInputFiles({ name, mimeType: 'application/json', buffer });
}

test('the app opens what the CLI opens: UTF-8 with a BOM, UTF-16LE and UTF-16BE with a BOM, UTF-16LE without one', async ({ page }) => {
  const seen = watch(page);
  for (const name of ['utf8-bom.json', 'utf16le-bom.json', 'utf16be-bom.json', 'utf16le-no-bom.json']) {
    await page.goto('/');
    await open(page, name, committed(name));
    await expect(page.getByRole('banner')).toContainText(name);
    await expect(page.getByRole('navigation', { name: 'AI integrations' })).toContainText(name === 'utf8-bom.json' ? 'agent:a' : 'Zoë');
  }
  expect(seen).toEqual({ errors: [], dialogs: [] });
});

test('what the reading changed is a located warning in Problems, never silence', async ({ page }) => {
  const seen = watch(page);
  const cases: [string, string, string][] = [
    ['invalid-utf8.json', 'INVALID_ENCODING', 'invalid-utf8.json: nodes[0].name'],
    ['lone-surrogate-name.json', 'INVALID_STRING', 'lone-surrogate-name.json: nodes[0].name'],
    ['number-out-of-range.json', 'NUMBER_CHANGED', 'number-out-of-range.json: nodes[0].score'],
    ['duplicate-nodes-key.json', 'DUPLICATE_KEY', 'duplicate-nodes-key.json: nodes'],
    ['duplicate-field-key.json', 'DUPLICATE_KEY', 'duplicate-field-key.json: nodes[0].owner'],
  ];
  for (const [name, code, place] of cases) {
    await page.goto('/');
    await open(page, name, committed(name));
    await expect(page.getByRole('banner')).toContainText(name);
    await page.getByRole('button', { name: /^Problems: \d+/ }).click();
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems).toContainText(code);
    await expect(problems).toContainText(place);
    await expect(problems).toContainText(/line 1, column \d+|U\+FFFD|Infinity|only the last one is read/);
  }
  expect(seen).toEqual({ errors: [], dialogs: [] });
});

test('refused files say why and where, and nothing crashes', async ({ page }) => {
  const seen = watch(page);
  for (const name of ['deep-100k.json', 'deep-property-5000.json', 'opengraph-deep.json', 'truncated.json', 'not-json.json', 'nul-bytes.json', 'zip-garbage.zip']) {
    const c = HOSTILE_CASES.find((h) => h.name === name)!;
    await page.goto('/');
    await open(page, name, committed(name));
    const panel = page.getByRole('region', { name: `Could not open ${name}` });
    await expect(panel).toContainText(c.expect!);
    await expect(panel).not.toContainText(/internal error|Maximum call stack|URIError/);
  }
  expect(seen).toEqual({ errors: [], dialogs: [] });
});

test('markup, control characters and prototype keys are data: no script, no dialog, Object.prototype clean', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  await open(page, 'control-chars-and-markup.json', committed('control-chars-and-markup.json'));
  await expect(page.getByRole('navigation', { name: 'AI integrations' })).toContainText('onerror=alert(1)');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.goto('/');
  await open(page, 'proto-keys.json', committed('proto-keys.json'));
  await expect(page.getByRole('banner')).toContainText('proto-keys.json');
  expect(await page.evaluate(() => 'polluted' in {})).toBe(false);
  expect(seen).toEqual({ errors: [], dialogs: [] });
});

test('degenerate graphs open: 5,000 identical parallel edges, a 4,000-edge hub', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  for (const name of ['parallel-edges.json', 'hub-200k.json']) {
    const c = HOSTILE_CASES.find((h) => h.name === name)!;
    await page.goto('/');
    await open(page, name, Buffer.from(c.make(name === 'hub-200k.json' ? 0.02 : 0.25)));
    await expect(page.getByRole('banner')).toContainText(name);
    await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first().click();
    await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText(name === 'hub-200k.json' ? 'gives access to 4,000 nodes.' : 'gives access to 1 node.');
  }
  expect(seen).toEqual({ errors: [], dialogs: [] });
});

async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path()).toString('utf8') };
}

test('a node name with a lone surrogate goes through every export, redacted or not: no URIError, well-formed files', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const seen = watch(page);
  // The small estate with the Support bot named "Support bot \ud800 here" (a JSON escape, as a hostile file has it).
  const text = readFileSync(fixture('small-estate.json'), 'utf8').replace('"name": "Support bot"', '"name": "Support bot \\ud800 here"');
  expect(text).toContain('\\ud800');
  await page.goto('/');
  await open(page, 'surrogate-estate.json', Buffer.from(text));
  await expect(page.getByRole('banner')).toContainText('surrogate-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('7 reachable');
  await page.getByRole('region', { name: 'Toxic combinations' }).getByRole('button', { name: 'Apply cut' }).first().click();
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem').first()).toBeVisible();
  for (const redact of [false, true]) {
    if (redact) await page.getByRole('button', { name: 'Redact' }).click();
    await expect(page.getByRole('button', { name: 'Redact' })).toHaveAttribute('aria-pressed', String(redact));
    const exports = page.getByRole('region', { name: 'Exports' });
    const files = [];
    for (const name of ['SVG', 'SVG (viewport)', 'Threat-model report', 'HTML report', 'Export decisions']) files.push(await download(page, exports.getByRole('button', { name, exact: true })));
    files.push(await download(page, page.getByRole('region', { name: 'What-if' }).getByRole('button', { name: 'Export remediation plan' })));
    const png = await download(page, exports.getByRole('button', { name: 'PNG', exact: true }));
    expect(png.name).toMatch(/\.png$/);
    await page.getByRole('button', { name: 'Copy a link to this view' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(() => new URL(link)).not.toThrow();
    for (const f of files) {
      // Every file is written whole: decodable UTF-8 with no replacement from a broken encoder (the one U+FFFD is the reader's).
      expect([f.name, f.text.length > 100, wellFormed(f.text) === f.text]).toEqual([f.name, true, true]);
    }
    // Not redacted, the reports name the bot with the reader's U+FFFD in place of the lone surrogate.
    expect(files.find((f) => f.name.endsWith('.md') && f.name.includes('threat-model'))!.text.includes('Support bot \ufffd here')).toBe(!redact);
    await page.getByRole('link', { name: 'Risk board' }).click();
    const board = await download(page, page.getByRole('region', { name: 'Risk board' }).getByRole('button', { name: 'Export Markdown' }));
    expect(wellFormed(board.text)).toBe(board.text);
    await page.getByRole('link', { name: 'Explorer', exact: true }).click();
    await expect(page.locator('#graph')).toBeVisible();
  }
  expect(seen).toEqual({ errors: [], dialogs: [] });
});
