/**
 * The analysis worker: the one place that holds the inventories and their graphs for the session. It reads,
 * validates, builds and analyses inventories, answers what-if, choke points, plans and drift diffs about them,
 * and lays out what the explorer draws, so the page never freezes. It imports only model/, graph/, import/ and
 * its own helpers; Cytoscape is imported lazily (headless, for fcose) and never touches the DOM here.
 */
import { expose } from 'comlink';

import { createSession } from './session.ts';

// A random base per worker: a replaced worker's versions never meet its successor's (the page's own session
// counts from 0, far below).
const base = (crypto.getRandomValues(new Uint32Array(1))[0]! + 1) * 2 ** 20;
expose(createSession(true, base));
