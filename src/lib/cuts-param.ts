/**
 * What-if cuts as one URL parameter: `cuts=<edge id>,<edge id>,~<node id>`. Edge ids as they are; a removed
 * node is written with a leading `~`. Inside an id, `%`, `,` and a leading `~` are escaped (%25, %2C, %7E)
 * so any id survives the round trip; URLSearchParams does the rest of the URL encoding.
 */
import type { Cut } from '../graph/what-if.ts';

const escapeId = (id: string): string => id.replace(/%/g, '%25').replace(/,/g, '%2C').replace(/^~/, '%7E');
const unescapeId = (s: string): string => s.replace(/%2C/gi, ',').replace(/%7E/gi, '~').replace(/%25/g, '%');

export function encodeCuts(cuts: readonly Cut[]): string {
  return cuts.map((c) => ('edge' in c ? escapeId(c.edge) : `~${escapeId(c.node)}`)).join(',');
}

export function decodeCuts(raw: string | null): Cut[] {
  if (raw === null || raw === '') return [];
  const out: Cut[] = [];
  for (const part of raw.split(',')) {
    if (part === '' || part === '~') continue;
    out.push(part.startsWith('~') ? { node: unescapeId(part.slice(1)) } : { edge: unescapeId(part) });
  }
  return out;
}

/** The `cuts` value of a search string, or a search string with `cuts` set (removed when there are none). */
export function readCutsParam(search: string): Cut[] {
  return decodeCuts(new URLSearchParams(search).get('cuts'));
}

export function writeCutsParam(search: string, cuts: readonly Cut[]): string {
  const p = new URLSearchParams(search);
  if (cuts.length === 0) p.delete('cuts');
  else p.set('cuts', encodeCuts(cuts));
  return p.toString();
}

export const cutKey = (c: Cut): string => ('edge' in c ? `e\u241f${c.edge}` : `n\u241f${c.node}`);
