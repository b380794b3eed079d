/**
 * The contract between the page and the analysis worker. Everything that crosses it is structured-clone
 * friendly: plain objects, arrays, typed arrays and File objects.
 */
import type { InventoryDiff } from '../graph/diff.ts';
import type { Finding, ReachSummary } from '../graph/index.ts';
import type { ImportReport } from '../import/index.ts';
import type { Inventory } from '../model/index.ts';

export type LoadSource =
  | { readonly kind: 'files'; readonly files: readonly File[] }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'texts'; readonly texts: readonly { readonly file: string; readonly text: string }[] };

export type LoadStage = 'reading' | 'parsing' | 'building' | 'analysing';

export interface LoadProgress {
  readonly stage: LoadStage;
  /** Bytes read so far, while reading. */
  readonly loaded?: number;
  /** Total bytes, when known. */
  readonly total?: number;
}

/** A problem shown in the Problems panel: the model's located issues, or a failure to read a source. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly at: string;
  readonly severity: 'error' | 'warning';
  readonly file?: string;
}

export interface LoadTimings {
  readonly readMs: number;
  readonly parseMs: number;
  readonly buildMs: number;
  readonly analyseMs: number;
}

export type LoadResult =
  | {
      readonly ok: true;
      readonly label: string;
      readonly inventory: Inventory;
      readonly summaries: readonly ReachSummary[];
      readonly findings: readonly Finding[];
      /** How many toxic-combination rules were evaluated (0 until the rules land). */
      readonly rulesEvaluated: number;
      /** Set when the rules threw: the explorer still works, the callouts say why they are missing. */
      readonly findingsError?: string;
      /** The "now" the rules were evaluated against (ms since the epoch), so a re-evaluation after what-if cuts ages dates alike. */
      readonly analysedAt?: number;
      /** One report per file read (detected format, node and edge counts, its warnings), in the order given. */
      readonly reports?: readonly ImportReport[];
      readonly timings: LoadTimings;
      readonly ranInWorker: boolean;
    }
  | {
      readonly ok: false;
      readonly label: string;
      readonly problems: readonly Problem[];
      readonly ranInWorker: boolean;
    };

export interface LayoutInput {
  readonly nodes: readonly { readonly id: string; readonly size: number }[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
}

/** Node id → position. */
export type Positions = Record<string, { x: number; y: number }>;

/** One side of a drift diff as it crosses to the worker (the graph is rebuilt there). */
export interface DiffInput {
  readonly inventory: Inventory;
  readonly findings?: readonly Finding[];
}

export interface AnalysisApi {
  load(source: LoadSource, onProgress?: (p: LoadProgress) => void): Promise<LoadResult>;
  /** Force-directed (fcose) layout of what is drawn; never the whole estate. */
  layoutForce(input: LayoutInput): Promise<Positions>;
  /** Drift between two inventories (docs/live-api.md section 3). */
  diff(old: DiffInput, next: DiffInput): Promise<InventoryDiff>;
}
