/**
 * The address bar, written in one place: the view slice, the what-if cuts and redact mode (src/lib/address.ts).
 * Selections are history entries (pushState), everything else is changed in place (replaceState); back and
 * forward read it back.
 *
 * Redact mode writes pseudonymous handles instead of ids (`redact=1`), so a screenshot of the window or a copied
 * link names nothing real; turning it off writes the ids again. A redacted address opened in a new page turns
 * redact on and waits for the inventory to arrive before it is read (its handles are that inventory's
 * pseudonyms); until then the address bar is left as it is. Until the user changes the view or the cuts, an
 * inventory from another source (the sample first, then the file the link was made on) reads the link again.
 */
import { addressFor, parseAddress, resolveAddress } from '../lib/address.ts';
import type { Address, PseudonymMaps } from '../lib/address.ts';
import { encodeCuts } from '../lib/cuts-param.ts';
import { pseudonymize } from '../graph/pseudonyms.ts';

import { useAppStore } from './app-store.ts';
import type { Dataset } from './app-store.ts';
import { useReviewStore } from './review-store.ts';

export interface UrlSyncOptions {
  /** Pseudonyms of an inventory (the page's cached ones); by default computed here, once per inventory. */
  readonly pseudonyms?: (dataset: Dataset) => PseudonymMaps;
}

const own = new WeakMap<object, PseudonymMaps>();
function ownPseudonyms(dataset: Dataset): PseudonymMaps {
  let p = own.get(dataset.inventory);
  if (!p) own.set(dataset.inventory, (p = pseudonymize(dataset.inventory)));
  return p;
}

const currentSearch = (): string => window.location.search.replace(/^\?/, '');

export function startUrlSync(options: UrlSyncOptions = {}): () => void {
  const pseudonymsOf = options.pseudonyms ?? ownPseudonyms;
  const app = useAppStore;
  const review = useReviewStore;
  /** A redacted address waiting for its inventory. */
  let pending: Address | null = null;
  /** The redacted address the page was opened with and the inventory it was last read against, until the user moves on. */
  let linked: { address: Address; label: string | null } | null = null;
  /** Set while the stores take a state read from the address bar (not written back from the listeners). */
  let applying = false;

  const pseudonyms = (): PseudonymMaps | null => {
    const d = app.getState().dataset;
    return d ? pseudonymsOf(d) : null;
  };

  const write = (push: boolean): void => {
    if (pending) return;
    const { view } = app.getState();
    const { cuts, redact } = review.getState();
    const next = addressFor(view, cuts, redact ? { pseudonyms: pseudonyms() } : null);
    if (next === currentSearch()) return;
    const url = `${window.location.pathname}${next ? `?${next}` : ''}${window.location.hash}`;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(window.history.state, '', url);
  };

  /** Puts an address into the stores; a redacted one waits while no inventory is loaded. */
  const apply = (address: Address): void => {
    applying = true;
    try {
      const p = pseudonyms();
      if (address.redacted && !p) {
        pending = address;
        app.getState().setView({ ...address.view, node: null, from: null, to: null });
        review.getState().resetCuts([]);
        return;
      }
      pending = null;
      const { view, cuts } = resolveAddress(address, p);
      app.getState().setView(view);
      if (encodeCuts(cuts) !== encodeCuts(review.getState().cuts)) review.getState().resetCuts(cuts);
    } finally {
      applying = false;
    }
  };

  const initial = parseAddress(window.location.search);
  // Opening a redacted link keeps the page redacted; only the presenter turns it off.
  if (initial.redacted) {
    review.getState().setRedact(true);
    linked = { address: initial, label: app.getState().dataset?.label ?? null };
  }
  apply(initial);
  if (initial.redacted) write(false);

  const unsubscribeApp = app.subscribe((state, prev) => {
    if (applying) return;
    const other = linked !== null && state.dataset !== null && state.dataset.label !== linked.label;
    if (state.dataset !== prev.dataset && state.dataset && (pending || other)) {
      if (linked) linked = { address: linked.address, label: state.dataset.label };
      apply(pending ?? linked!.address);
      write(false);
      return;
    }
    if (state.view !== prev.view && state.dataset === prev.dataset) linked = null;
    if (state.view !== prev.view) {
      const selectionChanged = state.view.node !== prev.view.node || state.view.mode !== prev.view.mode;
      write(selectionChanged);
    } else if (state.dataset !== prev.dataset && review.getState().redact) write(false); // new pseudonyms
  });
  const unsubscribeReview = review.subscribe((state, prev) => {
    if (applying) return;
    if (state.cuts !== prev.cuts) linked = null;
    if (state.cuts !== prev.cuts || state.redact !== prev.redact) write(false);
  });
  const onPop = (): void => {
    linked = null;
    apply(parseAddress(window.location.search));
    // Shown in the form redact mode asks for (an entry written before redact was turned on holds ids).
    write(false);
  };
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribeApp();
    unsubscribeReview();
    window.removeEventListener('popstate', onPop);
  };
}
