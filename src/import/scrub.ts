/**
 * The scrub pass: every string an importer kept (names, launch lines, arguments, URLs, headers, descriptions,
 * env var names, property values, nested values and object keys) is searched for secrets by value
 * (secrets.ts) and for the secret values the importer saw; only the secret span is replaced by its
 * `<redacted:…>` marker, and each redaction is a located warning naming the field, never the value.
 *
 * Ids (node ids, edge ends, edge ids), provenance and fingerprints are never changed: they are how the graph
 * and the source join up. Fields that hold ids and names (`name`, `objectid`, `*Id`, `*Name`…) are only
 * searched for well-known credential shapes, so a high-entropy object id is not mistaken for a key.
 */
import { ISSUE_CODES } from '../model/issues.ts';
import type { IssueCode } from '../model/issues.ts';

import { findSecretSpans, redactionMarker } from './secrets.ts';
import type { SpanOptions } from './secrets.ts';
import { isObj } from './util.ts';

/** Never touched: how elements are identified and traced. */
const NEVER = new Set(['id', 'source', 'target', 'provenance', 'provenanceAll', 'fingerprint', 'stub', 'kind', 'kinds', 'ogKind', 'originalKind', 'pathlight_id', 'pathlight_edge_id']);

/** Ids and names: only credential shapes are looked for. */
function isIdLike(key: string): boolean {
  return /(id|ids|name|names|kind|sid|arn|email|mail|login|upn|principalname|dn|distinguishedname|samaccountname|hash|digest|sha|etag|thumbprint|checksum|guid|uuid|path|package|host|purl|cpe|ref|version)$/i.test(key);
}

export interface ScrubSink {
  warn(code: IssueCode, at: string, message: string): void;
}

export interface ScrubStats {
  redactions: number;
}

/**
 * Scrubs one converted document in place. `known` are the secret values the importers saw (checked as
 * substrings, 10 characters or more: shorter ones occur by chance in names, `postgres`); `pointerOf` gives the place a warning names for an element.
 */
export function scrubElements(
  elements: Record<string, unknown>[],
  known: readonly string[],
  sink: ScrubSink,
  pointerOf: (el: Record<string, unknown>) => string,
  stats: ScrubStats = { redactions: 0 },
): ScrubStats {
  const longKnown = known.filter((s) => s.length >= 10).sort((a, b) => b.length - a.length);
  const clean = (text: string, opts: SpanOptions): { text: string; reasons: string[] } => {
    const reasons: string[] = [];
    let out = text;
    for (const s of longKnown) {
      if (out.includes(s)) {
        out = out.split(s).join(redactionMarker(s));
        reasons.push('a secret value seen elsewhere in the file');
      }
    }
    const spans = findSecretSpans(out, opts);
    if (spans.length === 0) return { text: out, reasons };
    let res = '';
    let pos = 0;
    for (const sp of spans) {
      res += out.slice(pos, sp.start) + redactionMarker(out.slice(sp.start, sp.end));
      pos = sp.end;
      reasons.push(sp.reason);
    }
    return { text: res + out.slice(pos), reasons };
  };
  const visit = (value: unknown, key: string, path: string, report: (path: string, reasons: string[]) => void, idLike: boolean): unknown => {
    if (typeof value === 'string') {
      const r = clean(value, { mode: idLike ? 'id' : 'text' });
      if (r.reasons.length > 0) report(path, r.reasons);
      return r.text;
    }
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((v, i) => {
        const n = visit(v, key, `${path}/${i}`, report, idLike);
        if (n !== v) changed = true;
        return n;
      });
      return changed ? out : value;
    }
    if (isObj(value)) {
      let changed = false;
      const out = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(value)) {
        const kr = clean(k, { mode: 'text' });
        if (kr.reasons.length > 0) {
          report(`${path} (a key)`, kr.reasons);
          changed = true;
        }
        const n = visit(value[k], k, `${path}/${k}`, report, isIdLike(k));
        if (n !== value[k]) changed = true;
        out[kr.text] = n;
      }
      return changed ? out : value;
    }
    return value;
  };
  for (const el of elements) {
    for (const key of Object.keys(el)) {
      if (NEVER.has(key)) continue;
      const before = el[key];
      const after = visit(before, key, key, (path, reasons) => {
        stats.redactions += reasons.length;
        const what = [...new Set(reasons)].join(', ');
        sink.warn(ISSUE_CODES.SECRET_REDACTED, pointerOf(el), `field ${JSON.stringify(path)}: ${what} redacted (only the secret span; the value is not kept)`);
      }, isIdLike(key) && key !== 'envVars' && key !== 'headerNames');
      if (after !== before) el[key] = after;
    }
    // a key that is itself a secret (`{"ghp_…": "1"}` under env) is renamed by visit(); top-level keys are
    // field names the importer chose
  }
  return stats;
}

/** Redacts credential shapes and known secret values from a warning or error message. */
export function scrubMessage(message: string, known: readonly string[]): string {
  let out = message;
  for (const s of known) if (s.length >= 10 && out.includes(s)) out = out.split(s).join(redactionMarker(s));
  const spans = findSecretSpans(out, { mode: 'id' });
  if (spans.length === 0) return out;
  let res = '';
  let pos = 0;
  for (const sp of spans) {
    res += out.slice(pos, sp.start) + redactionMarker(out.slice(sp.start, sp.end));
    pos = sp.end;
  }
  return res + out.slice(pos);
}
