/**
 * Redact mode on screen: every text node under the root has names and ids replaced by their pseudonyms
 * (kinds kept), and re-redacted whenever React writes new text. Every attribute that can carry inventory
 * text is redacted too: what a browser shows or reads out (tooltips, accessible names, alt text), the
 * page's own hooks (`data-node`, `id`…), and links to a view of this page (`?node=…`), rewritten in
 * redacted form (hovering one shows its address; src/lib/address.ts). What is replaced and by what is the
 * redactor's decision (src/lib/redaction.ts). The real values are kept in memory only, never in the
 * document, and turning it off restores them. The values of form fields the user types in are left alone.
 */
import type { Pseudonyms } from '../../graph/pseudonyms.ts';
import { redactSearch } from '../../lib/address.ts';

const SKIP = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'INPUT']);
/** Attributes that never carry inventory text (styling, geometry), and what a user types. */
const KEEP = new Set(['class', 'style', 'd', 'viewBox', 'points', 'transform', 'width', 'height', 'x', 'y', 'cx', 'cy', 'r', 'fill', 'stroke', 'type', 'role', 'tabindex', 'value', 'data-no-redact', 'src', 'xmlns']);
const redactable = (name: string): boolean => !KEEP.has(name);

/** A same-origin link to a view, in redacted form; the href as it is otherwise. */
function redactHref(href: string, p: Pseudonyms): string {
  let url: URL;
  try {
    url = new URL(href, window.location.href);
  } catch {
    return p.redact(href);
  }
  if (url.origin !== window.location.origin) return href;
  const search = redactSearch(url.search, p);
  if (search === null) return href;
  // Keep the link's own form (relative `?…` stays relative).
  return href.startsWith('?') ? `?${search}${url.hash}` : `${url.pathname}?${search}${url.hash}`;
}

export function startDomRedaction(root: Node, p: Pseudonyms): () => void {
  const originals = new Map<Text, { real: string; shown: string }>();
  let writing = false;
  const redactNode = (t: Text): void => {
    const parent = t.parentElement;
    if (parent && (SKIP.has(parent.tagName) || parent.closest('[data-no-redact]'))) return;
    const value = t.nodeValue ?? '';
    const known = originals.get(t);
    if (known && known.shown === value) return;
    const shown = p.redact(value);
    if (shown === value) {
      originals.delete(t);
      return;
    }
    originals.set(t, { real: value, shown });
    writing = true;
    t.nodeValue = shown;
    writing = false;
  };
  /** Element → attribute → { real, shown }: to skip our own writes and to restore. */
  const attrs = new Map<Element, Map<string, { real: string; shown: string }>>();
  const redactAttr = (el: Element, name: string): void => {
    const v = el.getAttribute(name);
    const known = attrs.get(el);
    if (v === null || v === '' || known?.get(name)?.shown === v) return;
    const red = name === 'href' ? redactHref(v, p) : p.redact(v);
    if (red === v) {
      known?.delete(name);
      return;
    }
    if (!known) attrs.set(el, new Map([[name, { real: v, shown: red }]]));
    else known.set(name, { real: v, shown: red });
    writing = true;
    el.setAttribute(name, red);
    writing = false;
  };
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) redactNode(node as Text);
    else if (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      if (node.nodeType === Node.ELEMENT_NODE && SKIP.has((node as Element).tagName)) {
        // An input's placeholder or accessible name is shown even though its value is left alone.
        for (const attr of (node as Element).getAttributeNames()) if (redactable(attr)) redactAttr(node as Element, attr);
        return;
      }
      node.childNodes.forEach(walk);
      if (node instanceof Element) for (const attr of node.getAttributeNames()) if (redactable(attr)) redactAttr(node, attr);
    }
  };
  walk(root);
  // Elements and text React has thrown away are forgotten now and then (a long session re-renders a lot).
  let sweepAt = 4096;
  const sweep = (): void => {
    if (originals.size + attrs.size < sweepAt) return;
    for (const t of originals.keys()) if (!t.isConnected) originals.delete(t);
    for (const el of attrs.keys()) if (!el.isConnected) attrs.delete(el);
    sweepAt = Math.max(4096, 2 * (originals.size + attrs.size));
  };
  const observer = new MutationObserver((records) => {
    if (writing) return;
    sweep();
    for (const r of records) {
      if (r.type === 'characterData') redactNode(r.target as Text);
      else if (r.type === 'childList') r.addedNodes.forEach(walk);
      else if (r.type === 'attributes' && r.target instanceof Element && redactable(r.attributeName!)) redactAttr(r.target, r.attributeName!);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  return () => {
    observer.disconnect();
    for (const [t, { real, shown }] of originals) if (t.isConnected && t.nodeValue === shown) t.nodeValue = real;
    for (const [el, byName] of attrs) for (const [name, { real, shown }] of byName) if (el.getAttribute(name) === shown) el.setAttribute(name, real);
  };
}
