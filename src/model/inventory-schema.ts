/**
 * zod schemas for inventory format v1: the only place where unknown input becomes typed. Elements are
 * validated one by one so that each problem is reported at its own place.
 */
import { z } from 'zod';

import { SENSITIVITIES } from './node-kinds.ts';

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

/** Describes a value's JSON type for messages ("got number"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return typeof value;
}
