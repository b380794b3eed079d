/** "Open inventory": a real file input (several files allowed) behind a designed button. */
import { useRef } from 'react';
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { loadFiles } from '../../store/load-actions.ts';

export function OpenInventoryButton({ variant = 'primary' }: { variant?: 'primary' | 'default' }): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,.zip,.toml,application/json,application/zip"
        multiple
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="inventory-file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void loadFiles(files);
        }}
      />
      <Button variant={variant} icon="open" onClick={() => input.current?.click()}>
        Open inventory
      </Button>
    </>
  );
}
