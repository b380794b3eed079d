/**
 * Issue 16 point 3: the sidebar does not re-sort under the pointer. A what-if cut applied from the keyboard while
 * the pointer rests on the list changes the figures; they change in place (the new radius with "was N" beside
 * it) while the order holds, and the rows move to the new ranking once the pointer leaves.
 */
import { expect, test } from '@playwright/test';

import { canvasSettled } from './helpers.ts';

test('the sidebar order holds under the pointer while a what-if cut changes the figures', async ({ page }) => {
  await page.goto(`/?view=explorer&node=${encodeURIComponent('agent:finance-agent')}`);
  await canvasSettled(page);
  const list = page.getByRole('navigation', { name: 'AI integrations' }).getByRole('list', { name: /^AI integrations by / });
  const rows = list.locator('button[data-node]');
  // The order of the rows, by node id (the names are in the same order; ids are exact).
  const order = (): Promise<string[]> => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''));
  const before = await order();
  expect(before.length).toBeGreaterThan(3);
  await expect(list.getByTestId('ai-reach-before')).toHaveCount(0);

  // The pointer rests on the list (the last row, away from the finance agent's row) while the keyboard applies a cut.
  await rows.last().hover();
  await expect(list).toHaveAttribute('data-held', '');
  const cut = page.getByRole('region', { name: 'Toxic combinations' }).getByRole('button', { name: 'Apply cut' }).first();
  await cut.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Cuts' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByText(/What-if: \d+ cuts? applied/).first()).toBeVisible();
  await expect(list).toHaveAttribute('aria-busy', 'false');

  // The figures changed where they are: the finance agent's row shows its new radius and the one before the cut.
  const finance = list.locator('button[data-node="agent:finance-agent"]');
  await expect(finance.getByTestId('ai-reach-before')).toBeVisible();
  await expect(finance.getByTestId('ai-reach-before')).toHaveText(/^was \d+$/);
  const was = Number((await finance.getByTestId('ai-reach-before').innerText()).replace(/\D/g, ''));
  const now = Number((await finance.getByTestId('ai-reach').innerText()).replace(/\D/g, ''));
  expect(now).toBeLessThan(was);
  // …and the order did not move under the pointer.
  expect(await order()).toEqual(before);

  // Once the pointer leaves the list, the rows follow the new figures: a different order, so the hold above was real.
  await page.mouse.move(900, 400);
  await expect(list).not.toHaveAttribute('data-held', '');
  await expect.poll(order).not.toEqual(before);
  const after = await order();
  expect([...after].sort()).toEqual([...before].sort());
});
