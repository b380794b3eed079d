import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_VIEW } from '../lib/url-state.ts';

import { useAppStore } from './app-store.ts';
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
