/* oxlint-disable jsx-a11y/prefer-tag-over-role, jsx-a11y/no-noninteractive-element-to-interactive-role, jsx-a11y/click-events-have-key-events -- the ARIA 1.2 combobox pattern: options are driven from the input's keys */
/**
 * A typeahead combobox over node names, ids and kinds (ARIA 1.2 combobox + listbox). Used for "Search
 * nodes" and for the path finder's ends.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';

import { Icon } from '../../components/ui/icons.tsx';
import type { InventoryGraph } from '../../graph/index.ts';
import { NODE_KIND_LABELS } from '../../model/index.ts';

import { KindGlyph } from './kind-glyph.tsx';
import { searchIndex } from './view-model/search.ts';
import type { SearchIndex } from './view-model/search.ts';

export function NodePicker({
  graph,
  index,
  label,
  placeholder,
  value,
  onPick,
  className = '',
  shortcut,
}: {
  graph: InventoryGraph;
  index: SearchIndex;
  label: string;
  placeholder?: string;
  /** Text shown when not typing (e.g. the chosen node's name). */
  value?: string;
  onPick(id: string): void;
  className?: string;
  shortcut?: string;
}): ReactElement {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const found = useMemo(() => (query ? searchIndex(index, query, 12) : { hits: [], total: 0 }), [index, query]);
  const results = found.hits;
  const expanded = open && query !== null && query.length > 0;

  useEffect(() => {
    if (!shortcut) return;
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (e.key !== shortcut || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut]);

  const pick = (i: number): void => {
    const node = graph.nodes[results[i]!];
    if (!node) return;
    onPick(node.id);
    setQuery(null);
    setOpen(false);
    input.current?.blur();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (results.length) {
        e.preventDefault();
        pick(Math.min(active, results.length - 1));
      }
    } else if (e.key === 'Escape') {
      setQuery(null);
      setOpen(false);
    }
  };

  return (
    <div className={`relative ${className}`}>
      <div className="flex h-8 items-center gap-2 rounded-md border border-line-strong bg-panel-2 px-2 focus-within:border-accent">
        <Icon name="search" size={14} className="shrink-0 text-faint" />
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label={label}
          {...(shortcut ? { 'aria-keyshortcuts': shortcut } : {})}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          {...(expanded && results[active] !== undefined ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
          placeholder={placeholder ?? label}
          value={query ?? value ?? ''}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={(e) => {
            e.target.select();
            setOpen(true);
          }}
          onBlur={() => {
            setOpen(false);
            setQuery(null);
          }}
          onKeyDown={onKeyDown}
          className="h-full min-w-0 flex-1 bg-transparent text-[13px] text-fg placeholder:text-faint outline-none focus-visible:outline-none"
        />
        {shortcut ? <kbd className="hidden rounded border border-line px-1 text-2xs text-faint sm:inline">{shortcut}</kbd> : null}
      </div>
      <div hidden={!expanded} className="absolute z-40 mt-1 w-full min-w-80 rounded-md border border-line-strong bg-panel shadow-2xl">
        <ul id={listId} role="listbox" aria-label={`${label} results`} className="max-h-96 overflow-auto py-1">
          {expanded
            ? results.map((i, k) => {
                const node = graph.nodes[i]!;
                return (
                  <li
                    key={node.id}
                    id={`${listId}-${k}`}
                    role="option"
                    aria-selected={k === active}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(k)}
                    onMouseEnter={() => setActive(k)}
                    className="flex cursor-pointer items-center gap-2 px-2.5 py-1.5 aria-selected:bg-raised"
                  >
                    <KindGlyph kind={node.kind} size={18} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-[13px] text-fg">{node.name}</span>
                      <span className="block truncate font-mono text-2xs text-muted">{node.id}</span>
                    </span>
                    <span className="shrink-0 text-2xs text-muted">{NODE_KIND_LABELS[node.kind]}</span>
                  </li>
                );
              })
            : null}
        </ul>
        {expanded && results.length === 0 ? (
          <p className="px-3 py-2 text-xs text-muted">
            No node matches “{query}”. Try a name, an id, or a prefix: <code>kind:credential</code>, <code>agent:</code>, <code>mcp:</code>, <code>crown:</code>, <code>ai:</code>.
          </p>
        ) : null}
        {expanded && found.total > results.length ? (
          <p className="border-t border-line px-3 pt-1.5 pb-1 text-2xs text-muted" data-testid="search-more">
            {results.length} of {found.total} matches; type more to narrow.
          </p>
        ) : null}
      </div>
    </div>
  );
}
