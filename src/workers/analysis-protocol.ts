/**
 * The contract between the page and the analysis worker, and the only source of the shapes both sides use.
 * Everything that crosses it is structured-clone friendly: plain objects, arrays, typed arrays and File objects.
 *
 * The worker holds a session: every inventory it loads stays there (with its graph and the analysis after cuts)
 * under a `version` number until newer loads push it out (the last `SESSION_VERSIONS`). The page sends versions,
 * cuts and options, never an inventory back: what-if, choke points, the remediation plan and drift diffs are
 * computed where the graph already is. A request for a version the worker no longer holds answers `null`
 * (the client then hands the inventory over once with `adopt`).
 */
import type { ChokePoints } from '../graph/chokepoints.ts';
import type { CutAnalysis } from '../graph/cut-analysis.ts';
import type { InventoryDiff } from '../graph/diff.ts';
import type { Finding, InventoryGraph, ReachSummary } from '../graph/index.ts';
import type { RadiusAnswer, RadiusData, RadiusMode, RadiusRequest } from '../graph/radius-data.ts';
import type { Cut, WhatIfResult } from '../graph/what-if.ts';
import type { ImportReport } from '../import/index.ts';
import type { Inventory } from '../model/index.ts';

/** How many inventories the worker keeps: the one on screen, the previous one (live diff baseline), one more. */
export const SESSION_VERSIONS = 3;

export type LoadSource =
  | { readonly kind: 'files'; readonly files: readonly File[] }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'texts'; readonly texts: readonly { readonly file: string; readonly text: string }[] };

export type LoadStage = 'reading' | 'parsing' | 'building' | 'analysing';

/** The stages in order, with the share of a load's time each takes (for one overall fraction). */
export const STAGE_WEIGHTS: Readonly<Record<LoadStage, readonly [start: number, share: number]>> = {
  reading: [0, 0.15],
  parsing: [0.15, 0.35],
  building: [0.5, 0.05],
  analysing: [0.55, 0.45],
};

export interface LoadProgress {
  readonly stage: LoadStage;
  /** Bytes read so far, while reading. */
  readonly loaded?: number;
  /** Total bytes, when known. */
  readonly total?: number;
  /** How far this stage is (0–1), when known: bytes read, rules evaluated. */
  readonly stageFraction?: number;
  /** What the stage is doing now (e.g. the rule being evaluated). */
  readonly detail?: string;
  /** Findings of the rules evaluated so far, while analysing (they appear as each rule finishes). */
  readonly findingsSoFar?: number;
}

/** The whole load's progress (0–1) from one stage report. */
export function loadFraction(p: LoadProgress): number {
  const [start, share] = STAGE_WEIGHTS[p.stage];
  const within = p.stageFraction ?? (p.total ? Math.min(1, (p.loaded ?? 0) / p.total) : 0);
  return Math.min(1, start + share * Math.max(0, Math.min(1, within)));
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

/** What a load hands the page: everything but the graph (the page rebuilds its index from the inventory). */
export interface LoadedInventory {
  /** The worker's session key for this inventory: what-if, choke points, plans and diffs name it. */
  readonly version: number;
  readonly label: string;
  readonly inventory: Inventory;
  readonly summaries: readonly ReachSummary[];
  readonly findings: readonly Finding[];
  /** How many toxic-combination rules were evaluated. */
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

/** The loaded inventory as the page holds it: the load's result plus the graph index built from it. */
export interface Dataset extends LoadedInventory {
  readonly graph: InventoryGraph;
}

export type LoadResult =
  | ({ readonly ok: true } & LoadedInventory)
  | {
      readonly ok: false;
      readonly label: string;
      readonly problems: readonly Problem[];
      readonly ranInWorker: boolean;
      /** The load was cancelled (`cancel(requestId)`): nothing changed. */
      readonly cancelled?: boolean;
    };

export interface LayoutInput {
  readonly nodes: readonly { readonly id: string; readonly size: number }[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
}

/** Node id → position. */
export type Positions = Record<string, { x: number; y: number }>;

/** What the What-if and Choke points panels ask for. */
export interface ReviewRequest {
  readonly cuts: readonly Cut[];
  readonly source: string | null;
}

export interface ReviewResult {
  readonly whatIf: WhatIfResult | null;
  readonly choke: ChokePoints;
}

export type { RadiusAnswer, RadiusData, RadiusMode, RadiusRequest };

/** An inventory handed to the worker by the page (after the worker lost it, or a main-thread load). */
export interface AdoptInput {
  readonly inventory: Inventory;
  readonly findings: readonly Finding[];
  readonly analysedAt?: number;
}

export interface AnalysisApi {
  /**
   * Reads, validates, builds and analyses; the result's `version` names it in the session from then on.
   * `requestId` lets `cancel` stop it between stages (the session and the page keep what they had).
   */
  load(source: LoadSource, onProgress?: (p: LoadProgress) => void, requestId?: number): Promise<LoadResult>;
  /** Stops a load or a queued analysis; true when it was still running or waiting. */
  cancel(requestId: number): Promise<boolean>;
  /** Puts an inventory into the session (see AdoptInput); returns its version. */
  adopt(input: AdoptInput): Promise<number>;
  /** Drops a version the page no longer needs (a compared file). */
  release(version: number): Promise<void>;
  /** Summaries and findings with the cuts in place; null when the version is gone. */
  effective(version: number, cuts: readonly Cut[], requestId?: number): Promise<CutAnalysis | null>;
  /** The What-if delta and choke points for the cuts; null when the version is gone. */
  review(version: number, request: ReviewRequest, requestId?: number): Promise<ReviewResult | null>;
  /** A selection's radius (see RadiusAnswer); null when the version is gone. */
  radius(version: number, request: RadiusRequest, requestId?: number): Promise<RadiusAnswer | null>;
  /** The remediation plan (Markdown) for the cuts; null when the version is gone. */
  plan(version: number, cuts: readonly Cut[], title: string): Promise<string | null>;
  /** Drift from `old` to `next` (docs/live-api.md section 3); null when either version is gone. */
  diff(old: number, next: number): Promise<InventoryDiff | null>;
  /** Force-directed (fcose) layout of what is drawn; never the whole estate. */
  layoutForce(input: LayoutInput): Promise<Positions>;
}

/** Thrown (as its message) by a cancelled request. */
export const CANCELLED = 'cancelled';
