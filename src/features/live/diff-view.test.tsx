import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import { diffInventories } from '../../graph/diff.ts';
import { parseInventory } from '../../model/index.ts';
import type { Inventory } from '../../model/types.ts';
import { useLiveStore } from '../../store/live-store.ts';

import { chipText } from './live-controls.tsx';
import { LIST_CAP, fieldLine, presentDiff } from './diff-view.ts';
import { WhatChangedPanel } from './what-changed-panel.tsx';

function inventory(nodes: object[], edges: object[]): Inventory {
  const parsed = parseInventory({ file: 't.json', text: JSON.stringify({ format: 'pathlight-inventory', version: 1, nodes, edges }) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.inventory;
}

const before = inventory(
  [
    { id: 'agent:a', kind: 'ai_agent', name: 'Support bot' },
    { id: 'nhi:a', kind: 'nhi', name: 'bot-role' },
    { id: 'ds:wiki', kind: 'data_store', name: 'Wiki' },
    { id: 'ds:pay', kind: 'data_store', name: 'Payroll DB' },
  ],
  [
    { source: 'agent:a', target: 'nhi:a', kind: 'runs_as' },
    { source: 'nhi:a', target: 'ds:wiki', kind: 'has_permission', actions: ['read'] },
  ],
);
const after = inventory(
  [
    { id: 'agent:a', kind: 'ai_agent', name: 'Support bot' },
    { id: 'nhi:a', kind: 'nhi', name: 'bot-role', owner: 'platform' },
    { id: 'ds:pay', kind: 'data_store', name: 'Payroll DB', sensitivity: 'restricted' },
    { id: 'agent:x', kind: 'ai_agent', name: '<img src=x onerror="window.__xss=1">Shadow agent' },
  ],
  [
    { source: 'agent:a', target: 'nhi:a', kind: 'runs_as' },
    { source: 'nhi:a', target: 'ds:pay', kind: 'has_permission', actions: ['read'] },
  ],
);

describe('presentDiff', () => {
  it('names what was added, removed and changed, with the removed named from the old inventory', () => {
    const view = presentDiff(diffInventories({ inventory: before }, { inventory: after }), after);
    expect(view.nodes.added.items).toEqual([{ id: 'agent:x', name: '<img src=x onerror="window.__xss=1">Shadow agent', kind: 'AI agent' }]);
    expect(view.nodes.removed.items).toEqual([{ id: 'ds:wiki', name: 'Wiki', kind: 'data store' }]);
    expect(view.nodes.changed.items.map((c) => [c.name, c.fields.map((f) => `${f.field}: ${f.text}`)])).toEqual([
      ['Payroll DB', ['sensitivity: set to restricted']],
      ['bot-role', ['owner: set to platform']],
    ]);
    expect(view.edges.added.items.map((e) => e.label)).toEqual(['bot-role → Payroll DB']);
    expect(view.edges.removed.items.map((e) => e.label)).toEqual(['bot-role → Wiki']);
    const bot = view.reach.items.find((r) => r.node === 'agent:a')!;
    expect(bot.crownJewelsGained.map((n) => n.name)).toEqual(['Payroll DB']);
    expect(bot.lost.items.map((n) => n.name)).toEqual(['Wiki']);
    expect(view.headline).toContain('1 crown jewel newly reachable');
    expect(view.headline).toContain('1 node added');
    expect([...view.marks.added].sort()).toEqual(['agent:x', 'edge\u241fnhi:a|has_permission|ds:pay']);
    expect(view.marks.ghostNodes.map((g) => g.id)).toEqual(['ds:wiki']);
  });

  it('says "No change" for the same inventory, and caps long lists with a count', () => {
    expect(presentDiff(diffInventories({ inventory: before }, { inventory: before }), before).headline).toBe('No change');
    const many = inventory(
      Array.from({ length: LIST_CAP + 5 }, (_, i) => ({ id: `ds:${i}`, kind: 'data_store', name: `Store ${i}` })),
      [],
    );
    const view = presentDiff(diffInventories({ inventory: inventory([], []) }, { inventory: many }), many);
    expect(view.nodes.added.items).toHaveLength(LIST_CAP);
    expect(view.nodes.added.more).toBe(5);
  });

  it('writes field changes both ways', () => {
    expect(fieldLine({ field: 'f', old: 'a', new: 'b' }).text).toBe('a → b');
    expect(fieldLine({ field: 'f', old: ['x'] }).text).toBe('removed (was ["x"])');
    expect(fieldLine({ field: 'f', new: null }).text).toBe('set to null');
  });
});

describe('chipText', () => {
  it('says live, error with stale since, or connecting', () => {
    const connection = { url: 'http://127.0.0.1:8787/inventory', intervalS: 2, serial: 1 };
    const at = new Date(2026, 10, 22, 6, 40, 2).getTime();
    expect(chipText({ status: 'live', error: null, lastCheckAt: at, lastSuccessAt: at, connection })).toEqual({ tone: 'live', title: 'Live', detail: 'checked 06:40:02' });
    expect(chipText({ status: 'error', error: '503 Service Unavailable', lastCheckAt: at + 5000, lastSuccessAt: at, connection }).detail).toBe(
      'stale since 06:40:02 · 503 Service Unavailable',
    );
    expect(chipText({ status: 'connecting', error: null, lastCheckAt: null, lastSuccessAt: null, connection }).detail).toBe('to 127.0.0.1:8787/inventory…');
  });
});

describe('WhatChangedPanel', () => {
  beforeEach(() => {
    useLiveStore.setState({ history: [], connection: null });
  });

  it('lists the history newest first, the newest open, and renders names as text', () => {
    const first = presentDiff(diffInventories({ inventory: before }, { inventory: after }), after);
    const second = presentDiff(diffInventories({ inventory: after }, { inventory: before }), before);
    useLiveStore.getState().addHistory({ at: Date.now(), origin: 'refresh', title: 'Refresh at 06:41:00', view: first });
    useLiveStore.getState().addHistory({ at: Date.now(), origin: 'refresh', title: 'Refresh at 06:42:00', view: second });
    render(<WhatChangedPanel />);
    const region = screen.getByRole('region', { name: 'What changed' });
    const entries = within(region).getByRole('list', { name: 'History' }).querySelectorAll(':scope > li');
    expect(entries).toHaveLength(2);
    expect(entries[0]!.textContent).toContain('Refresh at 06:42:00');
    expect(entries[0]!.querySelector('details')!.open).toBe(true);
    expect(entries[1]!.querySelector('details')!.open).toBe(false);
    // The older entry names the hostile node as text; no element is created from it.
    expect(entries[1]!.textContent).toContain('<img src=x onerror="window.__xss=1">Shadow agent');
    expect(region.querySelector('img')).toBeNull();
    expect(within(region).getByRole('button', { name: 'Compare with…' })).toBeInTheDocument();
  });
});
