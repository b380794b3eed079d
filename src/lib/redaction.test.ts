/**
 * Redaction as a property of every output: the redactor (names, ids, owners, file names, URLs, lone
 * surrogates) and each export function given it — the board's Markdown, decisions (and their re-import),
 * the threat-model report, the SVG — carry no real value of the inventory.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { renderSvg } from '../canvas/svg-export.ts';
import { buildBoard } from '../features/board/view-models/board-model.ts';
import { boardMarkdown } from '../features/board/view-models/markdown.ts';
import { computeTrend } from '../features/board/view-models/trend.ts';
import { parseDecisions, serializeDecisions } from '../features/review/decisions.ts';
import { threatModelReport } from '../features/review/report.ts';
import { buildGraph, evaluateRules, summarizeAiNodes } from '../graph/index.ts';
import { parseInventory } from '../model/index.ts';
import type { Inventory } from '../model/types.ts';
import { makeRedactor, outputText } from './redaction.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const FILE = 'zebra-estate-confidential.json';
/** Every id starts `zqid-`, every name `Zorblax`; owners, units, titles hold `Walrus`; URLs `zebra.example`. */
const TOKENS = ['zqid', 'zorblax', 'walrus', 'zebra'];

function inventory(): Inventory {
  const json = JSON.parse(readFileSync(resolve(process.cwd(), 'e2e/fixtures/zebra-estate-confidential.json'), 'utf8')) as { nodes: { name: string }[] };
  // A lone surrogate in a name: shown (and redacted) as U+FFFD, never a crash.
  json.nodes[1]!.name += '\uD800';
  const r = parseInventory({ file: FILE, json });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.inventory;
}

/** What of the inventory is still in `text` (URL escapes read back first). */
const leaks = (text: string): string[] => {
  const plain = text.replace(/(%[0-9A-F]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
  return TOKENS.filter((t) => plain.toLowerCase().includes(t));
};

describe('the redactor', () => {
  const inv = inventory();
  const r = makeRedactor(inv, { label: FILE, files: [FILE] });

  it('replaces names, ids, owners, units, addresses, URLs and the file name, stably', () => {
    const text = `${inv.nodes.map((n) => `${n.id} ${n.name} ${Object.values(n.fields ?? {}).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')}`).join('\n')} from ${FILE} (zebra-estate-confidential, zebra-estate-collector)`;
    const out = r.redact(text);
    expect(leaks(out)).toEqual([]);
    expect(out).toContain('pseudonymised inventory');
    expect(out).toContain('owner 1');
    expect(makeRedactor(inventory(), { label: FILE, files: [FILE] }).redact(text)).toBe(out);
  });

  it('makes every string well-formed, redacted or not (a lone surrogate never reaches an encoder)', () => {
    expect(() => encodeURIComponent(r.redact('a\uDC00b'))).not.toThrow();
    expect(() => encodeURIComponent(outputText('a\uDC00b', null))).not.toThrow();
    expect(outputText('a\uDC00b', null)).toBe('a\uFFFDb');
  });
});

describe('every export, given the redactor', () => {
  const inv = inventory();
  const graph = buildGraph(inv);
  const findings = evaluateRules({ graph, mode: 'strict', now: NOW });
  const r = makeRedactor(inv, { label: FILE, files: [FILE] });

  it('has a finding to export (the fixture is not empty)', () => {
    expect(findings.length).toBeGreaterThan(0);
  });

  it('board Markdown: no real name, id, owner or file name in its text or links', () => {
    const model = buildBoard({ label: FILE, inventory: inv, graph, findings, summaries: summarizeAiNodes(graph) }, { now: NOW });
    const plain = boardMarkdown(model, { baseUrl: 'https://app.example/', trend: computeTrend([model]) });
    expect(leaks(plain).length).toBeGreaterThan(3);
    const md = boardMarkdown(model, { baseUrl: 'https://app.example/', trend: computeTrend([model]), redact: r, source: 'https://zebra.example/kb' });
    expect(leaks(md)).toEqual([]);
    expect(md).toContain('redact=1');
    expect(md).toContain('owner 1');
  });

  it('decisions: pseudonyms, redacted notes, and they read back against the same inventory', () => {
    const real = { [`${findings[0]!.rule}\u241f${findings[0]!.node}`]: { status: 'accepted' as const, reason: `Walrus Ops said ${findings[0]!.node} is fine`, decidedAt: '2026-11-20T00:00:00.000Z' } };
    const text = serializeDecisions(real, `label:${FILE}`, r);
    expect(leaks(text)).toEqual([]);
    const back = new Map([...r.nodes].map(([id, name]) => [name, id] as const));
    const parsed = parseDecisions(text, (name) => back.get(name));
    expect(parsed.redacted).toBe(true);
    expect(Object.keys(parsed.decisions)).toEqual(Object.keys(real));
    // A pseudonym this inventory does not know is skipped, not kept.
    expect(parseDecisions(text, () => undefined).skipped).toBe(1);
  });

  it('threat-model report: no real value', () => {
    const md = threatModelReport({ label: FILE, graph, findings, cuts: [], decisions: {}, reviewed: [], choke: null, plan: `# Plan\n\nCut ${inv.nodes[1]!.id} (Walrus Ops)`, pseudonyms: r, date: '2026-11-20' });
    expect(leaks(md)).toEqual([]);
  });

  it('SVG: labels and title through the redactor', () => {
    const label = r.redact(inv.nodes[1]!.name);
    const svg = renderSvg({
      title: `Pathlight: ${r.label}`,
      background: '#000',
      nodes: [{ x: 10, y: 10, w: 10, h: 10, shape: 'ellipse', fill: '#fff', stroke: '#000', strokeWidth: 1, opacity: 1, label, labelColor: '#000', fontSize: 10 }],
      edges: [],
    });
    expect(leaks(svg)).toEqual([]);
    expect(svg).toContain('AI agent');
  });
});
