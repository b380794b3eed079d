/**
 * `--baseline FILE`: a JSON or SARIF report of an earlier `pathlight analyze` run. Each current finding is
 * `new` or `unchanged` against it, and the earlier findings no longer there are `resolved`. Findings match
 * by fingerprint (fingerprint.ts) first, then by rule and node id (reports written before fingerprints
 * existed have only those).
 */
import { readFile, stat } from 'node:fs/promises';

import { locateJsonError } from '../model/json-error.ts';

import { FINGERPRINT_KEY } from './fingerprint.ts';

export type BaselineState = 'new' | 'unchanged';

/** A finding of the earlier report, as much of it as the report kept. */
export interface BaselineFinding {
  readonly rule: string;
  readonly node: string;
  readonly fingerprint?: string;
  readonly severity?: string;
  readonly title?: string;
}

export interface Baseline {
  readonly file: string;
  readonly format: 'json' | 'sarif';
  readonly findings: readonly BaselineFinding[];
}

export class BaselineInputError extends Error {}

const MAX_BYTES = 512 * 1024 * 1024;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export async function loadBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new BaselineInputError(`${file}: is a directory, not a report`);
    if (info.size > MAX_BYTES) throw new BaselineInputError(`${file}: larger than the ${MAX_BYTES / 1048576} MB limit`);
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof BaselineInputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new BaselineInputError(`${file}: cannot read: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return parseBaseline(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

export function parseBaseline(file: string, text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const place = locateJsonError(text);
    throw new BaselineInputError(`${file}: not JSON${place ? ` (line ${place.line}, column ${place.column}: ${place.reason})` : ''}`);
  }
  if (!isObj(data)) throw new BaselineInputError(`${file}: not a Pathlight report (expected an object)`);
  if (Array.isArray(own(data, 'runs'))) return { file, format: 'sarif', findings: fromSarif(file, own(data, 'runs') as unknown[]) };
  const findings = own(data, 'findings');
  if (!Array.isArray(findings)) throw new BaselineInputError(`${file}: not a Pathlight report: no "findings" list (JSON) and no "runs" list (SARIF)`);
  return {
    file,
    format: 'json',
    findings: findings.map((raw, i) => {
      if (!isObj(raw)) throw new BaselineInputError(`${file}: findings[${i}]: not an object`);
      const rule = own(raw, 'rule');
      const node = own(raw, 'node');
      if (typeof rule !== 'string' || rule === '') throw new BaselineInputError(`${file}: findings[${i}].rule: expected a rule id`);
      if (typeof node !== 'string') throw new BaselineInputError(`${file}: findings[${i}].node: expected a node id`);
      const fingerprint = optString(own(raw, 'fingerprint'));
      const severity = optString(own(raw, 'severity'));
      const title = optString(own(raw, 'title'));
      return { rule, node, ...(fingerprint ? { fingerprint } : {}), ...(severity ? { severity } : {}), ...(title ? { title } : {}) };
    }),
  };
}

function fromSarif(file: string, runs: unknown[]): BaselineFinding[] {
  const out: BaselineFinding[] = [];
  runs.forEach((run, r) => {
    if (!isObj(run)) throw new BaselineInputError(`${file}: runs[${r}]: not an object`);
    const results = own(run, 'results');
    if (results === undefined || results === null) return;
    if (!Array.isArray(results)) throw new BaselineInputError(`${file}: runs[${r}].results: not a list`);
    results.forEach((res, i) => {
      const at = `${file}: runs[${r}].results[${i}]`;
      if (!isObj(res)) throw new BaselineInputError(`${at}: not an object`);
      if (own(res, 'baselineState') === 'absent') return;
      const rule = own(res, 'ruleId');
      if (typeof rule !== 'string' || rule === '') throw new BaselineInputError(`${at}.ruleId: expected a rule id`);
      const props = isObj(own(res, 'properties')) ? (own(res, 'properties') as Record<string, unknown>) : {};
      const fps = isObj(own(res, 'partialFingerprints')) ? (own(res, 'partialFingerprints') as Record<string, unknown>) : {};
      const fingerprint = optString(own(fps, FINGERPRINT_KEY));
      const node = optString(own(props, 'node'));
      if (node === undefined && fingerprint === undefined) throw new BaselineInputError(`${at}: neither properties.node nor partialFingerprints["${FINGERPRINT_KEY}"]; not a Pathlight SARIF result`);
      const severity = optString(own(props, 'severity'));
      const message = isObj(own(res, 'message')) ? optString(own(own(res, 'message') as Record<string, unknown>, 'text')) : undefined;
      out.push({ rule, node: node ?? '', ...(fingerprint ? { fingerprint } : {}), ...(severity ? { severity } : {}), ...(message ? { title: message } : {}) });
    });
  });
  return out;
}

export interface BaselineComparison {
  /** Per current finding, in order. */
  readonly states: readonly BaselineState[];
  readonly resolved: readonly BaselineFinding[];
}

/** Compares current findings (rule, node, fingerprint) with the baseline's. */
export function compareWithBaseline(current: readonly { readonly rule: string; readonly node: string; readonly fingerprint: string }[], baseline: Baseline): BaselineComparison {
  const used = new Array<boolean>(baseline.findings.length).fill(false);
  const byFingerprint = new Map<string, number[]>();
  const byRuleNode = new Map<string, number[]>();
  baseline.findings.forEach((b, i) => {
    if (b.fingerprint) (byFingerprint.get(b.fingerprint) ?? byFingerprint.set(b.fingerprint, []).get(b.fingerprint)!).push(i);
    const k = `${b.rule}\u241f${b.node}`;
    (byRuleNode.get(k) ?? byRuleNode.set(k, []).get(k)!).push(i);
  });
  const take = (list: number[] | undefined): boolean => {
    const i = list?.find((j) => !used[j]);
    if (i === undefined) return false;
    used[i] = true;
    return true;
  };
  const states: (BaselineState | undefined)[] = current.map((c) => (take(byFingerprint.get(c.fingerprint)) ? 'unchanged' : undefined));
  current.forEach((c, i) => {
    if (states[i] === undefined) states[i] = take(byRuleNode.get(`${c.rule}\u241f${c.node}`)) ? 'unchanged' : 'new';
  });
  return { states: states as BaselineState[], resolved: baseline.findings.filter((_, i) => !used[i]) };
}
