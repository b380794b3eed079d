import { describe, expect, it } from 'vitest';

import { ReachEngine } from './reach.ts';
import { summarizeAiNodes, summarizeReach, summarizeSources } from './summary.ts';
import { graphFrom, randomGraph } from './test-helpers.ts';

describe('summarizeSources', () => {
  it('agrees with summarizeReach over single-source reach on random graphs', () => {
    for (let seed = 20; seed < 26; seed++) {
      const g = randomGraph(seed, 70, 240);
      const sources = Array.from({ length: 70 }, (_, i) => i);
      const engine = new ReachEngine(g);
      const many = summarizeSources(g, sources);
      sources.forEach((s, i) => expect(many[i], `seed ${seed} source ${s}`).toEqual(summarizeReach(g, engine.run(s))));
    }
  });
});

describe('summarizeAiNodes', () => {
  it('summarises each AI integration: reach, crown jewels, sensitive stores, by kind and access', () => {
    const g = graphFrom(
      [
        'ai_agent:bot',
        'vector_store:kb',
        { id: 'data_store:notes', kind: 'data_store', sensitivity: 'confidential' },
        { id: 'data_store:ledger', kind: 'data_store', critical: true },
        'nhi:role',
        'mcp_server:fs',
        { id: 'saas_app:notetaker', kind: 'saas_app', category: 'ai' },
        'data_store:plain',
      ],
      [
        ['ai_agent:bot', 'retrieves', 'vector_store:kb'],
        ['vector_store:kb', 'indexes', 'data_store:notes'],
        ['ai_agent:bot', 'runs_as', 'nhi:role'],
        ['nhi:role', 'has_permission', 'data_store:ledger', { actions: ['write'] }],
        ['mcp_server:fs', 'runs_as', 'nhi:role'],
      ],
    );
    const summary = summarizeAiNodes(g);
    expect(summary.map((s) => s.node)).toEqual(['ai_agent:bot', 'mcp_server:fs', 'saas_app:notetaker']);
    expect(summary[0]).toEqual({
      node: 'ai_agent:bot',
      reached: 4,
      crownJewels: 2,
      sensitive: 1,
      byKind: { vector_store: 1, data_store: 2, nhi: 1 },
      byAccess: { control: 1, 'read-write': 0, read: 2, write: 1 },
    });
    expect(summary[1]).toMatchObject({ reached: 2, crownJewels: 1, sensitive: 0 });
    expect(summary[2]).toMatchObject({ reached: 0, crownJewels: 0 });
  });
});
