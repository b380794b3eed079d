import { describe, expect, it } from 'vitest';

import { pseudonymize } from '../graph/pseudonyms.ts';
import { inventoryFrom } from '../graph/test-helpers.ts';
import type { Cut } from '../graph/what-if.ts';

import { addressFor, parseAddress, redactAddress, redactSearch, resolveAddress, serializeAddress } from './address.ts';
import { DEFAULT_VIEW } from './url-state.ts';
import type { ViewState } from './url-state.ts';

// Ids and names that would survive a naive search for them in a URL in several spellings.
const inventory = inventoryFrom(
  [
    { id: 'ai_agent:support bot', kind: 'ai_agent', name: 'Support bot "Nora"' },
    { id: 'ai_agent:a,b~c%d', kind: 'ai_agent', name: 'Comma agent' },
    { id: 'data_store:payroll&=db', kind: 'data_store', name: 'Payroll <db>' },
    { id: 'credential:ключ', kind: 'credential', name: 'Ключ' },
  ],
  [
    ['ai_agent:support bot', 'reads', 'data_store:payroll&=db'],
    ['ai_agent:a,b~c%d', 'uses', 'credential:ключ'],
    ['credential:ключ', 'authenticates_as', 'data_store:payroll&=db'],
  ],
);
const p = pseudonymize(inventory);
const edgeIds = inventory.edges.map((e) => e.id);

const view: ViewState = { ...DEFAULT_VIEW, node: 'ai_agent:support bot', mode: 'path', from: 'ai_agent:a,b~c%d', to: 'data_store:payroll&=db', hops: 3, layout: 'layered' };
const cuts: Cut[] = [{ edge: edgeIds[0]! }, { node: 'credential:ключ' }, { edge: edgeIds[2]! }];

/** Every spelling of an id or name a URL could carry: raw, percent-encoded, form-encoded. */
function leaks(search: string): string[] {
  const forms = [search, decodeURIComponent(search.replace(/\+/g, ' '))];
  const secrets = [...inventory.nodes.flatMap((n) => [n.id, n.name]), ...edgeIds];
  return secrets.filter((s) => forms.some((f) => f.includes(s) || f.includes(encodeURIComponent(s)) || f.includes(new URLSearchParams({ x: s }).toString().slice(2))));
}

describe('the address bar', () => {
  it('round-trips a view and its cuts with real ids, whatever the ids hold', () => {
    const search = serializeAddress({ view, cuts, redacted: false });
    expect(search).not.toContain('redact=');
    const back = parseAddress(search);
    expect(back).toEqual({ view, cuts, redacted: false });
    expect(addressFor(view, cuts, null)).toBe(search);
  });

  it('in redact mode holds pseudonyms and redact=1, and no id or name in any spelling', () => {
    const search = addressFor(view, cuts, { pseudonyms: p });
    expect(leaks(search)).toEqual([]);
    const params = new URLSearchParams(search);
    expect(params.get('redact')).toBe('1');
    expect(params.get('node')).toBe('AI agent 2');
    expect(params.get('from')).toBe('AI agent 1');
    expect(params.get('to')).toBe('Data store 1');
    expect(params.get('cuts')!.split(',')).toHaveLength(3);
    // What is not an id stays as it is.
    expect(params.get('mode')).toBe('path');
    expect(params.get('hops')).toBe('3');
    expect(params.get('layout')).toBe('layered');
  });

  it('reads a redacted address back to the same view and cuts with the same inventory', () => {
    const search = addressFor(view, cuts, { pseudonyms: p });
    const read = parseAddress(search);
    expect(read.redacted).toBe(true);
    // Another page, the same inventory (its files read in another order): pseudonyms computed afresh.
    const again = pseudonymize({ nodes: [...inventory.nodes].reverse(), edges: [...inventory.edges].reverse() });
    const resolved = resolveAddress(read, again);
    expect(resolved).toEqual({ view, cuts: cuts.map((c) => ('edge' in c ? { edge: c.edge } : { node: c.node })), redacted: false });
    // And written again, the same URL.
    expect(addressFor(resolved.view, resolved.cuts, { pseudonyms: p })).toBe(search);
  });

  it('leaves out ids the inventory does not know, and drops handles it does not know', () => {
    const stranger: ViewState = { ...DEFAULT_VIEW, node: 'ai_agent:gone', from: 'ai_agent:support bot' };
    const red = redactAddress(stranger, [{ edge: 'x|reads|y' }, { node: 'ai_agent:gone' }, { edge: edgeIds[1]! }], p);
    expect(red.view.node).toBeNull();
    expect(red.view.from).toBe('AI agent 2');
    expect(red.cuts).toEqual([{ edge: p.edges.get(edgeIds[1]!) }]);
    expect(serializeAddress(red)).not.toContain('gone');
    // Without an inventory nothing is written at all.
    expect(redactAddress(view, cuts, null)).toMatchObject({ view: { node: null, from: null, to: null }, cuts: [] });

    const read = resolveAddress(parseAddress('view=explorer&redact=1&node=AI+agent+9&cuts=edge+99,edge+1,~Data+store+1'), p);
    expect(read.view.node).toBeNull();
    expect(read.cuts).toEqual([{ edge: [...p.edges].find(([, h]) => h === 'edge 1')![0] }, { node: 'data_store:payroll&=db' }]);
    // A real id in a redacted address is not taken as an id either.
    expect(resolveAddress(parseAddress('view=explorer&redact=1&node=ai_agent%3Asupport+bot'), p).view.node).toBeNull();
  });

  it('rewrites a link to a view in redacted form and leaves other links alone', () => {
    const link = redactSearch('?view=explorer&node=ai_agent%3Asupport+bot&mode=reach&source=https%3A%2F%2Finv.example%2Fa.json&extra=ai_agent%3Asupport+bot', p)!;
    expect(leaks(link)).toEqual([]);
    expect(new URLSearchParams(link).get('source')).toBe('https://inv.example/a.json');
    expect(new URLSearchParams(link).get('node')).toBe('AI agent 2');
    expect(redactSearch('?view=board', p)).toBeNull();
    expect(redactSearch(link, p)).toBeNull();
  });
});
