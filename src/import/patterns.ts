/**
 * IAM wildcards meet concrete resources: a `has_permission` edge into a pattern node (`Resource: "*"` for
 * a service, `arn:aws:s3:::logs-*`) also reaches every concrete resource that some imported file describes
 * and the pattern matches (same service, same account when the ARN has one). The added edges carry
 * `viaPattern` and the statement's provenance.
 */
import type { DocBuilder } from './builder.ts';

import { ISSUE_CODES } from '../model/issues.ts';

/** Most edges the expansion adds in one import; beyond it the pattern nodes stand for the rest. */
const MAX_EXPANDED = 200_000;

function globRe(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

interface Concrete {
  arn: string;
  service: string;
  account: string;
}

export function expandAwsPatterns(builders: readonly DocBuilder[]): void {
  const concrete = new Map<string, Concrete>();
  for (const b of builders) {
    for (const n of b.nodes.values()) {
      const arn = n.fields.arn;
      // Only resources some file describes (a companion listing), not ARNs merely named in a policy.
      if (n.stub || n.fields.stub === true || typeof arn !== 'string' || n.fields.awsResourcePattern !== undefined || /[*?]/.test(arn)) continue;
      const m = /^arn:[^:]*:([^:]*):[^:]*:([^:]*):/.exec(arn);
      if (!m) continue;
      concrete.set(arn, { arn, service: m[1]!, account: m[2]! });
    }
  }
  if (concrete.size === 0) return;
  let added = 0;
  for (const b of builders) {
    // Only the AWS importers' own pattern nodes; a re-imported export already carries its expanded edges.
    if (b.format !== 'aws-iam' && b.format !== 'aws-resources') continue;
    const patterns = new Map<string, { service: string; account: string; pattern: string; re: RegExp | undefined }>();
    for (const n of b.nodes.values()) {
      const pattern = n.fields.awsResourcePattern;
      if (typeof pattern !== 'string') continue;
      const service = typeof n.fields.awsService === 'string' ? n.fields.awsService : '*';
      const account = typeof n.fields.awsAccount === 'string' ? n.fields.awsAccount : '';
      patterns.set(n.id, { service, account, pattern, re: pattern === '*' ? undefined : globRe(pattern) });
    }
    if (patterns.size === 0) continue;
    // Which sources reach each pattern node, and how many edges expanding it would add.
    const into = new Map<string, typeof b.edges>();
    for (const e of b.edges) {
      if (e.kind !== 'has_permission' || !patterns.has(e.target)) continue;
      const list = into.get(e.target) ?? [];
      list.push(e);
      into.set(e.target, list);
    }
    for (const [target, incoming] of into) {
      const p = patterns.get(target)!;
      const matches = [...concrete.values()].filter((c) => {
        if (c.service === 'iam' || c.service === 'sts') return false;
        if (p.service !== '*' && c.service !== p.service) return false;
        if (p.pattern === '*') return !(c.account !== '' && p.account !== '' && c.account !== p.account);
        return p.re!.test(c.arn);
      });
      if (matches.length === 0) continue;
      if (added + matches.length * incoming.length > MAX_EXPANDED) {
        b.warn(ISSUE_CODES.INVALID_FIELD, '$', `approximation: ${incoming.length} principals × ${matches.length} resources behind ${JSON.stringify(target)} is too many edges to expand; they stay on that node`);
        continue;
      }
      for (const e of incoming) {
        const prov = String(e.fields.provenance ?? '');
        const hash = prov.indexOf('#');
        const pointer = prov.slice(hash + 1);
        b.provFile = hash > 0 && prov.slice(0, hash) !== b.file ? prov.slice(0, hash) : undefined;
        for (const c of matches) {
          if (c.arn === e.source) continue;
          if (!b.has(c.arn)) {
            // the concrete node lives in another file: a stub here joins it through the merge
            b.node(c.arn, 'other', undefined, pointer, { arn: c.arn }, { keys: [`arn:${c.arn}`], stub: true });
          }
          const fields: Record<string, unknown> = { ...e.fields, viaPattern: target };
          delete fields.provenance;
          delete fields.provenanceAll;
          delete fields.id;
          b.edge(e.source, 'has_permission', c.arn, pointer, fields);
          added++;
        }
        b.provFile = undefined;
      }
    }
  }
}
