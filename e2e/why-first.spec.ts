/**
 * Why first (#16, point 2): a selected node's toxic combinations come above the counts and the long list,
 * each in plain words with its severity and cheapest fix; the parts are explained on hover; details are one
 * click away from the node. The sample's findings come from the engine, not from the test.
 */
import { expect, test } from '@playwright/test';

import { searchAndPick } from './helpers.ts';

test('selecting an agent shows its findings first, in plain words, with the cheapest fix', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  await searchAndPick(page, 'agent:finance', /finance/i);
  await expect(page).toHaveURL(/node=agent%3Afinance-agent/);

  const toxic = page.getByRole('region', { name: 'Toxic combinations' });
  const radius = page.getByRole('region', { name: 'Blast radius' });
  await expect(toxic.getByRole('listitem').first()).toBeVisible();
  await expect(radius).toBeVisible();
  const [t, r] = await Promise.all([toxic.boundingBox(), radius.boundingBox()]);
  expect(t!.y).toBeLessThan(r!.y);
  // The first card is on screen without scrolling the panel.
  const first = toxic.locator('[data-finding]').first();
  const box = (await first.boundingBox())!;
  expect(box.y + 40).toBeLessThan(720);

  await expect(first).toContainText(/critical|high|medium|low/i);
  await expect(first.getByTestId('finding-sentence')).toContainText(/^Finance/);
  await expect(first.getByTestId('finding-fix')).toContainText(/^Cheapest fix: [A-Z]/);

  // No jargon on screen; the parts say what they are and explain themselves on hover.
  const shown = await toxic.innerText();
  expect(shown).not.toMatch(/\bleg\b|witness path|\(context\)/i);
  const part = first.getByRole('list', { name: 'Parts of the combination' }).getByRole('button').first();
  await expect(part).toHaveAttribute('title', /path/);
  await part.click();
  await expect(part).toHaveAttribute('aria-pressed', 'true');

  // Details are one click away from the node.
  await radius.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Details' })).toBeInViewport();
});
