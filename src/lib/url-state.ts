/**
 * The explorer view as URL search params, so a link reopens the same picture:
 * `?view=explorer&node=<id>&mode=reach|exposure|path&from=&to=&hops=&layout=force|layered`; `view=board` is the
 * risk board and `view=findings` the ranked list of every finding.
 * `source=` (an inventory URL to load) is kept alongside and passed through untouched.
 */

export const MODES = ['reach', 'exposure', 'path'] as const;
export type Mode = (typeof MODES)[number];
export const LAYOUTS = ['force', 'layered'] as const;
export type LayoutName = (typeof LAYOUTS)[number];
export const VIEWS = ['explorer', 'board', 'findings'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface ViewState {
  readonly view: ViewName;
  readonly node: string | null;
  readonly mode: Mode;
  readonly from: string | null;
  readonly to: string | null;
  /** Hop limit; null = unbounded. */
  readonly hops: number | null;
  /** Explicit layout; null = the mode's default (layered for paths, force otherwise). */
  readonly layout: LayoutName | null;
  readonly source: string | null;
  /** Live mode: poll `source` every this many seconds (at least 2); null = load it once. */
  readonly interval: number | null;
}

export const DEFAULT_VIEW: ViewState = {
  view: 'explorer',
  node: null,
  mode: 'reach',
  from: null,
  to: null,
  hops: null,
  layout: null,
  source: null,
  interval: null,
};

/** Live poll interval from a URL parameter: whole seconds, at least 2 (smaller or invalid values become 2). */
export const MIN_INTERVAL_S = 2;
export function parseIntervalParam(raw: string | null): number | null {
  if (raw === null) return null;
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n)) return MIN_INTERVAL_S;
  return Math.min(86_400, Math.max(MIN_INTERVAL_S, Math.floor(n)));
}

function oneOf<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function nonEmpty(raw: string | null): string | null {
  return raw === null || raw === '' ? null : raw;
}

/** Reads a view from search params; anything malformed falls back to the default for that key. */
export function parseViewParams(search: string | URLSearchParams): ViewState {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const hopsRaw = p.get('hops');
  const hops = hopsRaw !== null && /^\d{1,4}$/.test(hopsRaw) && Number(hopsRaw) >= 1 ? Number(hopsRaw) : null;
  return {
    view: oneOf(VIEWS, p.get('view'), 'explorer'),
    node: nonEmpty(p.get('node')),
    mode: oneOf(MODES, p.get('mode'), 'reach'),
    from: nonEmpty(p.get('from')),
    to: nonEmpty(p.get('to')),
    hops,
    layout: p.get('layout') === null ? null : oneOf(LAYOUTS, p.get('layout'), 'force'),
    source: nonEmpty(p.get('source')),
    interval: nonEmpty(p.get('source')) === null ? null : parseIntervalParam(p.get('interval')),
  };
}

/** Writes a view as search params (stable key order; defaults and empty values omitted). */
export function serializeViewParams(state: ViewState): string {
  const p = new URLSearchParams();
  p.set('view', state.view);
  if (state.source) p.set('source', state.source);
  if (state.source && state.interval !== null) p.set('interval', String(state.interval));
  if (state.node) p.set('node', state.node);
  if (state.mode !== 'reach' || state.node) p.set('mode', state.mode);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.hops !== null) p.set('hops', String(state.hops));
  if (state.layout) p.set('layout', state.layout);
  return p.toString();
}

/** The layout in effect: an explicit choice, else layered for paths and selections, force for the overview. */
export function effectiveLayout(state: Pick<ViewState, 'layout' | 'mode'> & { readonly node?: string | null }): LayoutName {
  // A selection is drawn as the blast-radius picture (hops as columns) unless the analyst asks for the overview.
  return state.layout ?? (state.mode === 'path' || state.node ? 'layered' : 'force');
}
