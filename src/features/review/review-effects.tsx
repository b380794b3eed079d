/**
 * Review mode's side effects, mounted once by the app: cuts ⇄ URL (`cuts=`), keyboard (Ctrl+Z / Ctrl+Shift+Z,
 * ← / → in a walkthrough, Esc), meeting mode and redact on the document, and decisions loaded from and saved
 * to IndexedDB for the loaded inventory.
 */
import { useEffect } from 'react';

import { useAppStore } from '../../store/app-store.ts';
import { useReviewStore } from '../../store/review-store.ts';

import { setCanvasPseudonyms } from './canvas-marks.ts';
import { readCutsParam, writeCutsParam, encodeCuts } from './cuts-param.ts';
import { loadDecisions, saveDecisions } from './decisions.ts';
import { startDomRedaction } from './redact-dom.ts';
import { pseudonymsOf } from './use-review-analysis.ts';

const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');

export function ReviewEffects(): null {
  const dataset = useAppStore((s) => s.dataset);
  const meeting = useReviewStore((s) => s.meeting);
  const panelsCollapsed = useReviewStore((s) => s.panelsCollapsed);
  const redact = useReviewStore((s) => s.redact);

  // Cuts ⇄ URL.
  useEffect(() => {
    useReviewStore.getState().resetCuts(readCutsParam(window.location.search));
    const unsubscribe = useReviewStore.subscribe((s, prev) => {
      if (s.cuts === prev.cuts) return;
      const current = new URLSearchParams(window.location.search).get('cuts') ?? '';
      if (current === encodeCuts(s.cuts)) return;
      const next = writeCutsParam(window.location.search, s.cuts);
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${next ? `?${next}` : ''}${window.location.hash}`);
    });
    // The view's own URL sync rewrites the query from the view alone: put the cuts back after it.
    const unsubscribeView = useAppStore.subscribe((s, prev) => {
      if (s.view === prev.view) return;
      // After every listener (the URL sync included) has run.
      queueMicrotask(() => {
        const cuts = useReviewStore.getState().cuts;
        if (cuts.length === 0 || new URLSearchParams(window.location.search).get('cuts') === encodeCuts(cuts)) return;
        const next = writeCutsParam(window.location.search, cuts);
        window.history.replaceState(window.history.state, '', `${window.location.pathname}?${next}${window.location.hash}`);
      });
    });
    const onPop = (): void => {
      const cuts = readCutsParam(window.location.search);
      if (encodeCuts(cuts) !== encodeCuts(useReviewStore.getState().cuts)) useReviewStore.getState().resetCuts(cuts);
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      unsubscribeView();
      window.removeEventListener('popstate', onPop);
    };
  }, []);

  // Keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (typing(e.target)) return;
      const s = useReviewStore.getState();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        s.redo();
        return;
      }
      if (!s.walk || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'ArrowRight') {
        e.preventDefault();
        s.stepWalk(1);
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        s.stepWalk(-1);
      } else if (e.key === 'Escape') s.endWalk();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    if (meeting) root.dataset.meeting = 'on';
    else delete root.dataset.meeting;
    if (panelsCollapsed) root.dataset.panels = 'collapsed';
    else delete root.dataset.panels;
  }, [meeting, panelsCollapsed]);

  // Redact: the canvas labels and every text on screen.
  useEffect(() => {
    if (!dataset || !redact) {
      setCanvasPseudonyms(null);
      return;
    }
    const p = pseudonymsOf(dataset);
    setCanvasPseudonyms(p);
    const stop = startDomRedaction(document.body, p);
    return () => {
      stop();
      setCanvasPseudonyms(null);
    };
  }, [dataset, redact]);

  // Decisions per inventory, keyed by its name (file or URL) so a new version of the same inventory, or a live
  // refresh, keeps them; a finding is identified by rule and node.
  const inventoryKey = dataset ? `label:${dataset.label}` : null;
  useEffect(() => {
    if (!inventoryKey) return;
    const key = inventoryKey;
    let live = true;
    useReviewStore.getState().setDecisions(key, {});
    loadDecisions(key)
      .then((d) => {
        if (live && useReviewStore.getState().decisionsFor === key) useReviewStore.getState().setDecisions(key, { ...d, ...useReviewStore.getState().decisions });
      })
      .catch(() => undefined);
    const unsubscribe = useReviewStore.subscribe((s, prev) => {
      if (s.decisions !== prev.decisions && s.decisionsFor === key) void saveDecisions(key, s.decisions).catch(() => undefined);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [inventoryKey]);

  // A walkthrough ends when the inventory no longer has one of its hops (another file, or a live change).
  useEffect(() => {
    const walk = useReviewStore.getState().walk;
    if (dataset && walk && walk.steps.some((st) => !dataset.graph.index.edgeIndex.has(st.edge))) useReviewStore.getState().endWalk();
  }, [dataset]);

  return null;
}
