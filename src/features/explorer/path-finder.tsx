/** Path finder: from A to B, the shortest attack path under the reach semantics, drawn and listed. */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import type { InventoryGraph } from '../../graph/index.ts';
import type { Cut } from '../../graph/what-if.ts';
import { plural } from '../../lib/format.ts';
import { NODE_KIND_LABELS } from '../../model/index.ts';
import { useAppStore } from '../../store/app-store.ts';
import { useReviewStore } from '../../store/review-store.ts';
import { pseudonymsOf } from '../review/use-review-analysis.ts';

import { KindGlyph } from './kind-glyph.tsx';
import { ACCESS_INK } from '../../lib/kind-visuals.ts';
import { NodePicker } from './node-picker.tsx';
import type { PathView } from './view-model/analysis-views.ts';
import type { SearchIndex } from './view-model/search.ts';

/** The cuts on a path that existed before them, as the analyst reads them ("A —kind→ B", "node C removed"). */
export function cutsOnPath(graph: InventoryGraph, before: PathView, cuts: readonly Cut[]): string[] {
  const name = (id: string): string => graph.nodes[graph.index.nodeIndex.get(id) ?? -1]?.name ?? id;
  const onPath = new Set(before.edges);
  const nodes = new Set([before.from, before.to, ...before.nodes]);
  const out: string[] = [];
  for (const cut of cuts) {
    if ('edge' in cut) {
      if (!onPath.has(cut.edge)) continue;
      const e = graph.edges[graph.index.edgeIndex.get(cut.edge) ?? -1];
      out.push(e ? `${name(e.source)} —${e.kind}→ ${name(e.target)}` : cut.edge);
    } else if (nodes.has(cut.node)) out.push(`${name(cut.node)} removed`);
  }
  return out;
}

export function PathFinder({ graph, index, path, pathBefore = null }: { graph: InventoryGraph; index: SearchIndex; path: PathView | null; pathBefore?: PathView | null }): ReactElement {
  const cuts = useReviewStore((s) => s.cuts);
  const from = useAppStore((s) => s.view.from);
  const to = useAppStore((s) => s.view.to);
  const setPathEnds = useAppStore((s) => s.setPathEnds);
  const tracePath = useAppStore((s) => s.tracePath);
  const nameOf = (id: string | null): string => (id ? graph.nodes[graph.index.nodeIndex.get(id) ?? -1]?.name ?? id : '');
  // The ends sit in text fields, which on-screen redaction leaves alone: show their pseudonyms in redact mode.
  const dataset = useAppStore((s) => s.dataset);
  const redact = useReviewStore((s) => s.redact);
  const fieldName = (id: string | null): string => (id && redact && dataset ? pseudonymsOf(dataset).node(id) : nameOf(id));
  const nodeOf = (id: string) => graph.nodes[graph.index.nodeIndex.get(id)!]!;

  return (
    <section aria-label="Path finder" className="border-b border-line px-4 pt-3 pb-4">
      <h2 className="text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">Path finder</h2>
      <div className="mt-2 flex items-stretch gap-2">
        <div className="flex flex-1 flex-col gap-2">
          <NodePicker graph={graph} index={index} label="Path from" placeholder="From (attacker controls)…" value={fieldName(from)} onPick={(id) => setPathEnds(id, to)} />
          <NodePicker graph={graph} index={index} label="Path to" placeholder="To (target)…" value={fieldName(to)} onPick={(id) => setPathEnds(from, id)} />
        </div>
        <button
          type="button"
          aria-label="Swap start and end"
          title="Swap start and end"
          onClick={() => setPathEnds(to, from)}
          className="flex w-8 cursor-pointer items-center justify-center rounded-md border border-line text-muted hover:text-fg"
        >
          <Icon name="swap" />
        </button>
      </div>
      {!from || !to ? (
        <p className="mt-3 text-xs text-muted">Pick where an attacker starts and what they are after. The shortest path is drawn left to right.</p>
      ) : path && !path.found ? (
        <p className="mt-3 rounded-md border border-dashed border-line p-3 text-xs text-muted" aria-live="polite">
          No path: <strong className="text-fg">{nameOf(to)}</strong> is not in the blast radius of <strong className="text-fg">{nameOf(from)}</strong>
          {pathBefore && cuts.length ? (
            <span data-testid="path-cut-by">
              {' '}since the what-if {cuts.length === 1 ? 'cut' : 'cuts'}: the {plural(pathBefore.edges.length, 'hop')} path drawn was broken by{' '}
              {cutsOnPath(graph, pathBefore, cuts).map((c, i, all) => (
                <span key={c}>
                  <strong className="text-danger">✂ {c}</strong>
                  {i < all.length - 1 ? ', ' : ''}
                </span>
              ))}
              ; it stays drawn with the cut edge struck through.
            </span>
          ) : (
            '.'
          )}
        </p>
      ) : path && path.found ? (
        <div className="mt-3" aria-live="polite">
          <p className="text-sm">
            <span className="font-semibold" data-testid="path-length">{plural(path.edges.length, 'hop')}</span>
            {path.access ? (
              <>
                {' · gains '}
                <span style={{ color: ACCESS_INK[path.access] }} className="font-medium">
                  {path.access}
                </span>
              </>
            ) : null}
          </p>
          <ol className="mt-2" aria-label="Path steps">
            {path.nodes.map((id, i) => {
              const n = nodeOf(id);
              const edgeId = path.edges[i];
              const edge = edgeId !== undefined ? graph.edges[graph.index.edgeIndex.get(edgeId)!] : undefined;
              return (
                <li key={`${id}-${i}`}>
                  <div className="flex items-center gap-2 py-1">
                    <KindGlyph kind={n.kind} size={20} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-[13px]">{n.name}</span>
                      <span className="block text-2xs text-faint">{NODE_KIND_LABELS[n.kind]}</span>
                    </span>
                  </div>
                  {edge ? (
                    <div className="ml-[9px] border-l-2 border-accent/60 py-0.5 pl-4 font-mono text-2xs text-muted">{edge.kind} →</div>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <Button size="sm" className="mt-2" icon="route" onClick={() => tracePath(path.nodes, path.edges)}>
            Trace hop by hop
          </Button>
        </div>
      ) : null}
    </section>
  );
}
