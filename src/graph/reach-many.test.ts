import { describe, expect, it } from 'vitest';

import { ReachEngine } from './reach.ts';
import { reachCounts, reachManyMasks } from './reach-many.ts';
import { randomGraph } from './test-helpers.ts';

describe('reachManyMasks', () => {
  it.each([
    ['unbounded (condensed state graph)', undefined],
    ['bounded (level-synchronous)', 1000],
  ])('gives every source exactly the reached set and access of a single-source reach: %s', (_label, maxHops) => {
    for (let seed = 1; seed <= 12; seed++) {
      const g = randomGraph(seed, 80, 260);
      const sources = Array.from({ length: 70 }, (_, i) => (i * 7) % 80);
      const engine = new ReachEngine(g);
      let offset = 0;
      const options = maxHops === undefined ? {} : { maxHops };
      reachManyMasks(g, sources, (batch, { read, write, control }, depth) => {
        batch.forEach((s, i) => {
          const bit = 1 << i;
          const single = engine.run(s);
          for (let v = 0; v < 80; v++) {
            const bits = (read[v]! & bit ? 1 : 0) | (write[v]! & bit ? 2 : 0) | (control[v]! & bit ? 4 : 0);
            expect(bits, `seed ${seed} source ${s} node ${v}`).toBe(single.has(v) ? single.bits(v) : 0);
          }
          const singleDepth = Math.max(0, ...Array.from(single.nodes(), (v) => single.hops(v)));
          expect(depth?.[i] ?? singleDepth, `depth seed ${seed} source ${s}`).toBe(singleDepth);
          expect(depth === null).toBe(maxHops === undefined);
        });
        offset += batch.length;
      }, options);
      expect(offset).toBe(70);
    }
  });

  it('honours maxHops and switched-off edges', () => {
    const g = randomGraph(3, 60, 200);
    const off = new Uint8Array(g.index.edgeCount);
    for (let j = 0; j < off.length; j += 3) off[j] = 1;
    const sources = Array.from({ length: 60 }, (_, i) => i);
    const engine = new ReachEngine(g);
    for (const options of [{ maxHops: 2 }, { disabledEdges: off }, { maxHops: 3, disabledEdges: off }, {}]) {
      const counts = reachCounts(g, sources, options);
      sources.forEach((s, i) => expect(counts[i], JSON.stringify(options)).toBe(engine.run(s, options).size));
    }
  });
});
