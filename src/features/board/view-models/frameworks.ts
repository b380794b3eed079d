/**
 * The board's view of the framework mapping. The mapping itself is data in the analysis core
 * (graph/frameworks/: pinned editions with sources, each rule's ids per edition); the board groups findings
 * by edition and names them.
 */
import { EDITIONS, EDITION_IDS, findingFrameworks } from '../../../graph/frameworks/index.ts';
import type { EditionId } from '../../../graph/frameworks/index.ts';

/** One board column per pinned edition, in the core's order. */
export const FRAMEWORKS: readonly EditionId[] = EDITION_IDS;
export type FrameworkId = EditionId;

export const FRAMEWORK_NAMES: Readonly<Record<FrameworkId, string>> = Object.fromEntries(EDITION_IDS.map((e) => [e, EDITIONS[e].name])) as Record<FrameworkId, string>;

export const FRAMEWORK_SHORT: Readonly<Record<FrameworkId, string>> = Object.fromEntries(EDITION_IDS.map((e) => [e, EDITIONS[e].short])) as Record<FrameworkId, string>;

export interface FrameworkCode {
  readonly framework: FrameworkId;
  readonly code: string;
}

/** The framework ids a finding maps to (by its rule; tags for rules the mapping does not know), each once. */
export function frameworkCodes(f: { readonly rule: string; readonly tags?: readonly string[] }): FrameworkCode[] {
  return findingFrameworks(f).map((r) => ({ framework: r.edition, code: r.id }));
}

/** The edition's title for an id, or null when it lists none. */
export function codeName(framework: FrameworkId, code: string): string | null {
  return EDITIONS[framework].entries[code] ?? null;
}
