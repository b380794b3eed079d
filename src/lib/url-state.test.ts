import { describe, expect, it } from 'vitest';

import { DEFAULT_VIEW, effectiveLayout, parseViewParams, serializeViewParams } from './url-state.ts';

describe('parseViewParams', () => {
  it('reads every key of a shared link', () => {
    expect(parseViewParams('?view=explorer&node=agent%3Asupport&mode=exposure&hops=3&layout=layered&source=%2Fx.json')).toEqual({
      view: 'explorer',
      node: 'agent:support',
      mode: 'exposure',
      from: null,
      to: null,
      hops: 3,
      layout: 'layered',
      source: '/x.json',
      interval: null,
    });
  });

  it('reads a live interval only with a source, whole seconds, at least 2', () => {
    expect(parseViewParams('?source=http%3A%2F%2F127.0.0.1%3A8787%2Finventory&interval=5').interval).toBe(5);
    expect(parseViewParams('?source=%2Fx.json&interval=0.5').interval).toBe(2);
    expect(parseViewParams('?source=%2Fx.json&interval=soon').interval).toBe(2);
    expect(parseViewParams('?source=%2Fx.json&interval=7.9').interval).toBe(7);
    expect(parseViewParams('?interval=5').interval).toBeNull();
    expect(serializeViewParams({ ...DEFAULT_VIEW, source: 'http://h/i', interval: 3 })).toBe('view=explorer&source=http%3A%2F%2Fh%2Fi&interval=3');
  });

  it('falls back per key on malformed values', () => {
    const v = parseViewParams('?mode=sideways&hops=-2&layout=spiral&view=nope&node=');
    expect(v.mode).toBe('reach');
    expect(v.hops).toBeNull();
    expect(v.layout).toBe('force');
    expect(v.view).toBe('explorer');
    expect(v.node).toBeNull();
  });

  it('rejects a zero or non-numeric hop limit', () => {
    expect(parseViewParams('?hops=0').hops).toBeNull();
    expect(parseViewParams('?hops=2x').hops).toBeNull();
  });
});

describe('serializeViewParams', () => {
  it('round-trips a path view, ids with reserved characters included', () => {
    const view = { ...DEFAULT_VIEW, mode: 'path' as const, from: 'human:a&b', to: 'ds:x?y#z', layout: 'layered' as const };
    const text = serializeViewParams(view);
    expect(parseViewParams(text)).toEqual(view);
  });

  it('omits what is at its default', () => {
    expect(serializeViewParams(DEFAULT_VIEW)).toBe('view=explorer');
  });
});

describe('effectiveLayout', () => {
  it('defaults to layered for paths and force otherwise, unless chosen', () => {
    expect(effectiveLayout({ mode: 'path', layout: null })).toBe('layered');
    expect(effectiveLayout({ mode: 'reach', layout: null })).toBe('force');
    expect(effectiveLayout({ mode: 'reach', layout: null, node: 'agent:a' })).toBe('layered');
    expect(effectiveLayout({ mode: 'exposure', layout: 'force', node: 'agent:a' })).toBe('force');
    expect(effectiveLayout({ mode: 'path', layout: 'force' })).toBe('force');
  });
});
