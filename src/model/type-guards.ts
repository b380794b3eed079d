/**
 * Derived node predicates of section 2 of the spec (sensitive, crown jewel, untrusted, AI integration).
 * Values of the wrong type count as unknown, that is false.
 */
import { AI_KINDS, DATA_KINDS } from './node-kinds.ts';
import type { InventoryNode } from './types.ts';

export function getString(node: { fields: Readonly<Record<string, unknown>> }, key: string): string | undefined {
  const value = node.fields[key];
  return typeof value === 'string' ? value : undefined;
}

export function getBoolean(node: { fields: Readonly<Record<string, unknown>> }, key: string): boolean | undefined {
  const value = node.fields[key];
  return typeof value === 'boolean' ? value : undefined;
}

export function getStringList(node: { fields: Readonly<Record<string, unknown>> }, key: string): readonly string[] {
  const value = node.fields[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A data_store, vector_store, memory_store or saas_app with sensitivity confidential or restricted. */
export function isSensitive(node: InventoryNode): boolean {
  if (!DATA_KINDS.has(node.kind)) return false;
  const s = getString(node, 'sensitivity');
  return s === 'confidential' || s === 'restricted';
}

/** `critical: true`, or sensitive. */
export function isCrownJewel(node: InventoryNode): boolean {
  return getBoolean(node, 'critical') === true || isSensitive(node);
}

/** `external` nodes, and any node with trust untrusted, external or anonymous. */
export function isUntrusted(node: InventoryNode): boolean {
  if (node.kind === 'external') return true;
  const t = getString(node, 'trust');
  return t === 'untrusted' || t === 'external' || t === 'anonymous';
}

/** AI integrations: agents, MCP servers, models, gateways, and SaaS apps of category "ai". */
export function isAiNode(node: InventoryNode): boolean {
  return AI_KINDS.has(node.kind) || (node.kind === 'saas_app' && getString(node, 'category') === 'ai');
}
