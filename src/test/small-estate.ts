/** The hand-written e2e inventory, parsed and built, for UI unit tests. */
import estate from '../../e2e/fixtures/small-estate.json';
import { buildGraph } from '../graph/index.ts';
import type { InventoryGraph } from '../graph/index.ts';
import { parseInventory } from '../model/index.ts';

export function smallEstateGraph(): InventoryGraph {
  const parsed = parseInventory({ file: 'small-estate.json', json: estate });
  if (!parsed.ok) throw new Error('small-estate.json does not parse');
  return buildGraph(parsed.inventory);
}
