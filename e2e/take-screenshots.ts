/* oxlint-disable no-underscore-dangle -- window.__cy is the agreed test hook */
/**
 * Takes the README screenshots from the built app (run `npx vite build --mode e2e && npx vite preview
 * --mode e2e` first): `npx tsx e2e/take-screenshots.ts [outDir]`. Not part of the test suite.
 */
import { mkdirSync } from 'node:fs';

import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';

import { generateEstate } from './fixtures/generate-estate.ts';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:4173';
const OUT = process.argv[2] ?? 'docs/screenshots';
const THEME = process.env.THEME ?? 'dark';

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.textContent?.includes('Laying out'), undefined, { timeout: 120_000 });
  // The canvas has synced and nothing is animating (no fixed sleep): views without a canvas are ready at once.
  await page.waitForFunction(
    () => {
      const graph = document.querySelector('#graph');
      if (!graph) return true;
      const cy = (window as unknown as { __cy?: { animated(): boolean; nodes(): { some(f: (n: { animated(): boolean }) => boolean): boolean } } }).__cy;
      return graph.getAttribute('data-drawing') === 'done' && cy !== undefined && !cy.animated() && !cy.nodes().some((n) => n.animated());
    },
    undefined,
    { timeout: 120_000 },
  );
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  await page.addInitScript((theme) => localStorage.setItem('pathlight.theme', theme), THEME);
  const only = process.env.ONLY;

  if (!only || only === 'overview') {
    await page.goto(BASE);
    await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first().waitFor();
    await settle(page);
    await page.screenshot({ path: `${OUT}/overview.png` });
  }

  if (!only || only === 'blast') {
    await page.goto(BASE);
    await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first().waitFor();
    await settle(page);
    await page.getByRole('combobox', { name: 'Search nodes' }).fill(process.env.AI_NODE ?? 'support bot');
    await page.getByRole('combobox', { name: 'Search nodes' }).press('Enter');
    await settle(page);
    await page.screenshot({ path: `${OUT}/blast-radius.png` });
  }

  if (!only || only === 'path') {
    const from = process.env.PATH_FROM;
    const to = process.env.PATH_TO;
    await page.goto(`${BASE}/?view=explorer&mode=path${from ? `&from=${encodeURIComponent(from)}` : ''}${to ? `&to=${encodeURIComponent(to)}` : ''}`);
    await settle(page);
    await page.screenshot({ path: `${OUT}/long-path.png` });
  }

  if (!only || only === 'large') {
    await page.goto(BASE);
    await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first().waitFor();
    const doc = JSON.stringify(generateEstate(20_000));
    await page.getByTestId('inventory-file-input').first().setInputFiles({ name: 'estate-20k.json', mimeType: 'application/json', buffer: Buffer.from(doc) });
    await page.getByRole('banner').getByText('estate-20k.json').waitFor({ timeout: 120_000 });
    await settle(page);
    await page.screenshot({ path: `${OUT}/large-20k.png` });
    await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button').first().click();
    await settle(page);
    await page.screenshot({ path: `${OUT}/large-20k-selected.png` });
  }
  await browser.close();
}

void main();
