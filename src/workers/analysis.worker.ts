/**
 * The analysis worker: the one place that holds the inventories and their graphs for the session. It reads,
 * validates, builds and analyses inventories, answers what-if, choke points, plans and drift diffs about them,
 * and lays out what the explorer draws, so the page never freezes. It imports only model/, graph/, import/ and
 * its own helpers; Cytoscape is imported lazily (headless, for fcose) and never touches the DOM here.
 */
import { expose } from 'comlink';

import { createSession } from './session.ts';

expose(createSession(true));
