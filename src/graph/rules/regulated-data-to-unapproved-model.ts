/**
 * R16 — Regulated data flowing to an unapproved model / region / retention policy:
 * `∃ a ∈ AGENTIC, d: path(a ─K_READ→* d) ∧ (d.jurisdiction != null ∨ d.data_classes ∩ {PII, PHI, PCI} ≠ ∅)
 *  ∧ ∃ m: path(a ─{uses_model, routes_to}→* m) ∧ m.kind == model
 *  ∧ (m.jurisdiction ∉ d.allowed_jurisdictions ∨ m.sanctioned == false ∨ m.data_retention == 'training_allowed' ∨ m.dpa == false)
 *  ∧ ¬(∃ g on that path: g.kind == ai_gateway ∧ 'pii_redaction' ∈ g.guardrails ∧ g.enforced)`.
 * `m.jurisdiction ∉ d.allowed_jurisdictions` needs the model's jurisdiction; without `allowedJurisdictions`
 * the data may stay only in its own `jurisdiction`. `approved: false` on a model (a field the format lists)
 * counts like `sanctioned: false`.
 */
import { K_READ, absent, bool, factsFor, list, str } from './facts.ts';
import type { RuleFacts } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import type { Finding, Rule, Witness } from './types.ts';

const K_MODEL = new Set(['uses_model', 'routes_to']);
const REGULATED = new Set(['PII', 'PHI', 'PCI']);

const redacting = (facts: RuleFacts, g: number) =>
  facts.kinds[g] === 'ai_gateway' && list(facts.node(g), 'guardrails').includes('pii_redaction') && bool(facts.node(g), 'enforced') === true;

const regulatedCache = new WeakMap<RuleFacts, Uint8Array>();
/** Per node: 1 when it has a jurisdiction or PII/PHI/PCI data classes (the rule's d), computed once per facts. */
function regulatedNodes(facts: RuleFacts): Uint8Array {
  let out = regulatedCache.get(facts);
  if (!out) {
    out = new Uint8Array(facts.n);
    for (let d = 0; d < facts.n; d++) {
      const node = facts.node(d);
      out[d] = !absent(node, 'jurisdiction') || list(node, 'dataClasses').some((c) => REGULATED.has(c)) ? 1 : 0;
    }
    regulatedCache.set(facts, out);
  }
  return out;
}

export const regulatedDataToUnapprovedModel: Rule = {
  id: 'regulated-data-to-unapproved-model',
  ref: 'R16',
  name: 'Regulated data to an unapproved model',
  base: 'medium',
  tags: ['OWASP LLM02', 'NIST600 Data Privacy', 'CoSAI riskExcessiveDataHandlingDuringInference', 'MAESTRO L1/L6'],
  remediation: 'Cut the uses_model edge and re-route to an approved endpoint. Or insert a gateway with enforced PII redaction (agent ─uses_model→ gateway ─routes_to→ model).',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    const regulated = regulatedNodes(facts);
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      // Paths to models that do not pass a redacting gateway (a small tree: asked first, so an agent
      // without such a model never pays for its read tree; either way it has no finding).
      const modelTree = facts.tree(a, K_MODEL, { expand: (v) => !redacting(facts, v) });
      if (!modelTree.order.some((m) => facts.kinds[m] === 'model' && !redacting(facts, m))) continue;
      const readTree = facts.tree(a, K_READ);
      const data = readTree.order.filter((d) => regulated[d] === 1);
      if (data.length === 0) continue;
      const flows: Witness[] = [];
      const reads: Witness[] = [];
      const models: number[] = [];
      const dataHit: number[] = [];
      const dataSeen = new Set<number>();
      let phiPci = false;
      let unsanctioned = false;
      for (const m of modelTree.order) {
        if (facts.kinds[m] !== 'model' || redacting(facts, m)) continue;
        const model = facts.node(m);
        const mj = str(model, 'jurisdiction');
        const modelOut = bool(model, 'sanctioned') === false || bool(model, 'approved') === false;
        const policy = modelOut || str(model, 'dataRetention') === 'training_allowed' || bool(model, 'dpa') === false;
        let any = false;
        for (const d of data) {
          // Data with a jurisdiction but no allowed list stays in its own jurisdiction.
          const given = list(facts.node(d), 'allowedJurisdictions');
          const own = str(facts.node(d), 'jurisdiction');
          const allowed = given.length > 0 ? given : own !== undefined ? [own] : [];
          const outOfRegion = mj !== undefined && allowed.length > 0 && !allowed.includes(mj);
          if (!policy && !outOfRegion) continue;
          any = true;
          if (!dataSeen.has(d)) {
            dataSeen.add(d);
            dataHit.push(d);
            if (reads.length < MAX_LEG_WITNESSES) reads.push(facts.witness(readTree, d));
          }
          if (list(facts.node(d), 'dataClasses').some((c) => c === 'PHI' || c === 'PCI')) phiPci = true;
        }
        if (!any) continue;
        if (modelOut) unsanctioned = true;
        models.push(m);
        if (flows.length < MAX_LEG_WITNESSES) flows.push(facts.witness(modelTree, m));
      }
      if (models.length === 0) continue;
      const { severity, modifiers } = applyModifiers('medium', [phiPci && 'the data holds PHI or PCI', unsanctioned && 'the model provider is unsanctioned']);
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          title: `${facts.name(a)} reads regulated ${nodeNames(facts, dataHit)} and sends prompts to ${nodeNames(facts, models)}, which is outside the approved region or policy`,
          legs: [leg('regulated data', 'private', reads), leg('unapproved model', 'sink', flows)],
        }),
      );
    }
    return findings;
  },
};
