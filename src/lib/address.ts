/**
 * The whole address bar: the view (url-state.ts), the what-if cuts (`cuts=`, cuts-param.ts), and redact mode.
 *
 * A redacted address (`redact=1`) names nothing real: `node=`, `from=`, `to=` and every id in `cuts=` hold the
 * pseudonym shown on screen instead of the id (`node=AI+agent+3`, `cuts=edge+12,~Data+store+4`). Pseudonyms are
 * a function of the inventory alone (graph/pseudonyms.ts), so a page with the same inventory loaded maps them
 * back. An id with no pseudonym (not in the loaded inventory) is left out of a redacted address, never written
 * as it is; a handle the inventory does not know is dropped when read.
 */
import type { Cut } from '../graph/what-if.ts';

import { decodeCuts, encodeCuts } from './cuts-param.ts';
import { parseViewParams, serializeViewParams } from './url-state.ts';
import type { ViewState } from './url-state.ts';

export const REDACT_PARAM = 'redact';

/** Id → pseudonym, for nodes and edges (what `pseudonymize` returns). */
export interface PseudonymMaps {
  readonly nodes: ReadonlyMap<string, string>;
  readonly edges: ReadonlyMap<string, string>;
}

export interface Address {
  readonly view: ViewState;
  readonly cuts: readonly Cut[];
  /** The ids in `view` and `cuts` are pseudonymous handles. */
  readonly redacted: boolean;
}

export function parseAddress(search: string | URLSearchParams): Address {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  return { view: parseViewParams(p), cuts: decodeCuts(p.get('cuts')), redacted: p.get(REDACT_PARAM) === '1' };
}

/** The search string (no `?`) of an address, ids written as they are given: the view, then `redact=1`, then `cuts`. */
export function serializeAddress(address: Address): string {
  const p = new URLSearchParams(serializeViewParams(address.view));
  if (address.redacted) p.set(REDACT_PARAM, '1');
  if (address.cuts.length > 0) p.set('cuts', encodeCuts(address.cuts));
  return p.toString();
}

const reversed = new WeakMap<PseudonymMaps, { nodes: Map<string, string>; edges: Map<string, string> }>();

function reverse(p: PseudonymMaps): { nodes: Map<string, string>; edges: Map<string, string> } {
  let r = reversed.get(p);
  if (!r) {
    r = { nodes: new Map(), edges: new Map() };
    for (const [id, name] of p.nodes) r.nodes.set(name, id);
    for (const [id, name] of p.edges) r.edges.set(name, id);
    reversed.set(p, r);
  }
  return r;
}

type Lookup = (kind: 'node' | 'edge', value: string) => string | undefined;

function mapIds(view: ViewState, cuts: readonly Cut[], look: Lookup): { view: ViewState; cuts: Cut[] } {
  const node = (id: string | null): string | null => (id === null ? null : look('node', id) ?? null);
  const out: Cut[] = [];
  for (const c of cuts) {
    const mapped = 'edge' in c ? look('edge', c.edge) : look('node', c.node);
    if (mapped !== undefined) out.push('edge' in c ? { edge: mapped } : { node: mapped });
  }
  return { view: { ...view, node: node(view.node), from: node(view.from), to: node(view.to) }, cuts: out };
}

/** Ids → handles. Without pseudonyms (no inventory loaded yet) every id is left out. */
export function redactAddress(view: ViewState, cuts: readonly Cut[], p: PseudonymMaps | null): Address {
  const mapped = mapIds(view, cuts, (kind, id) => (kind === 'node' ? p?.nodes.get(id) : p?.edges.get(id)));
  return { ...mapped, redacted: true };
}

/** Handles → ids of the loaded inventory (handles it does not know are dropped); a plain address as it is. */
export function resolveAddress(address: Address, p: PseudonymMaps | null): Address {
  if (!address.redacted) return address;
  const r = p ? reverse(p) : null;
  const mapped = mapIds(address.view, address.cuts, (kind, h) => (kind === 'node' ? r?.nodes.get(h) : r?.edges.get(h)));
  return { ...mapped, redacted: false };
}

/** The address bar's search string for a state: real ids, or (with `redact`) handles and `redact=1`. */
export function addressFor(view: ViewState, cuts: readonly Cut[], redact: { readonly pseudonyms: PseudonymMaps | null } | null): string {
  return serializeAddress(redact ? redactAddress(view, cuts, redact.pseudonyms) : { view, cuts, redacted: false });
}

/**
 * A same-page link (`?view=…&node=…`) rewritten in redacted form, or null when it names no id. Parameters the
 * address does not know are dropped (they could name anything).
 */
export function redactSearch(search: string, p: PseudonymMaps): string | null {
  const params = new URLSearchParams(search);
  if (params.get(REDACT_PARAM) === '1') return null;
  if (!['node', 'from', 'to', 'cuts'].some((k) => params.has(k))) return null;
  const address = parseAddress(params);
  return serializeAddress(redactAddress(address.view, address.cuts, p));
}
