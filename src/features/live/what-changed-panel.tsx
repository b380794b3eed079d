/**
 * "What changed": the live connection's state, and the drift of the last refreshes (or of "Compare
 * with…"), newest first, each expandable. Every name is rendered as text.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';

import { Button, IconButton } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { SEVERITY_COLORS, SEVERITY_INK } from '../../lib/kind-visuals.ts';
import { useAppStore } from '../../store/app-store.ts';
import { useLiveStore } from '../../store/live-store.ts';
import type { HistoryEntry } from '../../store/live-store.ts';

import type { Capped, DiffView, FieldLine, FindingLine, NamedEdge, NamedNode } from './diff-view.ts';
import { clockTime, compareWithFile, sourceLabel } from './live-session.ts';
import { nextPollDelay } from './poll.ts';

function More({ n }: { n: number }): ReactElement | null {
  return n > 0 ? <li className="text-2xs text-faint">and {n.toLocaleString('en-US')} more</li> : null;
}

function Group<T>({ title, tone, list, render }: { title: string; tone: 'added' | 'removed' | 'changed'; list: Capped<T>; render(item: T): ReactNode }): ReactElement | null {
  const total = list.items.length + list.more;
  if (total === 0) return null;
  const mark = tone === 'added' ? 'text-ok' : tone === 'removed' ? 'text-danger' : 'text-info';
  const sign = tone === 'added' ? '+' : tone === 'removed' ? '−' : '~';
  return (
    <div className="mt-3">
      <h4 className="text-2xs font-semibold tracking-wide text-muted uppercase">
        {title} <span className="font-normal">({total.toLocaleString('en-US')})</span>
      </h4>
      <ul className="mt-1 space-y-1" aria-label={title}>
        {list.items.map((item, i) => (
          <li key={i} className="flex gap-2 text-xs">
            <span aria-hidden="true" className={`w-3 shrink-0 text-center font-mono font-bold ${mark}`}>
              {sign}
            </span>
            <div className="min-w-0 flex-1">{render(item)}</div>
          </li>
        ))}
        <More n={list.more} />
      </ul>
    </div>
  );
}

/** A node's name; a button that shows it on the graph when it is in the inventory on screen. */
function NodeName({ node }: { node: NamedNode }): ReactElement {
  const present = useAppStore((s) => s.dataset?.graph.index.nodeIndex.has(node.id) ?? false);
  const show = (): void => {
    const app = useAppStore.getState();
    app.selectNode(node.id);
    app.pulseNode(node.id);
    if (app.view.view !== 'explorer') app.setView({ view: 'explorer' });
  };
  return (
    <span>
      {present ? (
        <button
          type="button"
          onClick={show}
          title="Show it on the graph"
          className="cursor-pointer rounded-sm text-left font-medium break-words text-fg underline decoration-line-strong underline-offset-2 hover:decoration-accent"
        >
          {node.name}
        </button>
      ) : (
        <span className="font-medium break-words text-fg">{node.name}</span>
      )}{' '}
      <span className="text-muted">{node.kind}</span>
    </span>
  );
}

function EdgeName({ edge }: { edge: NamedEdge }): ReactElement {
  return (
    <span>
      <span className="break-words text-fg">{edge.label}</span> {edge.kind ? <span className="text-muted">({edge.kind.replace(/_/g, ' ')})</span> : null}
    </span>
  );
}

function Fields({ fields }: { fields: readonly FieldLine[] }): ReactElement {
  return (
    <ul className="mt-0.5 space-y-0.5">
      {fields.map((f) => (
        <li key={f.field} className="text-2xs break-words text-muted">
          <span className="font-mono text-fg">{f.field}</span>: {f.text}
        </li>
      ))}
    </ul>
  );
}

function SeverityTag({ severity }: { severity: FindingLine['severity'] }): ReactElement {
  const color = SEVERITY_COLORS[severity];
  return (
    <span className="mr-1 rounded px-1 text-2xs font-semibold" style={{ color: SEVERITY_INK[severity], background: `${color}22` }}>
      {severity}
    </span>
  );
}

function FindingItem({ f }: { f: FindingLine }): ReactElement {
  return (
    <span>
      <SeverityTag severity={f.severity} />
      {f.from ? <span className="text-muted">(was {f.from}) </span> : null}
      {f.ruleRef ? <span className="font-mono text-2xs text-faint">{f.ruleRef} </span> : null}
      <span className="text-fg">{f.title}</span>
      {f.title.includes(f.nodeName) ? null : <span className="text-muted"> · {f.nodeName}</span>}
    </span>
  );
}

function ReachList({ view }: { view: DiffView }): ReactElement | null {
  if (view.reach.items.length === 0) return null;
  return (
    <div className="mt-3">
      <h4 className="text-2xs font-semibold tracking-wide text-muted uppercase">Blast radius per AI integration</h4>
      <ul className="mt-1 space-y-2" aria-label="Blast radius changes">
        {view.reach.items.map((r) => (
          <li key={r.node} className="rounded-md border border-line bg-panel-2 px-2.5 py-2 text-xs">
            <p>
              <span className="font-medium text-fg">{r.name}</span>{' '}
              <span className="text-muted">
                reaches {r.after.toLocaleString('en-US')} nodes (was {r.before.toLocaleString('en-US')})
              </span>
            </p>
            {r.crownJewelsGained.length ? (
              <p className="mt-1 flex items-start gap-1 text-danger">
                <Icon name="crown" size={13} className="mt-0.5 shrink-0" />
                <span>Now reaches crown jewel{r.crownJewelsGained.length > 1 ? 's' : ''}: {r.crownJewelsGained.map((n) => n.name).join(', ')}</span>
              </p>
            ) : null}
            {r.crownJewelsLost.length ? (
              <p className="mt-1 flex items-start gap-1 text-ok">
                <Icon name="crown" size={13} className="mt-0.5 shrink-0" />
                <span>No longer reaches: {r.crownJewelsLost.map((n) => n.name).join(', ')}</span>
              </p>
            ) : null}
            {r.gained.items.length ? (
              <p className="mt-1 text-muted">
                <span className="text-ok">Gained</span> {r.gained.items.map((n) => n.name).join(', ')}
                {r.gained.more ? ` and ${r.gained.more} more` : ''}
              </p>
            ) : null}
            {r.lost.items.length ? (
              <p className="mt-1 text-muted">
                <span className="text-danger">Lost</span> {r.lost.items.map((n) => n.name).join(', ')}
                {r.lost.more ? ` and ${r.lost.more} more` : ''}
              </p>
            ) : null}
          </li>
        ))}
        <More n={view.reach.more} />
      </ul>
    </div>
  );
}

export function DiffDetails({ view }: { view: DiffView }): ReactElement {
  if (view.empty) return <p className="text-xs text-muted">No difference: the two inventories describe the same environment.</p>;
  return (
    <div>
      {view.summary.length ? (
        <ul className="space-y-1" aria-label="Summary">
          {view.summary.map((s, i) => (
            <li key={i} className={`flex gap-1.5 text-xs leading-snug ${s.kind === 'crown-jewel-gained' ? 'font-medium text-danger' : 'text-fg'}`}>
              {s.kind === 'crown-jewel-gained' || s.kind === 'crown-jewel-lost' ? (
                <Icon name="crown" size={12} className={`mt-0.5 shrink-0 ${s.kind === 'crown-jewel-lost' ? 'text-ok' : ''}`} />
              ) : (
                <span aria-hidden="true" className="mt-[7px] mr-1 ml-0.5 h-1 w-1 shrink-0 rounded-full" style={{ background: s.severity ? SEVERITY_COLORS[s.severity] : 'var(--muted)' }} />
              )}
              <span className="break-words">{s.text}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <Group title="New findings" tone="added" list={view.findings.new} render={(f) => <FindingItem f={f} />} />
      <ReachList view={view} />
      <Group title="Nodes added" tone="added" list={view.nodes.added} render={(n) => <NodeName node={n} />} />
      <Group title="Nodes removed" tone="removed" list={view.nodes.removed} render={(n) => <NodeName node={n} />} />
      <Group
        title="Nodes changed"
        tone="changed"
        list={view.nodes.changed}
        render={(n) => (
          <>
            <NodeName node={n} />
            <Fields fields={n.fields} />
          </>
        )}
      />
      <Group title="Edges added" tone="added" list={view.edges.added} render={(e) => <EdgeName edge={e} />} />
      <Group title="Edges removed" tone="removed" list={view.edges.removed} render={(e) => <EdgeName edge={e} />} />
      <Group
        title="Edges changed"
        tone="changed"
        list={view.edges.changed}
        render={(e) => (
          <>
            <EdgeName edge={e} />
            <Fields fields={e.fields} />
          </>
        )}
      />
      <Group title="Finding severity changed" tone="changed" list={view.findings.changed} render={(f) => <FindingItem f={f} />} />
      <Group title="Resolved findings" tone="removed" list={view.findings.resolved} render={(f) => <FindingItem f={f} />} />
    </div>
  );
}

function Entry({ entry, open }: { entry: HistoryEntry; open: boolean }): ReactElement {
  const shown = useLiveStore((s) => s.marks === entry.view.marks);
  const showMarks = useLiveStore((s) => s.showMarks);
  const clearMarks = useLiveStore((s) => s.clearMarks);
  const markable = entry.view.marks.added.size + entry.view.marks.ghostNodes.length + entry.view.marks.ghostEdges.length > 0;
  return (
    <li className="border-b border-line">
      <details open={open} className="group">
        <summary className="flex cursor-pointer list-none items-start gap-2 px-4 py-3 hover:bg-raised/50">
          <Icon name="chevron" size={14} className="mt-0.5 shrink-0 text-muted transition-transform group-open:rotate-90" />
          <span className="min-w-0 flex-1">
            <span className="block text-xs font-semibold text-fg">
              {entry.title}
              {entry.origin === 'refresh' ? null : <span className="ml-1.5 font-normal text-muted">at {clockTime(entry.at)}</span>}
            </span>
            <span className="block text-2xs text-muted">{entry.view.headline}</span>
          </span>
        </summary>
        <div className="px-4 pb-4 pl-10">
          {markable ? (
            <div className="mb-2">
              <Button
                size="sm"
                variant="ghost"
                aria-pressed={shown}
                className="aria-pressed:bg-ok/15 aria-pressed:text-ok"
                onClick={() => (shown ? clearMarks() : showMarks(entry.view.marks))}
                title="Added elements ringed in green, removed ones drawn as ghosts"
              >
                Mark on the graph
              </Button>
            </div>
          ) : null}
          <DiffDetails view={entry.view} />
        </div>
      </details>
    </li>
  );
}

function ConnectionBlock(): ReactElement | null {
  const connection = useLiveStore((s) => s.connection);
  const status = useLiveStore((s) => s.status);
  const error = useLiveStore((s) => s.error);
  const lastCheckAt = useLiveStore((s) => s.lastCheckAt);
  const lastSuccessAt = useLiveStore((s) => s.lastSuccessAt);
  const unchanged = useLiveStore((s) => s.unchangedCount);
  const failures = useLiveStore((s) => s.failures);
  const refreshNow = useLiveStore((s) => s.refreshNow);
  if (!connection) return null;
  return (
    <div className={`mx-4 mt-3 rounded-lg border px-3 py-2.5 text-xs ${status === 'error' ? 'border-danger/50 bg-danger/10' : 'border-line bg-panel-2'}`}>
      <p className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-medium text-fg" title={connection.url}>
          {sourceLabel(connection.url)}
        </span>
        <Button size="sm" variant="default" onClick={() => refreshNow?.()} disabled={!refreshNow}>
          Refresh now
        </Button>
      </p>
      {status === 'error' ? (
        <>
          <p className="mt-1.5 font-semibold text-danger">Refresh failed: {error}</p>
          <p className="mt-0.5 text-muted">
            {lastSuccessAt !== null
              ? `Still showing the inventory last confirmed at ${clockTime(lastSuccessAt)}.`
              : 'Nothing has been loaded from this source yet.'}{' '}
            Next attempt in about {Math.round(nextPollDelay(connection.intervalS, failures) / 1000)} s{failures > 1 ? ' (backing off while it fails)' : ''}.
          </p>
        </>
      ) : (
        <p className="mt-1 text-muted">
          {status === 'live' && lastCheckAt !== null ? `Live · polling every ${connection.intervalS} s · last checked ${clockTime(lastCheckAt)}` : 'Connecting…'}
          {unchanged ? ` · ${unchanged.toLocaleString('en-US')} check${unchanged === 1 ? '' : 's'} with no change` : ''}
        </p>
      )}
    </div>
  );
}

function CompareButton({ onError }: { onError(message: string | null): void }): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="compare-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          onError(null);
          void compareWithFile(file)
            .then(onError)
            .finally(() => setBusy(false));
        }}
      />
      <Button size="sm" variant="default" disabled={busy} onClick={() => input.current?.click()} title="Open another file and see what changed from it to the inventory on screen">
        {busy ? 'Comparing…' : 'Compare with…'}
      </Button>
    </>
  );
}

export function WhatChangedPanel(): ReactElement {
  const history = useLiveStore((s) => s.history);
  const marks = useLiveStore((s) => s.marks);
  const clearMarks = useLiveStore((s) => s.clearMarks);
  const setPanelOpen = useLiveStore((s) => s.setPanelOpen);
  const connection = useLiveStore((s) => s.connection);
  const [compareError, setCompareError] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) setPanelOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPanelOpen]);
  const marked = marks.added.size + marks.ghostNodes.length + marks.ghostEdges.length;
  return (
    <section aria-label="What changed" className="absolute top-0 right-0 z-30 flex h-full w-[24rem] max-w-full flex-col border-l border-line-strong bg-panel shadow-2xl">
      <header className="flex items-start gap-2 border-b border-line px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold">What changed</h2>
          <p className="text-xs text-muted">
            {connection ? 'Each refresh that changed something, newest first (the last 10).' : 'Drift between inventories, newest first.'}
          </p>
        </div>
        <IconButton icon="close" label="Close What changed" onClick={() => setPanelOpen(false)} />
      </header>
      <ConnectionBlock />
      <div className="flex flex-wrap items-center gap-2 px-4 py-3">
        <CompareButton onError={setCompareError} />
        {marked ? (
          <Button size="sm" variant="ghost" onClick={clearMarks} title="Remove the added and removed marks from the graph">
            Clear graph marks
          </Button>
        ) : null}
        {marked ? (
          <span className="ml-auto flex items-center gap-2 text-2xs text-muted" aria-label="Graph legend">
            <span className="inline-flex items-center gap-1">
              <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full border-2 border-ok bg-ok/30" /> added
            </span>
            <span className="inline-flex items-center gap-1">
              <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full border-2 border-dashed border-faint" /> removed (ghost)
            </span>
          </span>
        ) : null}
      </div>
      {compareError ? (
        <p role="alert" className="mx-4 mb-3 rounded-md border border-danger/50 bg-danger/10 px-3 py-2 text-xs text-danger">
          {compareError}
        </p>
      ) : null}
      <div className="min-h-0 flex-1 overflow-y-auto border-t border-line">
        {history.length === 0 ? (
          <p className="px-4 py-6 text-center text-xs text-muted">
            {connection
              ? 'No changes yet. Each refresh that changes the inventory is listed here, with the elements added, removed and changed.'
              : 'Connect to a live inventory, or compare the inventory on screen with another file.'}
          </p>
        ) : (
          <ol aria-label="History" className="m-0 list-none p-0">
            {history.map((entry, i) => (
              <Entry key={entry.id} entry={entry} open={i === 0} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
