/** Mirrors the view slice into the address bar (replaceState), and reads it back on back/forward. */
import { parseViewParams, serializeViewParams } from '../lib/url-state.ts';

import { useAppStore } from './app-store.ts';

export function startUrlSync(): () => void {
  const initial = parseViewParams(window.location.search);
  useAppStore.getState().setView(initial);
  let last = window.location.search.replace(/^\?/, '');
  const unsubscribe = useAppStore.subscribe((state, prev) => {
    if (state.view === prev.view) return;
    const next = serializeViewParams(state.view);
    if (next === last) return;
    last = next;
    const url = `${window.location.pathname}?${next}${window.location.hash}`;
    const selectionChanged = state.view.node !== prev.view.node || state.view.mode !== prev.view.mode;
    if (selectionChanged) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  });
  const onPop = (): void => {
    last = window.location.search.replace(/^\?/, '');
    useAppStore.getState().setView(parseViewParams(window.location.search));
  };
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
  };
}
