/**
 * The analysis worker: the one place that holds the inventories and their graphs for the session. It reads,
 * validates, builds and analyses inventories, answers what-if, choke points, plans, drift diffs and the
 * radius of a selection about them, and lays out what the explorer draws, so the page never freezes. It
 * imports only model/, graph/, import/ and its own helpers; Cytoscape is imported lazily (headless, for
 * fcose) and never touches the DOM here.
 */
import { expose, transfer } from 'comlink';

import { radiusBuffers } from '../graph/radius-data.ts';

import type { AnalysisApi } from './analysis-protocol.ts';
import { createSession } from './session.ts';

// A random base per worker: a replaced worker's versions never meet its successor's (the page's own session
// counts from 0, far below).
const base = (crypto.getRandomValues(new Uint32Array(1))[0]! + 1) * 2 ** 20;
const session = createSession(true, base);
const api: AnalysisApi = {
  ...session,
  // A radius's typed arrays are transferred to the page, not cloned (the worker keeps nothing of them).
  async radius(version, request, requestId) {
    const answer = await session.radius(version, request, requestId);
    if (!answer) return answer;
    const buffers = [answer.radius, answer.before].flatMap((r) => (r ? radiusBuffers(r) : []));
    return transfer(answer, buffers);
  },
};
expose(api);
