/**
 * Accessibility: axe (default rules) finds no serious or critical violation on any view (explorer, findings,
 * board, review with a what-if cut, live) in both themes and in meeting mode; every view has one h1 and a main
 * landmark, and the skip link reaches the analysis panel in one Tab.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { startInventoryServer } from '../scripts/serve-inventory.ts';
import type { InventoryServer } from '../scripts/serve-inventory.ts';

import { canvasSettled, fixture } from './helpers.ts';

type Theme = 'dark' | 'light';

let dir: string;
let server: InventoryServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pathlight-a11y-'));
  const { readFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'inventory.json'), readFileSync(fixture('small-estate.json')));
  server = await startInventoryServer({ dir, port: 0, log: () => undefined });
});

test.afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('pathlight.theme', t), theme);
}

/** Serious and critical violations, one line each (rule, impact, first offending elements). */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join(' | ')}`);
}

async function meetingOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Meeting' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-meeting', 'on');
}

const VIEWS: { name: string; open(page: Page): Promise<void> }[] = [
  {
    name: 'explorer',
    async open(page) {
      await page.goto('/?view=explorer&node=agent%3Afinance-agent');
      await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('reachable');
      await canvasSettled(page);
    },
  },
  {
    name: 'findings',
    async open(page) {
      await page.goto('/?view=findings');
      await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
      await expect(page.getByRole('heading').first()).toBeVisible();
    },
  },
  {
    name: 'board',
    async open(page) {
      await page.goto('/?view=board');
      await expect(page.getByTestId('board-headline')).toBeVisible();
    },
  },
  {
    name: 'review (what-if)',
    async open(page) {
      await page.goto(`/?view=explorer&node=agent%3Afinance-agent&cuts=${encodeURIComponent('agent:finance-agent|has_tool|tool:send-email')}`);
      await expect(page.getByTestId('what-if-sentence')).toBeVisible();
      await canvasSettled(page);
    },
  },
  {
    name: 'live',
    async open(page) {
      await page.goto(`/?source=${encodeURIComponent(server.url)}&interval=60`);
      await expect(page.getByRole('banner')).toContainText(`127.0.0.1:${server.port}/inventory`);
      await expect(page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first()).toBeVisible();
    },
  },
];

for (const theme of ['dark', 'light'] as const) {
  for (const view of VIEWS) {
    test(`axe: ${view.name}, ${theme} theme, then in meeting mode: no serious or critical violation`, async ({ page }) => {
      // axe walks the whole page twice; on a saturated CPU that alone can take most of a minute.
      test.setTimeout(180_000);
      await setTheme(page, theme);
      await view.open(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect.soft(await seriousViolations(page)).toEqual([]);
      await expect.soft(page.getByRole('main')).toHaveCount(1);
      await expect.soft(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await meetingOn(page);
      expect.soft(await seriousViolations(page)).toEqual([]);
    });
  }
}

test('the skip link is the first Tab stop and moves focus to the analysis panel', async ({ page }) => {
  await page.goto('/?view=explorer&node=agent%3Afinance-agent');
  await expect(page.getByRole('region', { name: 'Blast radius' })).toContainText('reachable');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the analysis' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Analysis' });
  await expect(panel).toBeFocused();
  // The next Tab lands inside the panel, not back in the top bar.
  await page.keyboard.press('Tab');
  expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
});
