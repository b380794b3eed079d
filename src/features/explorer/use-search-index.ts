import { useMemo } from 'react';

import type { Dataset } from '../../store/app-store.ts';

import { toSearchIndex } from './view-model/search.ts';
import type { SearchIndex } from './view-model/search.ts';

/** The typeahead index of the loaded inventory, rebuilt only when the inventory changes. */
export function useSearchIndex(dataset: Dataset | null): SearchIndex | null {
  return useMemo(() => (dataset ? toSearchIndex(dataset.graph) : null), [dataset]);
}
