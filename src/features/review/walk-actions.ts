/** Starting a walkthrough of a finding or of a path, shared by the finding cards and the path panel. */
import type { InventoryGraph } from '../../graph/build-graph.ts';
import type { Finding } from '../../graph/rules/types.ts';
import { walkthrough, walkthroughFinding } from '../../graph/walkthrough.ts';
import { useAppStore } from '../../store/app-store.ts';
import { useReviewStore } from '../../store/review-store.ts';
import type { WalkStepView } from '../../store/review-store.ts';

const nameOf = (graph: InventoryGraph, id: string): string => {
  const i = graph.index.nodeIndex.get(id);
  return i === undefined ? id : graph.nodes[i]!.name;
};

export function walkFinding(graph: InventoryGraph, finding: Finding): void {
  const w = walkthroughFinding(graph, finding);
  const steps: WalkStepView[] = w.legs.flatMap((leg) =>
    leg.steps.map((s) => ({ edge: s.edge, from: s.from, to: s.to, caption: s.caption, leg: leg.name, followed: s.followed })),
  );
  if (steps.length === 0) return;
  // Draw the finding's evidence so every hop is on the canvas.
  useAppStore.getState().showEvidence({ finding, leg: null, node: finding.node, evidence: finding.evidence });
  useReviewStore.getState().startWalk({ title: `${finding.title} (${nameOf(graph, finding.node)})`, tags: w.tags, steps });
}

export function walkPath(graph: InventoryGraph, path: { readonly from: string; readonly to: string; readonly edges: readonly string[] }): void {
  const w = walkthrough(graph, path.edges);
  if (w.steps.length === 0) return;
  useReviewStore.getState().startWalk({
    title: `Path from ${nameOf(graph, path.from)} to ${nameOf(graph, path.to)}`,
    tags: [],
    steps: w.steps.map((s) => ({ edge: s.edge, from: s.from, to: s.to, caption: s.caption, leg: null, followed: s.followed })),
  });
}
