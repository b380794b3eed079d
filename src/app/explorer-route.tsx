/**
 * `?view=explorer`: where the explorer meets the features that draw on its canvas. Review and live give
 * their marks as overlays (plain data); review also gets the canvas handle (walkthrough hop, meeting mode's
 * size change); the context menu on nodes and edges (./context-menu.tsx) acts across both. Loaded lazily with
 * the explorer (it carries the canvas layer).
 */
import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';

import type { CanvasHandle } from '../canvas/canvas.ts';
import { ExplorerPage } from '../features/explorer/explorer-page.tsx';
import type { SearchIndex } from '../features/explorer/view-model/search.ts';
import { useDriftOverlay } from '../features/live/drift-overlay.ts';
import { useReviewCanvas, useReviewOverlay } from '../features/review/review-canvas.ts';
import type { Dataset } from '../store/app-store.ts';

import { ContextMenuHost } from './context-menu.tsx';

export function ExplorerRoute({ dataset, searchIndex }: { dataset: Dataset; searchIndex: SearchIndex }): ReactElement {
  const [canvas, setCanvas] = useState<CanvasHandle | null>(null);
  const review = useReviewOverlay(dataset);
  const drift = useDriftOverlay();
  const overlays = useMemo(() => ({ review, drift }), [review, drift]);
  useReviewCanvas(canvas);
  return (
    <>
      <ExplorerPage dataset={dataset} searchIndex={searchIndex} overlays={overlays} onCanvas={setCanvas} />
      <ContextMenuHost dataset={dataset} canvas={canvas} />
    </>
  );
}
