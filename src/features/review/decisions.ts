/**
 * Review decisions on findings: accepted (reason and review date), mitigated (ticket reference) or a false
 * positive. Kept per inventory in IndexedDB, exported and imported as JSON. The serialisation is pure.
 */
import type { Decision, DecisionStatus, Decisions } from '../../store/decision-types.ts';

export type { Decision, DecisionStatus, Decisions } from '../../store/decision-types.ts';

export const findingKey = (f: { readonly rule: string; readonly node: string }): string => `${f.rule}\u241f${f.node}`;

export const DECISION_LABELS: Record<DecisionStatus, string> = {
  accepted: 'Accepted risk',
  mitigated: 'Mitigated',
  'false-positive': 'False positive',
};

const FORMAT = 'pathlight-decisions';

/** What a redacted export needs of the redactor (src/lib/redaction.ts). */
export interface DecisionRedactor {
  readonly nodes: ReadonlyMap<string, string>;
  redact(text: string): string;
}

/**
 * The decisions as JSON. With a redactor (redact mode) every node is its pseudonym, every note goes through
 * the redactor and the file says `"redacted": true`: `parseDecisions` maps the pseudonyms back against the
 * same inventory.
 */
export function serializeDecisions(decisions: Decisions, inventory: string, redactor: DecisionRedactor | null = null): string {
  const r = (text: string | undefined): string | undefined => (text === undefined || !redactor ? text : redactor.redact(text));
  const entries = Object.keys(decisions)
    .sort()
    .map((key) => {
      const [rule, node] = key.split('\u241f') as [string, string];
      const d = decisions[key]!;
      if (!redactor) return { rule, node, ...d };
      return {
        rule,
        node: redactor.nodes.get(node) ?? redactor.redact(node),
        ...d,
        ...(d.reason !== undefined ? { reason: r(d.reason) } : {}),
        ...(d.ticket !== undefined ? { ticket: r(d.ticket) } : {}),
        ...(d.author !== undefined ? { author: r(d.author) } : {}),
      };
    });
  const head = redactor ? { format: FORMAT, version: 1, redacted: true, inventory: redactor.redact(inventory) } : { format: FORMAT, version: 1, inventory };
  return `${JSON.stringify({ ...head, decisions: entries }, null, 2)}\n`;
}

const STATUSES: readonly string[] = ['accepted', 'mitigated', 'false-positive'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads an export back; throws an Error with a plain message when the file is not one. A redacted export's
 * pseudonyms are mapped back with `resolve` (node pseudonym → id of the loaded inventory); one it does not
 * know is skipped. Without `resolve` they are kept as written.
 */
export function parseDecisions(
  text: string,
  resolve: ((pseudonym: string) => string | undefined) | null = null,
): { inventory: string | null; decisions: Decisions; skipped: number; redacted: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('Not a JSON file.');
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== FORMAT || !Array.isArray((data as { decisions?: unknown }).decisions)) {
    throw new Error('Not a Pathlight decisions file.');
  }
  const redacted = (data as { redacted?: unknown }).redacted === true;
  const out: Record<string, Decision> = {};
  let skipped = 0;
  for (const raw of (data as { decisions: unknown[] }).decisions) {
    const e = raw as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || typeof e.rule !== 'string' || typeof e.node !== 'string' || typeof e.status !== 'string' || !STATUSES.includes(e.status)) {
      skipped++;
      continue;
    }
    const node = redacted && resolve ? resolve(e.node) : e.node;
    if (node === undefined) {
      skipped++;
      continue;
    }
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 2000) : undefined);
    const reviewDate = str(e.reviewDate);
    const reason = str(e.reason);
    const ticket = str(e.ticket);
    out[findingKey({ rule: e.rule, node })] = {
      status: e.status as DecisionStatus,
      ...(reason ? { reason } : {}),
      ...(reviewDate && DATE.test(reviewDate) ? { reviewDate } : {}),
      ...(ticket ? { ticket } : {}),
      decidedAt: str(e.decidedAt) ?? new Date(0).toISOString(),
    };
  }
  const inv = (data as { inventory?: unknown }).inventory;
  return { inventory: typeof inv === 'string' ? inv : null, decisions: out, skipped, redacted };
}

/** One line for a card or the report: "Accepted risk until 2027-01-31: vendor fix pending". */
export function describeDecision(d: Decision): string {
  const bits: string[] = [DECISION_LABELS[d.status]];
  if (d.status === 'accepted' && d.reviewDate) bits[0] += ` (review ${d.reviewDate})`;
  if (d.status === 'mitigated' && d.ticket) bits[0] += ` (${d.ticket})`;
  const text = d.reason ? `${bits[0]}: ${d.reason}` : bits[0]!;
  return d.author ? `${text} (by ${d.author})` : text;
}

// IndexedDB: one record per inventory fingerprint.
const DB = 'pathlight-review';
const STORE = 'decisions';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

export async function loadDecisions(inventory: string): Promise<Decisions> {
  if (typeof indexedDB === 'undefined') return {};
  const db = await open();
  try {
    return await new Promise<Decisions>((resolve, reject) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(inventory);
      req.onsuccess = () => resolve((req.result as Decisions | undefined) ?? {});
      req.onerror = () => reject(req.error ?? new Error('read failed'));
    });
  } finally {
    db.close();
  }
}

export async function saveDecisions(inventory: string, decisions: Decisions): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const db = await open();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(decisions, inventory);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
  } finally {
    db.close();
  }
}
