/**
 * Details of the selected node or edge, as a drawer over the canvas's right edge: every field as given (fields
 * the format does not know are kept and marked), where it was read from, and its provenance; for an edge its
 * kind, ends and evidence. Opened only when asked for ("Open details" in the context menu, the selection's
 * "Details" button, Enter on the selected node), never by a selection alone; once open it follows the
 * selection. A heading, an "Actions" button (the context menu, for keyboard and touch), a close
 * button and Escape; it takes the focus when asked for and gives it back when closed. It floats over the
 * canvas as a `data-canvas-blocker`, so the picture is framed beside it. Values are rendered as text, never
 * as HTML.
 */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';

import { Button, IconButton } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/section.tsx';
import type { InventoryGraph } from '../../graph/index.ts';
import { fieldText } from '../../lib/format.ts';
import { NODE_KIND_LABELS, accessName, isCrownJewel, isSensitive, isUntrusted, isAiNode } from '../../model/index.ts';
import { useAppStore } from '../../store/app-store.ts';
import { CutEdgeButton } from '../review/cut-edge-button.tsx';

import { InferredFacts } from './inferred-facts.tsx';
import { KindGlyph } from './kind-glyph.tsx';
import { ActionsButton, DETAILS_ID } from './selection-header.tsx';

/** Fields inventory format v1 describes (section 2); anything else is shown as a preserved custom field. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set(
  (
    'id kind name owner env sanctioned trust exposure sensitivity critical status lastSeen tags provenance privileged mfa subtype crossAccount ' +
    'credType storage scopes createdAt expiresAt lastRotated agentType framework autonomy authMode rendersMarkdownMedia provider modelId hosting ' +
    'jurisdiction dataRetention approved guardrails enforced transport launch package versionPinned publisherVerified auth tls caps requiresApproval ' +
    'permissionTrimming scope storeType dataClasses containsSecrets allowedJurisdictions vendor category vendorAssessed adminCapable resourceType vulns ' +
    'sandbox networkEgress credentialsInEnv ecosystem version path host inRepo autoFetchMedia linkUnfurl cspAllowlist ' +
    'source target traversable actions'
  ).split(' '),
);

function FieldList({ fields, skip }: { fields: Readonly<Record<string, unknown>>; skip: ReadonlySet<string> }): ReactElement {
  const keys = Object.keys(fields).filter((k) => !skip.has(k));
  if (keys.length === 0) return <p className="text-xs text-faint">No other fields.</p>;
  return (
    <dl className="grid grid-cols-[minmax(0,38%)_1fr] gap-x-3 gap-y-1.5 text-xs">
      {keys.map((k) => {
        const text = fieldText(fields[k]);
        return (
          <div key={k} className="contents">
            <dt className="truncate text-muted" title={k}>
              {k}
              {KNOWN_FIELDS.has(k) ? null : (
                <span className="ml-1 rounded bg-info/15 px-1 text-[10px] text-info" title="Not described by the format; preserved as given">
                  custom
                </span>
              )}
            </dt>
            <dd className={`min-w-0 break-words ${text.includes('\n') ? 'whitespace-pre-wrap font-mono text-2xs' : ''}`}>{text}</dd>
          </div>
        );
      })}
    </dl>
  );
}

export function DetailsPanel({ graph }: { graph: InventoryGraph }): ReactElement {
  const nodeId = useAppStore((s) => s.view.node);
  const edgeId = useAppStore((s) => s.selectedEdge);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const selectNode = useAppStore((s) => s.selectNode);
  const setMode = useAppStore((s) => s.setMode);
  const setPathEnds = useAppStore((s) => s.setPathEnds);
  const mode = useAppStore((s) => s.view.mode);
  const pathFrom = useAppStore((s) => s.view.from);
  const pathTo = useAppStore((s) => s.view.to);

  const edgeIdx = edgeId ? graph.index.edgeIndex.get(edgeId) : undefined;
  const nodeIdx = nodeId ? graph.index.nodeIndex.get(nodeId) : undefined;
  const target = edgeIdx !== undefined ? ({ kind: 'edge', id: edgeId! } as const) : nodeIdx !== undefined ? ({ kind: 'node', id: nodeId! } as const) : null;

  // Asked for with the focus ("Open details", "Details", Enter on the selected node): the drawer takes it, and
  // gives it back to where it came from when it closes.
  const ref = useRef<HTMLElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const wantsFocus = useAppStore((s) => s.detailsFocus);
  useEffect(() => {
    if (!wantsFocus) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !ref.current?.contains(active) && !active.closest('[role="menu"]')) returnTo.current = active;
    ref.current?.focus({ preventScroll: true });
    useAppStore.getState().detailsFocused();
  }, [wantsFocus]);
  const close = (): void => {
    const hadFocus = ref.current?.contains(document.activeElement) ?? false;
    useAppStore.getState().closeDetails();
    if (!hadFocus) return;
    const back = returnTo.current?.isConnected ? returnTo.current : (document.querySelector<HTMLElement>('[data-details-opener]') ?? document.getElementById('analysis'));
    back?.focus({ preventScroll: true });
  };
  // Escape inside the drawer closes it (a menu or a field inside handles its own Escape first).
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      e.stopPropagation();
      closeRef.current();
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, []);

  let body: ReactElement;
  if (edgeIdx !== undefined) {
    const edge = graph.edges[edgeIdx]!;
    const access = edge.traversable ? accessName(graph.index.edgeGrant[edgeIdx]!) : null;
    const src = graph.nodes[graph.index.edgeSource[edgeIdx]!]!;
    const tgt = graph.nodes[graph.index.edgeTarget[edgeIdx]!]!;
    body = (
      <>
        <p className="font-mono text-sm text-fg">{edge.kind}</p>
        <div className="mt-2 space-y-1 text-xs">
          {[src, tgt].map((n, i) => (
            <button key={n.id} type="button" onClick={() => selectNode(n.id)} className="flex w-full cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-left hover:bg-raised">
              <span className="w-10 text-muted">{i === 0 ? 'from' : 'to'}</span>
              <KindGlyph kind={n.kind} size={16} />
              <span className="truncate">{n.name}</span>
            </button>
          ))}
        </div>
        <div className="mt-2 flex flex-wrap gap-1">
          {access ? <Badge tone="info">grants {access}</Badge> : <Badge>not traversable</Badge>}
        </div>
        <CutEdgeButton edge={edge.id} />
        <dl className="mt-3 grid grid-cols-[minmax(0,38%)_1fr] gap-x-3 gap-y-1.5 text-xs">
          <dt className="text-muted">id</dt>
          <dd className="break-all font-mono text-2xs">{edge.id}</dd>
        </dl>
        <h3 className="mt-3 mb-1.5 text-xs font-medium text-muted">Evidence</h3>
        <dl aria-label="Evidence" className="grid grid-cols-[minmax(0,38%)_1fr] gap-x-3 gap-y-1.5 text-xs">
          <dt className="text-muted">read from</dt>
          <dd className="break-all font-mono text-2xs">{edge.at}</dd>
          {edge.fields.provenance !== undefined ? (
            <>
              <dt className="text-muted">provenance</dt>
              <dd className="break-all font-mono text-2xs">{fieldText(edge.fields.provenance)}</dd>
            </>
          ) : null}
          {edge.fields.because !== undefined ? (
            <>
              <dt className="text-muted">joined because</dt>
              <dd className="min-w-0 break-words">
                {fieldText(edge.fields.because)}
                {edge.fields.join !== undefined ? <span className="text-muted"> ({fieldText(edge.fields.join)})</span> : null}
              </dd>
            </>
          ) : null}
          {edge.fields.actions !== undefined ? (
            <>
              <dt className="text-muted">actions</dt>
              <dd className="min-w-0 break-words font-mono text-2xs">{fieldText(edge.fields.actions)}</dd>
            </>
          ) : null}
        </dl>
        <h3 className="mt-3 mb-1.5 text-xs font-medium text-muted">All fields</h3>
        <FieldList fields={edge.fields} skip={new Set()} />
        <button type="button" onClick={() => selectEdge(null)} className="mt-3 cursor-pointer text-xs text-muted underline hover:text-fg">
          Back to the selected node
        </button>
      </>
    );
  } else if (nodeIdx !== undefined) {
    const node = graph.nodes[nodeIdx]!;
    const outDeg = graph.index.outOffsets[nodeIdx + 1]! - graph.index.outOffsets[nodeIdx]!;
    const inDeg = graph.index.inOffsets[nodeIdx + 1]! - graph.index.inOffsets[nodeIdx]!;
    const provenance = node.fields.provenance;
    // A node merged from several files keeps every source (the importers' `provenanceAll`).
    const sources = Array.isArray(node.fields.provenanceAll) ? (node.fields.provenanceAll as unknown[]).map((v) => fieldText(v)) : [];
    body = (
      <>
        <div className="flex items-start gap-2">
          <KindGlyph kind={node.kind} size={28} labelled />
          <div className="min-w-0">
            <p className="text-sm font-semibold break-words">{node.name}</p>
            <p className="text-xs text-muted">{NODE_KIND_LABELS[node.kind]}</p>
          </div>
        </div>
        <div className="mt-2 flex flex-wrap gap-1">
          {isCrownJewel(node) ? <Badge tone="accent">★ crown jewel</Badge> : null}
          {isSensitive(node) ? <Badge tone="warn">sensitive</Badge> : null}
          {isAiNode(node) ? <Badge tone="info">AI integration</Badge> : null}
          {isUntrusted(node) ? <Badge tone="danger">untrusted</Badge> : null}
          <Badge>
            {outDeg} out · {inDeg} in
          </Badge>
        </div>
        <dl className="mt-3 grid grid-cols-[minmax(0,38%)_1fr] gap-x-3 gap-y-1.5 text-xs">
          <dt className="text-muted">id</dt>
          <dd className="break-all font-mono text-2xs">{node.id}</dd>
          <dt className="text-muted">read from</dt>
          <dd className="break-all font-mono text-2xs">{node.at}</dd>
          {sources.length > 1 ? (
            <>
              <dt className="text-muted">provenance ({sources.length} sources)</dt>
              <dd>
                <ul aria-label="Provenance" className="space-y-0.5 font-mono text-2xs">
                  {sources.map((src) => (
                    <li key={src} className="break-all">
                      {src}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : provenance !== undefined ? (
            <>
              <dt className="text-muted">provenance</dt>
              <dd className="break-all font-mono text-2xs">{fieldText(provenance)}</dd>
            </>
          ) : null}
        </dl>
        <div className="mt-3 flex flex-wrap gap-1.5">
          {mode !== 'reach' ? (
            <Button size="sm" icon="radius" onClick={() => setMode('reach')}>
              Show blast radius
            </Button>
          ) : null}
          {mode !== 'exposure' ? (
            <Button size="sm" icon="target" onClick={() => setMode('exposure')}>
              Show exposure
            </Button>
          ) : null}
          <Button size="sm" icon="route" onClick={() => setPathEnds(node.id, mode === 'path' && pathTo !== node.id ? pathTo : null)}>
            Path from here
          </Button>
          <Button size="sm" icon="route" onClick={() => setPathEnds(mode === 'path' && pathFrom !== node.id ? pathFrom : null, node.id)}>
            Path to here
          </Button>
        </div>
        <InferredFacts fields={node.fields} />
        <h3 className="mt-3 mb-1.5 text-xs font-medium text-muted">All fields</h3>
        <FieldList fields={node.fields} skip={new Set(['id', 'provenance', 'provenanceAll'])} />
      </>
    );
  } else {
    body = <p className="text-xs text-muted">Select a node or an edge to see every field it carries and where it came from.</p>;
  }

  return (
    <section
      ref={ref}
      aria-label="Details"
      id={DETAILS_ID}
      tabIndex={-1}
      data-canvas-blocker=""
      data-details={edgeIdx !== undefined ? 'edge' : nodeIdx !== undefined ? 'node' : 'none'}
      className="details-drawer no-print absolute top-[3.75rem] right-3 bottom-[12.25rem] z-20 flex w-[min(20rem,40%)] min-w-60 flex-col rounded-lg border border-line-strong bg-panel shadow-2xl outline-none focus-visible:ring-2 focus-visible:ring-accent"
    >
      <header className="flex items-center gap-1 border-b border-line py-1.5 pr-1.5 pl-4">
        <h2 className="flex-1 text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">Details</h2>
        {target ? <ActionsButton target={target} /> : null}
        <IconButton icon="close" label="Close details" onClick={close} aria-keyshortcuts="Escape" />
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 pt-3 pb-4">{body}</div>
    </section>
  );
}
