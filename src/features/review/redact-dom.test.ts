import { describe, expect, it } from 'vitest';

import { pseudonymize } from '../../graph/pseudonyms.ts';

import { startDomRedaction } from './redact-dom.ts';

const inventory = {
  nodes: [
    { id: 'agent:support', kind: 'ai_agent', name: 'Support bot' },
    { id: 'ds:crm', kind: 'data_store', name: 'Customer CRM' },
  ],
  edges: [],
} as unknown as Parameters<typeof pseudonymize>[0];

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('on-screen redaction', () => {
  it('replaces names in text and titles, follows new text, leaves inputs, and restores', async () => {
    const root = document.createElement('div');
    root.innerHTML = '<p title="Support bot">Support bot reads Customer CRM</p><input value="Support bot"><span>ds:crm</span>';
    document.body.append(root);
    const stop = startDomRedaction(root, pseudonymize(inventory));
    expect(root.querySelector('p')!.textContent).toBe('AI agent 1 reads Data store 1');
    expect(root.querySelector('p')!.getAttribute('title')).toBe('AI agent 1');
    expect(root.querySelector('span')!.textContent).toBe('Data store 1');
    expect(root.querySelector('input')!.value).toBe('Support bot');

    root.querySelector('span')!.firstChild!.nodeValue = 'Customer CRM again';
    const added = document.createElement('b');
    added.textContent = 'Support bot';
    root.append(added);
    await tick();
    expect(root.querySelector('span')!.textContent).toBe('Data store 1 again');
    expect(added.textContent).toBe('AI agent 1');

    stop();
    expect(root.querySelector('p')!.textContent).toBe('Support bot reads Customer CRM');
    expect(root.querySelector('p')!.getAttribute('title')).toBe('Support bot');
    expect(added.textContent).toBe('Support bot');
    root.remove();
  });

  it('redacts shown attributes and links to a view, keeps the real values out of the document, and restores', async () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<a href="?view=explorer&amp;node=agent%3Asupport&amp;mode=reach" aria-label="Open Support bot">x</a>' +
      '<a href="https://example.org/?node=agent%3Asupport">docs</a>' +
      '<img alt="Customer CRM"><input placeholder="Support bot" value="Support bot">';
    document.body.append(root);
    const stop = startDomRedaction(root, pseudonymize(inventory));
    const [view, other] = [...root.querySelectorAll('a')];
    expect(new URLSearchParams(view!.getAttribute('href')!).get('node')).toBe('AI agent 1');
    expect(view!.getAttribute('href')).toContain('redact=1');
    expect(view!.getAttribute('aria-label')).toBe('Open AI agent 1');
    expect(other!.getAttribute('href')).toBe('https://example.org/?node=agent%3Asupport');
    expect(root.querySelector('img')!.getAttribute('alt')).toBe('Data store 1');
    expect(root.querySelector('input')!.getAttribute('placeholder')).toBe('AI agent 1');
    expect(root.querySelector('input')!.value).toBe('Support bot');
    expect(view!.outerHTML).not.toMatch(/agent%3Asupport|Support bot/);
    expect(root.innerHTML).not.toMatch(/Customer CRM|data-real/);

    // React writes a new value: redacted again.
    view!.setAttribute('aria-label', 'Open Customer CRM');
    await tick();
    expect(view!.getAttribute('aria-label')).toBe('Open Data store 1');

    stop();
    expect(view!.getAttribute('href')).toBe('?view=explorer&node=agent%3Asupport&mode=reach');
    expect(view!.getAttribute('aria-label')).toBe('Open Customer CRM');
    expect(root.querySelector('img')!.getAttribute('alt')).toBe('Customer CRM');
    root.remove();
  });
});
