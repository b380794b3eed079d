/**
 * The "Blast radius" region (reach) and its twin "Exposure" (who can reach the node): the engine's count,
 * the hop slider, breakdowns by access and kind, crown jewels reached, and every entry nearest first.
 * Clicking an entry traces its witness path on the graph, hop by hop.
 */
import { memo, useState } from 'react';
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/section.tsx';
import type { InventoryGraph } from '../../graph/index.ts';
import { plural } from '../../lib/format.ts';
import { NODE_KIND_LABELS } from '../../model/index.ts';
import type { AccessName } from '../../model/index.ts';
import { useAppStore } from '../../store/app-store.ts';

import { KindGlyph } from './kind-glyph.tsx';
import { DetailsButton } from './selection-header.tsx';
import { ACCESS_COLORS, ACCESS_INK } from '../../lib/kind-visuals.ts';
import type { RadiusEntry, RadiusView } from './view-model/analysis-views.ts';

const ACCESS_ORDER: readonly AccessName[] = ['control', 'read-write', 'read', 'write'];
const PAGE = 100;

/** Node ids along an entry's witness path, in capability order. */
export function pathNodes(graph: InventoryGraph, start: string, edges: readonly string[]): string[] {
  const nodes = [start];
  for (const id of edges) {
    const j = graph.index.edgeIndex.get(id);
    if (j !== undefined) nodes.push(graph.edges[j]!.target);
  }
  return nodes;
}

function EntryRow({ entry, onTrace, mode }: { entry: RadiusEntry; onTrace(e: RadiusEntry): void; mode: 'reach' | 'exposure' }): ReactElement {
  const label = `${entry.name}, ${NODE_KIND_LABELS[entry.kind]}, ${plural(entry.hops, 'hop')}${entry.access ? `, ${entry.access}` : ''}${entry.crownJewel ? ', crown jewel' : ''}`;
  return (
    <li>
      <button
        type="button"
        onClick={() => onTrace(entry)}
        aria-label={`${label}. Show ${mode === 'reach' ? 'path' : 'path to the target'}`}
        className="group flex w-full cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-left hover:bg-raised"
      >
        <KindGlyph kind={entry.kind} size={18} />
        <span className="min-w-0 flex-1 truncate text-[13px]">
          {entry.crownJewel ? <span className="mr-1 text-accent" aria-hidden="true">★</span> : null}
          {entry.name}
        </span>
        {entry.access ? (
          <span className="shrink-0 rounded px-1 text-2xs font-medium" style={{ color: ACCESS_INK[entry.access], background: `${ACCESS_COLORS[entry.access]}22` }}>
            {entry.access}
          </span>
        ) : null}
        <span className="w-9 shrink-0 text-right font-mono text-2xs text-faint" aria-hidden="true">
          {entry.hops}h
        </span>
      </button>
    </li>
  );
}

/**
 * Memoised: the explorer passes a deferred radius, so a selection paints the graph first and this panel in
 * the render right after it.
 */
export const RadiusPanel = memo(RadiusPanelView);

function RadiusPanelView({ graph, radius, maxDepth, before }: { graph: InventoryGraph; radius: RadiusView; maxDepth: number; /** The radius's size before the what-if cuts, when any are applied. */ before?: number | undefined }): ReactElement {
  const hops = useAppStore((s) => s.view.hops);
  const setHops = useAppStore((s) => s.setHops);
  const setMode = useAppStore((s) => s.setMode);
  const tracePath = useAppStore((s) => s.tracePath);
  const [shown, setShown] = useState(PAGE);
  const [jewelsShown, setJewelsShown] = useState(12);
  const reach = radius.mode === 'reach';
  const title = reach ? 'Blast radius' : 'Exposure';
  const focusNode = graph.nodes[graph.index.nodeIndex.get(radius.focus)!]!;

  const trace = (e: RadiusEntry): void => {
    if (reach) tracePath(pathNodes(graph, radius.focus, e.path), e.path);
    else tracePath(pathNodes(graph, e.id, e.path), e.path);
  };

  const slider = maxDepth > 1 ? (
    <div className="mt-3">
      <div className="mb-1 flex items-baseline justify-between text-xs text-muted">
        <label htmlFor="hop-limit">Hop limit</label>
        <span className="font-mono text-fg">{hops === null ? `all ${maxDepth}` : `${Math.min(hops, maxDepth)} of ${maxDepth}`}</span>
      </div>
      <input
        id="hop-limit"
        type="range"
        className="hop-slider w-full"
        min={1}
        max={maxDepth}
        step={1}
        value={hops === null ? maxDepth : Math.min(hops, maxDepth)}
        onChange={(e) => {
          const v = Number(e.target.value);
          setHops(v >= maxDepth ? null : v);
        }}
        aria-valuetext={`${hops === null ? maxDepth : hops} hops`}
      />
    </div>
  ) : null;

  const total = radius.size;
  return (
    <section aria-label={title} className="border-b border-line px-4 pt-3 pb-4">
      <header className="flex items-center justify-between gap-2">
        <h2 className="text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">{title}</h2>
        {reach ? (
          <Button size="sm" variant="ghost" icon="target" onClick={() => setMode('exposure')}>
            Who can reach this?
          </Button>
        ) : (
          <Button size="sm" variant="ghost" icon="radius" onClick={() => setMode('reach')}>
            Show its blast radius
          </Button>
        )}
      </header>
      <div className="mt-2 flex items-center gap-2">
        <KindGlyph kind={focusNode.kind} size={22} labelled />
        <span className="min-w-0 truncate text-sm font-semibold" title={focusNode.name}>
          {focusNode.name}
        </span>
        <DetailsButton className="ml-auto shrink-0" />
      </div>
      <p className="mt-2 text-2xl font-semibold tracking-tight" aria-live="polite">
        {reach ? <span data-testid="reach-count">{`${total} reachable`}</span> : <span data-testid="exposure-count">{`${total} can reach this`}</span>}
      </p>
      <p className="text-xs text-muted">
        {reach
          ? `Controlling ${focusNode.name} gives access to ${plural(total, 'node')}${hops !== null ? ` within ${plural(hops, 'hop')}` : ''}.`
          : `${plural(total, 'node')} hold a path to ${focusNode.name}${hops !== null ? ` within ${plural(hops, 'hop')}` : ''}.`}
      </p>
      {before !== undefined ? (
        <p className="mt-1.5 rounded-md border border-dashed border-danger/60 px-2 py-1 text-xs text-fg" data-testid="cut-effect" aria-live="polite">
          {before === total
            ? `The what-if cuts leave this radius unchanged (${plural(total, 'node')}).`
            : `The what-if cuts shrank this radius from ${before.toLocaleString('en-US')} to ${total.toLocaleString('en-US')} (${plural(before - total, 'node')} no longer ${reach ? 'reachable' : 'able to reach it'}, drawn faded behind the ✂ cut).`}
        </p>
      ) : null}
      {slider}

      {total > 0 && reach ? (
        <div className="mt-4">
          <h3 className="mb-1.5 text-xs font-medium text-muted">By access</h3>
          <div className="flex h-2 overflow-hidden rounded-full bg-raised" aria-hidden="true">
            {ACCESS_ORDER.map((a) =>
              radius.byAccess[a] ? <span key={a} style={{ width: `${(radius.byAccess[a] / total) * 100}%`, background: ACCESS_COLORS[a] }} /> : null,
            )}
          </div>
          <ul className="mt-2 grid grid-cols-2 gap-x-3 gap-y-0.5 text-xs">
            {ACCESS_ORDER.map((a) => (
              <li key={a} className="flex items-center gap-1.5">
                <span className="h-2 w-2 rounded-full" style={{ background: ACCESS_COLORS[a] }} aria-hidden="true" />
                <span className="text-muted">{a}</span>
                <span className="ml-auto font-mono">{radius.byAccess[a]}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {total > 0 ? (
        <div className="mt-4">
          <h3 className="mb-1 flex items-center gap-2 text-xs font-medium text-muted">
            Crown jewels {reach ? 'reached' : 'among them'}
            <Badge tone={radius.crownJewels.length ? 'accent' : 'neutral'}>{radius.crownJewels.length}</Badge>
            {reach ? <span className="ml-auto text-2xs text-faint">{plural(radius.sensitive, 'sensitive store')}</span> : null}
          </h3>
          {radius.crownJewels.length ? (
            <ul className="-mx-1.5" aria-label="Crown jewels, nearest first">
              {radius.crownJewels.slice(0, jewelsShown).map((e) => (
                <EntryRow key={e.id} entry={e} onTrace={trace} mode={radius.mode} />
              ))}
            </ul>
          ) : (
            <p className="text-xs text-faint">None {reach ? 'reached' : 'can reach it'}.</p>
          )}
          {radius.crownJewels.length > jewelsShown ? (
            <Button size="sm" variant="ghost" className="mt-1" onClick={() => setJewelsShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, radius.crownJewels.length - jewelsShown)} more crown jewels
            </Button>
          ) : null}
        </div>
      ) : null}

      {total > 0 ? (
        <div className="mt-4">
          <h3 className="mb-1.5 text-xs font-medium text-muted">By kind</h3>
          <ul className="space-y-1">
            {radius.byKind.map(([kind, n]) => (
              <li key={kind} className="flex items-center gap-2 text-xs">
                <KindGlyph kind={kind} size={16} />
                <span className="w-28 truncate">{NODE_KIND_LABELS[kind]}</span>
                <span className="h-1.5 flex-1 overflow-hidden rounded-full bg-raised" aria-hidden="true">
                  <span className="block h-full rounded-full bg-faint/70" style={{ width: `${(n / radius.byKind[0]![1]) * 100}%` }} />
                </span>
                <span className="w-10 text-right font-mono">{n}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {total > 0 ? (
        <div className="mt-4">
          <h3 className="mb-1 text-xs font-medium text-muted">
            {reach ? 'Everything reached' : 'Everything that can reach it'}, nearest first
          </h3>
          <ol className="-mx-1.5" aria-label={reach ? 'Reached nodes, nearest first' : 'Nodes that can reach it, nearest first'}>
            {radius.entries.slice(0, shown).map((e) => (
              <EntryRow key={e.id} entry={e} onTrace={trace} mode={radius.mode} />
            ))}
          </ol>
          {radius.entries.length > shown ? (
            <Button size="sm" variant="ghost" className="mt-1" onClick={() => setShown((s) => s + PAGE)}>
              Show {Math.min(PAGE, radius.entries.length - shown)} more of {radius.entries.length - shown}
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="mt-3 rounded-md border border-dashed border-line p-3 text-xs text-muted">
          {reach
            ? 'Nothing is reachable: this node has no traversable outgoing capability.'
            : 'Nothing can reach this node through traversable edges.'}
        </p>
      )}
    </section>
  );
}
