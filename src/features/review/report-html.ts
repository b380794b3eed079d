/**
 * The threat-model report as one self-contained HTML file: inline CSS, the view as inline SVG, no script and
 * nothing fetched (a Content-Security-Policy says so to the browser too). Light and print-friendly, with a table
 * of contents: summary, scope, the view, findings with their decisions, decisions, the remediation plan, the
 * paths walked through and the choke points.
 *
 * Every piece of inventory text (names, ids, titles, the inventory's label, decision notes) is escaped; in redact
 * mode it goes through the pseudonyms first, the picture's labels included, and the inventory's own label is
 * not written at all. Pure: the caller gathers the inputs (`Exports` in review-panel.tsx).
 */
import { NODE_AI, NODE_CROWN_JEWEL } from '../../graph/build-graph.ts';
import type { ChokePoints } from '../../graph/chokepoints.ts';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import type { Pseudonyms } from '../../graph/pseudonyms.ts';
import type { Finding, Severity } from '../../graph/rules/types.ts';
import type { Cut } from '../../graph/what-if.ts';
import { NODE_KIND_LABELS } from '../../model/node-kinds.ts';
import type { NodeKind } from '../../model/node-kinds.ts';

import { DECISION_LABELS, findingKey } from './decisions.ts';
import type { Decision, Decisions } from './decisions.ts';
import { escapeHtml, markdownToHtml } from './markdown-lite.ts';
import { renderSvg } from '../../canvas/svg-export.ts';
import type { SvgScene } from '../../canvas/svg-export.ts';

export interface HtmlReportInput {
  /** The inventory's name (file or URL); left out in redact mode. */
  readonly label: string;
  readonly graph: InventoryGraph;
  /** The findings as loaded, ranked. */
  readonly findings: readonly Finding[];
  readonly cuts: readonly Cut[];
  readonly decisions: Decisions;
  /** Findings (`findingKey`) the what-if cuts resolve. */
  readonly resolved?: ReadonlySet<string>;
  /** Titles of the paths and findings walked through, in order. */
  readonly reviewed: readonly string[];
  readonly choke: ChokePoints | null;
  /** The remediation plan as Markdown (`remediationPlan`). */
  readonly plan: string;
  /** Redact mode: every name and id replaced. */
  readonly pseudonyms: Pseudonyms | null;
  /** The view on screen (the canvas viewport), embedded as inline SVG in light colours. */
  readonly scene?: SvgScene;
  /** Everything drawn, shown after the view when it holds more than the view does. */
  readonly wholeScene?: SvgScene;
  /** When the report was written (ISO timestamp). */
  readonly generatedAt: string;
}

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export const REPORT_SECTIONS = [
  ['summary', 'Summary'],
  ['scope', 'Scope'],
  ['view', 'The view'],
  ['findings', 'Findings'],
  ['decisions', 'Decisions'],
  ['plan', 'Remediation plan'],
  ['paths', 'Paths reviewed'],
  ['choke', 'Choke points'],
] as const;

/** Severity colours of the app (kind-visuals SEVERITY_COLORS) in print-safe shades: the stripe in the app colour, text dark enough to read. */
const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #b7791f;
  --critical: #e5484d; --critical-ink: #a4161a; --critical-bg: #fdecec;
  --high: #f0883e; --high-ink: #9a4a0c; --high-bg: #fdf0e6;
  --medium: #d4a72c; --medium-ink: #7a5b00; --medium-bg: #fbf5dc;
  --low: #7d8590; --low-ink: #454c55; --low-bg: #eef1f4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1040px; margin: 0 auto; padding: 40px 48px 64px; }
header.cover { border-bottom: 3px solid var(--ink); padding-bottom: 18px; margin-bottom: 24px; }
.eyebrow { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
h1 { margin: 4px 0 6px; font-size: 28px; line-height: 1.2; }
h2 { margin: 36px 0 12px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
h3 { margin: 22px 0 8px; font-size: 16px; }
h4 { margin: 16px 0 6px; font-size: 14px; }
.meta { margin: 0; color: var(--muted); }
.redacted-note { display: inline-block; margin-top: 10px; padding: 4px 10px; border: 1px solid var(--accent); border-radius: 4px; color: #7a4e0a; background: #fdf6e7; font-size: 13px; }
nav.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px 20px; }
nav.toc h2 { margin: 0 0 6px; border: 0; padding: 0; font-size: 13px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
nav.toc ol { margin: 0; padding-left: 22px; columns: 2; column-gap: 32px; }
nav.toc a { color: var(--ink); }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 12px 0 0; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.kpi dt { color: var(--muted); font-size: 12px; }
.kpi dd { margin: 0; font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi.sev-kpi { border-top-width: 4px; border-top-style: solid; }
.sev-bar { display: flex; height: 14px; border-radius: 3px; overflow: hidden; border: 1px solid var(--line); margin: 14px 0 6px; }
.sev-bar span { display: block; height: 100%; }
.sev { display: inline-block; min-width: 68px; padding: 1px 8px; border-radius: 3px; border-left: 4px solid; font-size: 12px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; white-space: nowrap; }
${SEVERITIES.map((s) => `.sev-${s} { color: var(--${s}-ink); background: var(--${s}-bg); border-color: var(--${s}); } .kpi-${s} { border-top-color: var(--${s}); } .kpi-${s} dd { color: var(--${s}-ink); } .sw-${s} { background: var(--${s}); } tr.row-${s} td:first-child { box-shadow: inset 4px 0 0 var(--${s}); }`).join('\n')}
table { width: 100%; border-collapse: collapse; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
table.scope th { width: 190px; border-bottom: 1px solid var(--line); }
table.kinds { max-width: 420px; }
.rule, .small { color: var(--muted); font-size: 12px; }
.tags { margin-top: 4px; }
.tag { display: inline-block; margin: 2px 4px 0 0; padding: 0 6px; border: 1px solid var(--line); border-radius: 10px; font-size: 11px; color: var(--muted); }
.decision { display: inline-block; padding: 1px 8px; border-radius: 3px; font-size: 12px; font-weight: 600; border: 1px solid var(--line); white-space: nowrap; }
.decision-open { color: var(--muted); border-style: dashed; }
.decision-accepted { color: #7a4e0a; background: #fdf6e7; border-color: #e8c77d; }
.decision-mitigated { color: #1a7f37; background: #eaf7ee; border-color: #9dd5ad; }
.decision-false-positive { color: #454c55; background: #eef1f4; }
.resolved { display: inline-block; margin-top: 4px; color: #1a7f37; font-size: 12px; }
figure { margin: 8px 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figure svg { display: block; width: 100%; height: auto; max-height: 820px; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 6px; }
figure.whole { margin-top: 16px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; overflow-wrap: anywhere; }
.plan h3 { font-size: 15px; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media print {
  @page { margin: 16mm 14mm; }
  .page { max-width: none; padding: 0; }
  nav.toc a { text-decoration: none; }
  h2 { break-after: avoid; }
  tr, figure, .kpi, li { break-inside: avoid; }
  section#view { break-before: page; }
}
`;

export function threatModelReportHtml(input: HtmlReportInput): string {
  const { graph, findings, decisions, pseudonyms } = input;
  /** Inventory text, redacted when asked, then escaped. */
  const t = (s: string): string => escapeHtml(pseudonyms ? pseudonyms.redact(s) : s);
  const name = (id: string): string => {
    const i = graph.index.nodeIndex.get(id);
    if (pseudonyms) return escapeHtml(pseudonyms.node(id));
    return escapeHtml(i === undefined ? id : graph.nodes[i]!.name);
  };
  const kindOf = (id: string): string => {
    const i = graph.index.nodeIndex.get(id);
    return i === undefined ? '' : NODE_KIND_LABELS[graph.nodes[i]!.kind as NodeKind] ?? '';
  };
  const label = pseudonyms ? 'Redacted inventory' : input.label;
  const generated = input.generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const decisionOf = (f: Finding): Decision | undefined => decisions[findingKey(f)];

  const bySeverity = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const decided = findings.filter((f) => decisionOf(f));
  const byStatus = new Map<string, number>();
  for (const f of decided) byStatus.set(decisionOf(f)!.status, (byStatus.get(decisionOf(f)!.status) ?? 0) + 1);
  const { nodeFlags } = graph.index;
  let ai = 0;
  let crown = 0;
  for (let v = 0; v < graph.nodes.length; v++) {
    if (nodeFlags[v]! & NODE_AI) ai++;
    if (nodeFlags[v]! & NODE_CROWN_JEWEL) crown++;
  }
  const kinds = new Map<string, number>();
  for (const n of graph.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);

  const out: string[] = [];
  out.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing runs and nothing is fetched, whatever the file is opened with.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="generator" content="Pathlight">',
    `<title>Threat model review: ${t(label)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    '<header class="cover">',
    '<p class="eyebrow">Pathlight · threat-model review</p>',
    `<h1>Threat model review: ${t(label)}</h1>`,
    `<p class="meta">Generated ${escapeHtml(generated)} · ${graph.nodes.length} nodes, ${graph.edges.length} edges · ${findings.length} findings · ${input.cuts.length} what-if cut${input.cuts.length === 1 ? '' : 's'}</p>`,
  );
  if (pseudonyms) out.push('<p class="redacted-note">Redacted: every name and id is a pseudonym that keeps its kind (“AI agent 3”).</p>');
  out.push('</header>');

  out.push('<nav class="toc" aria-label="Contents">', '<h2>Contents</h2>', '<ol>');
  for (const [id, title] of REPORT_SECTIONS) out.push(`<li><a href="#${id}">${title}</a></li>`);
  out.push('</ol>', '</nav>', '<main>');

  // Summary.
  out.push('<section id="summary">', '<h2>1. Summary</h2>', '<dl class="kpis">');
  const kpi = (dt: string, dd: string | number): string => `<div class="kpi"><dt>${dt}</dt><dd>${dd}</dd></div>`;
  out.push(kpi('Findings', findings.length));
  for (const s of SEVERITIES) out.push(`<div class="kpi sev-kpi kpi-${s}"><dt>${SEVERITY_LABEL[s]}</dt><dd>${bySeverity.get(s)!}</dd></div>`);
  out.push(kpi('Decided', `${decided.length} / ${findings.length}`));
  out.push(kpi('What-if cuts', input.cuts.length));
  if (input.choke) out.push(kpi(`AI → crown-jewel pairs${input.cuts.length ? ' after cuts' : ''}`, input.choke.totalPairs));
  out.push('</dl>');
  if (findings.length > 0) {
    const share = SEVERITIES.filter((s) => bySeverity.get(s)).map((s) => `${bySeverity.get(s)} ${SEVERITY_LABEL[s].toLowerCase()}`);
    out.push(`<div class="sev-bar" role="img" aria-label="Findings by severity: ${share.join(', ')}">`);
    for (const s of SEVERITIES) if (bySeverity.get(s)) out.push(`<span class="sw-${s}" style="flex: ${bySeverity.get(s)}"></span>`);
    out.push('</div>');
  }
  const statusText = [...byStatus].map(([s, n]) => `${n} ${DECISION_LABELS[s as Decision['status']].toLowerCase()}`);
  out.push(
    `<p>${findings.length === 0 ? 'No toxic combination was found.' : `${findings.length - decided.length} of ${findings.length} findings are open${statusText.length ? `; ${statusText.join(', ')}` : ''}.`} ${
      input.resolved?.size ? `The ${input.cuts.length === 1 ? 'what-if cut' : `${input.cuts.length} what-if cuts`} in the remediation plan resolve${input.cuts.length === 1 ? 's' : ''} ${input.resolved.size} of them.` : ''
    }</p>`,
    '</section>',
  );

  // Scope.
  out.push('<section id="scope">', '<h2>2. Scope</h2>', '<table class="scope">', '<tbody>');
  out.push(`<tr><th scope="row">Inventory</th><td>${t(label)}</td></tr>`);
  out.push(`<tr><th scope="row">Elements</th><td>${graph.nodes.length} nodes, ${graph.edges.length} edges</td></tr>`);
  out.push(`<tr><th scope="row">AI integrations</th><td>${ai}</td></tr>`);
  out.push(`<tr><th scope="row">Crown jewels</th><td>${crown}</td></tr>`);
  out.push(`<tr><th scope="row">Generated</th><td>${escapeHtml(generated)}</td></tr>`);
  out.push('</tbody>', '</table>', '<h3>Nodes by kind</h3>', '<table class="kinds">', '<thead><tr><th>Kind</th><th class="num">Nodes</th></tr></thead>', '<tbody>');
  for (const [k, c] of [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) out.push(`<tr><td>${escapeHtml(NODE_KIND_LABELS[k as NodeKind] ?? k)}</td><td class="num">${c}</td></tr>`);
  out.push('</tbody>', '</table>', '</section>');

  // The view.
  out.push('<section id="view">', '<h2>3. The view</h2>');
  const cutNote = input.cuts.length ? ' What-if cuts are struck through (✂ on screen).' : '';
  const shown = input.scene ?? input.wholeScene;
  if (shown) {
    const scene = reportScene(shown, pseudonyms);
    out.push('<figure>', renderSvg(scene).trim(), `<figcaption>The graph as it was on screen: ${scene.nodes.length} nodes, ${scene.edges.length} edges.${cutNote}</figcaption>`, '</figure>');
  }
  if (input.scene && input.wholeScene && input.wholeScene.nodes.length > input.scene.nodes.length) {
    const whole = reportScene(input.wholeScene, pseudonyms);
    out.push('<figure class="whole">', renderSvg(whole).trim(), `<figcaption>Everything drawn: ${whole.nodes.length} nodes, ${whole.edges.length} edges; what is not lit is faded.</figcaption>`, '</figure>');
  }
  if (!shown) out.push('<p class="empty">No graph was on screen when the report was written.</p>');
  out.push('</section>');

  // Findings.
  out.push('<section id="findings">', `<h2>4. Findings (${findings.length})</h2>`);
  if (findings.length === 0) out.push('<p class="empty">No toxic combination found.</p>');
  else {
    out.push('<table class="findings">', '<thead><tr><th class="num">#</th><th>Severity</th><th>Finding</th><th>AI integration</th><th>Decision</th></tr></thead>', '<tbody>');
    findings.forEach((f, i) => {
      const d = decisionOf(f);
      const rule = f.ruleRef ? `${f.ruleRef} ${f.ruleName ?? f.rule}` : f.ruleName ?? f.rule;
      const tags = f.tags?.length ? `<div class="tags">${f.tags.map((g) => `<span class="tag">${escapeHtml(g)}</span>`).join('')}</div>` : '';
      const fix = f.remediation ? `<div class="small">Fix: ${t(f.remediation)}</div>` : '';
      const resolved = input.resolved?.has(findingKey(f)) ? '<div class="resolved">✓ Resolved by the what-if cuts</div>' : '';
      out.push(
        `<tr class="row-${f.severity}"><td class="num">${i + 1}</td><td><span class="sev sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span></td>` +
          `<td><strong>${t(f.title)}</strong><div class="rule">${escapeHtml(rule)}</div>${fix}${tags}${resolved}</td>` +
          `<td>${name(f.node)}<div class="small">${escapeHtml(kindOf(f.node))}</div></td><td>${decisionCell(d, t)}</td></tr>`,
      );
    });
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  // Decisions.
  out.push('<section id="decisions">', `<h2>5. Decisions (${decided.length})</h2>`);
  if (decided.length === 0) out.push('<p class="empty">No decision recorded.</p>');
  else {
    out.push('<table class="decisions">', '<thead><tr><th>Finding</th><th>Decision</th><th>Reason</th><th>Ticket</th><th>Review by</th><th>Decided</th></tr></thead>', '<tbody>');
    for (const f of decided) {
      const d = decisionOf(f)!;
      out.push(
        `<tr class="row-${f.severity}"><td><span class="sev sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span> ${t(f.title)}<div class="small">${name(f.node)}</div></td>` +
          `<td class="nowrap"><span class="decision decision-${d.status}">${DECISION_LABELS[d.status]}</span></td><td>${d.reason ? t(d.reason) : ''}</td><td class="nowrap">${d.ticket ? t(d.ticket) : ''}</td>` +
          `<td class="nowrap">${d.reviewDate ? escapeHtml(d.reviewDate) : ''}</td><td class="nowrap">${escapeHtml(d.decidedAt.slice(0, 10))}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  // Remediation plan: the plan's own title gives way to the section's.
  out.push('<section id="plan" class="plan">', '<h2>6. Remediation plan</h2>');
  const plan = input.plan.replace(/^# .*\n?/, '');
  out.push(markdownToHtml(plan, { headingOffset: 1, ...(pseudonyms ? { mapText: pseudonyms.redact } : {}) }) || '<p class="empty">No cuts yet.</p>', '</section>');

  // Paths reviewed.
  out.push('<section id="paths">', `<h2>7. Paths reviewed (${input.reviewed.length})</h2>`);
  if (input.reviewed.length === 0) out.push('<p class="empty">None walked through in this session.</p>');
  else out.push('<ol>', ...input.reviewed.map((r) => `<li>${t(r)}</li>`), '</ol>');
  out.push('</section>');

  // Choke points.
  out.push('<section id="choke">', '<h2>8. Choke points</h2>');
  if (!input.choke || input.choke.edges.length === 0) out.push(`<p class="empty">${input.choke ? 'No AI integration reaches a crown jewel: nothing to choke.' : 'Not computed.'}</p>`);
  else {
    out.push(
      `<p>The edges whose removal disconnects the most of the ${input.choke.totalPairs} (AI integration, crown jewel) pairs${input.cuts.length ? ', with the cuts in place' : ''}.</p>`,
      '<table class="choke">',
      '<thead><tr><th class="num">#</th><th>From</th><th>Edge</th><th>To</th><th class="num">Pairs</th></tr></thead>',
      '<tbody>',
    );
    input.choke.edges.slice(0, 10).forEach((c, i) =>
      out.push(`<tr><td class="num">${i + 1}</td><td>${name(c.source)}</td><td><code>${escapeHtml(c.kind)}</code></td><td>${name(c.target)}</td><td class="num">${c.pairs}</td></tr>`),
    );
    out.push('</tbody>', '</table>');
  }
  out.push('</section>', '</main>');

  out.push(
    `<footer>Written by Pathlight in the browser on ${escapeHtml(generated)}. This file is self-contained: no script, no external resource.${pseudonyms ? ' Names and ids are pseudonyms.' : ''}</footer>`,
    '</div>',
    '</body>',
    '</html>',
  );
  return `${out.join('\n')}\n`;
}

function decisionCell(d: Decision | undefined, t: (s: string) => string): string {
  if (!d) return '<span class="decision decision-open">Open</span>';
  const notes = [d.status === 'mitigated' && d.ticket ? t(d.ticket) : '', d.status === 'accepted' && d.reviewDate ? `review by ${escapeHtml(d.reviewDate)}` : '', d.reason ? t(d.reason) : ''].filter(Boolean);
  return `<span class="decision decision-${d.status}">${DECISION_LABELS[d.status]}</span>${notes.length ? `<div class="small">${notes.join(' · ')}</div>` : ''}`;
}

const DARK_INK = '#1f2328';

/** Relative luminance of a CSS colour (`#rgb`, `#rrggbb`, `rgb()`), or null when it cannot be read. */
function luminance(color: string): number | null {
  const c = color.trim().toLowerCase();
  let rgb: number[] | null = null;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(c);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((x) => x + x).join('') : hex[1]!;
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const m = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(c);
    if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (!rgb) return null;
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The drawing for a printed page: a white background, light label ink turned dark, and node outlines drawn in
 * the dark canvas colour turned white (as the light theme draws them); fills and edge colours keep their meaning.
 * In redact mode every label goes through the pseudonyms (the canvas already shows them; this makes sure).
 */
export function reportScene(scene: SvgScene, pseudonyms: Pseudonyms | null): SvgScene {
  const bgLum = luminance(scene.background);
  const dark = bgLum !== null && bgLum < 0.2;
  const redact = (s: string): string => (pseudonyms ? pseudonyms.redact(s) : s);
  return {
    background: '#ffffff',
    // The title may name the inventory (its file or URL): not in redact mode.
    ...(pseudonyms ? { title: 'Attack graph (redacted)' } : scene.title !== undefined ? { title: scene.title } : {}),
    nodes: scene.nodes.map((n) => {
      const lum = luminance(n.labelColor);
      const strokeLum = luminance(n.stroke);
      return {
        ...n,
        label: redact(n.label),
        labelColor: lum !== null && lum > 0.4 ? DARK_INK : n.labelColor,
        stroke: dark && strokeLum !== null && Math.abs(strokeLum - bgLum!) < 0.02 ? '#ffffff' : n.stroke,
      };
    }),
    edges: scene.edges.map((e) => (e.label !== undefined ? { ...e, label: redact(e.label) } : e)),
  };
}
