/**
 * What a redacted output contains: the one place that decides it. Every output of the page in redact mode
 * (the screen, the window title, copied links, the board's Markdown, decisions, SVG/PNG, the reports and the
 * download names) goes through a `Redactor`:
 *
 * - node names and ids, edge ids → their pseudonyms ("AI agent 3", "edge 7"; src/graph/pseudonyms.ts);
 * - owners, teams, business units, cost centres, e-mail addresses, titles and any URL found in a node's
 *   fields → "owner 1", "unit 2", "address 3"… (numbered in code-unit order of the value, so stable);
 * - the inventory's file names and label, and the live source URL → "pseudonymised inventory";
 * - every string made well-formed first (a lone surrogate becomes U+FFFD), so no encoder throws on it.
 *
 * Pure: no DOM, no React. The same inventory always gives the same redactor, so what was exported redacted
 * (decisions, links) reads back against it.
 */
import { pseudonymize } from '../graph/pseudonyms.ts';
import type { Pseudonyms } from '../graph/pseudonyms.ts';
import { wellFormed } from '../model/well-formed.ts';
import type { InventoryEdge, InventoryNode } from '../model/types.ts';

export interface Redactor extends Pseudonyms {
  /** What stands for the inventory's name in a title or a heading. */
  readonly label: string;
  /** What stands for it in a download's file name. */
  readonly fileBase: string;
}

export const REDACTED_LABEL = 'pseudonymised inventory';
export const REDACTED_FILE_BASE = 'redacted';

/** Fields whose free-text value says who owns or runs a node, or how to reach them. */
const WHO_FIELDS: Readonly<Record<string, string>> = {
  owner: 'owner',
  owners: 'owner',
  manager: 'owner',
  createdBy: 'owner',
  created_by: 'owner',
  businessUnit: 'unit',
  business_unit: 'unit',
  department: 'unit',
  team: 'unit',
  costCenter: 'unit',
  cost_center: 'unit',
  email: 'address',
  mail: 'address',
  upn: 'address',
  userPrincipalName: 'address',
  title: 'title',
  displayName: 'title',
};
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S+$|^[^\s@]+@[^\s@]+\.[^\s@]+$/i;

export interface RedactionContext {
  /** The label the page shows for the inventory (file names, "3 files", a URL). */
  readonly label: string;
  /** File names the inventory was read from. */
  readonly files?: readonly string[];
  /** The live source URL, when there is one. */
  readonly source?: string | null;
}

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    const v = value.trim();
    if (v !== '') out.push(v);
  } else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') strings(v, out);
}

/** File names as they may appear: the path, its last part, and that without its extension. */
function fileTerms(name: string): string[] {
  const out = [name];
  const base = name.split(/[\\/]/).pop() ?? name;
  out.push(base);
  const dot = base.lastIndexOf('.');
  // Without its extension only when that is long enough not to match inside ordinary words.
  if (dot >= 3) out.push(base.slice(0, dot));
  return out.filter((t) => t.trim().length > 0);
}

export function makeRedactor(
  inventory: {
    readonly nodes: readonly InventoryNode[];
    readonly edges: readonly InventoryEdge[];
    readonly meta?: { readonly files?: readonly string[]; readonly source?: Readonly<Record<string, unknown>> };
  },
  context: RedactionContext,
): Redactor {
  // Who-values per category, numbered in code-unit order.
  const byCategory = new Map<string, Set<string>>();
  const urls = new Set<string>();
  for (const node of inventory.nodes) {
    for (const [key, value] of Object.entries(node.fields)) {
      const found: string[] = [];
      strings(value, found);
      const category = WHO_FIELDS[key];
      for (const v of found) {
        if (category) {
          let set = byCategory.get(category);
          if (!set) byCategory.set(category, (set = new Set()));
          set.add(v);
        } else if (URL_LIKE.test(v)) urls.add(v);
      }
    }
  }
  const extra = new Map<string, string>();
  const files = [...(context.files ?? []), ...(inventory.meta?.files ?? [])];
  // What the file says about where it came from (collector name, tenant) names the estate as well.
  const about: string[] = [];
  for (const v of Object.values(inventory.meta?.source ?? {})) strings(v, about);
  for (const term of [context.label, ...(context.source ? [context.source] : []), ...files.flatMap(fileTerms), ...about]) {
    if (term.trim() !== '') extra.set(term, REDACTED_LABEL);
  }
  const sorted = (s: Iterable<string>): string[] => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [category, set] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
    sorted(set).forEach((v, i) => {
      if (!extra.has(v)) extra.set(v, `${category} ${i + 1}`);
    });
  }
  sorted(urls).forEach((v, i) => {
    if (!extra.has(v)) extra.set(v, `address ${i + 1}`);
  });
  // A name that is not well-formed is shown (and redacted) well-formed: its stand-in must match that too.
  const first = pseudonymize(inventory, extra);
  let illFormed = false;
  for (const node of inventory.nodes) {
    const w = wellFormed(node.name);
    if (w === node.name) continue;
    illFormed = true;
    if (!extra.has(w)) extra.set(w, first.nodes.get(node.id)!);
  }
  const p = illFormed ? pseudonymize(inventory, extra) : first;
  const redact = (text: string): string => p.redact(wellFormed(text));
  return {
    nodes: p.nodes,
    edges: p.edges,
    node: (id) => p.nodes.get(id) ?? redact(id),
    redact,
    label: REDACTED_LABEL,
    fileBase: REDACTED_FILE_BASE,
  };
}

/** The inventory's label as an output may show it: itself, or the redacted stand-in. */
export function outputLabel(label: string, r: Redactor | null): string {
  return r ? r.label : wellFormed(label);
}

/** Inventory text as an output may carry it: well-formed, and through the redactor in redact mode. */
export function outputText(text: string, r: Redactor | null): string {
  return r ? r.redact(text) : wellFormed(text);
}

const cache = new WeakMap<object, Redactor>();

/** The redactor of a loaded inventory, computed once per inventory (the page's datasets). */
export function redactorOf(dataset: {
  readonly inventory: Parameters<typeof makeRedactor>[0];
  readonly label: string;
  readonly reports?: readonly { readonly file: string }[];
}): Redactor {
  let r = cache.get(dataset.inventory);
  if (!r) {
    r = makeRedactor(dataset.inventory, { label: dataset.label, files: dataset.reports?.map((x) => x.file) ?? [] });
    cache.set(dataset.inventory, r);
  }
  return r;
}
