/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/** Shared steps for the explorer journeys. */
import { fileURLToPath } from 'node:url';

import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Opens the app and then the given fixture through "Open inventory" (the real file input). */
export async function openFixture(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Open inventory' }).first()).toBeVisible();
  await page.getByTestId('inventory-file-input').first().setInputFiles(fixture(name));
  await expect(page.getByRole('banner')).toContainText(name);
}

export async function searchAndPick(page: Page, query: string, optionName: RegExp | string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Search nodes' });
  await box.fill(query);
  await expect(page.getByRole('option', { name: optionName }).first()).toBeVisible();
  await box.press('Enter');
}

/** Ids of drawn nodes carrying a class, sorted. */
export function idsWithClass(page: Page, cls: string): Promise<string[]> {
  return page.evaluate((c) => {
    const cy = (window as unknown as { __cy?: { nodes(sel: string): { map<T>(f: (n: { id(): string }) => T): T[] } } }).__cy;
    return cy ? cy.nodes(`.${c}`).map((n) => n.id()).sort() : [];
  }, cls);
}

export function edgeCountWithClass(page: Page, cls: string): Promise<number> {
  return page.evaluate((c) => {
    const cy = (window as unknown as { __cy?: { edges(sel: string): { length: number } } }).__cy;
    return cy ? cy.edges(`.${c}`).length : 0;
  }, cls);
}

/**
 * Resolves when the canvas has synced and stands still: `#graph[data-drawing=done]`, the test hook
 * `window.__cy` present, and no Cytoscape animation (framing, zoom, node moves) running. A state the app
 * exposes, never a fixed sleep.
 */
export async function canvasSettled(page: Page): Promise<void> {
  await expect(page.locator('#graph')).toHaveAttribute('data-drawing', 'done');
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const cy = (window as unknown as { __cy?: { animated(): boolean; nodes(): { some(f: (n: { animated(): boolean }) => boolean): boolean } } }).__cy;
          return cy !== undefined && !cy.animated() && !cy.nodes().some((n) => n.animated());
        }),
      { intervals: [50, 100, 200] },
    )
    .toBe(true);
}
