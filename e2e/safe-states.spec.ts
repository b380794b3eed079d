/**
 * Safe states: a failed open keeps the inventory on screen with the error beside it; opened files are kept on
 * this device only when the user opts in (a reload reopens them, "Forget" deletes them); otherwise a reload
 * says plainly that it shows the built-in sample; an empty or near-empty inventory says so on every view.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import { startInventoryServer } from '../scripts/serve-inventory.ts';

import { fixture } from './helpers.ts';

async function openFile(page: Page, name: string): Promise<void> {
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture(name));
  await expect(page.getByRole('banner')).toContainText(name);
}

function sampleNotice(page: Page): Locator {
  return page.getByTestId('sample-notice');
}

async function openSources(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /, sources$/ }).click();
  return page.getByRole('region', { name: 'Sources' });
}

test('a broken file keeps the inventory on screen, with the error beside it and the inventory still usable', async ({ page }) => {
  await page.goto('/');
  await openFile(page, 'small-estate.json');
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture('broken.json'));
  const panel = page.getByRole('region', { name: 'Could not open broken.json' });
  await expect(panel).toContainText('not valid JSON at line 10, column 3');
  await expect(panel).toContainText('small-estate.json is still open');
  // The inventory is still there, not replaced by the sample or an empty page.
  await expect(page.getByRole('banner')).toContainText('small-estate.json');
  await expect(sampleNotice(page)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first()).toBeVisible();
});

test('without the opt-in, a reload says plainly that it shows the sample and that the file was not kept', async ({ page }) => {
  await page.goto('/');
  await expect(sampleNotice(page)).toContainText('Showing the built-in sample');
  await expect(sampleNotice(page)).not.toContainText('not kept');
  await openFile(page, 'small-estate.json');
  await expect(sampleNotice(page)).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  await expect(sampleNotice(page)).toContainText('Showing the built-in sample, not your data.');
  await expect(sampleNotice(page)).toContainText('The file opened before the reload was not kept on this device.');
  await expect(sampleNotice(page).getByRole('checkbox', { name: 'Remember opened files on this device' })).not.toBeChecked();
  // Nothing was written to IndexedDB without the opt-in.
  const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(dbs).not.toContain('pathlight');
});

test('with the opt-in, a reload reopens the file; Forget deletes the copy and the next reload shows the sample', async ({ page }) => {
  await page.goto('/');
  await sampleNotice(page).getByRole('checkbox', { name: 'Remember opened files on this device' }).check();
  await openFile(page, 'small-estate.json');
  let sources = await openSources(page);
  await expect(sources).toContainText('1 file kept in this browser');
  await page.keyboard.press('Escape');

  await page.reload();
  await expect(page.getByRole('banner')).toContainText('small-estate.json');
  await expect(page.getByTestId('reopened-notice')).toContainText('Reopened the files kept in this browser');
  await expect(sampleNotice(page)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'AI integrations' })).toContainText('Support bot');

  sources = await openSources(page);
  await sources.getByRole('button', { name: 'Forget remembered files' }).click();
  await expect(sources.getByRole('checkbox', { name: 'Remember opened files on this device' })).not.toBeChecked();
  await expect(page.getByTestId('reopened-notice')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
  await expect(sampleNotice(page)).toContainText('The file opened before the reload was not kept on this device.');
  const kept = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('pathlight');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('opened-files')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('opened-files').objectStore('opened-files').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
        req.onerror = () => resolve(-1);
      }),
  );
  expect(kept).toBe(0);
});

const VIEWS = [
  { link: 'Explorer', view: 'explorer' },
  { link: 'Findings', view: 'findings' },
  { link: 'Risk board', view: 'board' },
] as const;

async function expectNoticeOnEveryView(page: Page, words: RegExp): Promise<void> {
  const notice = page.getByTestId('empty-inventory-notice');
  for (const { link, view } of VIEWS) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(page).toHaveURL(new RegExp(`view=${view}`));
    await expect(notice).toContainText(words);
    await expect(notice).toContainText('not an all-clear');
    await expect(notice).toBeInViewport();
  }
  // Review: meeting mode keeps it too.
  await page.getByRole('button', { name: 'Meeting' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-meeting', 'on');
  await expect(notice).toContainText('not an all-clear');
  await expect(notice).toBeInViewport();
  await page.getByRole('button', { name: 'Meeting' }).click();
}

test('an empty inventory says so on the explorer, findings, board and in meeting mode', async ({ page }) => {
  await page.goto('/');
  await openFile(page, 'empty-inventory.json');
  await expectNoticeOnEveryView(page, /has no nodes/);
  // The board's zeros sit under the notice, never alone.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk board' }).click();
  await expect(page.getByRole('region', { name: 'Risk board' })).toBeVisible();
  await expect(page.getByTestId('empty-inventory-notice')).toBeVisible();
});

test('an inventory without any AI integration says so on every view', async ({ page }) => {
  await page.goto('/');
  await openFile(page, 'no-ai-inventory.json');
  await expectNoticeOnEveryView(page, /2 nodes but no AI integration/);
});

test('a live source serving an empty inventory says so too', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pathlight-empty-live-'));
  writeFileSync(join(dir, 'inventory.json'), readFileSync(fixture('empty-inventory.json')));
  const server = await startInventoryServer({ dir, port: 0, log: () => undefined });
  try {
    await page.goto(`/?source=${encodeURIComponent(server.url)}&interval=60`);
    await expect(page.getByRole('banner')).toContainText(`127.0.0.1:${server.port}/inventory`);
    await expect(page.getByTestId('empty-inventory-notice')).toContainText('has no nodes');
    await expect(sampleNotice(page)).toHaveCount(0);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
