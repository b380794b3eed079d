/**
 * The threat-model report: one self-contained Markdown file with the scope, the paths reviewed, the
 * findings with their decisions, the choke points, the remediation plan and (optionally) the picture as an
 * inline SVG data URI. In redact mode every name and id goes through the pseudonyms before it is escaped as
 * Markdown (a name escaped first, `R\_D`, would slip past them), the plan token by token, and the inventory's own
 * label is not written; the picture comes redacted from the caller. The HTML report is report-html.ts.
 */
import type { ChokePoints } from '../../graph/chokepoints.ts';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import type { Pseudonyms } from '../../graph/pseudonyms.ts';
import type { Finding } from '../../graph/rules/types.ts';
import { md } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';

import { describeDecision, findingKey } from './decisions.ts';
import type { Decisions } from './decisions.ts';
import { redactMarkdown } from './markdown-lite.ts';
import { encodeComponent } from '../../model/well-formed.ts';

export interface ReportInput {
  readonly label: string;
  readonly graph: InventoryGraph;
  readonly findings: readonly Finding[];
  readonly cuts: readonly Cut[];
  readonly decisions: Decisions;
  readonly reviewed: readonly string[];
  readonly choke: ChokePoints | null;
  /** The remediation plan (Markdown from remediationPlan), computed by the caller (in the review worker). */
  readonly plan: string;
  /** When set, every name and id is replaced (redact mode). */
  readonly pseudonyms: Pseudonyms | null;
  /** The current view as SVG, embedded as an image (redacted by the caller in redact mode). */
  readonly svg?: string;
  /** ISO date of the review. */
  readonly date: string;
}

export function threatModelReport(input: ReportInput): string {
  const { graph, findings, cuts, decisions, pseudonyms } = input;
  /** Inventory text as it may be shown: through the pseudonyms in redact mode (then escaped by the caller). */
  const r = (text: string): string => (pseudonyms ? pseudonyms.redact(text) : text);
  const name = (id: string): string => {
    if (pseudonyms) return pseudonyms.node(id);
    const i = graph.index.nodeIndex.get(id);
    return i === undefined ? id : graph.nodes[i]!.name;
  };
  const out: string[] = [];
  out.push(`# Threat model review: ${md(pseudonyms ? 'pseudonymised inventory' : input.label)}`, '', `Reviewed ${input.date} with Pathlight.`, '');

  const kinds = new Map<string, number>();
  for (const n of graph.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
  out.push('## Scope', '', `- ${graph.nodes.length} nodes and ${graph.edges.length} edges`);
  out.push(`- By kind: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${c}`).join(', ')}`);
  if (input.choke) out.push(`- Connected (AI integration, crown jewel) pairs: ${input.choke.totalPairs}${cuts.length ? ' (after the cuts below)' : ''}`);
  out.push('');

  out.push('## Paths reviewed', '');
  if (input.reviewed.length === 0) out.push('None walked through in this session.');
  else input.reviewed.forEach((t, i) => out.push(`${i + 1}. ${md(r(t))}`));
  out.push('');

  out.push(`## Findings (${findings.length})`, '');
  if (findings.length === 0) out.push('No toxic combination found.');
  else {
    out.push('| # | Severity | Rule | Node | Finding | Decision |', '| - | - | - | - | - | - |');
    findings.forEach((f, i) => {
      const d = decisions[findingKey(f)];
      const cell = (s: string): string => md(s).replace(/\n/g, ' ');
      out.push(`| ${i + 1} | ${f.severity} | ${cell(f.ruleRef ? `${f.ruleRef} ${f.ruleName ?? f.rule}` : f.ruleName ?? f.rule)} | ${cell(name(f.node))} | ${cell(r(f.title))} | ${d ? cell(r(describeDecision(d))) : 'open'} |`);
    });
  }
  out.push('');

  const decided = findings.filter((f) => decisions[findingKey(f)]);
  out.push('## Decisions', '');
  if (decided.length === 0) out.push('No decision recorded.');
  for (const f of decided) out.push(`- **${md(r(f.title))}** (${md(name(f.node))}): ${md(r(describeDecision(decisions[findingKey(f)]!)))}`);
  out.push('');

  if (input.choke && input.choke.edges.length > 0) {
    out.push('## Choke points', '', 'Edges whose removal disconnects the most (AI integration, crown jewel) pairs.', '');
    input.choke.edges.slice(0, 10).forEach((c, i) => out.push(`${i + 1}. \`${c.kind}\` ${md(name(c.source))} → ${md(name(c.target))}: ${c.pairs} pairs`));
    out.push('');
  }

  const plan = (pseudonyms ? redactMarkdown(input.plan, pseudonyms.redact) : input.plan).replace(/^# /, '## ').replace(/\n## (\d)/g, '\n### $1');
  out.push(plan.trimEnd(), '');

  if (input.svg) {
    const b64 = btoa(unescape(encodeComponent(input.svg)));
    out.push('## The view', '', `![Attack graph](data:image/svg+xml;base64,${b64})`, '');
  }
  return `${out.join('\n')}\n`;
}

export function download(name: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 2000);
}
