import type { InventoryIssue } from './issues.ts';
import type { NodeKind } from './node-kinds.ts';

/** Every field of an element as the user gave it (null prototype, so `__proto__` is just a key). */
export type Fields = Readonly<Record<string, unknown>>;

export interface InventoryNode {
  readonly id: string;
  /** A known kind, or `other` for an unknown one (the original stays in `fields.kind`). */
  readonly kind: NodeKind;
  /** Display name: `name` when given, else the id. */
  readonly name: string;
  readonly fields: Fields;
  /** Where it was read: `nodes[3]`, or `file.json#nodes[3]`. */
  readonly at: string;
}

export interface InventoryEdge {
  /** Given, or derived as `source|kind|target` (`#2`, `#3`… for repeats). */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  /** False for unknown kinds, `traversable: false`, and kinds the spec never traverses. */
  readonly traversable: boolean;
  /** Access bits granted on the target (R=1, W=2, C=4), closed under C ⇒ R,W; 0 when not traversable. */
  readonly grants: number;
  readonly fields: Fields;
  readonly at: string;
  /**
   * Positions of the endpoints in the inventory's `nodes`, as the parser resolved them. A hint that saves
   * buildGraph two id lookups per edge; it is checked against the ids before use.
   */
  readonly sourceIndex?: number;
  readonly targetIndex?: number;
}

export interface InventoryMeta {
  readonly generatedAt?: string;
  readonly source?: Fields;
  readonly files: readonly string[];
  /** Top-level fields beyond the known ones, preserved. */
  readonly extra: Fields;
}

export interface Inventory {
  readonly nodes: readonly InventoryNode[];
  readonly edges: readonly InventoryEdge[];
  /**
   * Set by the parser to the very `nodes` array its edges' `sourceIndex`/`targetIndex` refer to, so the
   * index build can trust them without re-checking ids (it still checks when the arrays differ).
   */
  readonly resolvedNodes?: readonly InventoryNode[];
  readonly warnings: readonly InventoryIssue[];
  readonly meta: InventoryMeta;
}

export type ParseResult =
  | { readonly ok: true; readonly inventory: Inventory }
  | { readonly ok: false; readonly errors: readonly InventoryIssue[]; readonly warnings: readonly InventoryIssue[] };
