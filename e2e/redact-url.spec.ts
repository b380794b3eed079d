/**
 * Redact mode and the address bar: with redact on, the URL (and a copied link, the window title, every
 * attribute a browser shows) names no real node or edge, and that redacted URL reopens the same view.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { parseInventory } from '../src/model/index.ts';

import { fixture, idsWithClass, openFixture } from './helpers.ts';

function sample() {
  const parsed = parseInventory({ file: 'sample-inventory.json', text: readFileSync(new URL('../public/samples/sample-inventory.json', import.meta.url), 'utf8') });
  if (!parsed.ok) throw new Error('the sample does not parse');
  return parsed.inventory;
}

/** Each spelling a string can take in a URL: as it is, percent-encoded, form-encoded. */
function spellings(s: string): string[] {
  return [s, encodeURIComponent(s), new URLSearchParams({ x: s }).toString().slice(2)];
}

/** The secrets found in a text, looked for in the text as it is and fully decoded. */
function leaksIn(text: string, secrets: readonly string[]): string[] {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    // keep it raw
  }
  return secrets.filter((s) => spellings(s).some((form) => text.includes(form) || decoded.includes(form)));
}

const cutsParam = (url: string): string[] => (new URL(url).searchParams.get('cuts') ?? '').split(',').filter(Boolean);

/** Everything the page carries outside its text: the title and every attribute but the framework's own bookkeeping. */
function pageAttributes(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out = [document.title];
    // The body: the head holds only the app's own static tags (its Content-Security-Policy meta says "Security").
    for (const el of document.body.querySelectorAll('*')) {
      for (const a of el.attributes) if (!a.name.startsWith('data-') && a.name !== 'class' && a.name !== 'style' && a.name !== 'id') out.push(`${a.name}=${a.value}`);
      if (el instanceof HTMLInputElement && el.type !== 'file') out.push(`value=${el.value}`);
    }
    return out.join('\n');
  });
}

test('redact: the URL holds pseudonyms, a copied link too, and reloading it reopens the same view, redacted', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const inventory = sample();
  const bot = inventory.nodes.find((n) => n.id === 'agent:support-bot')!;

  await page.goto('/');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Support bot/ }).click();
  await expect(page).toHaveURL(/node=agent%3Asupport-bot/);
  const card = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Apply cut' }) }).first();
  await card.getByRole('button', { name: 'Apply cut' }).click();
  await expect(page).toHaveURL(/cuts=/);
  const cutCount = await page.getByRole('list', { name: 'Cuts' }).getByRole('listitem').count();
  expect(cutCount).toBeGreaterThan(0);
  const cutIds = cutsParam(page.url());
  expect(cutIds.length).toBe(cutCount);

  // What must not be in a redacted URL: the node, its neighbours, the cut edges and their ends, ids and names.
  const cutEdges = inventory.edges.filter((e) => cutIds.includes(e.id));
  expect(cutEdges.length).toBe(cutIds.length);
  const neighbourEdges = inventory.edges.filter((e) => e.source === bot.id || e.target === bot.id);
  const nodeIds = new Set([bot.id, ...neighbourEdges.flatMap((e) => [e.source, e.target]), ...cutEdges.flatMap((e) => [e.source, e.target])]);
  const secrets = [
    ...[...nodeIds].flatMap((id) => [id, inventory.nodes.find((n) => n.id === id)!.name]),
    ...cutEdges.map((e) => e.id),
    ...neighbourEdges.map((e) => e.id),
  ];
  expect(leaksIn(page.url(), secrets).length).toBeGreaterThan(0); // the check can see them

  const radius = page.getByRole('region', { name: 'Blast radius' });
  await expect(radius).toContainText('reachable');
  const everyName = inventory.nodes.flatMap((n) => [n.id, n.name]).filter((s) => s.length > 3);
  expect(leaksIn(await pageAttributes(page), everyName).length).toBeGreaterThan(0); // the check can see them
  const redactButton = page.getByRole('button', { name: 'Redact' });
  await redactButton.click();
  await expect(page).toHaveURL(/redact=1/);
  expect(leaksIn(page.url(), secrets)).toEqual([]);
  expect(new URL(page.url()).searchParams.get('node')).toMatch(/^AI agent \d+$/);
  expect(cutsParam(page.url())).toHaveLength(cutCount);

  // "Copy a link to this view" copies the redacted link.
  await page.getByRole('button', { name: 'Copy a link to this view' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  // Nothing else in the page names them either: the window title, tooltips, accessible names, links, fields.
  await expect.poll(async () => leaksIn(await pageAttributes(page), everyName)).toEqual([]);

  // A PNG of the view is not named after the real focus either.
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the view as PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('pathlight-redacted.png');

  const redactedUrl = page.url();
  const radiusText = await radius.innerText();
  const focus = await idsWithClass(page, 'focus');
  expect(focus).toEqual([bot.id]);

  // The redacted link reopens the same view: same node, same cuts, redact still on.
  await page.reload();
  await expect(redactButton).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem')).toHaveCount(cutCount);
  await expect.poll(() => idsWithClass(page, 'focus')).toEqual([bot.id]);
  await expect.poll(() => radius.innerText()).toBe(radiusText);
  expect(page.url()).toBe(redactedUrl);
  await expect.poll(async () => leaksIn(await page.evaluate(() => document.body.innerText), [bot.name, bot.id])).toEqual([]);

  // The path finder starts from the node: its field shows the pseudonym, the URL the handle.
  await page.getByRole('button', { name: 'Path', exact: true }).click();
  await expect(page).toHaveURL(/mode=path/);
  const shown = new URL(page.url()).searchParams.get('node')!;
  expect(new URL(page.url()).searchParams.get('from')).toBe(shown);
  await expect(page.getByRole('combobox', { name: 'Path from' })).toHaveValue(shown);
  expect(leaksIn(page.url(), secrets)).toEqual([]);
  await expect.poll(async () => leaksIn(await pageAttributes(page), everyName)).toEqual([]);

  // Turning redact off brings the real ids back into the address bar.
  await redactButton.click();
  await expect(page).not.toHaveURL(/redact=/);
  expect(new URL(page.url()).searchParams.get('node')).toBe(bot.id);
  expect(new URL(page.url()).searchParams.get('from')).toBe(bot.id);
  await expect(page.getByRole('combobox', { name: 'Path from' })).toHaveValue(bot.name);
  expect(cutsParam(page.url()).sort()).toEqual([...cutIds].sort());
});

test('a redacted link made on a file: opened, then the file opened again, shows the same view', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await page.getByRole('button', { name: 'Redact' }).click();
  await expect(page).toHaveURL(/redact=1/);
  const link = page.url();
  expect(link).not.toMatch(/finance/i);

  // A new page: the built-in sample comes first (it has AI agents of its own), then the file.
  await page.goto(link);
  await expect(page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first()).toBeVisible();
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('small-estate.json'));
  // Redact stays on: the top bar names the file by its stand-in, never by its real name.
  await expect(page.getByRole('banner')).toContainText('20 nodes');
  await expect(page.getByRole('banner')).toContainText('pseudonymised inventory');
  await expect(page.getByRole('banner')).not.toContainText('small-estate');
  await expect.poll(() => idsWithClass(page, 'focus')).toEqual(['agent:finance']);
  await expect(page.getByRole('button', { name: 'Redact' })).toHaveAttribute('aria-pressed', 'true');
  expect(page.url()).toBe(link);
});
