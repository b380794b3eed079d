/**
 * Issue 16 point 3: the sidebar does not re-sort under the pointer. A what-if cut applied from the keyboard while
 * the pointer rests on the list changes the figures; the order holds until the pointer leaves, then follows them.
 */
import { expect, test } from '@playwright/test';

import { canvasSettled } from './helpers.ts';

test('the sidebar order holds under the pointer while a what-if cut changes the figures', async ({ page }) => {
  await page.goto(`/?view=explorer&node=${encodeURIComponent('agent:finance-agent')}`);
  await canvasSettled(page);
  const nav = page.getByRole('navigation', { name: 'AI integrations' });
  const order = async (): Promise<string[]> => (await nav.getByRole('listitem').allInnerTexts()).map((t) => t.split('\n')[0]!.replace(/[^\p{L}\p{N}() &"'.-]/gu, '').trim());
  const before = await order();
  await nav.hover();
  const cut = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('button', { name: 'Apply cut' }).first();
  await cut.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByText(/What-if: \d+ cuts? applied/).first()).toBeVisible();
  const held = await order();
  expect(held).toEqual(before);
  expect(before.length).toBeGreaterThan(3);
});
