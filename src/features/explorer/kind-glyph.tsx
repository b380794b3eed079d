import type { ReactElement } from 'react';

import { NODE_KIND_LABELS } from '../../model/index.ts';
import type { NodeKind } from '../../model/index.ts';

import { KIND_VISUALS, glyphDataUri } from '../../lib/kind-visuals.ts';

const ROUND: ReadonlySet<string> = new Set(['ellipse', 'barrel']);

/** The node kind's colour and glyph, as the graph draws it, for lists and the legend. */
export function KindGlyph({ kind, size = 20, labelled = false }: { kind: NodeKind; size?: number; labelled?: boolean }): ReactElement {
  const v = KIND_VISUALS[kind];
  return (
    <span
      className="inline-flex shrink-0 items-center justify-center"
      style={{ width: size, height: size, background: v.color, borderRadius: ROUND.has(v.shape) ? '50%' : 5 }}
      {...(labelled ? { role: 'img', 'aria-label': NODE_KIND_LABELS[kind] } : { 'aria-hidden': true })}
    >
      <img src={glyphDataUri(kind)} alt="" width={size * 0.66} height={size * 0.66} draggable={false} />
    </span>
  );
}
