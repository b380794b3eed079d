import { afterEach, describe, expect, it } from 'vitest';

import { pseudonymize } from '../graph/pseudonyms.ts';
import { inventoryFrom } from '../graph/test-helpers.ts';
import { DEFAULT_VIEW } from '../lib/url-state.ts';

import { useAppStore } from './app-store.ts';
import type { Dataset } from './app-store.ts';
import { useReviewStore } from './review-store.ts';
import { startUrlSync } from './url-sync.ts';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  useAppStore.setState({ view: DEFAULT_VIEW });
  window.history.replaceState(null, '', '/');
});

describe('startUrlSync', () => {
  it('reads the view from the address bar on start', () => {
    window.history.replaceState(null, '', '/?view=explorer&node=agent%3Ax&mode=exposure&hops=2');
    stop = startUrlSync();
    expect(useAppStore.getState().view).toMatchObject({ node: 'agent:x', mode: 'exposure', hops: 2 });
  });

  it('writes selections as history entries and tweaks in place, and follows back/forward', () => {
    stop = startUrlSync();
    const before = window.history.length;
    useAppStore.getState().selectNode('agent:a');
    expect(window.location.search).toBe('?view=explorer&node=agent%3Aa&mode=reach');
    expect(window.history.length).toBe(before + 1);
    useAppStore.getState().setHops(3);
    expect(window.location.search).toContain('hops=3');
    expect(window.history.length).toBe(before + 1);

    window.history.replaceState(null, '', '/?view=explorer&node=agent%3Ab');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(useAppStore.getState().view.node).toBe('agent:b');
  });
});

describe('startUrlSync in redact mode', () => {
  const inventory = inventoryFrom(
    [
      { id: 'ai_agent:support', kind: 'ai_agent', name: 'Support bot' },
      { id: 'data_store:crm', kind: 'data_store', name: 'Customer CRM' },
      { id: 'credential:key', kind: 'credential', name: 'CRM key' },
    ],
    [
      ['ai_agent:support', 'uses', 'credential:key'],
      ['credential:key', 'authenticates_as', 'data_store:crm'],
    ],
  );
  const dataset = { label: 'inv.json', inventory } as unknown as Dataset;
  const edge = inventory.edges[1]!.id;
  const edgeHandle = pseudonymize(inventory).edges.get(edge)!;
  const real = ['ai_agent', 'support', 'crm', 'credential', 'Support', 'CRM', 'key'];
  const leaked = (): string[] => real.filter((s) => decodeURIComponent(window.location.search.replace(/\+/g, ' ')).includes(s));

  afterEach(() => {
    useAppStore.setState({ dataset: null });
    useReviewStore.setState({ redact: false, cuts: [], past: [], future: [] });
  });

  it('writes pseudonyms while redact is on and the ids again when it is off', () => {
    useAppStore.setState({ dataset });
    stop = startUrlSync();
    useAppStore.getState().selectNode('ai_agent:support');
    useReviewStore.getState().addCuts([{ edge }]);
    expect(window.location.search).toContain('node=ai_agent%3Asupport');
    expect(window.location.search).toContain('cuts=credential%3Akey');

    useReviewStore.getState().setRedact(true);
    expect(leaked()).toEqual([]);
    expect(new URLSearchParams(window.location.search).get('node')).toBe('AI agent 1');
    expect(new URLSearchParams(window.location.search).get('cuts')).toBe(edgeHandle);
    expect(new URLSearchParams(window.location.search).get('redact')).toBe('1');

    // New selections and cuts are written redacted too, selections as history entries.
    const before = window.history.length;
    useAppStore.getState().setPathEnds('ai_agent:support', 'data_store:crm');
    useReviewStore.getState().addCuts([{ node: 'credential:key' }]);
    expect(window.history.length).toBe(before + 1);
    expect(leaked()).toEqual([]);
    expect(window.location.search).toContain('to=Data+store+1');
    expect(new URLSearchParams(window.location.search).get('cuts')).toBe(`${edgeHandle},~Credential 1`);

    useReviewStore.getState().setRedact(false);
    const params = new URLSearchParams(window.location.search);
    expect(params.get('redact')).toBeNull();
    expect(params.get('to')).toBe('data_store:crm');
    expect(params.get('cuts')).toBe(`${edge.replace(/,/g, '%2C')},~credential:key`);
  });

  it('opens a redacted link: redact on, the address kept until the inventory arrives, then the same view', () => {
    const link = `/?view=explorer&node=AI+agent+1&mode=reach&hops=2&redact=1&cuts=${edgeHandle.replace(' ', '+')}`;
    window.history.replaceState(null, '', link);
    stop = startUrlSync();
    expect(useReviewStore.getState().redact).toBe(true);
    expect(useAppStore.getState().view).toMatchObject({ node: null, hops: 2 });
    // The app's first load resets the view from what it holds: the address is not rewritten meanwhile.
    useAppStore.getState().setView({ layout: null });
    expect(`${window.location.pathname}${window.location.search}`).toBe(link);

    useAppStore.setState({ dataset });
    expect(useAppStore.getState().view).toMatchObject({ node: 'ai_agent:support', mode: 'reach', hops: 2 });
    expect(useReviewStore.getState().cuts).toEqual([{ edge }]);
    expect(`${window.location.pathname}${window.location.search}`).toBe(link);
  });

  it('reads the link again when another inventory arrives (the sample first, then the file), until the user moves on', () => {
    const sampleLike = { label: 'sample.json', inventory: inventoryFrom([{ id: 'ai_agent:zz', kind: 'ai_agent', name: 'Other' }], []) } as unknown as Dataset;
    window.history.replaceState(null, '', `/?view=explorer&node=AI+agent+1&mode=reach&redact=1&cuts=${edgeHandle.replace(' ', '+')}`);
    stop = startUrlSync();
    useAppStore.setState({ dataset: sampleLike });
    // The sample has an "AI agent 1" of its own, and no such edge.
    expect(useAppStore.getState().view.node).toBe('ai_agent:zz');
    expect(useReviewStore.getState().cuts).toEqual([]);
    useAppStore.setState({ dataset });
    expect(useAppStore.getState().view.node).toBe('ai_agent:support');
    expect(useReviewStore.getState().cuts).toEqual([{ edge }]);
    expect(leaked()).toEqual([]);

    // A choice of the user's own ends it: the next inventory keeps what the user chose.
    useAppStore.getState().selectNode('data_store:crm');
    useAppStore.setState({ dataset: { ...dataset, label: 'v2.json' } as Dataset });
    expect(useAppStore.getState().view.node).toBe('data_store:crm');
    expect(new URLSearchParams(window.location.search).get('node')).toBe('Data store 1');
  });

  it('a back step to an entry written before redact was on is shown redacted, and keeps redact on', () => {
    useAppStore.setState({ dataset });
    stop = startUrlSync();
    useReviewStore.getState().setRedact(true);
    window.history.pushState(null, '', '/?view=explorer&node=data_store%3Acrm&mode=reach');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(useAppStore.getState().view.node).toBe('data_store:crm');
    expect(useReviewStore.getState().redact).toBe(true);
    expect(leaked()).toEqual([]);
    expect(new URLSearchParams(window.location.search).get('node')).toBe('Data store 1');

    // And a redacted entry is read back to ids.
    window.history.pushState(null, '', '/?view=explorer&node=Credential+1&mode=exposure&redact=1');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(useAppStore.getState().view).toMatchObject({ node: 'credential:key', mode: 'exposure' });
  });
});
