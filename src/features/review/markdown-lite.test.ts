import { describe, expect, it } from 'vitest';

import { code, md } from '../../graph/what-if.ts';

import { escapeHtml, inlineTokens, markdownToHtml, redactMarkdown } from './markdown-lite.ts';

describe('the remediation plan Markdown', () => {
  it('reads back what md() and code() wrote, whatever the text holds', () => {
    for (const raw of ['a_b*c[d]|e<f>~g\\h', 'x `y` ``z``', '**not bold**', '` lead', 'trail `']) {
      expect(inlineTokens(md(raw))).toEqual([{ kind: 'text', text: raw }]);
      expect(inlineTokens(code(raw))).toEqual([{ kind: 'code', text: raw }]);
    }
    expect(inlineTokens(`- **Why:** ${md('R_D')} via ${code('a`b')}`)).toEqual([
      { kind: 'text', text: '- ' },
      { kind: 'strong' },
      { kind: 'text', text: 'Why:' },
      { kind: 'strong' },
      { kind: 'text', text: ' R_D via ' },
      { kind: 'code', text: 'a`b' },
    ]);
    // An unclosed fence is text.
    expect(inlineTokens('a ``b')).toEqual([{ kind: 'text', text: 'a ``b' }]);
  });

  it('writes headings, paragraphs, nested lists, bold and code as HTML, everything else escaped', () => {
    const html = markdownToHtml(
      ['# Plan', '', '2 cuts. Together:', `${md('<b>x</b>')} shrinks.`, '', '- one', '- **Closes:**', '  - sub <i>', '', '## 1. Remove `a|b`'].join('\n'),
      { headingOffset: 1 },
    );
    expect(html).toBe(
      [
        '<h2>Plan</h2>',
        '<p>2 cuts. Together: &lt;b&gt;x&lt;/b&gt; shrinks.</p>',
        '<ul><li>one</li><li><strong>Closes:</strong><ul><li>sub &lt;i&gt;</li></ul></li></ul>',
        '<h3>1. Remove <code>a|b</code></h3>',
      ].join('\n'),
    );
    expect(escapeHtml(`"'&<>\u0007`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('redacts text and code by token and writes the same Markdown shape back', () => {
    const names = new Map([['R_D bucket', 'Data store 1'], ['key`1', 'Credential 1']]);
    const map = (s: string): string => [...names].reduce((acc, [k, v]) => acc.split(k).join(v), s);
    const plan = ['## 1. Remove the `reads` edge from ' + md('R_D bucket') + ' to x', '', `- **Edge:** ${code('key`1')}`, '  - ' + md('R_D bucket') + ' no longer reaches y'].join('\n');
    const out = redactMarkdown(plan, map);
    expect(out).toBe(['## 1. Remove the `reads` edge from Data store 1 to x', '', '- **Edge:** `Credential 1`', '  - Data store 1 no longer reaches y'].join('\n'));
    // A plain text replace over the Markdown misses the escaped name.
    expect(map(plan)).toContain('R\\_D bucket');
  });
});
