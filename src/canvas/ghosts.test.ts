import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';

import { GHOST_OFFSET, GHOST_PREFIX, applyGhosts } from './ghosts.ts';

const E = 'edge\u241f';
let cy: cytoscape.Core | null = null;

function drawn(): cytoscape.Core {
  cy = cytoscape({
    headless: true,
    layout: { name: 'preset' },
    elements: [
      { group: 'nodes', data: { id: 'agent:a' }, position: { x: 0, y: 0 } },
      { group: 'nodes', data: { id: 'nhi:a' }, position: { x: 100, y: 0 } },
      { group: 'nodes', data: { id: 'group\u241fdata_store' }, classes: 'group', position: { x: 300, y: 0 } },
      { group: 'edges', data: { id: `${E}agent:a|runs_as|nhi:a`, source: 'agent:a', target: 'nhi:a' } },
    ],
  });
  return cy;
}

afterEach(() => {
  cy?.destroy();
  cy = null;
});

describe('applyGhosts', () => {
  it('draws removed elements as ghosts by a neighbour they had, and clears them', () => {
    const c = drawn();
    applyGhosts(c, {
      ghostNodes: [
        { id: 'ds:wiki', kind: 'data_store', name: 'Team wiki' },
        { id: 'ds:far', kind: 'data_store', name: 'Orphan store' },
      ],
      ghostEdges: [
        { id: 'nhi:a|reads|ds:wiki', source: 'nhi:a', target: 'ds:wiki', kind: 'reads' },
        // An endpoint that is not drawn (folded into a group): no ghost edge.
        { id: 'x:hidden|reads|ds:far', source: 'x:hidden', target: 'ds:far', kind: 'reads' },
      ],
    });
    const wiki = c.getElementById(`${GHOST_PREFIX}ds:wiki`);
    expect(wiki.hasClass('ghost')).toBe(true);
    expect(wiki.data('label')).toBe('Team wiki (removed)');
    // Placed next to the identity that read it, not at the origin.
    const p = wiki.position();
    expect(Math.hypot(p.x - 100, p.y - 0)).toBeCloseTo(GHOST_OFFSET, 5);
    expect(c.getElementById(`${GHOST_PREFIX}${E}nhi:a|reads|ds:wiki`).data('source')).toBe('nhi:a');
    expect(c.getElementById(`${GHOST_PREFIX}${E}x:hidden|reads|ds:far`).empty()).toBe(true);
    // With no drawn neighbour, a ghost goes right of the drawing.
    expect(c.getElementById(`${GHOST_PREFIX}ds:far`).position().x).toBeGreaterThan(300);

    applyGhosts(c, { ghostNodes: [], ghostEdges: [] });
    expect(c.$('.ghost')).toHaveLength(0);
    expect(c.nodes()).toHaveLength(3);
  });

  it('re-applying the same marks does not duplicate ghosts', () => {
    const c = drawn();
    const marks = { ghostNodes: [{ id: 'ds:wiki', kind: 'data_store', name: 'Wiki' }], ghostEdges: [] };
    applyGhosts(c, marks);
    applyGhosts(c, marks);
    expect(c.$('.ghost')).toHaveLength(1);
  });
});
