/**
 * zod schemas for inventory format v1: the only place where unknown input becomes typed. Elements are
 * validated one by one so that each problem is reported at its own place.
 */
import { z } from 'zod';

import { SENSITIVITIES } from './node-kinds.ts';

// Before the first schema is built: zod otherwise probes `new Function` to compile its object parsers, which the
// app's Content-Security-Policy (no 'unsafe-eval') refuses and reports as a violation on whichever thread loads
// the model. Parsing speed is the same within noise (20k-node estate, Node: 2.2–4.0 s either way on a busy box).
z.config({ jitless: true });

const nonEmpty = z.string().min(1);

export const DocumentSchema = z.object({
  format: z.literal('pathlight-inventory'),
  version: z.number(),
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()),
  generatedAt: z.string().optional(),
  source: z.record(z.string(), z.unknown()).optional(),
});

export const NodeSchema = z.object({
  id: nonEmpty,
  kind: nonEmpty,
  name: z.string().optional(),
});

export const EdgeSchema = z.object({
  id: nonEmpty.optional(),
  source: nonEmpty,
  target: nonEmpty,
  kind: nonEmpty,
  traversable: z.boolean().optional(),
  actions: z.array(z.string()).optional(),
});

/**
 * Well-known node fields the analysis reads. A value of the wrong shape is kept (preserved) but ignored by
 * the analysis, with a warning.
 */
export const WELL_KNOWN_NODE_FIELDS: Readonly<Record<string, z.ZodType>> = {
  critical: z.boolean(),
  sanctioned: z.boolean(),
  privileged: z.boolean(),
  sensitivity: z.enum(SENSITIVITIES),
  trust: z.enum(['trusted', 'internal', 'third_party', 'external', 'anonymous', 'untrusted']),
  tags: z.array(z.string()),
  caps: z.array(z.string()),
  dataClasses: z.array(z.string()),
  scopes: z.array(z.string()),
  requiresApproval: z.boolean(),
};

// ── Hand-tuned structural checks (the hot path) ─────────────────────────────────────────────────────────
// Each accepts exactly what its zod schema accepts (tested against it on random values in
// parse-inventory.test.ts). The parser runs them first and asks zod only when one fails, for zod's located
// messages; so a valid inventory is checked at about JSON.parse speed and a broken one gets the same errors.

const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length >= 1;
const isStringList = (v: unknown): v is string[] => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
};

/** Would NodeSchema accept this object (`id`, `kind` non-empty strings, `name` a string when present)? */
export function isValidNode(raw: Record<string, unknown>): raw is { id: string; kind: string; name?: string } {
  const name = raw.name;
  return isNonEmpty(raw.id) && isNonEmpty(raw.kind) && (name === undefined || typeof name === 'string');
}

/** Would EdgeSchema accept this object? */
export function isValidEdge(
  raw: Record<string, unknown>,
): raw is { id?: string; source: string; target: string; kind: string; traversable?: boolean; actions?: string[] } {
  const { id, traversable, actions } = raw;
  return (
    isNonEmpty(raw.source) &&
    isNonEmpty(raw.target) &&
    isNonEmpty(raw.kind) &&
    (id === undefined || isNonEmpty(id)) &&
    (traversable === undefined || typeof traversable === 'boolean') &&
    (actions === undefined || isStringList(actions))
  );
}

const TRUST_LEVELS: ReadonlySet<unknown> = new Set(['trusted', 'internal', 'third_party', 'external', 'anonymous', 'untrusted']);
const SENSITIVITY_SET: ReadonlySet<unknown> = new Set(SENSITIVITIES);
const isBool = (v: unknown) => typeof v === 'boolean';

/** WELL_KNOWN_NODE_FIELDS as plain predicates (same keys, same acceptance). */
export const WELL_KNOWN_NODE_CHECKS: Readonly<Record<string, (v: unknown) => boolean>> = {
  critical: isBool,
  sanctioned: isBool,
  privileged: isBool,
  sensitivity: (v) => SENSITIVITY_SET.has(v),
  trust: (v) => TRUST_LEVELS.has(v),
  tags: isStringList,
  caps: isStringList,
  dataClasses: isStringList,
  scopes: isStringList,
  requiresApproval: isBool,
};

/** Describes a value's JSON type for messages ("got number"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return typeof value;
}
