/**
 * Redact mode on screen: every text node under the root has names and ids replaced by their pseudonyms
 * (kinds kept), and re-redacted whenever React writes new text. Turning it off restores what was there.
 * Form fields the user types in are left alone.
 */
import type { Pseudonyms } from '../../graph/pseudonyms.ts';

const SKIP = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'INPUT']);

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
  const shownAttr = new WeakMap<Element, Map<string, string>>();
  const redactAttr = (el: Element, name: string): void => {
    const v = el.getAttribute(name);
    if (!v || shownAttr.get(el)?.get(name) === v) return;
    const red = p.redact(v);
    if (red === v) return;
    el.setAttribute(`data-real-${name}`, v);
    if (!shownAttr.has(el)) shownAttr.set(el, new Map());
    shownAttr.get(el)!.set(name, red);
    el.setAttribute(name, red);
  };
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) redactNode(node as Text);
    else if (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      if (node.nodeType === Node.ELEMENT_NODE && SKIP.has((node as Element).tagName)) return;
      node.childNodes.forEach(walk);
      if (node instanceof Element) for (const attr of ['title', 'aria-label']) redactAttr(node, attr);
    }
  };
  walk(root);
  const observer = new MutationObserver((records) => {
    if (writing) return;
    for (const r of records) {
      if (r.type === 'characterData') redactNode(r.target as Text);
      else if (r.type === 'childList') r.addedNodes.forEach(walk);
      else if (r.type === 'attributes' && r.target instanceof Element) redactAttr(r.target, r.attributeName!);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title', 'aria-label'] });
  return () => {
    observer.disconnect();
    for (const [t, { real, shown }] of originals) if (t.isConnected && t.nodeValue === shown) t.nodeValue = real;
    if (root instanceof Element || root instanceof Document) {
      for (const attr of ['title', 'aria-label']) {
        root.querySelectorAll(`[data-real-${attr}]`).forEach((el) => {
          el.setAttribute(attr, el.getAttribute(`data-real-${attr}`)!);
          el.removeAttribute(`data-real-${attr}`);
        });
      }
    }
  };
}
