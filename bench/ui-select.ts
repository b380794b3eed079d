/**
 * How long selecting an AI integration takes to light its blast radius in the built app, on a synthetic
 * estate (e2e/fixtures/generate-estate.ts). Start a preview first (`npx vite build --mode e2e && npx vite
 * preview --mode e2e`), then `npm run bench:ui -- [nodes] [baseUrl] [sidebar indexes]`. Prints, per
 * selection: the time until the first frame with the new focus lit (`litMs`), until the frame after it,
 * how many elements are drawn, the pipeline's User Timing phases (src/lib/perf.ts) and when they started,
 * Cytoscape's render times and the long tasks. Diagnostics: PROFILE=1 (CPU profile; PROFILE=cy includes
 * Cytoscape's functions), TRACE=1 (Chrome trace summary), FRAMES=1 (Cytoscape style/draw time per frame),
 * NO_TXR=1 (Cytoscape's texture caches off). Not a test: figures depend on the machine.
 */
import { chromium } from '@playwright/test';

import { generateEstate } from '../e2e/fixtures/generate-estate.ts';

// The in-page part is a string so the bundler's helpers never leak into the page.
const SELECT_AND_TIME = `(async (index) => {
  const cy = window.__cy;
  const nav = document.querySelector('nav[aria-label="AI integrations"]');
  const buttons = [...nav.querySelectorAll('button')];
  const before = cy.nodes('.focus').map((n) => n.id()).join();
  if (window.__frames) window.__frames.length = 0;
  performance.clearMeasures();
  const renders = [];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(Math.round(e.startTime - t0) + '+' + Math.round(e.duration)); });
  observer.observe({ type: 'longtask' });
  const onRender = () => renders.push(performance.now());
  cy.on('render', onRender);
  const t0 = performance.now();
  buttons[index].click();
  const out = {};
  await new Promise((resolve) => {
    const check = () => {
      const f = cy.nodes('.focus');
      if (f.nonempty() && f.map((n) => n.id()).join() !== before && cy.elements('.dimmed').nonempty()) {
        out.litMs = Math.round(performance.now() - t0);
        resolve();
      } else requestAnimationFrame(check);
    };
    check();
  });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  out.paintedMs = Math.round(performance.now() - t0);
  out.drawn = cy.elements().length;
  out.focus = cy.nodes('.focus').first().id();
  out.phases = Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('pathlight:')).map((m) => [m.name.slice(10), Math.round(m.duration)]));
  out.at = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('pathlight:')).map((m) => m.name.slice(10) + '@' + Math.round(m.startTime - t0)).join(' ');
  if (window.__frames) { await new Promise((r) => setTimeout(r, 1500)); out.frames = window.__frames.join(' '); }
  out.renders = renders.map((r) => Math.round(r - t0)).join(' ');
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  out.longTasks = longTasks.join(' ');
  cy.off('render', onRender);
  return out;
})`;

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 20000);
  const base = process.argv[3] ?? 'http://127.0.0.1:4173';
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(base);
  await page.getByRole('button', { name: 'Open inventory' }).first().waitFor();
  const doc = generateEstate(n);
  const t0 = Date.now();
  await page.getByTestId('inventory-file-input').first().setInputFiles({ name: 'estate.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await page.getByRole('banner').getByText(`${n.toLocaleString('en-US')} nodes`).waitFor({ state: 'attached', timeout: 300_000 });
  console.log(`${n} nodes: loaded in ${Date.now() - t0} ms`);
  await page.waitForFunction(() => !document.body.textContent?.includes('Laying out'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(1000);
  if (process.env.NO_TXR) await page.evaluate(`(() => { const d = window.__cy.renderer().data; for (const c of [d.eleTxrCache, d.lblTxrCache${process.env.NO_TXR === 'all' ? ', d.slbTxrCache, d.tlbTxrCache' : ''}]) c.getElement = () => null; })()`);
  if (process.env.FRAMES) await page.evaluate(`(() => {
    const r = window.__cy.renderer();
    window.__frames = [];
    for (const cb of r.beforeRenderCallbacks) { const f = cb.fn; cb.fn = (w, t) => { const t0 = performance.now(); f(w, t); const d = performance.now() - t0; if (d > 2) window.__frames.push('calc' + Math.round(d)); }; }
    const render = r.render;
    r.render = function (o) { const t0 = performance.now(); const x = render.call(this, o); window.__frames.push('draw' + Math.round(performance.now() - t0)); return x; };
  })()`);
  const picks = (process.argv[4] ?? '0,1,2,3,0,4,5,1').split(',').map(Number);
  const profile = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
  if (profile) await profile.send('Profiler.enable');
  const trace = process.env.TRACE ? await page.context().newCDPSession(page) : null;
  for (const i of picks) {
    const events: { name: string; ph: string; dur?: number; tid: number }[] = [];
    if (trace) {
      trace.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as typeof events)));
      await trace.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    if (profile) await profile.send('Profiler.start');
    const r = await page.evaluate(`${SELECT_AND_TIME}(${i})`);
    if (profile) {
      const { profile: p } = (await profile.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<string, number>();
      const byId = new Map(p.nodes.map((nd) => [nd.id, nd]));
      p.samples.forEach((sid, k) => {
        const nd = byId.get(sid)!;
        const key = `${nd.callFrame.functionName || '(anon)'} ${nd.callFrame.url.split('/').pop()}:${nd.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[k] ?? 0) / 1000);
      });
      console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n'));
      // Inclusive time per file of the innermost app frame, to split React, Cytoscape and our code.
      const parent = new Map<number, number>();
      for (const nd of p.nodes as { id: number; children?: number[] }[]) for (const c of nd.children ?? []) parent.set(c, nd.id);
      const byFile = new Map<string, number>();
      p.samples.forEach((sid, k) => {
        let id: number | undefined = sid;
        let file = '(native)';
        while (id !== undefined) {
          const f = byId.get(id)!.callFrame;
          if (f.url) { file = `${f.url.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '')} ${f.functionName}`; break; }
          id = parent.get(id);
        }
        byFile.set(file, (byFile.get(file) ?? 0) + (p.timeDeltas[k] ?? 0) / 1000);
      });
      console.log('by innermost function:\n' + [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n'));
      // Inclusive time of selected app functions (any frame on the stack).
      const incl = new Map<string, number>();
      p.samples.forEach((sid, k) => {
        const seen = new Set<string>();
        let id: number | undefined = sid;
        while (id !== undefined) {
          const f = byId.get(id)!.callFrame;
          if (f.url && (process.env.PROFILE === 'cy' || !f.url.includes('cytoscape')) && f.functionName) seen.add(`${f.functionName} ${f.url.split('/').pop()}:${f.lineNumber}`);
          id = parent.get(id);
        }
        for (const s2 of seen) incl.set(s2, (incl.get(s2) ?? 0) + (p.timeDeltas[k] ?? 0) / 1000);
      });
      console.log('inclusive app functions:\n' + [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n'));
    }
    console.log(`select #${i}`, JSON.stringify(r));
    if (trace) {
      const done = new Promise((res) => trace.once('Tracing.tracingComplete', res));
      await trace.send('Tracing.end');
      await done;
      const sum = new Map<string, number>();
      for (const e of events) if (e.ph === 'X' && e.dur) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
      console.log([...sum].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n'));
      const all = events as unknown as { name: string; ph: string; dur?: number; ts: number; args?: { data?: { functionName?: string; url?: string; type?: string } } }[];
      const start = Math.min(...all.filter((e) => e.name === 'EventDispatch').map((e) => e.ts));
      console.log(all.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 8000 && e.ts >= start && e.name !== 'RunTask' && !e.name.startsWith('V8.')).sort((a, b) => a.ts - b.ts).slice(0, 40).map((e) => `  @${Math.round((e.ts - start) / 1000)} +${Math.round((e.dur ?? 0) / 1000)} ${e.name} ${e.args?.data?.functionName ?? ''} ${(e.args?.data?.url ?? '').split('/').pop()} ${e.args?.data?.type ?? ''}`).join('\n'));
    }
    await page.waitForTimeout(1500);
  }
  await browser.close();
}

void main();
