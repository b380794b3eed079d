/**
 * The shapes the canvas layer takes and gives: plain data, no Cytoscape types. Features build these (the
 * explorer its elements and what is lit, review its marks, live its drift) and the canvas draws them.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One element to draw. Node ids are the inventory's own; edge and group ids carry their own prefix. */
export interface CanvasElement {
  readonly group: 'nodes' | 'edges';
  readonly data: Record<string, string | number | boolean>;
  /** Space-separated class tokens the stylesheet keys on. */
  readonly classes: string;
}

/** What is lit: element id → class tokens to add; with `dimRest`, everything else is dimmed. */
export interface CanvasLit {
  readonly classes: ReadonlyMap<string, readonly string[]>;
  readonly dimRest: boolean;
}

/** A removed element drawn as a ghost beside the neighbours it had (live drift). */
export interface GhostNode {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

export interface GhostEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
}

/**
 * Another feature's marks, passed in as data: class tokens by element id, ghosts of removed elements, and
 * labels in place of the nodes' own (redact). The canvas keeps them on a redraw and removes exactly the
 * tokens an overlay stops giving.
 */
export interface CanvasOverlay {
  readonly classes?: ReadonlyMap<string, readonly string[]>;
  readonly ghostNodes?: readonly GhostNode[];
  readonly ghostEdges?: readonly GhostEdge[];
  /** A node's label in place of its own (group badges keep theirs). */
  readonly relabel?: (id: string) => string;
}

/** Space to leave free at each side of the canvas when framing (panels floating over it), in pixels. */
export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** What the user did on the canvas, as plain callbacks. Ids are element ids. */
export interface CanvasEvents {
  readonly onTapNode?: (id: string) => void;
  readonly onTapEdge?: (id: string) => void;
  /**
   * Right click (or long press) on a node or an edge, at a point relative to the canvas; `client` is the same
   * point in the page's viewport (where a menu opened there goes).
   */
  readonly onContext?: (target: { id: string; group: 'nodes' | 'edges'; isGroup: boolean }, at: Point, client: Point) => void;
  /** A tap anywhere, or the view moved. */
  readonly onTapAnywhere?: () => void;
  readonly onViewport?: () => void;
}

export type Theme = 'dark' | 'light';
