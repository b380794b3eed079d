import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { InferredFacts } from './inferred-facts.tsx';

describe('InferredFacts', () => {
  it('lists each inferred fact with its confidence, reason and source, and contradicted annotations', () => {
    render(
      <InferredFacts
        fields={{
          sensitivity: 'restricted',
          inferred: [{ field: 'sensitivity', value: 'restricted', confidence: 'inferred-high', because: '~/.ssh holds SSH private keys', source: 'cfg.json#/mcpServers/fs/args/3' }, { field: 'bogus' }],
          annotationContradictions: ['readOnlyHint is true but the tool writes'],
        }}
      />,
    );
    const list = screen.getByRole('list', { name: 'Inferred facts' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('sensitivity = restricted');
    expect(items[0]!.textContent).toContain('inferred-high');
    expect(items[0]!.textContent).toContain('~/.ssh holds SSH private keys');
    expect(items[0]!.textContent).toContain('cfg.json#/mcpServers/fs/args/3');
    expect(items[1]!.textContent).toContain('readOnlyHint is true');
  });

  it('renders nothing for a node with only stated facts', () => {
    const { container } = render(<InferredFacts fields={{ sensitivity: 'confidential' }} />);
    expect(container.textContent).toBe('');
  });
});
