import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_VIEW } from '../lib/url-state.ts';

import { useAppStore } from './app-store.ts';

afterEach(() => {
  useAppStore.setState({ view: DEFAULT_VIEW, selectedEdge: null, detailsOpen: false, detailsFocus: false });
});

describe('the details drawer opens on request only', () => {
  it('stays closed when a node or an edge is selected', () => {
    const s = useAppStore.getState;
    s().selectNode('agent:a');
    expect(s().detailsOpen).toBe(false);
    s().focusNode('nhi:b', 'exposure');
    expect(s().detailsOpen).toBe(false);
    s().selectEdge('nhi:b|has_permission|ds:c');
    expect(s().detailsOpen).toBe(false);
  });

  it('once asked for, follows the selection and closes when the selection is cleared', () => {
    const s = useAppStore.getState;
    s().selectNode('agent:a');
    s().openDetails({ focus: true });
    expect(s().detailsOpen).toBe(true);
    expect(s().detailsFocus).toBe(true);
    s().detailsFocused();
    expect(s().detailsFocus).toBe(false);
    s().selectNode('agent:b');
    s().selectEdge('agent:b|uses|tool:c');
    s().focusNode('tool:c', 'reach');
    expect(s().detailsOpen).toBe(true);
    expect(s().detailsFocus).toBe(false);
    s().selectNode(null);
    expect(s().detailsOpen).toBe(false);
  });

  it('closing drops a pending focus request', () => {
    const s = useAppStore.getState;
    s().selectNode('agent:a');
    s().openDetails({ focus: true });
    s().closeDetails();
    expect(s().detailsOpen).toBe(false);
    expect(s().detailsFocus).toBe(false);
    s().openDetails();
    expect(s().detailsFocus).toBe(false);
  });
});
