import { describe, expect, it } from 'vitest';

import { UnknownNodeError } from './build-graph.ts';
import { computeReach } from './reach.ts';
import { graphFrom, reachTable } from './test-helpers.ts';

const reachOf = (g: ReturnType<typeof graphFrom>, id: string, opts = {}) => reachTable(computeReach(g, id, opts).toEntries());

describe('computeReach', () => {
  it('starts with control of the source and does not list the source', () => {
    const g = graphFrom(['ai_agent:a', 'ai_agent:b'], [['ai_agent:a', 'delegates_to', 'ai_agent:b'], ['ai_agent:b', 'delegates_to', 'ai_agent:a']]);
    expect(reachOf(g, 'ai_agent:a')).toEqual({ 'ai_agent:b': 'control@1' });
  });

  it('follows every traversable edge from a controlled node', () => {
    const g = graphFrom(
      ['ai_agent:a', 'mcp_server:s', 'tool:t', 'cloud_resource:vm', 'nhi:role', 'data_store:d'],
      [
        ['ai_agent:a', 'connects_to', 'mcp_server:s'],
        ['mcp_server:s', 'provides', 'tool:t'],
        ['tool:t', 'executes', 'cloud_resource:vm'],
        ['cloud_resource:vm', 'runs_as', 'nhi:role'],
        ['nhi:role', 'reads', 'data_store:d'],
      ],
    );
    expect(reachOf(g, 'ai_agent:a')).toEqual({
      'mcp_server:s': 'control@1',
      'tool:t': 'control@2',
      'cloud_resource:vm': 'control@3',
      'nhi:role': 'control@4',
      'data_store:d': 'read@5',
    });
  });

  it('from a read-only node follows only stores and indexes', () => {
    const g = graphFrom(
      ['ai_agent:a', 'data_store:d', 'credential:k', 'data_store:e', 'nhi:x', 'vector_store:v', 'data_store:inner'],
      [
        ['ai_agent:a', 'reads', 'data_store:d'],
        ['data_store:d', 'stores', 'credential:k'],
        ['data_store:d', 'reads', 'data_store:e'],
        ['data_store:d', 'runs_as', 'nhi:x'],
        ['ai_agent:a', 'retrieves', 'vector_store:v'],
        ['vector_store:v', 'indexes', 'data_store:inner'],
      ],
    );
    const r = reachOf(g, 'ai_agent:a');
    expect(r['credential:k']).toBe('control@2');
    expect(r['data_store:inner']).toBe('read@2');
    expect(r).not.toHaveProperty('data_store:e');
    expect(r).not.toHaveProperty('nhi:x');
  });

  it('follows nothing from a write-only node', () => {
    const g = graphFrom(
      ['ai_agent:a', 'tool:t', 'data_store:d', 'credential:k', 'model:m', 'nhi:n'],
      [
        ['ai_agent:a', 'has_tool', 'tool:t'],
        ['tool:t', 'writes', 'data_store:d'],
        ['data_store:d', 'stores', 'credential:k'],
        ['ai_agent:a', 'uses_model', 'model:m'],
        ['model:m', 'deployed_on', 'nhi:n'],
      ],
    );
    expect(reachOf(g, 'ai_agent:a')).toEqual({ 'tool:t': 'control@1', 'data_store:d': 'write@2', 'model:m': 'write@1' });
  });

  it('writing into a bucket that stores a key does not give the key; reading it does', () => {
    const nodes = ['nhi:role', 'data_store:bucket', 'credential:key', 'saas_app:crm'];
    const chain: [string, string, string][] = [
      ['data_store:bucket', 'stores', 'credential:key'],
      ['credential:key', 'authenticates_as', 'saas_app:crm'],
    ];
    const writer = graphFrom(nodes, [['nhi:role', 'writes', 'data_store:bucket'], ...chain]);
    expect(reachOf(writer, 'nhi:role')).toEqual({ 'data_store:bucket': 'write@1' });
    const reader = graphFrom(nodes, [['nhi:role', 'reads', 'data_store:bucket'], ...chain]);
    expect(reachOf(reader, 'nhi:role')).toEqual({
      'data_store:bucket': 'read@1',
      'credential:key': 'control@2',
      'saas_app:crm': 'control@3',
    });
  });

  it('a credential that gains only write access is held with control', () => {
    const g = graphFrom(['human:h', 'credential:k', 'nhi:svc'], [['human:h', 'writes', 'credential:k'], ['credential:k', 'authenticates_as', 'nhi:svc']]);
    expect(reachOf(g, 'human:h')).toEqual({ 'credential:k': 'control@1', 'nhi:svc': 'control@2' });
  });

  it('reading a vector store that indexes a confidential table reaches the table with read', () => {
    const g = graphFrom(
      ['ai_agent:bot', 'vector_store:kb', { id: 'data_store:notes', kind: 'data_store', sensitivity: 'confidential' }],
      [['ai_agent:bot', 'retrieves', 'vector_store:kb'], ['vector_store:kb', 'indexes', 'data_store:notes']],
    );
    expect(reachOf(g, 'ai_agent:bot')).toEqual({ 'vector_store:kb': 'read@1', 'data_store:notes': 'read@2' });
  });

  it("a group's permissions reach its members' blast radius through member_of", () => {
    const g = graphFrom(
      ['human:alice', 'group:admins', 'data_store:db'],
      [['human:alice', 'member_of', 'group:admins'], ['group:admins', 'has_permission', 'data_store:db', { actions: ['read', 'delete'] }]],
    );
    expect(reachOf(g, 'human:alice')).toEqual({ 'group:admins': 'control@1', 'data_store:db': 'read-write@2' });
  });

  it('maps has_permission actions to bits: admin/invoke C, read R, write/delete W, others nothing, none C', () => {
    const g = graphFrom(
      ['nhi:r', 'data_store:a', 'data_store:b', 'data_store:c', 'data_store:d', 'data_store:e', 'data_store:f', 'data_store:g'],
      [
        ['nhi:r', 'has_permission', 'data_store:a', { actions: ['admin'] }],
        ['nhi:r', 'has_permission', 'data_store:b', { actions: ['invoke'] }],
        ['nhi:r', 'has_permission', 'data_store:c', { actions: ['read'] }],
        ['nhi:r', 'has_permission', 'data_store:d', { actions: ['write'] }],
        ['nhi:r', 'has_permission', 'data_store:e', { actions: ['list', 'describe'] }],
        ['nhi:r', 'has_permission', 'data_store:f'],
        ['nhi:r', 'has_permission', 'data_store:g', { actions: [] }],
      ],
    );
    expect(reachOf(g, 'nhi:r')).toEqual({
      'data_store:a': 'control@1',
      'data_store:b': 'control@1',
      'data_store:c': 'read@1',
      'data_store:d': 'write@1',
      'data_store:f': 'control@1',
      'data_store:g': 'control@1',
    });
  });

  it('grants remembers read and write, uses_model and routes_to write only', () => {
    const g = graphFrom(
      ['ai_agent:a', 'memory_store:m', 'ai_gateway:gw', 'model:x'],
      [['ai_agent:a', 'remembers', 'memory_store:m'], ['ai_agent:a', 'uses_model', 'ai_gateway:gw'], ['ai_gateway:gw', 'routes_to', 'model:x']],
    );
    expect(reachOf(g, 'ai_agent:a')).toEqual({ 'memory_store:m': 'read-write@1', 'ai_gateway:gw': 'write@1' });
  });

  it('never follows depends_on, renders_to, unknown kinds or traversable:false edges', () => {
    const g = graphFrom(
      ['ai_agent:a', 'package:p', 'client_ui:ui', 'data_store:d', 'data_store:e'],
      [
        ['ai_agent:a', 'depends_on', 'package:p'],
        ['ai_agent:a', 'renders_to', 'client_ui:ui'],
        ['ai_agent:a', 'teleports_to', 'data_store:d'],
        ['ai_agent:a', 'reads', 'data_store:e', { traversable: false }],
      ],
    );
    expect(reachOf(g, 'ai_agent:a')).toEqual({});
  });

  it('reports hops of the first bit and the access of all bits gained', () => {
    // d is written at hop 1 and read at hop 3: access read-write, hops 1.
    const g = graphFrom(
      ['nhi:a', 'data_store:d', 'nhi:b', 'nhi:c'],
      [
        ['nhi:a', 'writes', 'data_store:d'],
        ['nhi:a', 'can_assume', 'nhi:b'],
        ['nhi:b', 'can_assume', 'nhi:c'],
        ['nhi:c', 'reads', 'data_store:d'],
      ],
    );
    const r = computeReach(g, 'nhi:a');
    const d = r.toEntries().find((e) => e.id === 'data_store:d')!;
    expect(d).toEqual({ id: 'data_store:d', hops: 1, access: 'read-write', path: ['nhi:a|writes|data_store:d'] });
  });

  it('upgrades a node first read to control later and follows its edges from then on', () => {
    // s is read at hop 1 (only stores followed), controlled at hop 2 via a credential: then its runs_as is followed.
    const g = graphFrom(
      ['ai_agent:a', 'saas_app:s', 'credential:k', 'nhi:n', 'data_store:x'],
      [
        ['ai_agent:a', 'reads', 'saas_app:s'],
        ['ai_agent:a', 'uses_credential', 'credential:k'],
        ['credential:k', 'authenticates_as', 'nhi:n'],
        ['nhi:n', 'has_permission', 'saas_app:s', { actions: ['admin'] }],
        ['saas_app:s', 'reads', 'data_store:x'],
      ],
    );
    expect(reachOf(g, 'ai_agent:a')).toEqual({
      'saas_app:s': 'control@1',
      'credential:k': 'control@1',
      'nhi:n': 'control@2',
      'data_store:x': 'read@4',
    });
    const r = computeReach(g, 'ai_agent:a');
    expect(r.toEntries().find((e) => e.id === 'data_store:x')!.path).toEqual([
      'ai_agent:a|uses_credential|credential:k',
      'credential:k|authenticates_as|nhi:n',
      'nhi:n|has_permission|saas_app:s',
      'saas_app:s|reads|data_store:x',
    ]);
  });

  it('gives a shortest witness path that starts at the source and is chained edge to edge', () => {
    const g = graphFrom(
      ['human:h', 'nhi:a', 'nhi:b', 'nhi:c', 'data_store:d'],
      [
        ['human:h', 'can_assume', 'nhi:a'],
        ['nhi:a', 'can_assume', 'nhi:b'],
        ['nhi:b', 'can_assume', 'nhi:c'],
        ['nhi:c', 'reads', 'data_store:d'],
        ['human:h', 'can_assume', 'nhi:c'],
      ],
    );
    const entry = computeReach(g, 'human:h').toEntries().find((e) => e.id === 'data_store:d')!;
    expect(entry.hops).toBe(2);
    expect(entry.path).toEqual(['human:h|can_assume|nhi:c', 'nhi:c|reads|data_store:d']);
  });

  it('reports the depth of the radius', () => {
    const g = graphFrom(['nhi:a', 'nhi:b', 'nhi:c', 'data_store:d'], [['nhi:a', 'can_assume', 'nhi:b'], ['nhi:b', 'can_assume', 'nhi:c'], ['nhi:a', 'reads', 'data_store:d']]);
    expect(computeReach(g, 'nhi:a').depth()).toBe(2);
    expect(computeReach(g, 'nhi:a', { maxHops: 1 }).depth()).toBe(1);
    expect(computeReach(g, 'data_store:d').depth()).toBe(0);
  });

  it('bounds the search with maxHops', () => {
    const g = graphFrom(['nhi:a', 'nhi:b', 'nhi:c', 'nhi:d'], [['nhi:a', 'can_assume', 'nhi:b'], ['nhi:b', 'can_assume', 'nhi:c'], ['nhi:c', 'can_assume', 'nhi:d']]);
    expect(Object.keys(reachOf(g, 'nhi:a', { maxHops: 2 }))).toEqual(['nhi:b', 'nhi:c']);
    expect(reachOf(g, 'nhi:a', { maxHops: 0 })).toEqual({});
  });

  it('treats switched-off edges as not traversable (what-if)', () => {
    const g = graphFrom(['nhi:a', 'nhi:b', 'nhi:c'], [['nhi:a', 'can_assume', 'nhi:b'], ['nhi:b', 'can_assume', 'nhi:c']]);
    const disabledEdges = new Uint8Array(g.index.edgeCount);
    disabledEdges[g.index.edgeIndex.get('nhi:b|can_assume|nhi:c')!] = 1;
    expect(reachOf(g, 'nhi:a', { disabledEdges })).toEqual({ 'nhi:b': 'control@1' });
  });

  it('throws for an id that is not a node', () => {
    const g = graphFrom(['nhi:a'], []);
    expect(() => computeReach(g, 'nhi:zz')).toThrow(UnknownNodeError);
    expect(() => computeReach(g, '__proto__')).toThrow(/no node "__proto__"/);
  });

  it('handles ids like __proto__ and constructor as ordinary ids', () => {
    const g = graphFrom(
      [{ id: '__proto__', kind: 'nhi' }, { id: 'constructor', kind: 'data_store' }],
      [['__proto__', 'reads', 'constructor']],
    );
    expect(reachOf(g, '__proto__')).toEqual({ constructor: 'read@1' });
  });
});
