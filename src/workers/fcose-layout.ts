/**
 * fcose over a headless Cytoscape instance: the overview layout, computed off the main thread (this module
 * is imported lazily by the worker, so Cytoscape lands in its own chunk and only when a layout is needed).
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

import type { LayoutInput, Positions } from './analysis-protocol.ts';

let registered = false;

/** fcose draws its start positions from Math.random; seeding it makes a shared link redraw the same picture. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(input: LayoutInput): number {
  let h = 2166136261;
  for (const n of input.nodes) for (let i = 0; i < n.id.length; i++) h = Math.imul(h ^ n.id.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function runFcose(input: LayoutInput): Positions {
  if (!registered) {
    cytoscape.use(fcose);
    registered = true;
  }
  const known = new Set(input.nodes.map((n) => n.id));
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
    elements: [
      ...input.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, size: n.size } })),
      ...input.edges
        .filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target)
        .map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.source, target: e.target } })),
    ],
  });
  const random = Math.random;
  Math.random = seeded(seedOf(input));
  try {
    const n = input.nodes.length;
    cy.layout({
      name: 'fcose',
      animate: false,
      randomize: true,
      quality: n > 2500 ? 'draft' : 'default',
      nodeRepulsion: () => 7000,
      idealEdgeLength: () => 78,
      nodeSeparation: 80,
      gravity: 0.4,
      packComponents: true,
      // NOTE: fcose's `ready`/`stop` types clash with LayoutOptions; we run synchronously instead.
    } as cytoscape.LayoutOptions).run();
    const out: Positions = {};
    cy.nodes().forEach((node) => {
      const p = node.position();
      out[node.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
    });
    return out;
  } finally {
    Math.random = random;
    cy.destroy();
  }
}
