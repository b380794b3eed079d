/** The minimap's `<canvas>`; the canvas layer draws on it and moves the view when it is clicked or dragged. */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';

import type { CanvasHandle } from '../../canvas/canvas.ts';
import { MINIMAP_HEIGHT, MINIMAP_WIDTH } from '../../canvas/minimap.ts';
import type { Theme } from '../../canvas/types.ts';

export function Minimap({ canvas, theme }: { canvas: CanvasHandle | null; theme: Theme }): ReactElement {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas || !ref.current) return;
    return canvas.minimap(ref.current, theme);
  }, [canvas, theme]);
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return (
    <canvas
      ref={ref}
      aria-hidden="true"
      width={MINIMAP_WIDTH * ratio}
      height={MINIMAP_HEIGHT * ratio}
      style={{ width: MINIMAP_WIDTH, height: MINIMAP_HEIGHT }}
      data-canvas-blocker="" className="no-print absolute right-3 bottom-16 cursor-crosshair rounded-md border border-line bg-panel/90 shadow-lg"
    />
  );
}
