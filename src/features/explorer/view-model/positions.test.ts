import { beforeEach, describe, expect, it, vi } from 'vitest';

import { smallEstateGraph } from '../../../test/small-estate.ts';

import { getPositionCache, inventoryFingerprint, placeIncrementally, savePositionCache, shelfPositions } from './positions.ts';

describe('inventoryFingerprint', () => {
  it('is the same for the same content and differs when an id changes', () => {
    const a = smallEstateGraph();
    expect(inventoryFingerprint(a)).toBe(inventoryFingerprint(smallEstateGraph()));
    const other = { ...a, nodes: a.nodes.map((n, i) => (i === 0 ? { ...n, id: 'human:bob' } : n)) };
    expect(inventoryFingerprint(other)).not.toBe(inventoryFingerprint(a));
  });
});

describe('position cache', () => {
  beforeEach(() => localStorage.clear());

  it('survives a reload through localStorage, keyed by fingerprint', () => {
    const cache = getPositionCache('fp-1');
    cache.set('a', { x: 1, y: 2 });
    vi.useFakeTimers();
    savePositionCache('fp-1');
    savePositionCache('fp-1');
    // Written soon, once, not during the frame that asked.
    expect(localStorage.getItem('pathlight.positions.fp-1')).toBeNull();
    vi.advanceTimersByTime(1000);
    vi.useRealTimers();
    expect(JSON.parse(localStorage.getItem('pathlight.positions.fp-1')!)).toEqual({ a: { x: 1, y: 2 } });
    expect(getPositionCache('fp-2').size).toBe(0);
  });
});

describe('placeIncrementally', () => {
  it('puts new nodes near their placed neighbours, never on top of each other', () => {
    const positions = new Map([['hub', { x: 1000, y: 1000 }]]);
    const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
    const placed = placeIncrementally(ids, () => ['hub'], positions);
    expect(placed).toHaveLength(30);
    const points = ids.map((id) => positions.get(id)!);
    for (const p of points) expect(Math.hypot(p.x - 1000, p.y - 1000)).toBeLessThan(500);
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)).toBeGreaterThan(20);
  });

  it('places nodes with no placed neighbour in rows below the drawing', () => {
    const positions = new Map([['a', { x: 0, y: 0 }]]);
    placeIncrementally(['lonely'], () => [], positions);
    expect(positions.get('lonely')!.y).toBeGreaterThan(0);
  });
});

describe('shelfPositions', () => {
  it('stands group badges right of the drawing, in columns, never overlapping', () => {
    const drawn = [
      { x: -300, y: -200 },
      { x: 500, y: 400 },
    ];
    const groups = Array.from({ length: 9 }, (_, i) => ({ id: `g${i}`, size: 60 + i * 10 }));
    const shelf = shelfPositions(groups, drawn, 6);
    expect(shelf.size).toBe(9);
    const boxes = groups.map((g) => ({ ...shelf.get(g.id)!, r: g.size / 2 }));
    for (const b of boxes) expect(b.x - b.r).toBeGreaterThan(500);
    expect(boxes[0]!.y - boxes[0]!.r).toBe(-200);
    // Two columns: the seventh badge starts the second one at the top again.
    expect(boxes[6]!.x).toBeGreaterThan(boxes[5]!.x);
    expect(boxes[6]!.y).toBeLessThan(boxes[5]!.y);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart = Math.abs(a.x - b.x) >= a.r + b.r || Math.abs(a.y - b.y) >= a.r + b.r + 40;
        expect(apart).toBe(true);
      }
  });
});
