/**
 * The `--format json` writer: the streamed text parses back to the reference object (`toJsonReport`), the
 * witness paths it stores once resolve to exactly the findings the engine returned, and no chunk is the
 * whole report. Also the grouped text report.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { analyze } from '../graph/analyze.ts';
import type { AnalysisReport } from '../graph/analyze.ts';
import { buildGraph } from '../graph/build-graph.ts';
import { fuzzInventory } from '../graph/rules/fuzz-inventory.ts';
import type { Finding, Witness } from '../graph/rules/types.ts';
import { inventoryFrom } from '../graph/test-helpers.ts';
import { parseInventory } from '../model/parse-inventory.ts';
import type { Inventory } from '../model/types.ts';

import { EVIDENCE_LEVELS, FULL_EVIDENCE_MAX_NODES, TEXT_FINDINGS_PER_RULE, chooseEvidence, formatTextReport, toJsonReport, writeJsonReport } from './report.ts';
import type { EvidenceLevel } from './report.ts';

function sample(): Inventory {
  const parsed = parseInventory({ file: 'sample.json', text: readFileSync('public/samples/sample-inventory.json', 'utf8') });
  if (!parsed.ok) throw new Error('sample does not parse');
  return parsed.inventory;
}

async function streamed(report: AnalysisReport, evidence: EvidenceLevel): Promise<{ text: string; chunks: string[] }> {
  const chunks: string[] = [];
  await writeJsonReport(report, { evidence }, async (chunk) => {
    await Promise.resolve();
    chunks.push(chunk);
  });
  return { text: chunks.join(''), chunks };
}

interface JsonLeg {
  name: string;
  role: string;
  optional?: boolean;
  nodes?: string[];
  edges?: string[];
  paths?: number[];
  witnessPaths?: number;
}

/** The findings as the engine returned them, rebuilt from a `full` report (paths resolved by id). */
function resolveFull(json: { findings: Record<string, unknown>[]; paths: Witness[] }): Finding[] {
  return json.findings.map((f) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(f)) {
      if (key === 'evidence') {
        const { paths: _ids, ...rest } = value as { nodes: string[]; edges: string[]; paths: number[] };
        out.evidence = rest;
      } else if (key === 'legs') {
        out.legs = (value as JsonLeg[]).map(({ paths, ...leg }) => {
          const { optional, ...head } = leg;
          return { ...head, witnesses: paths!.map((id) => json.paths[id]!), ...(optional ? { optional } : {}) };
        });
      } else out[key] = value;
    }
    return out as unknown as Finding;
  });
}

const estates: [string, () => Inventory][] = [
  ['the sample', sample],
  ...[3, 11, 29].map((seed): [string, () => Inventory] => [`fuzz estate ${seed}`, () => {
    const { nodes, edges } = fuzzInventory(seed, 220, 2.6);
    return inventoryFrom(nodes, edges);
  }]),
];

const analyzed = new Map<string, AnalysisReport>();
function reportOf(name: string, make: () => Inventory): AnalysisReport {
  let report = analyzed.get(name);
  if (!report) {
    const inventory = make();
    report = analyze(inventory, { mode: 'worst-case', now: Date.UTC(2026, 10, 20) }, buildGraph(inventory));
    analyzed.set(name, report);
  }
  return report;
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('writeJsonReport', () => {
  for (const [name, make] of estates) {
    it(`streams the reference object at every level, keeping the fields other tools read (${name})`, async () => {
      const report = reportOf(name, make);
      expect(report.findings.length).toBeGreaterThan(0);
      for (const level of EVIDENCE_LEVELS) {
        const parsed = JSON.parse((await streamed(report, level)).text);
        expect(parsed).toEqual(plain(toJsonReport(report, { evidence: level })));
        expect(parsed.report).toEqual({ version: 2, evidence: level });
        expect(plain(parsed.findings.map((f: Finding) => [f.rule, f.severity, f.node, f.title, f.rank, f.cut, f.context, f.modifiers, f.assumed]))).toEqual(
          plain(report.findings.map((f) => [f.rule, f.severity, f.node, f.title, f.rank, f.cut, f.context, f.modifiers, f.assumed])),
        );
      }
    });

    it(`full evidence: the paths, resolved by id, give back the engine's findings byte for byte, each path stored once (${name})`, async () => {
      const report = reportOf(name, make);
      const parsed = JSON.parse((await streamed(report, 'full')).text);
      expect(JSON.stringify(resolveFull(parsed))).toBe(JSON.stringify(report.findings));
      expect(new Set(parsed.paths.map((p: Witness) => JSON.stringify(p))).size).toBe(parsed.paths.length);
    });

    it(`summary and none: counts per leg, the first witness (summary), evidence kept (summary) or left out (none) (${name})`, async () => {
      const report = reportOf(name, make);
      const summary = JSON.parse((await streamed(report, 'summary')).text);
      const none = JSON.parse((await streamed(report, 'none')).text);
      const legsOf = (json: { findings: { legs?: JsonLeg[] }[]; paths: Witness[] }) =>
        json.findings.map((f) => f.legs?.map((l) => ({ count: l.witnessPaths, first: l.paths?.map((id) => json.paths[id]) })));
      expect(legsOf(summary)).toEqual(plain(report.findings.map((f) => f.legs?.map((l) => ({ count: l.witnesses.length, first: l.witnesses.slice(0, 1) })))));
      expect(legsOf(none)).toEqual(plain(report.findings.map((f) => f.legs?.map((l) => ({ count: l.witnesses.length })))));
      expect(summary.findings.map((f: Finding) => [f.evidence.nodes, f.evidence.edges])).toEqual(plain(report.findings.map((f) => [f.evidence.nodes, f.evidence.edges])));
      expect(none.findings.filter((f: Finding) => 'evidence' in f)).toEqual([]);
      expect(none.paths).toEqual([]);
    });
  }

  it('writes in chunks, never the whole report as one string', async () => {
    const report = reportOf(estates[1]![0], estates[1]![1]);
    const { text, chunks } = await streamed(report, 'full');
    expect(text.length).toBeGreaterThan(1 << 19);
    expect(chunks.length).toBeGreaterThan(2);
    const longestLine = Math.max(...text.split('\n').map((l) => l.length));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual((1 << 18) + longestLine + 2);
  });

  it('chooses full evidence for small estates and summary above the limit, and says so', () => {
    expect(chooseEvidence(undefined, FULL_EVIDENCE_MAX_NODES)).toEqual({ evidence: 'full' });
    expect(chooseEvidence(undefined, FULL_EVIDENCE_MAX_NODES + 1)).toMatchObject({ evidence: 'summary', evidenceReason: expect.stringContaining('--evidence full') });
    expect(chooseEvidence('none', 5)).toEqual({ evidence: 'none' });
    expect(chooseEvidence('full', 10 * FULL_EVIDENCE_MAX_NODES)).toEqual({ evidence: 'full' });
  });
});

describe('formatTextReport', () => {
  it('groups findings by rule, shows the first ones of each rule and counts the rest', () => {
    const inventory = estates[2]![1]();
    const graph = buildGraph(inventory);
    const report = analyze(inventory, { mode: 'worst-case' }, graph);
    const text = formatTextReport(report, graph);
    const byRule = new Map<string, Finding[]>();
    for (const f of report.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    expect(text).toContain(`Findings: ${report.findings.length} (`);
    const groups = [...byRule].map(([rule, group]) => [rule, group.length] as const);
    const headings = groups.filter(([rule, count]) => text.includes(`(${rule}): ${count} finding${count === 1 ? '' : 's'}`));
    expect(headings).toEqual(groups);
    const long = groups.filter(([, count]) => count > TEXT_FINDINGS_PER_RULE);
    expect(long.length).toBeGreaterThan(0);
    expect(long.filter(([rule, count]) => text.includes(`… and ${count - TEXT_FINDINGS_PER_RULE} more ${rule} findings`))).toEqual(long);
    // each shown finding's rank appears once, and no finding beyond the first ones of its rule is shown
    const shown = [...text.matchAll(/ · #(\d+)$/gm)].map((m) => Number(m[1]));
    const expected = [...byRule.values()].flatMap((g) => g.slice(0, TEXT_FINDINGS_PER_RULE).map((f) => f.rank!));
    expect(shown).toEqual(expected);
  });
});
