/**
 * R11 — AI identity → secrets at rest → SaaS admin / production (credential pivot chain):
 * `∃ a (ai_agent | model | mcp_server | saas_app.category=='ai'): path(a ─K_ID→* i) ∧ i ─has_permission{read}→ d
 *  ∧ (d.contains_secrets ∨ d ─stores→ c) ∧ c.kind == credential ∧ c ─authenticates_as→ j
 *  ∧ path(j ─K_PERM→* r) ∧ (r.kind == saas_app ∧ edge.actions ∋ admin ∨ PROD(r) ∨ SENSITIVE(r))`.
 * General form: after the pivot, `stores` and `authenticates_as` hops may repeat (further pivots), H = 8 overall.
 * `has_permission{read}`: the actions include read (or admin, or no actions: full control).
 *
 * How it stays fast on large estates (the findings are those of the plain nested loops over every agent,
 * identity, grant, stored credential and `authenticates_as` edge, with a breadth-first scan behind each):
 * - what lies behind an identity j does not depend on the agent: one scan per j, grown a breadth-first level
 *   at a time only as far as some question needs (a scan with budget b is the deeper scan's hits with
 *   `need ≤ b`: a breadth-first tree cut at depth b is a prefix of the deeper one, with the same parents);
 * - what an identity's grants lead to within a budget does not depend on the agent either (its chains, their
 *   first targets and flags): computed once per (identity, budget) and shared by every agent reaching it. An
 *   agent is excluded from its own targets, so an agent that can itself be a target gets its own chains.
 */
import { GRANT_EDGES, K_ID, K_PERM_GRANTS, absent, bool, factsFor, hasAnyAction, str } from './facts.ts';
import type { RuleFacts } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, makeFinding, namesOf, nodeNames } from './finding.ts';
import { chain, edgeTable, toWitness } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const H_CHAIN = 8;
const K_PIVOT = new Set([...K_PERM_GRANTS, 'stores']);
/** The largest hop budget behind a pivot: H_CHAIN minus the grant, stores and authenticates_as hops. */
const MAX_BUDGET = H_CHAIN - 3;

export const credentialPivotChain: Rule = {
  id: 'credential-pivot-chain',
  ref: 'R11',
  name: 'Credential pivot chain',
  base: 'high',
  tags: ['OWASP LLM06', 'ASI03', 'T3', 'ATLAS AML.T0055', 'AML.T0082', 'AML.T0098', 'AML.T0012', 'OWASP NHI2', 'NHI5', 'NHI7', 'CoSAI riskCrossTenantCredentialPropagation', 'MAESTRO cross-layer'],
  remediation:
    'Cut the stores edge: remove the secret from the bucket, ticket or wiki and move it to a vault. Then right-size the identity’s has_permission on the store, and rotate the credential.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const pivots = new PivotIndex(facts);
    const found: { a: number; chains: PivotChains }[] = [];
    const cut: number[] = []; // positions in `found` of the agents whose walk stopped early (summed up by fold)
    const credMark = new Int32Array(facts.n); // credMark[c] === a + 1: c is already among a's pivot credentials
    for (let a = 0; a < facts.n; a++) {
      if (!pivots.ai[a]) continue;
      const secrets: Witness[] = [];
      const pivotWitnesses: Witness[] = [];
      const targets: number[] = [];
      const creds: number[] = [];
      const credNames = new Set<string>();
      let adminEnd = false;
      let prodOrRestricted = false;
      let stopped = false;
      // The agent's chains, in the order of the plain loops: identities breadth-first (K_ID; deeper than
      // MAX_BUDGET leaves no hops), each identity's chains.
      const exclude = pivots.canBeTarget[a] ? a : -1;
      if (exclude >= 0) pivots.excluding(a);
      const walker = facts.walker;
      walker.run(a, K_ID, MAX_BUDGET, (i, depth) => {
        const chains = pivots.chains(i, MAX_BUDGET - depth, exclude);
        if (chains.admin) adminEnd = true;
        if (chains.prodOrRestricted) prodOrRestricted = true;
        for (let k = 0; k < chains.found.length && secrets.length < MAX_LEG_WITNESSES; k += 3) {
          const p = chains.found[k]!;
          const s = chains.found[k + 1]!;
          const au = chains.found[k + 2]!;
          secrets.push(chain(walker.witness(i, p), chain(facts.edgeWitness(s), facts.edgeWitness(au))));
        }
        for (let k = 0; k < chains.hits.length && targets.length < MAX_LEG_WITNESSES; k += 2) {
          const au = chains.hits[k]!;
          const scan = pivots.scanOf(facts.dst(au));
          const h = chains.hits[k + 1]!;
          targets.push(scan.node[h]!);
          pivotWitnesses.push(chain(facts.edgeWitness(au), pivots.hitWitness(scan, h)));
        }
        for (const c of chains.creds) {
          if (credMark[c] === a + 1) continue;
          credMark[c] = a + 1;
          creds.push(c);
          if (credNames.size < 3) credNames.add(facts.name(c));
        }
        // Both legs full and the title's first names known: the rest of the walk only adds to the flags and
        // counts, which fold() gets for every such agent at once. (An agent left out of its own chains walks on.)
        if (exclude < 0 && secrets.length >= MAX_LEG_WITNESSES && targets.length >= MAX_LEG_WITNESSES && credNames.size >= 3) {
          stopped = true;
          return true;
        }
      });
      if (secrets.length === 0) continue;
      if (stopped) cut.push(found.length);
      found.push({ a, chains: { secrets, pivots: pivotWitnesses, creds, targets, adminEnd, prodOrRestricted } });
    }
    const folds = pivots.fold(cut.map((k) => found[k]!.a));
    cut.forEach((k, b) => {
      const entry = found[k]!;
      entry.chains = { ...entry.chains, adminEnd: folds.admin[b] === 1, prodOrRestricted: folds.prod[b] === 1, credCount: folds.many[b] === 1 ? 2 : 1, credNameCount: folds.nameCount[b]!, credNeverExpires: folds.never[b] === 1 };
    });
    return found.map(({ a, chains }) => pivotChainFinding(this, facts, a, chains));
  },
};

/** What R11 found behind one AI node: its chains' witnesses, the pivot credentials and targets, and their marks. */
export interface PivotChains {
  readonly secrets: Witness[];
  readonly pivots: Witness[];
  readonly creds: readonly number[];
  readonly targets: readonly number[];
  readonly adminEnd: boolean;
  readonly prodOrRestricted: boolean;
  /**
   * When `creds` is only the first of them (a walk cut short): whether there are several (1 or 2 for "more
   * than one"), how many distinct names they have, and whether one never expires.
   */
  readonly credCount?: number;
  readonly credNameCount?: number;
  readonly credNeverExpires?: boolean;
}

/**
 * The R11 finding for AI node `a` from its chains: severity and modifiers, title and legs. Shared with the
 * reference test, which finds the chains its own way.
 */
export function pivotChainFinding(rule: Rule, facts: RuleFacts, a: number, found: PivotChains): Finding {
  const { secrets, pivots, creds, targets, adminEnd, prodOrRestricted } = found;
  const kind = facts.kinds[a]!;
  const node = facts.node(a);
  const exposure = str(node, 'exposure');
  const attackerReachable =
    (kind === 'ai_agent' && facts.legs(a).U.length > 0) ||
    exposure === 'public' ||
    exposure === 'anonymous' ||
    (kind === 'saas_app' && (bool(node, 'sanctioned') === false || bool(node, 'vendorAssessed') === false));
  const { severity, modifiers } = applyModifiers('high', [
    adminEnd && 'the chain ends in an admin role',
    prodOrRestricted && 'the chain ends in production or restricted data',
    attackerReachable && 'the first hop is reachable by an attacker',
  ]);
  if (found.credNeverExpires ?? creds.some((c) => absent(facts.node(c), 'expiresAt'))) modifiers.push('raised again: a pivot credential never expires');
  const credCount = found.credCount ?? creds.length;
  const credNames = found.credNameCount === undefined ? nodeNames(facts, creds) : credNamesOf(facts, creds, found.credNameCount);
  return makeFinding(rule, facts, {
    node: a,
    severity,
    modifiers,
    zeroClick: attackerReachable,
    title: `${facts.name(a)} can read ${credNames} stored at rest, which ${credCount > 1 ? 'authenticate' : 'authenticates'} to ${nodeNames(facts, targets)}`,
    legs: [leg('secrets at rest', 'pivot', secrets), leg('pivot to target', 'target', pivots)],
  });
}

/** The title's phrase for credentials of which `first` are the first (at least 3 distinct names) of `count` distinct names. */
function credNamesOf(facts: RuleFacts, first: readonly number[], count: number): string {
  const seen: string[] = [];
  for (const c of first) {
    const name = facts.name(c);
    if (!seen.includes(name)) seen.push(name);
    if (seen.length === 3) break;
  }
  return namesOf(seen, count);
}

/** What the grants of one identity lead to within a hop budget (the rule's loops over grant, store, credential edge). */
interface Chains {
  /**
   * (grant edge p, stores edge s, authenticates_as edge au) of the first chains that reach a target, flattened;
   * (s, au) for the chains through one store (storeChains).
   */
  readonly found: number[];
  /** (au, hit index in the scan behind au) of the first targets, in chain order, flattened. */
  readonly hits: number[];
  /** Pivot credentials of the chains that reach a target, first seen first. */
  readonly creds: number[];
  readonly admin: boolean;
  readonly prodOrRestricted: boolean;
  /** storeChains only: the identities behind its credentials (their scans). */
  readonly behind?: readonly number[];
}

/** Least budgets at which the chains through one store give each pivot credential ((c, need) pairs) and each flag. */
interface StoreNeeds {
  readonly creds: Int32Array;
  readonly admin: number;
  readonly prod: number;
}
const NO_NEED = MAX_BUDGET + 1;

const HIT_ADMIN = 1;
const HIT_PROD_OR_RESTRICTED = 2;

/**
 * The targets behind identity j, in the rule's order: for each node r of the K_PIVOT breadth-first tree from j
 * (j first), r itself when PROD/SENSITIVE (`need` = depth of r), then the SaaS apps r holds an admin grant on
 * (`need` = depth + 1). Grown one level at a time; `level` is the deepest level whose hits are all listed.
 */
interface Scan {
  readonly j: number;
  /** The tree so far: nodes, depth, parent position (-1 for j) and the edge from it. */
  readonly order: number[];
  readonly depth: number[];
  readonly parentPos: number[];
  readonly parentEdge: number[];
  /** First position of the deepest level. */
  levelStart: number;
  level: number;
  complete: boolean;
  /** Hits: node, tree position of r, the admin grant edge (-1 for r itself), need, flags. */
  readonly node: number[];
  readonly pos: number[];
  readonly via: number[];
  readonly need: number[];
  readonly flags: number[];
  /** Hit indexes with HIT_ADMIN, with HIT_PROD_OR_RESTRICTED. */
  readonly admins: number[];
  readonly prods: number[];
  /** Least budget at which an admin grant on a PROD/SENSITIVE node shows up (Infinity while none is known). */
  adminSensitiveNeed: number;
}

class PivotIndex {
  /** The rule's AI nodes (ai_agent, model, mcp_server, saas_app with category ai). */
  readonly ai: Uint8Array;
  /** AI nodes that can be a target themselves (PROD/SENSITIVE, or a SaaS app under an admin grant). */
  readonly canBeTarget: Uint8Array;
  private readonly table: ReturnType<typeof edgeTable>;
  private readonly pivotKinds: Uint8Array;
  private readonly grantKinds: Uint8Array;
  private readonly storesCode: number;
  private readonly authCode: number;
  private readonly crown: Uint8Array;
  private readonly hitFlags: Uint8Array;
  private readonly privileged: Uint8Array;
  /** Per node: its usable admin `has_permission` edges (CSR). */
  private readonly adminOffsets: Int32Array;
  private readonly adminEdges: Int32Array;
  private readonly readOrAdmin: Uint8Array;
  private readonly scans = new Map<number, Scan>();
  private readonly needs = new Map<number, StoreNeeds | null>();
  private readonly shared = new Map<number, Chains>();
  private readonly stores = new Map<number, Chains>();
  /** Store chains without the excluded agent (cleared for each such agent). */
  private readonly excludedStores = new Map<number, Chains>();
  /** For the agent being left out of its own chains: K_PIVOT hops from each identity to it as a target. */
  private readonly hopsToExcluded: Uint8Array;
  private readonly excludedTouched: number[] = [];
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(private readonly facts: RuleFacts) {
    const { n, graph } = facts;
    const { outOffsets, outEdges, edgeTarget } = graph.index;
    const m = graph.edges.length;
    const table = edgeTable(graph);
    this.table = table;
    this.pivotKinds = table.mask(K_PIVOT);
    this.grantKinds = table.mask(GRANT_EDGES);
    this.storesCode = table.codes.get('stores') ?? -1;
    this.authCode = table.codes.get('authenticates_as') ?? -1;
    const permissionCode = table.codes.get('has_permission') ?? -1;
    this.seen = new Int32Array(n);
    this.ai = new Uint8Array(n);
    this.crown = new Uint8Array(n);
    this.hitFlags = new Uint8Array(n);
    this.privileged = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const node = facts.node(r);
      const kind = facts.kinds[r]!;
      this.ai[r] = kind === 'ai_agent' || kind === 'model' || kind === 'mcp_server' || (kind === 'saas_app' && str(node, 'category') === 'ai') ? 1 : 0;
      this.crown[r] = facts.prod[r] === 1 || facts.sensitive[r] === 1 ? 1 : 0;
      this.hitFlags[r] = facts.prod[r] || str(node, 'sensitivity') === 'restricted' ? HIT_PROD_OR_RESTRICTED : 0;
      this.privileged[r] = bool(node, 'privileged') === true ? 1 : 0;
    }
    this.readOrAdmin = new Uint8Array(m).fill(2); // 2: not computed yet
    this.hopsToExcluded = new Uint8Array(n).fill(255);
    this.canBeTarget = new Uint8Array(n);
    const adminList: number[] = [];
    this.adminOffsets = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) {
      for (let k = outOffsets[r]!, end = outOffsets[r + 1]!; k < end; k++) {
        const q = outEdges[k]!;
        if (table.code[q] !== permissionCode || !this.usable(q) || !hasAnyAction(facts.edge(q), ['admin'])) continue;
        adminList.push(q);
        const t = edgeTarget[q]!;
        if (facts.kinds[t] === 'saas_app') this.canBeTarget[t] = 1;
      }
      this.adminOffsets[r + 1] = adminList.length;
    }
    this.adminEdges = Int32Array.from(adminList);
    for (let r = 0; r < n; r++) this.canBeTarget[r] = this.ai[r]! & (this.crown[r]! | this.canBeTarget[r]!);
  }

  /**
   * Prepares leaving agent a out of its own chains: for each identity j, the least budget at which a shows up
   * behind j (a itself when PROD/SENSITIVE, at its K_PIVOT distance; a SaaS app one hop past a node holding an
   * admin grant on it), by a reverse breadth-first search; 255 beyond MAX_BUDGET.
   */
  excluding(a: number): void {
    const hops = this.hopsToExcluded;
    for (const v of this.excludedTouched) hops[v] = 255;
    this.excludedTouched.length = 0;
    this.excludedStores.clear();
    const { inOffsets, inEdges, edgeSource, edgeTarget } = this.facts.graph.index;
    let frontier: number[] = [];
    const seed = (v: number, h: number) => {
      if (hops[v]! <= h) return;
      hops[v] = h;
      this.excludedTouched.push(v);
      frontier.push(v);
    };
    if (this.crown[a]) seed(a, 0);
    if (this.facts.kinds[a] === 'saas_app' && !this.crown[a]) {
      for (let k = inOffsets[a]!, end = inOffsets[a + 1]!; k < end; k++) {
        const q = inEdges[k]!;
        const r = edgeSource[q]!;
        // q is one of r's usable admin has_permission edges
        for (let p = this.adminOffsets[r]!, pend = this.adminOffsets[r + 1]!; p < pend; p++) if (this.adminEdges[p] === q && edgeTarget[q] === a) seed(r, 1);
      }
    }
    // Frontier by frontier in order of hops (seeds at 0 and 1 are both in the first list; relaxing keeps the least).
    for (let guard = 0; frontier.length > 0 && guard <= MAX_BUDGET; guard++) {
      const next: number[] = [];
      for (const v of frontier) {
        const h = hops[v]! + 1;
        if (h > MAX_BUDGET) continue;
        for (let k = inOffsets[v]!, end = inOffsets[v + 1]!; k < end; k++) {
          const e = inEdges[k]!;
          if (this.pivotKinds[this.table.code[e]!] !== 1 || !this.usable(e)) continue;
          const u = edgeSource[e]!;
          if (hops[u]! <= h) continue;
          hops[u] = h;
          this.excludedTouched.push(u);
          next.push(u);
        }
      }
      frontier = next;
    }
  }

  private usable(j: number): boolean {
    return this.table.open[j] === 1 && (this.facts.disabled === undefined || this.facts.disabled[j] !== 1);
  }

  scanOf(j: number): Scan {
    let scan = this.scans.get(j);
    if (!scan) {
      scan = {
        j,
        order: [],
        depth: [],
        parentPos: [],
        parentEdge: [],
        levelStart: 0,
        level: -1,
        complete: false,
        node: [],
        pos: [],
        via: [],
        need: [],
        flags: [],
        admins: [],
        prods: [],
        adminSensitiveNeed: Infinity,
      };
      this.scans.set(j, scan);
      this.grow(scan);
    }
    return scan;
  }

  /** Adds the next breadth-first level of the scan (and its hits); false when there is none. */
  private grow(scan: Scan): boolean {
    if (scan.complete) return false;
    const { order, depth, parentPos, parentEdge } = scan;
    if (scan.level < 0) {
      order.push(scan.j);
      depth.push(0);
      parentPos.push(-1);
      parentEdge.push(-1);
      scan.level = 0;
      this.addHits(scan, 0);
      return true;
    }
    if (scan.level >= MAX_BUDGET) {
      scan.complete = true;
      return false;
    }
    const { outOffsets, outEdges, edgeTarget } = this.facts.graph.index;
    const { code } = this.table;
    const seen = this.seen;
    if (this.stamp >= 0x7ffffff0) {
      seen.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    for (const v of order) seen[v] = stamp;
    const start = order.length;
    const next = scan.level + 1;
    for (let p = scan.levelStart; p < start; p++) {
      const u = order[p]!;
      for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
        const e = outEdges[k]!;
        if (this.pivotKinds[code[e]!] !== 1 || !this.usable(e)) continue;
        const v = edgeTarget[e]!;
        if (seen[v] === stamp) continue;
        seen[v] = stamp;
        order.push(v);
        depth.push(next);
        parentPos.push(p);
        parentEdge.push(e);
      }
    }
    if (order.length === start) {
      scan.complete = true;
      return false;
    }
    scan.levelStart = start;
    scan.level = next;
    this.addHits(scan, start);
    return true;
  }

  /** Lists the hits of tree positions from `start` on (one level). */
  private addHits(scan: Scan, start: number): void {
    const { edgeTarget } = this.facts.graph.index;
    const push = (node: number, pos: number, via: number, need: number, flags: number) => {
      const h = scan.node.length;
      scan.node.push(node);
      scan.pos.push(pos);
      scan.via.push(via);
      scan.need.push(need);
      scan.flags.push(flags);
      if (flags & HIT_ADMIN) scan.admins.push(h);
      if (flags & HIT_PROD_OR_RESTRICTED) scan.prods.push(h);
    };
    for (let p = start; p < scan.order.length; p++) {
      const r = scan.order[p]!;
      const d = scan.depth[p]!;
      if (this.crown[r]) push(r, p, -1, d, this.hitFlags[r]! | (this.privileged[r] ? HIT_ADMIN : 0));
      if (d + 1 > MAX_BUDGET) continue;
      for (let k = this.adminOffsets[r]!, end = this.adminOffsets[r + 1]!; k < end; k++) {
        const q = this.adminEdges[k]!;
        const t = edgeTarget[q]!;
        if (this.facts.kinds[t] === 'saas_app' && !this.crown[t]) push(t, p, q, d + 1, this.hitFlags[t]! | HIT_ADMIN);
        else if (this.crown[t] && d + 1 < scan.adminSensitiveNeed) scan.adminSensitiveNeed = d + 1;
      }
    }
  }

  /**
   * The first position ≥ from in `list` (hit indexes; all hits when undefined) of a hit within `budget` whose
   * node is neither x nor y, growing the scan as needed; -1 when there is none.
   */
  private firstHit(scan: Scan, list: number[] | undefined, from: number, budget: number, x: number, y: number): number {
    for (let p = from; ; p++) {
      if (p >= (list ? list.length : scan.node.length)) {
        // Every hit within the budget is listed once the scan is at level ≥ budget (later hits need more).
        if (scan.level >= budget || !this.grow(scan)) return -1;
        p--;
        continue;
      }
      const h = list ? list[p]! : p;
      const need = scan.need[h]!;
      if (need > budget + 1) return -1; // needs only grow past here (breadth-first; +1 for grants)
      if (need > budget) continue;
      const r = scan.node[h]!;
      if (r !== x && r !== y) return p;
    }
  }

  private adminSensitive(scan: Scan, budget: number): boolean {
    // Grants of level-L nodes need L + 1: known for every budget ≤ level + 1.
    while (scan.adminSensitiveNeed > budget && scan.level + 1 < budget && this.grow(scan));
    return scan.adminSensitiveNeed <= budget;
  }

  /** What the grants of identity i lead to within `budget` hops, leaving out targets `exclude` (-1: none). */
  chains(i: number, budget: number, exclude: number): Chains {
    const key = i * (MAX_BUDGET + 1) + budget;
    if (exclude < 0) {
      const hit = this.shared.get(key);
      if (hit) return hit;
    }
    const facts = this.facts;
    const { outOffsets, outEdges, edgeTarget } = facts.graph.index;
    const { code } = this.table;
    const found: number[] = [];
    const hits: number[] = [];
    const creds: number[] = [];
    const credSeen = new Set<number>();
    let admin = false;
    let prodOrRestricted = false;
    // Grant by grant, what lies behind the store it reads (shared by every identity granted that store).
    for (let k = outOffsets[i]!, end = outOffsets[i + 1]!; k < end; k++) {
      const p = outEdges[k]!;
      if (this.grantKinds[code[p]!] !== 1 || !this.usable(p)) continue;
      if (!this.reads(p)) continue;
      const d = edgeTarget[p]!;
      let store = this.storeChains(d, budget, -1);
      // An agent that can be a target itself is left out of its own chains: only where it shows up behind one.
      if (exclude >= 0 && store.behind!.some((j) => this.hopsToExcluded[j]! <= budget)) store = this.storeChains(d, budget, exclude);
      if (store.admin) admin = true;
      if (store.prodOrRestricted) prodOrRestricted = true;
      for (let q = 0; q < store.found.length && found.length < MAX_LEG_WITNESSES * 3; q += 2) found.push(p, store.found[q]!, store.found[q + 1]!);
      for (let q = 0; q < store.hits.length && hits.length < MAX_LEG_WITNESSES * 2; q++) hits.push(store.hits[q]!);
      for (const c of store.creds) {
        if (credSeen.has(c)) continue;
        credSeen.add(c);
        creds.push(c);
      }
    }
    const result: Chains = { found, hits, creds, admin, prodOrRestricted };
    if (exclude < 0) this.shared.set(key, result);
    return result;
  }

  /**
   * The chains through store d (its `stores` edges to credentials and their `authenticates_as` edges), d
   * itself not counted as a target: `found` holds (s, au) pairs.
   */
  private storeChains(d: number, budget: number, exclude: number): Chains {
    const key = d * (MAX_BUDGET + 1) + budget;
    const memo = exclude < 0 ? this.stores : this.excludedStores;
    const hit = memo.get(key);
    if (hit) return hit;
    const facts = this.facts;
    const { edgeTarget } = facts.graph.index;
    const found: number[] = [];
    const hits: number[] = [];
    const creds: number[] = [];
    const credSeen = new Set<number>();
    const behind: number[] = [];
    let admin = false;
    let prodOrRestricted = false;
    this.chainsThrough(d, (s, c, au) => {
      behind.push(edgeTarget[au]!);
      // Nothing left to learn from a chain through a credential already listed once every list is full.
      if (admin && prodOrRestricted && found.length >= MAX_LEG_WITNESSES * 2 && hits.length >= MAX_LEG_WITNESSES * 2 && credSeen.has(c)) return;
      const scan = this.scanOf(edgeTarget[au]!);
      if (!admin && this.adminSensitive(scan, budget)) admin = true;
      let h = this.firstHit(scan, undefined, 0, budget, d, exclude);
      if (h < 0) return;
      // The chain reaches a target: its first targets (up to the leg's limit), its flags, its credential.
      while (h >= 0 && hits.length < MAX_LEG_WITNESSES * 2) {
        hits.push(au, h);
        h = this.firstHit(scan, undefined, h + 1, budget, d, exclude);
      }
      if (!admin && this.firstHit(scan, scan.admins, 0, budget, d, exclude) >= 0) admin = true;
      if (!prodOrRestricted && this.firstHit(scan, scan.prods, 0, budget, d, exclude) >= 0) prodOrRestricted = true;
      if (found.length < MAX_LEG_WITNESSES * 2) found.push(s, au);
      if (!credSeen.has(c)) {
        credSeen.add(c);
        creds.push(c);
      }
    });
    const result: Chains = { found, hits, creds, admin, prodOrRestricted, behind };
    memo.set(key, result);
    return result;
  }

  /** Visits every usable chain through store d: its `stores` edge s to credential c, then c's `authenticates_as` edge au. */
  private chainsThrough(d: number, visit: (s: number, c: number, au: number) => void): void {
    const { outOffsets, outEdges, edgeTarget } = this.facts.graph.index;
    const { code } = this.table;
    for (let k2 = outOffsets[d]!, end2 = outOffsets[d + 1]!; k2 < end2; k2++) {
      const s = outEdges[k2]!;
      if (code[s] !== this.storesCode || !this.usable(s)) continue;
      const c = edgeTarget[s]!;
      if (this.facts.kinds[c] !== 'credential') continue;
      for (let k3 = outOffsets[c]!, end3 = outOffsets[c + 1]!; k3 < end3; k3++) {
        const au = outEdges[k3]!;
        if (code[au] === this.authCode && this.usable(au)) visit(s, c, au);
      }
    }
  }

  /** Whether grant edge p lets its holder read the store (read, admin or no actions), computed once per edge. */
  private reads(p: number): boolean {
    if (this.readOrAdmin[p] === 2) this.readOrAdmin[p] = hasAnyAction(this.facts.edge(p), ['read', 'admin']) ? 1 : 0;
    return this.readOrAdmin[p] === 1;
  }

  /**
   * What the chains through store d give at each budget, as least budgets (NO_NEED: none within MAX_BUDGET):
   * each pivot credential's, the admin flag's and the production flag's. storeChains(d, b) lists credential c
   * exactly when b ≥ its need, and its flags hold exactly when b ≥ theirs (hits within a budget only grow with it).
   */
  private storeNeeds(d: number): StoreNeeds | null {
    const memo = this.needs.get(d);
    if (memo !== undefined) return memo;
    const facts = this.facts;
    const { edgeTarget } = facts.graph.index;
    const credNeed = new Map<number, number>();
    let admin = NO_NEED;
    let prod = NO_NEED;
    const least = (test: (b: number) => boolean, below: number): number => {
      for (let b = 0; b < below && b <= MAX_BUDGET; b++) if (test(b)) return b;
      return below;
    };
    this.chainsThrough(d, (_s, c, au) => {
      const scan = this.scanOf(edgeTarget[au]!);
      const hit = least((b) => this.firstHit(scan, undefined, 0, b, d, -1) >= 0, credNeed.get(c) ?? NO_NEED);
      if (hit < NO_NEED) credNeed.set(c, hit);
      admin = least((b) => this.adminSensitive(scan, b) || this.firstHit(scan, scan.admins, 0, b, d, -1) >= 0, admin);
      prod = least((b) => this.firstHit(scan, scan.prods, 0, b, d, -1) >= 0, prod);
    });
    let result: StoreNeeds | null = null;
    if (credNeed.size > 0 || admin < NO_NEED || prod < NO_NEED) {
      const creds = new Int32Array(credNeed.size * 2);
      let k = 0;
      for (const [c, need] of credNeed) {
        creds[k++] = c;
        creds[k++] = need;
      }
      result = { creds, admin, prod };
    }
    this.needs.set(d, result);
    return result;
  }

  /**
   * For each AI node of `agents` (none of which can be its own target): what its whole walk would add up to,
   * without walking: the flags, whether it has more than one pivot credential, how many distinct names they
   * have and whether one never expires. Agents go 32 at a time as the bits of one mask: a breadth-first search
   * over K_ID moves masks (bit k reaches node v at depth t when agent k's walk does), the grants of the nodes
   * reached at depth t mark their stores with budget MAX_BUDGET - t, and each marked store hands its masks to
   * the credentials and flags whose need the budget meets.
   */
  fold(agents: readonly number[]): { admin: Uint8Array; prod: Uint8Array; many: Uint8Array; never: Uint8Array; nameCount: Int32Array } {
    const count = agents.length;
    const out = { admin: new Uint8Array(count), prod: new Uint8Array(count), many: new Uint8Array(count), never: new Uint8Array(count), nameCount: new Int32Array(count) };
    if (count === 0) return out;
    const facts = this.facts;
    const { n } = facts;
    const { outOffsets, outEdges, edgeTarget } = facts.graph.index;
    const { code } = this.table;
    const idKinds = this.table.mask(K_ID);
    const visited = new Uint32Array(n);
    let cur = new Uint32Array(n);
    let next = new Uint32Array(n);
    const storeBits = new Uint32Array(n * (MAX_BUDGET + 1));
    const credMask = new Uint32Array(n);
    const nameOf = new Int32Array(n).fill(-1);
    const nameIds = new Map<string, number>();
    const never = new Int8Array(n).fill(-1);
    let nameMask = new Uint32Array(64);
    const cum = new Uint32Array(MAX_BUDGET + 2);
    const perBit = new Int32Array(32);
    for (let start = 0; start < count; start += 32) {
      const size = Math.min(32, count - start);
      const reached: number[] = [];
      let frontier: number[] = [];
      for (let k = 0; k < size; k++) {
        const a = agents[start + k]!;
        visited[a] = 1 << k;
        cur[a] = 1 << k;
        reached.push(a);
        frontier.push(a);
      }
      const stores: number[] = [];
      for (let t = 0; t <= MAX_BUDGET && frontier.length > 0; t++) {
        const nextFrontier: number[] = [];
        const slot = MAX_BUDGET - t;
        for (const u of frontier) {
          const f = cur[u]!;
          cur[u] = 0;
          for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
            const e = outEdges[k]!;
            const c = code[e]!;
            if (this.grantKinds[c] === 1 && this.usable(e) && this.reads(e)) {
              const d = edgeTarget[e]!;
              if (this.storeNeeds(d) === null) continue;
              const at = d * (MAX_BUDGET + 1);
              let any = 0;
              for (let b = 0; b <= MAX_BUDGET; b++) any |= storeBits[at + b]!;
              if (any === 0) stores.push(d);
              storeBits[at + slot]! |= f;
            }
            if (t < MAX_BUDGET && idKinds[c] === 1 && this.usable(e)) {
              const v = edgeTarget[e]!;
              const fresh = f & ~visited[v]!;
              if (fresh === 0) continue;
              if (visited[v] === 0) reached.push(v);
              visited[v]! |= fresh;
              if (next[v] === 0) nextFrontier.push(v);
              next[v]! |= fresh;
            }
          }
        }
        const swap = cur;
        cur = next;
        next = swap;
        frontier = nextFrontier;
      }
      for (const v of frontier) cur[v] = 0;
      for (const v of reached) visited[v] = 0;
      // Stores → credentials and flags: a budget-b mark also meets every need ≤ b.
      let admin = 0;
      let prod = 0;
      const creds: number[] = [];
      for (const d of stores) {
        const at = d * (MAX_BUDGET + 1);
        cum[MAX_BUDGET + 1] = 0;
        for (let b = MAX_BUDGET; b >= 0; b--) {
          cum[b] = cum[b + 1]! | storeBits[at + b]!;
          storeBits[at + b] = 0;
        }
        const needs = this.storeNeeds(d)!;
        if (needs.admin <= MAX_BUDGET) admin |= cum[needs.admin]!;
        if (needs.prod <= MAX_BUDGET) prod |= cum[needs.prod]!;
        for (let k = 0; k < needs.creds.length; k += 2) {
          const m = cum[needs.creds[k + 1]!]!;
          if (m === 0) continue;
          const c = needs.creds[k]!;
          if (credMask[c] === 0) creds.push(c);
          credMask[c]! |= m;
        }
      }
      // Credentials → distinct names; one/two: the agents with at least one, at least two credentials.
      let one = 0;
      let two = 0;
      let neverMask = 0;
      const names: number[] = [];
      for (const c of creds) {
        const m = credMask[c]!;
        credMask[c] = 0;
        two |= one & m;
        one |= m;
        if (never[c] === -1) never[c] = absent(facts.node(c), 'expiresAt') ? 1 : 0;
        if (never[c] === 1) neverMask |= m;
        let id = nameOf[c]!;
        if (id < 0) {
          const name = facts.name(c);
          id = nameIds.get(name) ?? nameIds.size;
          if (id === nameIds.size) nameIds.set(name, id);
          nameOf[c] = id;
          if (id >= nameMask.length) {
            const grown = new Uint32Array(nameMask.length * 2);
            grown.set(nameMask);
            nameMask = grown;
          }
        }
        if (nameMask[id] === 0) names.push(id);
        nameMask[id]! |= m;
      }
      perBit.fill(0);
      for (const id of names) {
        let m = nameMask[id]!;
        nameMask[id] = 0;
        while (m !== 0) {
          const low = m & -m;
          perBit[31 - Math.clz32(low)]!++;
          m ^= low;
        }
      }
      for (let k = 0; k < size; k++) {
        const bit = 1 << k;
        out.admin[start + k] = admin & bit ? 1 : 0;
        out.prod[start + k] = prod & bit ? 1 : 0;
        out.many[start + k] = two & bit ? 1 : 0;
        out.never[start + k] = neverMask & bit ? 1 : 0;
        out.nameCount[start + k] = perBit[k]!;
      }
    }
    return out;
  }

  /** The path from the scan's identity to hit h (and on along its admin grant). */
  hitWitness(scan: Scan, h: number): Witness {
    const nodes: number[] = [];
    const edges: number[] = [];
    const via = scan.via[h]!;
    if (via >= 0) {
      edges.push(via);
      nodes.push(this.facts.dst(via));
    }
    for (let p = scan.pos[h]!; p >= 0; p = scan.parentPos[p]!) {
      nodes.push(scan.order[p]!);
      if (scan.parentEdge[p]! >= 0) edges.push(scan.parentEdge[p]!);
    }
    return toWitness(this.facts.graph, nodes.reverse(), edges.reverse());
  }
}
