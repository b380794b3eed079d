/**
 * `--format sarif`: the analysis as a SARIF 2.1.0 log for code-scanning tools. One SARIF rule per Pathlight
 * rule (the whole catalog), one result per finding: a plain-words message, a stable fingerprint
 * (`partialFingerprints["pathlightFinding/v1"]`), the file, line and column the finding's node was read
 * from, one related location per leg of the evidence, the baseline state and the review decision
 * (`suppressions`). Framework ids are tags naming their edition, and each edition used is a SARIF taxonomy.
 */
import type { AnalysisReport } from '../graph/analyze.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import { EDITIONS, LIFECYCLE_LABELS, RISK_CATEGORY_LABELS, editionTag, findingFrameworks, findingLenses } from '../graph/frameworks/index.ts';
import type { EditionId, FrameworkRef } from '../graph/frameworks/index.ts';
import { RULES } from '../graph/rules/registry.ts';
import type { Finding, FindingLeg, Severity } from '../graph/rules/types.ts';
import type { SourcePosition } from '../import/index.ts';
import { ruleClause } from '../lib/plain-language.ts';

import type { CiContext } from './ci.ts';
import { describeSuppression } from './decisions.ts';
import { FINGERPRINT_KEY } from './fingerprint.ts';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads `security-severity` (0–10): ≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export interface SarifInput {
  readonly report: AnalysisReport;
  readonly graph: InventoryGraph;
  readonly ctx: CiContext;
  /** Element place (`at`) → where it was read. */
  readonly positions: ReadonlyMap<string, SourcePosition>;
  /** Input file name as the importer named it → the path given on the command line. */
  readonly inputPaths: ReadonlyMap<string, string>;
  readonly version: string;
}

/** A file path as a SARIF URI reference: relative paths stay relative (forward slashes), absolute ones become file: URIs. */
export function toUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const encoded = p
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${encoded.replace('%3A', ':')}`;
  return p.startsWith('/') ? `file://${encoded}` : encoded;
}

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

function lensTags(rule: string): string[] {
  const l = findingLenses({ rule });
  return l ? [`lifecycle: ${LIFECYCLE_LABELS[l.lifecycle]}`, `risk: ${RISK_CATEGORY_LABELS[l.riskCategory]}`] : [];
}

function frameworkProps(refs: readonly FrameworkRef[]) {
  return refs.map((r) => ({ edition: r.edition, id: r.id, qualified: r.qualified, ...(r.title ? { title: r.title } : {}) }));
}

export function toSarif(input: SarifInput) {
  const { report, graph, ctx, positions, inputPaths } = input;
  const keep = new Set<EditionId>(ctx.editions);
  const nodeAt = (id: string) => {
    const i = graph.index.nodeIndex.get(id);
    return i === undefined ? undefined : graph.nodes[i];
  };
  const edgeAt = (id: string) => {
    const j = graph.index.edgeIndex.get(id);
    return j === undefined ? undefined : graph.edges[j];
  };
  const nameOf = (id: string) => nodeAt(id)?.name ?? id;
  const firstInput = [...inputPaths.values()][0];
  const uriOf = (file: string) => toUri(inputPaths.get(file) ?? file);
  const artifacts = new Map<string, number>();
  const artifact = (uri: string) => {
    let i = artifacts.get(uri);
    if (i === undefined) artifacts.set(uri, (i = artifacts.size));
    return i;
  };
  for (const path of inputPaths.values()) artifact(toUri(path));

  /** A physical location for an element's place, or the first input file when its place is unknown. */
  const physical = (at: string | undefined) => {
    const pos = at !== undefined ? positions.get(at) : undefined;
    if (pos) {
      const uri = uriOf(pos.file);
      return { artifactLocation: { uri, index: artifact(uri) }, region: { startLine: pos.line, startColumn: pos.column } };
    }
    const uri = firstInput !== undefined ? toUri(firstInput) : 'inventory.json';
    return { artifactLocation: { uri, index: artifact(uri) } };
  };

  // The whole catalog, then any rule a finding names that the catalog does not have.
  const ruleIds = [...RULES.map((r) => r.id)];
  for (const f of report.findings) if (!ruleIds.includes(f.rule)) ruleIds.push(f.rule);
  const usedEditions = new Set<EditionId>();
  const ruleRefs = new Map<string, FrameworkRef[]>();
  for (const id of ruleIds) {
    const sample = report.findings.find((f) => f.rule === id);
    const refs = findingFrameworks({ rule: id, ...(sample?.tags ? { tags: sample.tags } : {}) }).filter((r) => keep.has(r.edition));
    refs.forEach((r) => usedEditions.add(r.edition));
    ruleRefs.set(id, refs);
  }
  const taxonomies = ctx.editions.filter((e) => usedEditions.has(e));
  const taxonomyIndex = new Map(taxonomies.map((e, i) => [e, i]));

  const rules = ruleIds.map((id) => {
    const rule = RULES.find((r) => r.id === id);
    const sample = report.findings.find((f) => f.rule === id);
    const name = rule?.name ?? sample?.ruleName ?? id;
    const ref = rule?.ref ?? sample?.ruleRef;
    const base: Severity = rule?.base ?? sample?.severity ?? 'medium';
    const refs = ruleRefs.get(id)!;
    const remediation = rule?.remediation ?? sample?.remediation ?? 'Cut one leg of the combination (see the finding\'s cheapest cut).';
    const lenses = findingLenses({ rule: id });
    return {
      id,
      name: pascal(name) || id,
      shortDescription: { text: `${ref ? `${ref} ` : ''}${name}` },
      fullDescription: { text: `${name}: an AI integration that ${ruleClause(id, name)}.` },
      help: {
        text: `${remediation}${refs.length ? `\n\nFrameworks: ${refs.map(editionTag).join('; ')}.` : ''}`,
        markdown: `**Remediation.** ${remediation}${refs.length ? `\n\n**Frameworks.** ${refs.map((r) => `${editionTag(r)}${r.title ? ` (${r.title})` : ''}`).join('; ')}.` : ''}`,
      },
      defaultConfiguration: { level: LEVEL[base] },
      ...(refs.length
        ? {
            relationships: refs.map((r) => ({
              target: { id: r.id, toolComponent: { name: EDITIONS[r.edition].name, index: taxonomyIndex.get(r.edition)! } },
              kinds: ['relevant'],
            })),
          }
        : {}),
      properties: {
        tags: [...new Set(['security', 'ai', ...(ref ? [ref] : []), ...refs.map(editionTag), ...lensTags(id)])],
        'security-severity': SECURITY_SEVERITY[base],
        precision: 'high',
        ...(ref ? { catalogRef: ref } : {}),
        ...(lenses ? { lifecycle: lenses.lifecycle, riskCategory: lenses.riskCategory } : {}),
        frameworks: frameworkProps(refs),
      },
    };
  });
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  const legLocation = (leg: FindingLeg, k: number) => {
    const w = leg.witnesses[0];
    const lastEdge = w && w.edges.length > 0 ? edgeAt(w.edges[w.edges.length - 1]!) : undefined;
    const lastNode = w && w.nodes.length > 0 ? nodeAt(w.nodes[w.nodes.length - 1]!) : undefined;
    const place = lastEdge && positions.has(lastEdge.at) ? lastEdge.at : lastNode?.at;
    const path = w ? w.nodes.map(nameOf).join(' → ') : leg.nodes.map(nameOf).join(', ');
    return {
      id: k,
      physicalLocation: physical(place),
      message: { text: `${leg.name}${leg.optional ? ' (context)' : ''}: ${path || 'no path'}` },
      ...(lastNode ? { logicalLocations: [{ name: lastNode.name, fullyQualifiedName: lastNode.id, kind: 'resource' }] } : {}),
    };
  };

  const results = report.findings.map((f: Finding, i) => {
    const x = ctx.extras[i]!;
    const node = nodeAt(f.node);
    const legs = f.legs ?? [];
    const tags = [...new Set([...(f.ruleRef ? [f.ruleRef] : []), ...x.frameworks.map(editionTag), ...lensTags(f.rule)])];
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule)!,
      level: LEVEL[f.severity],
      message: { text: f.title },
      locations: [
        {
          physicalLocation: physical(node?.at),
          logicalLocations: [{ name: node?.name ?? f.node, fullyQualifiedName: f.node, kind: 'resource' }],
        },
      ],
      ...(legs.length > 0 ? { relatedLocations: legs.map(legLocation) } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: x.fingerprint },
      ...(x.baseline ? { baselineState: x.baseline } : {}),
      ...(x.decision?.kind === 'suppressed'
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: describeSuppression(x.decision.suppression) }] }
        : {}),
      properties: {
        node: f.node,
        nodeName: node?.name ?? f.node,
        severity: f.severity,
        'security-severity': SECURITY_SEVERITY[f.severity],
        tags,
        ...(x.lenses ? { lifecycle: x.lenses.lifecycle, riskCategory: x.lenses.riskCategory } : {}),
        frameworks: frameworkProps(x.frameworks),
        ...(f.remediation ? { remediation: f.remediation } : {}),
        ...(f.assumed?.length ? { assumed: f.assumed } : {}),
        ...(f.modifiers?.length ? { modifiers: f.modifiers } : {}),
        ...(x.decision?.kind === 'expired' ? { decision: `expired (review ${x.decision.decision.reviewDate ?? ''})` } : {}),
        ...(x.decision?.kind === 'mitigated' ? { decision: `mitigated${x.decision.decision.ticket ? ` (${x.decision.decision.ticket})` : ''}` } : {}),
      },
    };
  });

  const runProps: Record<string, unknown> = {
    frameworkEditions: ctx.editions.map((id) => ({ id, name: EDITIONS[id].name, version: EDITIONS[id].version, status: EDITIONS[id].status })),
  };
  if (ctx.comparison && ctx.baseline) {
    runProps.baseline = {
      file: ctx.baseline.file,
      new: ctx.extras.filter((e) => e.baseline === 'new').length,
      unchanged: ctx.extras.filter((e) => e.baseline === 'unchanged').length,
      resolved: ctx.comparison.resolved,
    };
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Pathlight',
            version: input.version,
            semanticVersion: input.version,
            rules,
            ...(taxonomies.length
              ? { supportedTaxonomies: taxonomies.map((e, i) => ({ name: EDITIONS[e].name, index: i })) }
              : {}),
          },
        },
        ...(taxonomies.length
          ? {
              taxonomies: taxonomies.map((e) => ({
                name: EDITIONS[e].name,
                version: EDITIONS[e].version,
                informationUri: EDITIONS[e].sources[0]!,
                isComprehensive: false,
                ...(EDITIONS[e].status === 'beta' ? { properties: { status: 'beta' } } : {}),
                taxa: Object.entries(EDITIONS[e].entries).map(([id, title]) => ({ id, name: title })),
              })),
            }
          : {}),
        invocations: [{ executionSuccessful: true }],
        artifacts: [...artifacts.keys()].map((uri) => ({ location: { uri } })),
        columnKind: 'utf16CodeUnits',
        results,
        properties: runProps,
      },
    ],
  };
}
