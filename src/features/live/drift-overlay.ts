/**
 * Drift on the graph, as a canvas overlay: elements the last change added carry `drift-added`, and removed
 * ones come back as ghosts beside the neighbours they had (the canvas layer places them, canvas/ghosts.ts).
 */
import { useMemo } from 'react';

import type { CanvasOverlay } from '../../canvas/types.ts';
import { useLiveStore } from '../../store/live-store.ts';
import type { DriftMarks } from '../../store/live-store.ts';

/** The overlay for a set of drift marks (null when there is nothing to mark). */
export function driftOverlay(marks: DriftMarks): CanvasOverlay | null {
  if (!marks.added.size && !marks.ghostNodes.length && !marks.ghostEdges.length) return null;
  const classes = new Map<string, readonly string[]>();
  for (const id of marks.added) classes.set(id, ['drift-added']);
  return { classes, ghostNodes: marks.ghostNodes, ghostEdges: marks.ghostEdges };
}

export function useDriftOverlay(): CanvasOverlay | null {
  const marks = useLiveStore((s) => s.marks);
  return useMemo(() => driftOverlay(marks), [marks]);
}
