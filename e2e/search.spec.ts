/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * Search like BloodHound's (#16, point 5): kind prefixes, exact and prefix matches first, the arrow keys and
 * Enter choose the highlighted row, the result is selected and framed, the placeholder fits its box. Expected
 * sets come from the inventory itself, not from the app.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { parseInventory } from '../src/model/index.ts';

import { canvasSettled, fixture, openFixture } from './helpers.ts';

function inventoryNodes() {
  const parsed = parseInventory({ file: 'small-estate.json', text: readFileSync(fixture('small-estate.json'), 'utf8') });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return parsed.inventory.nodes;
}

test('kind:credential lists exactly the credentials, agent: the agents', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  const box = page.getByRole('combobox', { name: 'Search nodes' });
  const results = page.getByRole('listbox', { name: 'Search nodes results' });
  const nodes = inventoryNodes();

  await box.fill('kind:credential');
  const creds = nodes.filter((n) => n.kind === 'credential');
  await expect(results.getByRole('option')).toHaveCount(creds.length);
  for (const c of creds) await expect(results.getByRole('option', { name: new RegExp(c.id) })).toBeVisible();

  await box.fill('agent:');
  await expect(results.getByRole('option')).toHaveCount(nodes.filter((n) => n.kind === 'ai_agent').length);
  await box.fill('kind:nonsense');
  await expect(results.getByRole('option')).toHaveCount(0);
  await expect(page.getByText(/No node matches/)).toBeVisible();
});

test('arrow keys and Enter choose the highlighted row, which is selected and framed', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  const box = page.getByRole('combobox', { name: 'Search nodes' });
  await box.fill('kind:data_store');
  const options = page.getByRole('listbox', { name: 'Search nodes results' }).getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(2).getAttribute('id'))!);
  const chosen = (await options.nth(2).textContent())!;
  const id = inventoryNodes().find((n) => n.kind === 'data_store' && chosen.includes(n.id))!.id;
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`node=${encodeURIComponent(id)}`));
  await canvasSettled(page);
  // Framed: the chosen node is drawn inside the canvas.
  const inside = await page.evaluate((nid) => {
    const cy = (window as unknown as { __cy: { getElementById(i: string): { renderedPosition(): { x: number; y: number } }; width(): number; height(): number } }).__cy;
    const p = cy.getElementById(nid).renderedPosition();
    return p.x > 0 && p.y > 0 && p.x < cy.width() && p.y < cy.height();
  }, id);
  expect(inside).toBe(true);
});

test('exact and prefix matches come first, crown jewels rank up within a tier', async ({ page }) => {
  await openFixture(page, 'small-estate.json');
  const box = page.getByRole('combobox', { name: 'Search nodes' });
  const options = page.getByRole('listbox', { name: 'Search nodes results' }).getByRole('option');
  await box.fill('ds:crm');
  await expect(options.first()).toContainText('Customer CRM');
  // "crown:" keeps crown jewels only.
  await box.fill('crown:');
  await expect(options.first()).toBeVisible();
  const texts = await options.allTextContents();
  expect(texts.some((t) => t.includes('Send email'))).toBe(false);
  expect(texts.some((t) => t.includes('General ledger'))).toBe(true);
});

for (const width of [1280, 1440, 1920]) {
  test(`the search placeholder is not clipped at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openFixture(page, 'small-estate.json');
    const box = page.getByRole('combobox', { name: 'Search nodes' });
    const fits = await box.evaluate((el: HTMLInputElement) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      const cs = getComputedStyle(el);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const text = ctx.measureText(el.placeholder).width;
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return { text, room };
    });
    expect(fits.text).toBeLessThanOrEqual(fits.room);
  });
}
