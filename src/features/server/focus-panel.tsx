/**
 * The server explorer for estates bigger than a browser: when the app is served by a Pathlight server whose
 * latest snapshot is above its focus threshold, the server's front door opens `/?focus=server` and this
 * panel explores the estate through the focused endpoints (docs/server-api.md section 7), holding only what
 * it shows: find a node, its blast radius to N hops (nearest first), who can reach it, its neighbours by
 * kind, and its findings.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';

import { api } from './server-client.ts';

interface FocusNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly hops?: number;
  readonly access?: string;
  readonly crownJewel?: true;
}

interface GraphInfo {
  readonly snapshot: number;
  readonly nodes: number;
  readonly edges: number;
  readonly findings: number;
}

interface Radius {
  readonly total: number;
  readonly depth: number;
  readonly crownJewels: number;
  readonly byKind: Record<string, number>;
  readonly nodes: readonly FocusNode[];
  readonly truncated: boolean;
}

interface Exposure {
  readonly total: number;
  readonly nodes: readonly FocusNode[];
}

interface Context {
  readonly groups: readonly { direction: 'out' | 'in'; kind: string; count: number }[];
}

interface FindingsPage {
  readonly total: number;
  readonly items: readonly { rule: string; node: string; severity: string; title: string; decision?: { status: string; author: string } }[];
}

/** True when the page was opened as the server explorer (read once, before the URL sync rewrites the address). */
export const FOCUS_REQUESTED = typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('focus') === 'server';

const q = encodeURIComponent;

export function FocusPanel({ token }: { token: string }): ReactElement {
  const [info, setInfo] = useState<GraphInfo | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly FocusNode[]>([]);
  const [node, setNode] = useState<string | null>(null);
  const [hops, setHops] = useState(3);
  const [radius, setRadius] = useState<Radius | null>(null);
  const [exposure, setExposure] = useState<Exposure | null>(null);
  const [context, setContext] = useState<Context | null>(null);
  const [findings, setFindings] = useState<FindingsPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<GraphInfo>('/api/graph', token).then(setInfo, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [token]);

  useEffect(() => {
    if (!node) return;
    let live = true;
    Promise.all([
      api<Radius>(`/api/graph/radius?node=${q(node)}&hops=${hops}&limit=200`, token),
      api<Exposure>(`/api/graph/exposure?node=${q(node)}&hops=${hops}&limit=50`, token),
      api<Context>(`/api/graph/context?node=${q(node)}&limit=5`, token),
      api<FindingsPage>(`/api/graph/findings?node=${q(node)}&limit=20`, token),
    ]).then(
      ([r, e, c, f]) => {
        if (!live) return;
        setRadius(r);
        setExposure(e);
        setContext(c);
        setFindings(f);
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [node, hops, token]);

  return (
    <section aria-label="Server explorer" className="absolute inset-0 z-30 overflow-auto bg-bg p-4 text-sm" data-testid="server-explorer">
      <h2 className="text-base font-semibold">Server explorer</h2>
      <p className="mt-1 text-xs text-muted">
        {info
          ? `Snapshot ${info.snapshot}: ${info.nodes.toLocaleString('en')} nodes, ${info.edges.toLocaleString('en')} edges, ${info.findings.toLocaleString('en')} findings. Too large to hold in this browser: the server answers focused questions and this page shows only their answers.`
          : 'Loading the estate held by the server…'}
      </p>
      {error ? (
        <p role="alert" className="mt-2 text-xs text-danger">
          {error}
        </p>
      ) : null}
      <form
        className="mt-3 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim() === '') return;
          api<{ nodes: FocusNode[] }>(`/api/graph/search?q=${q(query.trim())}&limit=20`, token).then(
            (r) => setHits(r.nodes),
            (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
          );
        }}
      >
        <label className="flex items-center gap-2 text-xs">
          Find a node on the server
          <input className="rounded border border-line bg-raised px-2 py-1 text-xs" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <Button size="sm" type="submit">
          Find
        </Button>
      </form>
      {hits.length > 0 ? (
        <ul aria-label="Matching nodes" className="mt-2 flex flex-wrap gap-1.5">
          {hits.map((h) => (
            <li key={h.id}>
              <Button size="sm" variant={h.id === node ? 'primary' : 'ghost'} onClick={() => setNode(h.id)}>
                {h.name} ({h.kind})
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {node && radius ? (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="font-semibold">Blast radius of {node}</h3>
            <label className="mt-1 flex items-center gap-2 text-xs">
              Hops
              <input type="number" min={1} max={20} value={hops} onChange={(e) => setHops(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} className="w-16 rounded border border-line bg-raised px-1" />
            </label>
            <p className="mt-1 text-xs" data-testid="server-radius-total">
              {radius.total.toLocaleString('en')} nodes within {hops} hops ({radius.crownJewels} crown jewels), deepest {radius.depth}
            </p>
            <ul aria-label="Radius, nearest first" className="mt-1 max-h-80 overflow-auto text-xs">
              {radius.nodes.map((n) => (
                <li key={n.id}>
                  {n.hops} · {n.access} · {n.name} <span className="text-faint">({n.kind})</span>
                  {n.crownJewel ? ' ★' : ''}
                </li>
              ))}
              {radius.truncated ? <li className="text-faint">… and {(radius.total - radius.nodes.length).toLocaleString('en')} more</li> : null}
            </ul>
          </div>
          <div>
            <h3 className="font-semibold">Who can reach it</h3>
            <p className="text-xs">{exposure ? `${exposure.total.toLocaleString('en')} nodes` : '…'}</p>
            <ul aria-label="Exposure, nearest first" className="mt-1 max-h-40 overflow-auto text-xs">
              {exposure?.nodes.map((n) => (
                <li key={n.id}>
                  {n.hops} · {n.name} <span className="text-faint">({n.kind})</span>
                </li>
              ))}
            </ul>
            <h3 className="mt-3 font-semibold">Neighbours</h3>
            <ul aria-label="Neighbours by kind" className="text-xs">
              {context?.groups.map((g) => (
                <li key={`${g.direction} ${g.kind}`}>
                  {g.direction === 'out' ? '→' : '←'} {g.kind}: {g.count}
                </li>
              ))}
            </ul>
            <h3 className="mt-3 font-semibold">Findings on it</h3>
            <ul aria-label="Findings on the node" className="text-xs">
              {findings?.items.map((f) => (
                <li key={`${f.rule} ${f.node}`}>
                  {f.severity}: {f.title}
                  {f.decision ? ` (${f.decision.status} by ${f.decision.author})` : ''}
                </li>
              ))}
              {findings && findings.total === 0 ? <li className="text-faint">none</li> : null}
            </ul>
          </div>
        </div>
      ) : null}
    </section>
  );
}
