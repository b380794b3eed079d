import { describe, expect, it } from 'vitest';

import { EDGE_KINDS } from '../model/node-kinds.ts';

import { evaluateRules } from './rules/registry.ts';
import { graphFrom } from './test-helpers.ts';
import { walkthrough, walkthroughFinding } from './walkthrough.ts';

const g = graphFrom(
  [
    { id: 'agent', kind: 'ai_agent', name: 'Support bot' },
    { id: 'role', kind: 'nhi', name: 'bot-role' },
    { id: 'bucket', kind: 'data_store', name: 'config bucket' },
    { id: 'token', kind: 'credential', name: 'Salesforce admin token' },
    { id: 'sfadmin', kind: 'nhi', name: 'sf-integration-user' },
    { id: 'crm', kind: 'saas_app', name: 'Salesforce' },
    { id: 'prod', kind: 'nhi', name: 'prod-admin' },
  ],
  [
    ['agent', 'runs_as', 'role', { id: 'e1' }],
    ['role', 'has_permission', 'bucket', { id: 'e2', actions: ['read'] }],
    ['bucket', 'stores', 'token', { id: 'e3' }],
    ['token', 'authenticates_as', 'sfadmin', { id: 'e4' }],
    ['sfadmin', 'has_permission', 'crm', { id: 'e5', actions: ['admin'] }],
    ['role', 'writes', 'bucket', { id: 'w' }],
    ['bucket', 'runs_as', 'prod', { id: 'x' }],
    ['sfadmin', 'can_assume', 'prod', { id: 'e6' }],
  ],
);

describe('walkthrough', () => {
  it('captions every hop in plain words with the access it gives', () => {
    const { steps, unknown } = walkthrough(g, ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'missing']);
    expect(unknown).toEqual(['missing']);
    expect(steps.map((s) => s.caption)).toEqual([
      'Runs as the identity bot-role, with all of its permissions.',
      'Uses its read permission on the data store config bucket.',
      'Finds the credential Salesforce admin token stored in the data store config bucket.',
      'Signs in with the credential as the non-human identity sf-integration-user.',
      'Uses its admin permission on the SaaS app Salesforce.',
      'Assumes the role prod-admin.',
    ]);
    expect(steps.map((s) => s.access)).toEqual(['control', 'read', 'control', 'control', 'control', 'control']);
    expect(steps.every((s) => s.followed)).toBe(true);
    expect(steps[2]).toMatchObject({ index: 2, edge: 'e3', kind: 'stores', from: 'bucket', to: 'token' });
  });

  it('marks hops the semantics would not follow: write gives no pivot, read gives only content', () => {
    const viaWrite = walkthrough(g, ['e1', 'w', 'e3']).steps;
    expect(viaWrite.map((s) => [s.followed, s.access])).toEqual([
      [true, 'control'],
      [true, 'write'],
      [false, null],
    ]);
    expect(viaWrite[2]!.caption).toBe('Finds the credential Salesforce admin token stored in the data store config bucket (not a pivot: write access alone goes no further).');
    const readOnly = walkthrough(g, ['e1', 'e2', 'x']).steps;
    expect(readOnly[2]!.followed).toBe(false);
    expect(readOnly[2]!.caption).toContain('(not followed: this needs control of the step before)');
  });

  it('uses the given labels (redact mode)', () => {
    const steps = walkthrough(g, ['e1', 'e2'], { label: (id) => `P-${id}` }).steps;
    expect(steps.map((s) => s.caption)).toEqual(['Runs as the identity P-role, with all of its permissions.', 'Uses its read permission on the data store P-bucket.']);
  });

  it('has a caption of its own for every edge kind of the spec, and for permission actions', () => {
    for (const kind of EDGE_KINDS) {
      const k = graphFrom(['ai_agent:a', 'data_store:b'], [['ai_agent:a', kind, 'data_store:b']]);
      const [step] = walkthrough(k, [k.edges[0]!.id]).steps;
      expect(step!.caption, kind).not.toContain('does not know');
      expect(step!.caption, kind).toMatch(/^[A-Z].*\.$/);
    }
    const unknownKind = graphFrom(['ai_agent:a', 'data_store:b'], [['ai_agent:a', 'teleports_to', 'data_store:b']]);
    expect(walkthrough(unknownKind, [unknownKind.edges[0]!.id]).steps[0]!.caption).toContain('"teleports_to", an edge kind the spec does not know');
    const caption = (actions?: string[]) => {
      const k = graphFrom(['nhi:a', 'data_store:b'], [['nhi:a', 'has_permission', 'data_store:b', actions ? { actions } : {}]]);
      return walkthrough(k, [k.edges[0]!.id]).steps[0]!.caption;
    };
    expect(caption()).toBe('Uses its full permission on the data store data_store:b.');
    expect(caption(['read', 'write'])).toBe('Uses its read and write permission on the data store data_store:b.');
    expect(caption(['delete'])).toBe('Uses its delete permission on the data store data_store:b.');
    expect(caption(['list'])).toBe('Holds a permission on the data store data_store:b (list) that grants no access.');
    const off = graphFrom(['nhi:a', 'data_store:b'], [['nhi:a', 'reads', 'data_store:b', { traversable: false }]]);
    expect(walkthrough(off, [off.edges[0]!.id]).steps[0]).toMatchObject({ followed: false, access: null, caption: 'Reads the data store data_store:b (marked not traversable: no access follows).' });
  });

  it('walks a finding leg by leg with its framework tags', () => {
    const tri = graphFrom(
      [
        { id: 'ai_agent:fin', kind: 'ai_agent', name: 'Finance agent' },
        { id: 'external:inbound-email', kind: 'external', name: 'inbound email', subtype: 'inbound_email' },
        { id: 'data_store:reports', kind: 'data_store', name: 'Quarterly reports', sensitivity: 'confidential' },
        { id: 'tool:read-mail', kind: 'tool', name: 'read mail', caps: ['untrusted_content'] },
        { id: 'tool:read-reports', kind: 'tool', name: 'read reports', caps: ['private_data'] },
        { id: 'tool:send-mail', kind: 'tool', name: 'send mail', caps: ['external_send'] },
      ],
      [
        ['ai_agent:fin', 'has_tool', 'tool:read-mail'],
        ['tool:read-mail', 'reads', 'external:inbound-email'],
        ['ai_agent:fin', 'has_tool', 'tool:read-reports'],
        ['tool:read-reports', 'reads', 'data_store:reports'],
        ['ai_agent:fin', 'has_tool', 'tool:send-mail'],
      ],
    );
    const finding = evaluateRules({ graph: tri, mode: 'strict' }).find((f) => f.rule === 'lethal-trifecta')!;
    const walk = walkthroughFinding(tri, finding);
    expect(walk.tags).toEqual(finding.tags ?? []);
    expect(walk.tags.length).toBeGreaterThan(0);
    expect(walk.legs.map((l) => [l.name, l.steps.map((s) => s.caption)])).toEqual([
      ['untrusted input', ['Calls its tool read mail.', 'Reads the external inbound email.']],
      ['private data', ['Calls its tool read reports.', 'Reads the data store Quarterly reports.']],
      ['external communication', ['Calls its tool send mail.']],
    ]);
  });
});
