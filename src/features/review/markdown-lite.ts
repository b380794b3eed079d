/**
 * The little Markdown the remediation plan is written in (graph/what-if.ts `remediationPlan`): `#`–`###`
 * headings, paragraphs, `- ` lists one level deep, `**bold**`, code spans of any fence length, and backslash
 * escapes (`md()`). Two uses, both by token so that names are handled as the text they are, never as markup:
 * `markdownToHtml` writes HTML with every piece of text escaped, and `redactMarkdown` puts pseudonyms in place
 * of names and ids (a name escaped as `R\_D` is still found, which a text replace over the Markdown would miss).
 */
import { code, md } from '../../graph/what-if.ts';

export type InlineToken = { readonly kind: 'text' | 'code'; readonly text: string } | { readonly kind: 'strong' };

/** Text with its escapes undone, code spans and bold markers apart. */
export function inlineTokens(line: string): InlineToken[] {
  const out: InlineToken[] = [];
  let text = '';
  const flush = (): void => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && /[\\`*_[\]<>|~#!()+\-.{}]/.test(line[i + 1]!)) {
      text += line[i + 1];
      i += 2;
    } else if (c === '`') {
      let n = 0;
      while (line[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      // The closing fence: the same number of backticks, not part of a longer run.
      let j = i + n;
      let close = -1;
      while ((j = line.indexOf(fence, j)) !== -1) {
        if (line[j + n] !== '`' && line[j - 1] !== '`') {
          close = j;
          break;
        }
        while (line[j] === '`') j++;
      }
      if (close === -1) {
        text += fence;
        i += n;
        continue;
      }
      let inner = line.slice(i + n, close);
      if (inner.length > 1 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '') inner = inner.slice(1, -1);
      flush();
      out.push({ kind: 'code', text: inner });
      i = close + n;
    } else if (c === '*' && line[i + 1] === '*') {
      flush();
      out.push({ kind: 'strong' });
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
  flush();
  return out;
}

type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  | { readonly kind: 'paragraph'; readonly lines: readonly string[] }
  | { readonly kind: 'list'; readonly items: readonly { readonly text: string; readonly sub: readonly string[] }[] };

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let para: string[] | null = null;
  let list: { text: string; sub: string[] }[] | null = null;
  const end = (): void => {
    if (para) out.push({ kind: 'paragraph', lines: para });
    if (list) out.push({ kind: 'list', items: list });
    para = null;
    list = null;
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    const item = /^- (.*)$/.exec(line);
    const sub = /^ {2,}- (.*)$/.exec(line);
    if (line === '') end();
    else if (heading) {
      end();
      out.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]! });
    } else if (sub && list && list.length > 0) list[list.length - 1]!.sub.push(sub[1]!);
    else if (item) {
      if (para) end();
      (list ??= []).push({ text: item[1]!, sub: [] });
    } else {
      if (list) end();
      (para ??= []).push(line.trim());
    }
  }
  end();
  return out;
}

/** Escapes text for HTML (element content and quoted attributes); control characters are dropped. */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function inlineHtml(line: string, mapText: (s: string) => string): string {
  let open = false;
  let html = '';
  for (const t of inlineTokens(line)) {
    if (t.kind === 'strong') {
      html += open ? '</strong>' : '<strong>';
      open = !open;
    } else if (t.kind === 'code') html += `<code>${escapeHtml(mapText(t.text))}</code>`;
    else html += escapeHtml(mapText(t.text));
  }
  return open ? `${html}</strong>` : html;
}

/**
 * The Markdown as HTML. `mapText` sees every piece of text and code (to redact it); headings are shifted by
 * `headingOffset` levels (the plan's `#` title under a report's `<h2>`).
 */
export function markdownToHtml(markdown: string, options: { mapText?: (s: string) => string; headingOffset?: number } = {}): string {
  const mapText = options.mapText ?? ((s: string) => s);
  const offset = options.headingOffset ?? 0;
  const out: string[] = [];
  for (const b of blocks(markdown)) {
    if (b.kind === 'heading') {
      const level = Math.min(6, b.level + offset);
      out.push(`<h${level}>${inlineHtml(b.text, mapText)}</h${level}>`);
    } else if (b.kind === 'paragraph') out.push(`<p>${b.lines.map((l) => inlineHtml(l, mapText)).join(' ')}</p>`);
    else {
      const items = b.items.map((it) => {
        const sub = it.sub.length ? `<ul>${it.sub.map((s) => `<li>${inlineHtml(s, mapText)}</li>`).join('')}</ul>` : '';
        return `<li>${inlineHtml(it.text, mapText)}${sub}</li>`;
      });
      out.push(`<ul>${items.join('')}</ul>`);
    }
  }
  return out.join('\n');
}

/** The same Markdown with `mapText` applied to every piece of text and code, re-escaped as it was. */
export function redactMarkdown(markdown: string, mapText: (s: string) => string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const prefix = /^(#{1,6} | *- )?/.exec(line)![0];
      return (
        prefix +
        inlineTokens(line.slice(prefix.length))
          .map((t) => (t.kind === 'strong' ? '**' : t.kind === 'code' ? code(mapText(t.text)) : md(mapText(t.text))))
          .join('')
      );
    })
    .join('\n');
}
