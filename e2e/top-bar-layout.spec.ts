/**
 * The top bar fits: at 1280×720 and 1440×900, with and without meeting mode (larger type), every control of
 * the top bar is inside the viewport, not covered by another, and no two overlap (the file name never slides
 * under the search box); "Open inventory" and the theme toggle answer a click. The sidebar's "Sort by" is
 * not clipped.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

interface Box {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function controls(page: Page): [string, Locator][] {
  const banner = page.getByRole('banner');
  return [
    ['Explorer', banner.getByRole('link', { name: 'Explorer' })],
    ['Risk board', banner.getByRole('link', { name: 'Risk board' })],
    ['Findings', banner.getByRole('link', { name: /^Findings/ })],
    ['file name', banner.getByRole('button', { name: /, sources$/ })],
    ['Search nodes', banner.getByRole('combobox', { name: 'Search nodes' })],
    ['Problems', banner.getByRole('button', { name: /^Problems/ })],
    ['Meeting', banner.getByRole('button', { name: 'Meeting', exact: true })],
    ['Redact', banner.getByRole('button', { name: 'Redact', exact: true })],
    ['Open inventory', banner.getByRole('button', { name: 'Open inventory' })],
    ['theme', banner.getByRole('button', { name: /^Switch to (light|dark) theme$/ })],
  ];
}

async function boxOf(name: string, locator: Locator): Promise<Box> {
  await expect(locator, name).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, name).not.toBeNull();
  return { name, ...box! };
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

/** The element at the box's centre is the control itself or inside it (nothing covers it). */
async function uncovered(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (el === hit || el.contains(hit) || hit.contains(el));
  });
}

async function checkTopBar(page: Page): Promise<void> {
  const vw = page.viewportSize()!.width;
  const boxes: Box[] = [];
  for (const [name, locator] of controls(page)) {
    const box = await boxOf(name, locator);
    expect(box.x, `${name} starts inside the viewport`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends inside the viewport (${vw}px)`).toBeLessThanOrEqual(vw);
    expect(box.y, `${name} is in the top bar`).toBeGreaterThanOrEqual(0);
    expect(await uncovered(locator), `${name} is not covered`).toBe(true);
    boxes.push(box);
  }
  const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => overlap(a, b)).map((b) => `${a.name} × ${b.name}`));
  expect(overlapping).toEqual([]);
  // The file name is shown, not squeezed to nothing.
  const fileName = page.getByRole('banner').getByRole('button', { name: /, sources$/ });
  expect((await fileName.boundingBox())!.width).toBeGreaterThan(60);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`the top bar fits at ${size.width}×${size.height}, and in meeting mode; Open inventory and the theme toggle answer`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?view=explorer');
    await expect(page.getByRole('banner')).toContainText('sample-inventory.json');
    await checkTopBar(page);

    await page.getByRole('button', { name: 'Meeting', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('data-meeting', 'on');
    await checkTopBar(page);

    const theme = page.getByRole('banner').getByRole('button', { name: /^Switch to (light|dark) theme$/ });
    const before = await page.locator('html').getAttribute('data-theme');
    await theme.click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
    await checkTopBar(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('banner').getByRole('button', { name: 'Open inventory' }).click();
    expect((await chooser).isMultiple()).toBe(true);

    // The sidebar's sort control is whole: label and select inside the sidebar, the label not cut.
    const sidebar = await boxOf('sidebar', page.getByRole('navigation', { name: 'AI integrations' }));
    const sort = page.getByRole('combobox', { name: 'Sort by' });
    const sortBox = await boxOf('Sort by', sort);
    expect(sortBox.x + sortBox.width).toBeLessThanOrEqual(sidebar.x + sidebar.width);
    const label = page.locator('label', { has: sort });
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    const labelBox = await boxOf('Sort by label', label);
    expect(labelBox.x).toBeGreaterThanOrEqual(sidebar.x);
  });
}
