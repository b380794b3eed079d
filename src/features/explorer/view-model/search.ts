/**
 * Typeahead over node names, ids and kinds, with BloodHound-style prefixes. Pure; a linear scan is a few ms
 * even at 100k nodes.
 *
 * Query language (words are ANDed, case-insensitive):
 * - plain words match names and ids: exact, then prefix, then word prefix, then substring; a word that only
 *   matches a node's kind filters by kind;
 * - `kind:<kind>` keeps nodes of a kind (`kind:credential`, `kind:mcp_server`, `kind:mcp`, `kind:"AI agent"`
 *   written `kind:ai_agent` or `kind:agent`); several kinds with commas (`kind:tool,model`);
 * - a kind alias followed by a colon keeps that kind and matches the rest: `agent:`, `mcp:`, `model:`, `tool:`,
 *   `cred:`/`credential:`, `human:`/`user:`, `group:`, `nhi:`, `data:`/`store:`, `saas:`/`app:`, `cloud:`,
 *   `vector:`, `memory:`, `gateway:`, `package:`, `config:`, `external:`; as a whole word an inventory id such
 *   as `agent:www-ask-widget` still matches itself first;
 * - `crown:` (or `is:crown`) keeps crown jewels, `ai:` (or `is:ai`) AI integrations; text after the colon is
 *   matched like a plain word.
 *
 * Within one tier of match, crown jewels and AI integrations rank up; never above a better match.
 */
import type { InventoryGraph } from '../../../graph/index.ts';
import { NODE_KIND_LABELS, NODE_KINDS, isAiNode, isCrownJewel } from '../../../model/index.ts';
import type { NodeKind } from '../../../model/index.ts';

export interface SearchIndex {
  readonly names: readonly string[];
  readonly ids: readonly string[];
  readonly kinds: readonly string[];
  readonly kindOf: readonly NodeKind[];
  /** Per node: 1 crown jewel, 2 AI integration (bits). */
  readonly flags: Uint8Array;
}

const CROWN = 1;
const AI = 2;

export function toSearchIndex(graph: InventoryGraph): SearchIndex {
  const flags = new Uint8Array(graph.nodes.length);
  graph.nodes.forEach((n, i) => {
    flags[i] = (isCrownJewel(n) ? CROWN : 0) | (isAiNode(n) ? AI : 0);
  });
  return {
    names: graph.nodes.map((n) => n.name.toLowerCase()),
    ids: graph.nodes.map((n) => n.id.toLowerCase()),
    kinds: graph.nodes.map((n) => `${n.kind} ${NODE_KIND_LABELS[n.kind]}`.toLowerCase()),
    kindOf: graph.nodes.map((n) => n.kind),
    flags,
  };
}

/** Prefix words that stand for a node kind. */
export const KIND_ALIASES: ReadonlyMap<string, readonly NodeKind[]> = new Map<string, readonly NodeKind[]>([
  ...NODE_KINDS.map((k): [string, NodeKind[]] => [k, [k]]),
  ['agent', ['ai_agent']],
  ['agents', ['ai_agent']],
  ['mcp', ['mcp_server']],
  ['cred', ['credential']],
  ['secret', ['credential']],
  ['user', ['human']],
  ['person', ['human']],
  ['identity', ['nhi']],
  ['data', ['data_store']],
  ['store', ['data_store', 'vector_store', 'memory_store']],
  ['saas', ['saas_app']],
  ['app', ['saas_app']],
  ['cloud', ['cloud_resource']],
  ['vector', ['vector_store']],
  ['memory', ['memory_store']],
  ['gateway', ['ai_gateway']],
  ['config', ['config_file']],
  ['client', ['client_ui']],
]);

/** The kinds a `kind:` value names: an alias, a kind id, or the start of a kind's label ("non-human"). */
function kindsNamed(value: string): NodeKind[] {
  const out = new Set<NodeKind>();
  for (const v of value.split(',').filter(Boolean)) {
    const alias = KIND_ALIASES.get(v);
    if (alias) alias.forEach((k) => out.add(k));
    else for (const k of NODE_KINDS) if (k.startsWith(v) || NODE_KIND_LABELS[k].toLowerCase().replace(/\s+/g, '_').startsWith(v)) out.add(k);
  }
  return [...out];
}

interface Term {
  /** The word as typed (lower case), matched against names and ids. */
  readonly word: string;
  /** A filter the word stands for, with the text after its colon (possibly empty). */
  readonly filter: { readonly kinds?: ReadonlySet<NodeKind>; readonly flag?: number; readonly text: string } | null;
}

export interface ParsedQuery {
  readonly terms: readonly Term[];
}

export function parseQuery(query: string): ParsedQuery {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  const terms: Term[] = words.map((word) => {
    const colon = word.indexOf(':');
    if (colon <= 0) return { word, filter: null };
    const key = word.slice(0, colon);
    const rest = word.slice(colon + 1);
    if (key === 'kind' || key === 'type') {
      const kinds = kindsNamed(rest);
      // `kind:` alone or an unknown kind: keep no node rather than every node.
      return { word, filter: { kinds: new Set(kinds), text: '' } };
    }
    if (key === 'crown' || (key === 'is' && rest.startsWith('crown'))) return { word, filter: { flag: CROWN, text: key === 'is' ? '' : rest } };
    if (key === 'ai' || (key === 'is' && rest === 'ai')) return { word, filter: { flag: AI, text: key === 'is' ? '' : rest } };
    const alias = KIND_ALIASES.get(key);
    if (alias) return { word, filter: { kinds: new Set(alias), text: rest } };
    return { word, filter: null };
  });
  return { terms };
}

/** Match tier of one word against a name and id: 100 exact, 60 prefix, 40 word prefix, 20 substring, 0 none. */
function textScore(name: string, id: string, w: string): number {
  if (name === w || id === w) return 100;
  if (name.startsWith(w) || id.startsWith(w)) return 60;
  if (name.includes(` ${w}`) || id.includes(`:${w}`) || id.includes(`-${w}`) || id.includes(`/${w}`) || id.includes(`.${w}`)) return 40;
  if (name.includes(w) || id.includes(w)) return 20;
  return 0;
}

function termScore(index: SearchIndex, i: number, t: Term): number {
  const name = index.names[i]!;
  const id = index.ids[i]!;
  const literal = textScore(name, id, t.word);
  const f = t.filter;
  if (f) {
    // An id typed whole ("agent:www-ask-widget") matches itself as text; otherwise the filter applies.
    if (literal >= 60) return literal;
    if (f.kinds && !f.kinds.has(index.kindOf[i]!)) return 0;
    if (f.flag && (index.flags[i]! & f.flag) === 0) return 0;
    if (!f.text) return 30;
    return textScore(name, id, f.text);
  }
  if (literal) return literal;
  return index.kinds[i]!.includes(t.word) ? 5 : 0;
}

export interface SearchResult {
  /** Node indexes, best first, at most `limit`. */
  readonly hits: number[];
  /** How many nodes match in all. */
  readonly total: number;
}

/**
 * Nodes matching every word of `query`, best first: by match tier (exact name or id, prefix, word prefix,
 * substring), then crown jewels and AI integrations, then shorter names, then inventory order.
 */
export function searchIndex(index: SearchIndex, query: string, limit = 20): SearchResult {
  const { terms } = parseQuery(query);
  if (terms.length === 0) return { hits: [], total: 0 };
  const scored: { i: number; s: number }[] = [];
  const n = index.names.length;
  for (let i = 0; i < n; i++) {
    let score = 0;
    let ok = true;
    for (const t of terms) {
      const s = termScore(index, i, t);
      if (s === 0) {
        ok = false;
        break;
      }
      score += s;
    }
    if (!ok) continue;
    const flags = index.flags[i]!;
    // Boosts stay below the smallest gap between tiers (5 → 20), so they only order within a tier.
    const boost = (flags & CROWN ? 8 : 0) + (flags & AI ? 6 : 0);
    scored.push({ i, s: score + boost - Math.min(index.names[i]!.length, 99) / 100 });
  }
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  return { hits: scored.slice(0, limit).map((x) => x.i), total: scored.length };
}

/** Node indexes matching every word of `query`, best first (see `searchIndex`). */
export function searchNodes(index: SearchIndex, query: string, limit = 20): number[] {
  return searchIndex(index, query, limit).hits;
}
