/**
 * The board as Markdown: the same figures, sentences and links as the page, for pasting into a ticket, a
 * wiki or an email. Every inventory label is escaped, so a name can never inject markup or a link.
 */
import { FRAMEWORK_NAMES } from './frameworks.ts';
import type { BoardModel, SeverityCounts } from './board-model.ts';
import { SEVERITY_ORDER } from './board-model.ts';
import { FRESHNESS_TEXT, LEVEL_TEXT, ageText, formatDate, percent, shrinkPercent } from './format.ts';
import { redactSearch } from '../../../lib/address.ts';
import { outputText } from '../../../lib/redaction.ts';
import type { Redactor } from '../../../lib/redaction.ts';
import { wellFormed } from '../../../model/well-formed.ts';
import { explorerHref } from './links.ts';
import type { ExplorerLink } from './links.ts';
import type { Trend } from './trend.ts';

/** Escapes Markdown syntax in plain text and folds it onto one line. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/([\\`*_[\]<>#|~])/g, '\\$1')
    .trim();
}

/** `text` is escaped already. In redact mode the link names pseudonyms only (src/lib/address.ts), no source. */
function link(text: string, target: ExplorerLink | null, baseUrl: string, source: string | null, extra: string, r: Redactor | null): string {
  if (!target) return text;
  let search = `${explorerHref(target, r ? null : source).replace(/^\?/, '')}${extra ? `&${extra}` : ''}`;
  if (r) search = redactSearch(search, r) ?? search;
  const href = wellFormed(`${baseUrl}?${search}`);
  // Angle brackets keep any character of the URL inside the link destination.
  return `[${text}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

function severities(c: SeverityCounts): string {
  const parts = SEVERITY_ORDER.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'none';
}

export interface MarkdownOptions {
  /** Absolute address of the app (`https://host/path/`), so links work outside it. */
  readonly baseUrl: string;
  /** The inventory URL the app was opened with, kept in links. */
  readonly source?: string | null;
  readonly trend: Trend;
  /** Redact mode: every name, id, owner and file name through the redactor, links in redacted form. */
  readonly redact?: Redactor | null;
  /** What-if cuts are applied: `model` is the board after them, `before` the inventory as loaded. */
  readonly whatIf?: {
    readonly before: BoardModel;
    /** The cuts in plain words, in order. */
    readonly cuts: readonly string[];
    /** `cuts=…` appended to every link, so it opens the explorer with the same cuts. */
    readonly cutsQuery?: string;
  };
}

export function boardMarkdown(model: BoardModel, options: MarkdownOptions): string {
  const { baseUrl } = options;
  const source = options.source ?? null;
  const whatIf = options.whatIf && options.whatIf.cuts.length > 0 ? options.whatIf : null;
  const redactor = options.redact ?? null;
  /** Inventory text as this export may carry it (redacted, well-formed), escaped. */
  const T = (text: string): string => mdText(outputText(text, redactor));
  const L = (text: string, target: ExplorerLink | null): string => link(T(text), target, baseUrl, source, whatIf?.cutsQuery ?? '', redactor);
  const h = model.headline;
  const b = whatIf?.before.headline;
  // "before → after" when cuts are applied.
  const was = (before: string | number, after: string | number): string => (whatIf ? `${before} → ${after}` : String(after));
  const out: string[] = [];
  out.push(`# AI risk board: ${T(model.source ?? model.label)}${whatIf ? ' (what-if)' : ''}`);
  out.push('');
  out.push(
    `Snapshot ${formatDate(model.generatedAt)} · ${model.counts.nodes} nodes · ${model.counts.edges} edges · ${model.counts.findingsTotal} toxic combinations (${severities(model.counts.findings)})${whatIf ? ` after the cuts, ${whatIf.before.counts.findingsTotal} as loaded` : ''} · ${LEVEL_TEXT[model.confidence.level].toLowerCase()}`,
  );
  out.push('');
  if (whatIf) {
    out.push(
      `> **What-if: ${whatIf.cuts.length} ${whatIf.cuts.length === 1 ? 'cut' : 'cuts'} applied.** Every figure below is after these cuts, not the estate as it is; the headline shows before → after.`,
    );
    out.push('>');
    whatIf.cuts.forEach((c, i) => out.push(`> ${i + 1}. ${T(c)}`));
    out.push('');
  }
  if (model.findingsError !== null) {
    out.push(`> **The toxic-combination rules could not be evaluated** (${T(model.findingsError)}). Risk figures are missing, not zero.`);
    out.push('');
  }
  out.push('## Headline');
  out.push('');
  out.push(`- **AI integrations:** ${h.ai.total} (${h.ai.sanctioned} sanctioned, ${h.ai.unsanctioned} unsanctioned, ${h.ai.unstated} not stated)`);
  out.push(
    `- **With a critical or high toxic combination:** ${L(`${b ? `${b.flagged.count} → ` : ''}${h.flagged.count} of ${h.ai.total}`, h.flagged.link)} (${h.flagged.critical} critical, ${h.flagged.high} high)`,
  );
  out.push(
    `- **Crown jewels reachable from any AI integration:** ${L(
      b
        ? `${percent(b.crownJewels.share)} → ${percent(h.crownJewels.share)} (${b.crownJewels.reachable} → ${h.crownJewels.reachable} of ${h.crownJewels.total})`
        : `${percent(h.crownJewels.share)} (${h.crownJewels.reachable} of ${h.crownJewels.total})`,
      h.crownJewels.link,
    )}`,
  );
  out.push(
    h.largestBlast
      ? `- **Largest blast radius:** ${L(h.largestBlast.name, h.largestBlast.link)} reaches ${b?.largestBlast?.node === h.largestBlast.node ? was(b.largestBlast.reached, h.largestBlast.reached) : h.largestBlast.reached} nodes (${percent(h.largestBlast.share)} of the estate), ${h.largestBlast.crownJewels} of them crown jewels${
          b?.largestBlast && b.largestBlast.node !== h.largestBlast.node ? ` (before the cuts: ${T(b.largestBlast.name)}, ${b.largestBlast.reached} nodes)` : ''
        }`
      : `- **Largest blast radius:** no AI integration reaches anything${b?.largestBlast ? ` (before the cuts: ${T(b.largestBlast.name)}, ${b.largestBlast.reached} nodes)` : ''}`,
  );
  out.push('');
  out.push('## Top risks');
  out.push('');
  if (model.topRisks.length === 0) out.push('No toxic combination was found.');
  model.topRisks.forEach((r, i) => {
    out.push(`${i + 1}. **${r.severity.toUpperCase()} · ${T(r.ruleName)}**`);
    out.push(`   ${L(r.sentence, r.link)}`);
    if (r.fix) out.push(`   *Cheapest fix:* ${T(r.fix)}`);
    if (r.more > 0) out.push(`   (${r.more} more ${r.more === 1 ? 'finding' : 'findings'} on this integration)`);
  });
  out.push('');
  out.push('## Top cuts');
  out.push('');
  if (model.topCuts.length === 0) out.push('No single change closes a toxic combination.');
  else {
    out.push(
      model.topCuts[0]!.method === 'engine'
        ? 'Each change was re-checked by running the rules again with its edges removed.'
        : 'Estimated on the findings’ witness paths (the inventory is too large to re-run the rules for every change).',
    );
    if (whatIf) out.push('Each change comes on top of the what-if cuts above.');
    out.push('');
    out.push('| # | Change | Closes | Total AI reach |');
    out.push('|---|---|---|---|');
    model.topCuts.forEach((c, i) => {
      out.push(
        `| ${i + 1} | ${L(c.action, c.link)} | ${severities(c.closes)} | ${c.reachBefore} → ${c.reachAfter} ${c.reachAfter < c.reachBefore ? `(−${shrinkPercent(c.reachBefore, c.reachAfter)})` : '(unchanged)'} |`,
      );
    });
  }
  const table = (title: string, rows: BoardModel['byOwner']): void => {
    out.push('');
    out.push(`## ${title}`);
    out.push('');
    if (rows.length === 0) {
      out.push('No findings.');
      return;
    }
    out.push('| Name | AI integrations | Critical | High | Medium | Low |');
    out.push('|---|---|---|---|---|---|');
    for (const r of rows) {
      out.push(`| ${L(r.note ? `${r.label} (${r.note})` : r.label, r.link)} | ${r.nodes} | ${r.findings.critical} | ${r.findings.high} | ${r.findings.medium} | ${r.findings.low} |`);
    }
  };
  table('Risk by business unit', model.byUnit);
  table('Risk by owner', model.byOwner);
  out.push('');
  out.push('## Risk by framework');
  for (const g of model.frameworks) {
    out.push('');
    out.push(`### ${FRAMEWORK_NAMES[g.framework]} (${g.findings} ${g.findings === 1 ? 'finding' : 'findings'})`);
    out.push('');
    if (g.rows.length === 0) out.push('No finding maps to this framework.');
    for (const r of g.rows) out.push(`- ${L(r.name ? `${r.code} ${r.name}` : r.code, r.link)}: ${r.findings} ${r.findings === 1 ? 'finding' : 'findings'} on ${r.nodes} ${r.nodes === 1 ? 'integration' : 'integrations'}, worst ${r.worst}`);
  }
  for (const [title, rows] of [
    ['Risk by lifecycle stage', model.lenses.lifecycle],
    ['Risk by enterprise risk category', model.lenses.riskCategory],
  ] as const) {
    out.push('', `## ${title}`, '');
    for (const r of rows) {
      const sev = SEVERITY_ORDER.filter((x) => r.findings[x] > 0).map((x) => `${r.findings[x]} ${x}`);
      out.push(`- ${T(r.label)}: ${r.total} ${r.total === 1 ? 'finding' : 'findings'}${sev.length ? ` (${sev.join(', ')})` : ''}`);
    }
  }
  out.push('');
  out.push('## Trend');
  out.push('');
  if (whatIf) {
    out.push('Snapshots are compared as loaded, without the what-if cuts.');
    out.push('');
  }
  if (options.trend.kind === 'none') out.push(T(options.trend.message));
  else {
    out.push('| Snapshot | AI integrations | Critical or high | Critical findings | Crown jewels reachable | Largest blast radius |');
    out.push('|---|---|---|---|---|---|');
    for (const p of options.trend.points) {
      out.push(`| ${T(p.label)} (${formatDate(p.generatedAt)}) | ${p.aiIntegrations} | ${p.flagged} | ${p.criticalFindings} | ${percent(p.crownJewelShare)} | ${p.largestBlast} |`);
    }
    if (options.trend.changes.length > 0) {
      out.push('');
      for (const c of options.trend.changes) out.push(`- ${T(c)}`);
    }
  }
  const c = model.confidence;
  out.push('');
  out.push(`## Data confidence: ${LEVEL_TEXT[c.level].toLowerCase()}`);
  out.push('');
  out.push(`- Snapshot: ${formatDate(c.snapshot.generatedAt)}, ${ageText(c.snapshot)}, ${FRESHNESS_TEXT[c.snapshot.freshness]}`);
  out.push(`- Data stores without a sensitivity label: ${L(`${c.dataStores.unknown} of ${c.dataStores.total}`, c.dataStores.example ? { node: c.dataStores.example } : null)}`);
  out.push(`- Tools with unknown capabilities: ${L(`${c.tools.unknown} of ${c.tools.total}`, c.tools.example ? { node: c.tools.example } : null)}`);
  out.push(`- AI integrations without an owner: ${L(`${c.aiOwners.unknown} of ${c.aiOwners.total}`, c.aiOwners.example ? { node: c.aiOwners.example } : null)}`);
  for (const r of c.reasons) out.push(`- ${T(r)}`);
  out.push('');
  return out.join('\n');
}
