/**
 * Review mode's side effects, mounted once by the app: keyboard (Ctrl+Z / Ctrl+Shift+Z, ← / → in a walkthrough,
 * Esc), meeting mode and redact on the document, decisions loaded from and saved to IndexedDB for the loaded
 * inventory, and which findings the cuts in force resolve (from the analysis after the cuts, a query answered by
 * the analysis worker; see store/effective-store.ts). The cuts and redact mode in the address bar are src/store/url-sync.ts.
 */
import { useEffect } from 'react';

import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { useEffectiveAnalysis } from '../../store/effective-store.ts';
import { useReviewStore } from '../../store/review-store.ts';

import { findingKey, loadDecisions, saveDecisions } from './decisions.ts';
import { startDomRedaction } from './redact-dom.ts';
import { pseudonymsOf } from './use-review-analysis.ts';

const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');

/** Finding cards mark what the cuts in force resolve, once their analysis is known. */
function useMarkResolved(dataset: Dataset | null): void {
  const effective = useEffectiveAnalysis(dataset);
  useEffect(() => {
    if (effective.pending) return;
    useReviewStore.getState().setResolvedByCuts(new Set(effective.resolved.map(findingKey)));
  }, [effective.pending, effective.resolved]);
}

export function ReviewEffects(): null {
  const dataset = useAppStore((s) => s.dataset);
  useMarkResolved(dataset);
  const meeting = useReviewStore((s) => s.meeting);
  const panelsCollapsed = useReviewStore((s) => s.panelsCollapsed);
  const redact = useReviewStore((s) => s.redact);

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

  // Redact: every text on screen (the canvas labels are the review overlay's, review-canvas.ts) and the window title (a tab strip in a screenshot).
  useEffect(() => {
    if (!dataset || !redact) return;
    const p = pseudonymsOf(dataset);
    const stop = startDomRedaction(document.body, p);
    const title = document.querySelector('head > title');
    const stopTitle = title ? startDomRedaction(title, p) : null;
    return () => {
      stop();
      stopTitle?.();
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
