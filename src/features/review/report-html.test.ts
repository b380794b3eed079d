import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildGraph } from '../../graph/build-graph.ts';
import { computeChokePoints } from '../../graph/chokepoints.ts';
import { pseudonymize } from '../../graph/pseudonyms.ts';
import { evaluateRules } from '../../graph/rules/registry.ts';
import { remediationPlan } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';
import { parseInventory } from '../../model/parse-inventory.ts';

import { findingKey } from './decisions.ts';
import type { Decisions } from './decisions.ts';
import { threatModelReport } from './report.ts';
import { REPORT_SECTIONS, reportScene, threatModelReportHtml } from './report-html.ts';
import type { HtmlReportInput } from './report-html.ts';
import type { SvgScene } from '../../canvas/svg-export.ts';

// The small estate of the e2e tests, its names made hostile: markup, Markdown, quotes, backticks.
const HOSTILE: Record<string, string> = {
  'agent:support': '<img src=x onerror=alert(1)>Support bot',
  'ds:crm': '</style><script>alert(2)</script>Customer CRM',
  'nhi:support-sa': 'sa_support*[x]|pipe',
  'cred:fin-key': 'Fin `key` ``double``',
  'ds:ledger': '"><svg onload=alert(3)>Ledger & Co',
  'agent:finance': "Finance agent's <b>bold</b>",
};
const LABEL = '<script>alert(4)</script>estate.json';

function hostileEstate() {
  const json = JSON.parse(readFileSync(resolve(process.cwd(), 'e2e/fixtures/small-estate.json'), 'utf8')) as { nodes: { id: string; name?: string }[] };
  for (const n of json.nodes) if (HOSTILE[n.id]) n.name = HOSTILE[n.id];
  const parsed = parseInventory({ json });
  if (!parsed.ok) throw new Error('fixture did not parse');
  return parsed.inventory;
}

const inventory = hostileEstate();
const graph = buildGraph(inventory);
const findings = evaluateRules({ graph, mode: 'strict' });
const edgeOf = (s: string, t: string) => graph.edges.find((e) => e.source === s && e.target === t)!;
const cuts: Cut[] = [{ edge: edgeOf('cred:fin-key', 'nhi:fin').id }, { edge: edgeOf('nhi:support-sa', 'ds:crm').id }, { node: 'ds:ledger' }];
const scene: SvgScene = {
  background: '#0b0f14',
  title: `Pathlight: ${LABEL}`,
  nodes: inventory.nodes.slice(0, 6).map((n, i) => ({ x: i * 80, y: 40, w: 30, h: 30, shape: 'ellipse', fill: '#3e8ef7', stroke: '#0b0f14', strokeWidth: 1.5, opacity: 1, label: n.name, labelColor: 'rgb(223,230,238)', fontSize: 11 })),
  edges: [{ x1: 0, y1: 40, x2: 80, y2: 40, color: '#4d5d70', width: 1.5, opacity: 1, dash: null, label: HOSTILE['ds:crm'], cut: true }],
};

function input(over: Partial<HtmlReportInput> = {}): HtmlReportInput {
  const f = findings[0]!;
  const decisions: Decisions = {
    [findingKey(f)]: { status: 'accepted', reason: `<b>owner</b> of ${HOSTILE['agent:support']} accepts`, reviewDate: '2027-01-31', decidedAt: '2026-11-22T07:00:00Z' },
  };
  return {
    label: LABEL,
    graph,
    findings,
    cuts,
    decisions,
    resolved: new Set([findingKey(f)]),
    reviewed: [`Path from ${HOSTILE['agent:support']} to ${HOSTILE['ds:crm']}`],
    choke: computeChokePoints(graph),
    plan: remediationPlan(graph, cuts, { title: 'Remediation plan' }),
    pseudonyms: null,
    scene,
    generatedAt: '2026-11-22T09:41:12.345Z',
    ...over,
  };
}

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

/** Elements or attributes that would run code or fetch something. */
function active(doc: Document): string[] {
  const out: string[] = [];
  for (const el of doc.querySelectorAll('*')) {
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'LINK', 'BASE', 'FORM', 'AUDIO', 'VIDEO'].includes(el.tagName.toUpperCase())) out.push(el.tagName);
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) out.push(`${el.tagName}[${a.name}]`);
      if (['src', 'href', 'xlink:href', 'action', 'srcset'].includes(a.name) && !a.value.startsWith('#')) out.push(`${el.tagName}[${a.name}=${a.value}]`);
    }
  }
  return out;
}

describe('HTML threat-model report', () => {
  it('has the fixture findings it is written about', () => {
    expect(findings.length).toBeGreaterThan(0);
    expect(input().choke!.edges.length).toBeGreaterThan(0);
  });

  it('shows hostile labels as text: nothing runs, nothing is fetched', () => {
    const html = threatModelReportHtml(input());
    const doc = parse(html);
    expect(active(doc)).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<svg onload/i);
    const text = doc.body.textContent!;
    for (const name of Object.values(HOSTILE)) expect(text).toContain(name);
    expect(doc.title).toBe(`Threat model review: ${LABEL}`);
    // The picture's labels are text too.
    expect([...doc.querySelectorAll('svg text')].map((t) => t.textContent)).toContain(HOSTILE['agent:support']);
    // No style break-out: one style element, and it holds only the report's own CSS.
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelector('style')!.textContent).not.toContain('alert');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain("default-src 'none'");
    // External references: the only URL is the SVG namespace.
    expect(html.match(/https?:\/\/[^\s"'<>)]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('has every section with the right counts, in the table of contents', () => {
    const doc = parse(threatModelReportHtml(input()));
    const toc = [...doc.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href'));
    expect(toc).toEqual(REPORT_SECTIONS.map(([id]) => `#${id}`));
    for (const [id] of REPORT_SECTIONS) expect(doc.getElementById(id), id).not.toBeNull();
    const h2 = [...doc.querySelectorAll('main h2')].map((h) => h.textContent);
    expect(h2).toEqual([
      '1. Summary',
      '2. Scope',
      '3. The view',
      `4. Findings (${findings.length})`,
      '5. Decisions (1)',
      '6. Remediation plan',
      '7. Paths reviewed (1)',
      '8. Choke points',
    ]);
    expect(doc.querySelectorAll('#findings tbody tr')).toHaveLength(findings.length);
    expect(doc.querySelector('#findings tbody tr')!.className).toBe(`row-${findings[0]!.severity}`);
    expect(doc.querySelector('#findings tbody .sev')!.textContent!.toLowerCase()).toBe(findings[0]!.severity);
    expect(doc.querySelector('#findings')!.textContent).toContain('Resolved by the what-if cuts');
    expect(doc.querySelector('#findings')!.textContent).toContain('Accepted risk');
    expect(doc.querySelectorAll('#decisions tbody tr')).toHaveLength(1);
    expect(doc.querySelector('#decisions')!.textContent).toContain('2027-01-31');
    expect(doc.querySelectorAll('#paths li')).toHaveLength(1);
    expect(doc.querySelectorAll('#choke tbody tr')).toHaveLength(Math.min(10, input().choke!.edges.length));
    // The plan: one heading per cut, in order, under the section's own heading.
    expect([...doc.querySelectorAll('#plan h3')].map((h) => h.textContent!.slice(0, 3))).toEqual(['1. ', '2. ', '3. ']);
    expect(doc.querySelector('#plan h1, #plan h2 + h2')).toBeNull();
    expect(doc.querySelector('#plan')!.textContent).toContain(`Remove the authenticates_as edge from ${HOSTILE['cred:fin-key']} to finance-sa`);
    expect(doc.querySelectorAll('#plan code').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('#view figure svg')).toHaveLength(1);
    expect(doc.querySelector('#scope')!.textContent).toContain(`${graph.nodes.length} nodes, ${graph.edges.length} edges`);
    expect(doc.querySelector('.cover .meta')!.textContent).toContain('Generated 2026-11-22 09:41 UTC');
  });

  it('shows the view on screen, then everything drawn when that holds more', () => {
    const view: SvgScene = { ...scene, nodes: scene.nodes.slice(0, 2), edges: [] };
    const doc = parse(threatModelReportHtml(input({ scene: view, wholeScene: scene })));
    const figures = [...doc.querySelectorAll('#view figure')];
    expect(figures.map((f) => f.querySelectorAll('svg g.nodes text, svg g.edges text').length)).toEqual([2, 7]);
    // Each figure carries its legend.
    expect(figures.map((f) => f.querySelectorAll('svg g.legend').length)).toEqual([1, 1]);
    expect(figures[1]!.querySelector('figcaption')!.textContent).toContain('Everything drawn: 6 nodes');
    // The whole drawing alone is not shown twice.
    expect(parse(threatModelReportHtml(input({ scene, wholeScene: scene }))).querySelectorAll('#view figure')).toHaveLength(1);
  });

  it('says so when there is nothing: no findings, decisions, cuts, walks or picture', () => {
    const { scene: _scene, ...rest } = input({ findings: [], decisions: {}, cuts: [], reviewed: [], choke: null, plan: remediationPlan(graph, []), resolved: new Set() });
    const doc = parse(threatModelReportHtml(rest));
    expect(doc.querySelector('#findings')!.textContent).toContain('No toxic combination found.');
    expect(doc.querySelector('#decisions')!.textContent).toContain('No decision recorded.');
    expect(doc.querySelector('#plan')!.textContent).toContain('No cuts yet.');
    expect(doc.querySelector('#paths')!.textContent).toContain('None walked through');
    expect(doc.querySelector('#view')!.textContent).toContain('No graph was on screen');
  });

  it('in redact mode leaks no name, id or inventory label, the picture and the plan included', () => {
    const p = pseudonymize(inventory);
    const html = threatModelReportHtml(input({ pseudonyms: p }));
    const doc = parse(html);
    const secrets = [...inventory.nodes.flatMap((n) => [n.id, n.name]), ...inventory.edges.map((e) => e.id), LABEL, 'estate.json'];
    // The source and the text as read, so that no escaping hides one.
    const leaks = secrets.filter((s) => html.includes(s) || doc.documentElement.textContent!.includes(s) || html.includes(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    expect(leaks).toEqual([]);
    expect(doc.body.textContent).toContain(p.node('agent:support'));
    expect(doc.querySelector('#plan')!.textContent).toContain(p.node('cred:fin-key'));
    expect([...doc.querySelectorAll('svg text')].map((t) => t.textContent)).toContain(p.node('agent:support'));
    expect(doc.querySelector('svg title')!.textContent).toBe('Attack graph (redacted)');
    expect(doc.querySelector('.redacted-note')).not.toBeNull();
    expect(active(doc)).toEqual([]);
  });

  it('draws the picture in light colours for paper: white ground, dark labels, meaning kept', () => {
    const light = reportScene(scene, null);
    expect(light.background).toBe('#ffffff');
    expect(light.nodes[0]!.labelColor).toBe('#1f2328');
    expect(light.nodes[0]!.stroke).toBe('#ffffff');
    expect(light.nodes[0]!.fill).toBe('#3e8ef7');
    expect(light.edges[0]).toMatchObject({ color: '#4d5d70', cut: true });
    expect(light.title).toBe(scene.title);
  });
});

describe('Markdown threat-model report in redact mode', () => {
  it('leaks no name even when Markdown escaping changes how it is written (R\\_D)', () => {
    const p = pseudonymize(inventory);
    const base = input();
    const md = threatModelReport({ ...base, date: '2026-11-22', pseudonyms: p });
    const names = inventory.nodes.flatMap((n) => [n.id, n.name]);
    // A name as Markdown escapes it, e.g. `sa\_support\*\[x\]\|pipe`.
    const escaped = (s: string) => s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
    expect(names.filter((s) => md.includes(s) || md.includes(escaped(s)))).toEqual([]);
    expect(md).not.toContain('estate.json');
    expect(md).toContain(`Remove the \`authenticates_as\` edge from ${p.node('cred:fin-key')}`);
  });
});
