/**
 * Loads that stay live: while another inventory loads, the one on screen stays usable; Cancel brings it back
 * as it was; a file that cannot be read leaves it open, with the file's errors shown over it.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { generateEstate } from './fixtures/generate-estate.ts';
import { fixture } from './helpers.ts';

async function openSample(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  await expect(page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first()).toBeVisible();
}

test('while a second inventory loads the first stays interactive, and Cancel keeps it', async ({ page }) => {
  test.setTimeout(120_000);
  await openSample(page);
  const big = JSON.stringify(generateEstate(60_000));
  await page.getByTestId('inventory-file-input').first().setInputFiles({ name: 'estate-60k.json', mimeType: 'application/json', buffer: Buffer.from(big) });
  const card = page.getByRole('region', { name: 'Opening another inventory' });
  await expect(card).toContainText('Opening estate-60k.json');
  await expect(card.getByRole('progressbar', { name: 'Loading progress' })).toBeVisible();

  // The sample is still on screen and answers: pick AI integrations and read their blast radius.
  const sidebar = page.getByRole('navigation', { name: 'AI integrations' });
  const radius = page.getByRole('region', { name: 'Blast radius' });
  for (const i of [0, 1]) {
    const button = sidebar.getByRole('button').nth(i);
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'true');
    await expect(radius).toContainText('reachable');
  }
  await expect(card).toBeVisible();

  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  await expect(page.getByRole('banner')).not.toContainText('60,000 nodes');
  await expect(radius).toContainText('reachable');

  // A new load after a cancel works as usual (the worker drops the cancelled one at its next stage boundary;
  // validating 60k nodes is one step, so on a busy machine the new file may wait for it).
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('small-estate.json'));
  await expect(page.getByRole('banner')).toContainText('small-estate.json', { timeout: 90_000 });
});

test('a broken file keeps the inventory on screen and shows its errors over it', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('broken.json'));
  const panel = page.getByRole('region', { name: 'Could not open broken.json' });
  await expect(panel).toContainText('not valid JSON at line 10, column 3');
  await expect(panel).toContainText('sample-inventory.json is still open');
  await panel.getByRole('button', { name: 'Back to sample-inventory.json' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  const first = page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first();
  await first.click();
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('reachable');
});
