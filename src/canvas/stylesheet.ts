/**
 * The Cytoscape stylesheet: data keyed on classes and kinds, no logic. Built per theme.
 */
import type cytoscape from 'cytoscape';

import { LEG_COLORS, LEG_PAINT_ORDER, legClass } from '../lib/leg-colors.ts';
import { NODE_KINDS } from '../model/index.ts';
import { ACCESS_COLORS, KIND_VISUALS, glyphDataUri } from '../lib/kind-visuals.ts';

import { driftStyles } from './ghosts.ts';

interface Palette {
  label: string;
  labelBg: string;
  edge: string;
  border: string;
  accent: string;
  exposure: string;
  danger: string;
}

export const PALETTES: Record<'dark' | 'light', Palette> = {
  dark: { label: '#dfe6ee', labelBg: '#0b0f14', edge: '#4d5d70', border: '#0b0f14', accent: '#f5b83d', exposure: '#36c2d0', danger: '#ff5d62' },
  light: { label: '#18222d', labelBg: '#ffffff', edge: '#a3aebb', border: '#ffffff', accent: '#d08a12', exposure: '#0f8fa0', danger: '#d1242f' },
};

const HOP_HALO = [0.6, 0.45, 0.32, 0.2];

/**
 * The stylesheet for a theme; with `relabel`, every node label is read from `data(pseudo)`, which the canvas
 * fills from an overlay's `relabel` (redact mode), so the real label data is never touched.
 */
export function buildStylesheet(theme: 'dark' | 'light', relabel = false): cytoscape.StylesheetJson {
  const sheet = plainStylesheet(theme);
  return relabel ? (JSON.parse(JSON.stringify(sheet).replaceAll('"data(label)"', '"data(pseudo)"')) as cytoscape.StylesheetJson) : sheet;
}

function plainStylesheet(theme: 'dark' | 'light'): cytoscape.StylesheetJson {
  const p = PALETTES[theme];
  // The edge kind written along an edge that is on a path or traced.
  const edgeKindLabel = { label: 'data(kind)', 'font-size': 9, color: p.label, 'text-rotation': 'autorotate', 'text-background-color': p.labelBg, 'text-background-opacity': 0.85 } as const;
  const sheet: cytoscape.StylesheetJson = [
    {
      selector: 'node',
      style: {
        width: 32,
        height: 32,
        'border-width': 1.5,
        'border-color': p.border,
        'background-width': '56%',
        'background-height': '56%',
        'background-clip': 'none',
        label: 'data(label)',
        'font-size': 10,
        'font-family': 'Inter, "Liberation Sans", "DejaVu Sans", sans-serif',
        color: p.label,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-background-color': p.labelBg,
        'text-background-opacity': 0.78,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        // Calm overview: ordinary labels appear from 100% zoom; AI nodes, crown jewels and lit nodes earlier.
        'min-zoomed-font-size': 10,
        'underlay-shape': 'ellipse',
        'underlay-padding': 9,
        'underlay-opacity': 0,
      },
    },
    { selector: 'node.ai', style: { width: 42, height: 42, 'font-size': 14, 'font-weight': 600, 'min-zoomed-font-size': 5, 'z-index': 3 } },
    {
      selector: 'node.crown',
      style: { 'border-width': 3.5, 'border-color': p.accent, 'border-style': 'double', width: 38, height: 38, 'min-zoomed-font-size': 8 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': p.edge,
        'target-arrow-color': p.edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.75,
        'curve-style': 'bezier',
        opacity: 0.6,
      },
    },
    { selector: 'edge.acc-read', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
    { selector: 'edge.acc-write', style: { 'line-style': 'dotted' } },
    { selector: 'edge.acc-read-write', style: { 'line-style': 'dashed', 'line-dash-pattern': [2, 3, 8, 3] } },
    { selector: 'edge.inert', style: { 'line-style': 'dotted', opacity: 0.35, 'target-arrow-shape': 'tee' } },
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        width: 'data(size)',
        height: 'data(size)',
        'background-opacity': 0.22,
        'border-width': 1.5,
        'border-style': 'dashed',
        'font-size': 20,
        'font-weight': 600,
        'min-zoomed-font-size': 4,
        'text-max-width': '220px',
        'text-wrap': 'wrap',
      },
    },
    { selector: 'node.group-focused', style: { 'border-color': p.accent, 'border-style': 'solid', 'border-width': 2.5 } },
  ];
  for (const kind of NODE_KINDS) {
    const v = KIND_VISUALS[kind];
    sheet.push({
      selector: `node.kind-${kind}`,
      style: { shape: v.shape as cytoscape.Css.NodeShape, 'background-color': v.color, 'background-image': glyphDataUri(kind), 'underlay-shape': 'ellipse' },
    });
  }
  // Highlight classes come last so they win.
  sheet.push(
    { selector: 'node.quiet', style: { label: '' } },
    { selector: 'node.quiet.reached, node.quiet.exposing, node.quiet.on-path, node.quiet.evidence, node.quiet.focus, node.quiet.trace', style: { label: 'data(label)' } },
    { selector: 'node.hush', style: { label: '' } },
    { selector: 'node.hush.focus, node.hush.on-path, node.hush.trace', style: { label: 'data(label)' } },
    { selector: '.dimmed', style: { opacity: 0.13, 'text-opacity': 0 } },
    { selector: 'edge.dimmed', style: { opacity: 0.07 } },
    { selector: 'node.reached', style: { 'underlay-opacity': 0.4, 'border-width': 3, 'z-index': 5, 'min-zoomed-font-size': 6 } },
    { selector: 'node.exposing', style: { 'underlay-color': p.exposure, 'underlay-opacity': 0.4, 'border-width': 3, 'border-color': p.exposure, 'z-index': 5, 'min-zoomed-font-size': 6 } },
  );
  HOP_HALO.forEach((o, i) => sheet.push({ selector: `node.hop-${i + 1}`, style: { 'underlay-opacity': o } }));
  for (const [access, color] of Object.entries(ACCESS_COLORS)) {
    sheet.push({ selector: `node.holds-${access}`, style: { 'underlay-color': color, 'border-color': color } });
    sheet.push({ selector: `edge.witness.acc-${access}`, style: { 'line-color': color, 'target-arrow-color': color } });
  }
  sheet.push(
    { selector: 'node.crown.reached, node.crown.exposing', style: { 'border-style': 'double', 'border-width': 5, 'border-color': p.accent } },
    { selector: 'edge.witness', style: { width: 2.6, opacity: 0.95, 'arrow-scale': 1, 'z-index': 4 } },
    {
      selector: 'node.focus',
      style: {
        width: 54,
        height: 54,
        'border-width': 4,
        'border-color': p.accent,
        'underlay-color': p.accent,
        'underlay-opacity': 0.35,
        'underlay-padding': 14,
        'font-size': 13,
        'font-weight': 700,
        'z-index': 20,
      },
    },
    { selector: 'node.on-path', style: { 'min-zoomed-font-size': 5, 'border-width': 3, 'border-color': p.accent, 'underlay-color': p.accent, 'underlay-opacity': 0.3, 'z-index': 10, 'font-size': 12 } },
    { selector: 'node.path-end', style: { width: 48, height: 48, 'border-width': 4 } },
    {
      selector: 'edge.on-path',
      style: {
        width: 3.5,
        'line-color': p.accent,
        'target-arrow-color': p.accent,
        opacity: 1,
        'z-index': 10,
        ...edgeKindLabel,
        'text-background-padding': '2px',
      },
    },
    { selector: 'node.evidence', style: { 'min-zoomed-font-size': 5, 'border-width': 3.5, 'border-color': p.danger, 'underlay-color': p.danger, 'underlay-opacity': 0.38, 'z-index': 10 } },
    { selector: 'edge.evidence', style: { width: 3.2, 'line-color': p.danger, 'target-arrow-color': p.danger, opacity: 1, 'z-index': 10 } },
    // Each leg of a shown finding in its own colour (lib/leg-colors.ts); the AI node keeps its focus ring.
    ...LEG_PAINT_ORDER.flatMap((role): cytoscape.StylesheetJson => {
      const c = LEG_COLORS[theme][role];
      return [
        { selector: `node.${legClass(role)}`, style: { 'border-color': c, 'underlay-color': c, 'underlay-opacity': 0.45 } },
        { selector: `edge.${legClass(role)}`, style: { 'line-color': c, 'target-arrow-color': c, width: 3.6 } },
      ];
    }),
    { selector: 'node.focus.evidence', style: { 'border-color': p.accent, 'underlay-color': p.accent } },
    { selector: 'node.trace', style: { 'underlay-color': p.accent, 'underlay-opacity': 0.8, 'underlay-padding': 14, opacity: 1, 'text-opacity': 1, 'z-index': 30 } },
    {
      selector: 'edge.trace',
      style: {
        width: 4.5,
        'line-color': p.accent,
        'target-arrow-color': p.accent,
        opacity: 1,
        'z-index': 30,
        ...edgeKindLabel,
      },
    },
    { selector: 'node.pulse', style: { 'underlay-color': p.accent, 'underlay-opacity': 0.9, 'underlay-padding': 22 } },
  );
  // Live drift: added elements marked, removed ones drawn as ghosts (canvas/ghosts.ts).
  sheet.push(...driftStyles(theme));
  // Review marks (passed in as an overlay by features/review): what-if cuts ghosted and struck, choke points, the walkthrough hop.
  sheet.push(
    { selector: 'edge.choke', style: { width: 3, 'line-color': p.accent, 'target-arrow-color': p.accent, 'line-style': 'solid', 'mid-target-arrow-shape': 'diamond', 'mid-target-arrow-color': p.accent } },
    { selector: 'node.choke', style: { 'outline-color': p.accent, 'outline-width': 3, 'outline-offset': 4, 'outline-opacity': 0.8 } as unknown as cytoscape.Css.Node },
    {
      selector: 'edge.what-if-cut',
      style: { 'line-style': 'dashed', 'line-dash-pattern': [3, 5], opacity: 0.45, 'line-color': p.danger, 'target-arrow-color': p.danger, 'target-arrow-shape': 'tee', width: 2.4, label: '✂ cut', 'font-size': 13, color: p.danger, 'text-background-opacity': 0, 'underlay-opacity': 0 },
    },
    { selector: 'node.what-if-removed', style: { opacity: 0.3, 'border-style': 'dashed', 'border-color': p.danger, 'border-width': 3 } },
    { selector: 'edge.walk-past', style: { 'line-color': p.accent, 'target-arrow-color': p.accent, opacity: 0.8, width: 2.6 } },
    { selector: 'node.walk-past', style: { 'border-color': p.accent, 'border-width': 3, opacity: 1, 'text-opacity': 1 } },
    {
      selector: 'edge.walk-edge',
      style: { 'line-color': p.accent, 'target-arrow-color': p.accent, width: 5, opacity: 1, 'z-index': 40, label: 'data(kind)', 'font-size': 12, color: p.label, 'text-background-color': p.labelBg, 'text-background-opacity': 0.9, 'text-rotation': 'autorotate' },
    },
    { selector: 'node.walk-here', style: { 'underlay-color': p.accent, 'underlay-opacity': 0.55, 'underlay-padding': 12, 'border-color': p.accent, 'border-width': 4, opacity: 1, 'text-opacity': 1, label: 'data(label)', 'z-index': 40 } },
    // The blast-radius picture: one label size, legible at fit, ellipsised to its column; labels that would
    // collide are hidden (shown on hover); folded groups are counted badges.
    { selector: 'node.picture', style: { 'font-size': 13, 'font-weight': 500, 'min-zoomed-font-size': 0, 'text-wrap': 'ellipsis', 'text-max-width': '220px' } },
    ...[100, 140, 180, 220].map((w) => ({ selector: `node.picture.lw-${w}`, style: { 'text-max-width': `${w}px` } })),
    {
      selector: 'node.fold',
      style: { shape: 'round-rectangle', width: 46, height: 30, 'border-style': 'dashed', 'border-width': 2, 'border-color': p.accent, 'background-opacity': 0.85, label: 'data(label)', color: p.label, 'font-size': 13, 'text-valign': 'bottom', 'text-margin-y': 4 },
    },
    { selector: 'node.fold.crown', style: { 'border-style': 'double', 'border-width': 4 } },
    { selector: 'edge.fold-link', style: { 'line-style': 'solid', width: 2, opacity: 0.7 } },
    { selector: 'node.picture.nolabel', style: { label: '' } },
    { selector: 'node.picture.nolabel.hover', style: { label: 'data(label)', 'z-index': 60, 'text-background-opacity': 0.95 } },
    { selector: 'node.picture.crown.hover, node.picture.hover', style: { 'z-index': 60 } },
    // After a what-if cut the picture keeps its layout: the cut edge struck (dashed, a tee, "✂ cut"), and what
    // it took out of the radius faded behind it, still labelled.
    { selector: 'edge.what-if-cut.witness, edge.what-if-cut.fold-link, edge.what-if-cut.on-path', style: { 'line-style': 'dashed', 'line-dash-pattern': [3, 5], opacity: 0.9, 'text-opacity': 1, 'z-index': 30 } },
    { selector: 'node.cut-lost', style: { opacity: 0.5, 'text-opacity': 1, 'border-style': 'dashed', 'border-color': p.danger, 'border-width': 2 } },
  );
  return sheet;
}
