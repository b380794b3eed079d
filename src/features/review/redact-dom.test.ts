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
});
