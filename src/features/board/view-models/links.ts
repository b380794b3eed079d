/** Links from a board figure back to the explorer view that backs it. */
import { DEFAULT_VIEW, serializeViewParams } from '../../../lib/url-state.ts';
import type { ViewState } from '../../../lib/url-state.ts';

/** A node's blast radius, or the path along one edge (from its source to its target). */
export type ExplorerLink = { readonly node: string } | { readonly from: string; readonly to: string } | { readonly overview: true };

/** The explorer view state a link opens (everything else at its default). */
export function explorerView(link: ExplorerLink, source: string | null = null): ViewState {
  if ('overview' in link) return { ...DEFAULT_VIEW, view: 'explorer', source };
  if ('node' in link) return { ...DEFAULT_VIEW, view: 'explorer', node: link.node, mode: 'reach', source };
  return { ...DEFAULT_VIEW, view: 'explorer', mode: 'path', from: link.from, to: link.to, source };
}

/** `?view=explorer&node=…&mode=reach`, keeping the inventory source when there is one. */
export function explorerHref(link: ExplorerLink, source: string | null = null): string {
  return `?${serializeViewParams(explorerView(link, source))}`;
}
