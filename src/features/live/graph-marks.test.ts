import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';

import { EMPTY_MARKS } from '../../store/live-store.ts';

import { GHOST_OFFSET, GHOST_PREFIX, applyDriftMarks } from './graph-marks.ts';

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

describe('applyDriftMarks', () => {
  it('marks added elements, draws removed ones as ghosts by a neighbour they had, and clears both', () => {
    const c = drawn();
    applyDriftMarks(c, {
      added: new Set(['nhi:a', `${E}agent:a|runs_as|nhi:a`, 'not:drawn']),
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
    expect(c.$('.drift-added').map((e) => e.id()).sort()).toEqual([`${E}agent:a|runs_as|nhi:a`, 'nhi:a']);
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

    applyDriftMarks(c, EMPTY_MARKS);
    expect(c.$('.drift-added, .ghost')).toHaveLength(0);
    expect(c.nodes()).toHaveLength(3);
  });

  it('re-applying the same marks does not duplicate ghosts', () => {
    const c = drawn();
    const marks = { added: new Set<string>(), ghostNodes: [{ id: 'ds:wiki', kind: 'data_store', name: 'Wiki' }], ghostEdges: [] };
    applyDriftMarks(c, marks);
    applyDriftMarks(c, marks);
    expect(c.$('.ghost')).toHaveLength(1);
  });
});
