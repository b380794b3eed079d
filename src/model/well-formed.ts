/**
 * Strings made well-formed before they reach an encoder (`encodeURIComponent`, `TextEncoder`) or an export:
 * a lone UTF-16 surrogate becomes U+FFFD (what `String.prototype.toWellFormed` does, on every engine).
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** @returns `text` with every lone surrogate replaced by U+FFFD (the same string when there is none). */
export function wellFormed(text: string): string {
  const native = (text as unknown as { toWellFormed?: () => string }).toWellFormed;
  return typeof native === 'function' ? native.call(text) : text.replace(LONE_SURROGATE, '\uFFFD');
}

/** `encodeURIComponent` that cannot throw `URIError` on a lone surrogate. */
export function encodeComponent(text: string): string {
  return encodeURIComponent(wellFormed(text));
}
