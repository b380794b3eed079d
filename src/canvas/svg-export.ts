/**
 * The drawn graph as a standalone SVG. Cytoscape draws on a canvas and has no SVG output, so this takes what
 * it drew (model positions, sizes, colours, labels, line styles) and writes the same picture as SVG elements.
 * `renderSvg` is pure (the HTML report uses it too); `collectScene` reads the Cytoscape instance (through
 * `CanvasHandle.scene`).
 */
import type cytoscape from 'cytoscape';

import { KIND_VISUALS } from '../lib/kind-visuals.ts';

import { legendContent, legendMarkup } from './export-legend.ts';

export interface SvgNode {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly shape: string;
  readonly fill: string;
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly opacity: number;
  readonly label: string;
  readonly labelColor: string;
  readonly fontSize: number;
  /** The node's kind (its glyph is drawn inside, and the legend lists it). */
  readonly kind?: string;
  /** A crown jewel (the legend explains the ring). */
  readonly crown?: boolean;
}

export interface SvgEdge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly color: string;
  readonly width: number;
  readonly opacity: number;
  readonly dash: string | null;
  readonly label?: string;
  /** Struck through (a what-if cut). */
  readonly cut?: boolean;
}

export interface SvgScene {
  readonly nodes: readonly SvgNode[];
  readonly edges: readonly SvgEdge[];
  readonly background: string;
  readonly title?: string;
}

export function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const n = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 10) / 10) : '0');

function shapeOf(node: SvgNode): string {
  const { x, y, w, h } = node;
  const attrs = `fill="${escapeXml(node.fill)}" stroke="${escapeXml(node.stroke)}" stroke-width="${n(node.strokeWidth)}" opacity="${n(node.opacity)}"`;
  const poly = (pts: [number, number][]): string => `<polygon points="${pts.map(([a, b]) => `${n(x + (a * w) / 2)},${n(y + (b * h) / 2)}`).join(' ')}" ${attrs}/>`;
  switch (node.shape) {
    case 'rectangle':
    case 'square':
      return `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${n(h)}" ${attrs}/>`;
    case 'round-rectangle':
    case 'roundrectangle':
    case 'bottom-round-rectangle':
    case 'cut-rectangle':
      return `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${n(h)}" rx="${n(Math.min(w, h) / 4)}" ${attrs}/>`;
    case 'diamond':
      return poly([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    case 'triangle':
      return poly([[0, -1], [1, 1], [-1, 1]]);
    case 'hexagon':
      return poly([[-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1], [-1, 0]]);
    case 'octagon':
      return poly([[-0.4, -1], [0.4, -1], [1, -0.4], [1, 0.4], [0.4, 1], [-0.4, 1], [-1, 0.4], [-1, -0.4]]);
    case 'pentagon':
      return poly([[0, -1], [0.95, -0.3], [0.59, 0.81], [-0.59, 0.81], [-0.95, -0.3]]);
    case 'barrel':
    case 'tag':
    case 'vee':
    case 'rhomboid':
      return poly([[-0.6, -1], [1, -1], [0.6, 1], [-1, 1]]);
    default:
      return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(w / 2)}" ry="${n(h / 2)}" ${attrs}/>`;
  }
}

const hasGlyph = (kind: string | undefined): kind is keyof typeof KIND_VISUALS => kind !== undefined && Object.hasOwn(KIND_VISUALS, kind);

/** The kind's glyph, white, inside the node (when the node is big enough to hold it). */
function glyphOf(node: SvgNode): string {
  if (!hasGlyph(node.kind)) return '';
  // Nodes under 16 units (faded context, ghosts) are too small to hold a readable glyph.
  if (Math.min(node.w, node.h) < 16) return '';
  const s = Math.min(node.w, node.h) * 0.52;
  return `<g class="glyph" transform="translate(${n(node.x - s / 2)} ${n(node.y - s / 2)}) scale(${n(s / 24)})" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" opacity="${n(node.opacity)}">${KIND_VISUALS[node.kind].glyph}</g>`;
}

/**
 * The scene as an SVG document (viewBox around everything, 40 px margin), each node with its kind's glyph,
 * and a legend under the picture (kinds drawn, crown jewels, edge styles, cuts) unless `legend` is false.
 */
export function renderSvg(scene: SvgScene, options: { legend?: boolean } = {}): string {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (x: number, y: number): void => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const v of scene.nodes) {
    grow(v.x - v.w / 2, v.y - v.h / 2);
    grow(v.x + v.w / 2, v.y + v.h / 2 + v.fontSize * 1.6);
  }
  for (const e of scene.edges) {
    grow(e.x1, e.y1);
    grow(e.x2, e.y2);
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 100, 100];
  const pad = 40;
  const vb = [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad];
  // The legend sits under the picture at a size that reads when the whole SVG is fitted to ~1000 px wide.
  const legend =
    options.legend === false
      ? null
      : legendMarkup(
          legendContent(scene),
          { x: vb[0]!, y: vb[1]! + vb[3]!, width: vb[2]!, background: scene.background, scale: Math.max(1, vb[2]! / 1000) },
        );
  if (legend) vb[3] = vb[3]! + legend.height;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${vb.map(n).join(' ')}" width="${n(vb[2]!)}" height="${n(vb[3]!)}" font-family="Inter, system-ui, sans-serif">`,
  );
  if (scene.title) out.push(`<title>${escapeXml(scene.title)}</title>`);
  out.push(`<rect x="${n(vb[0]!)}" y="${n(vb[1]!)}" width="${n(vb[2]!)}" height="${n(vb[3]!)}" fill="${escapeXml(scene.background)}"/>`);
  const colors = [...new Set(scene.edges.map((e) => e.color))];
  out.push('<defs>');
  colors.forEach((c, i) =>
    out.push(`<marker id="arrow-${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${escapeXml(c)}"/></marker>`),
  );
  out.push('</defs>', '<g class="edges">');
  for (const e of scene.edges) {
    const dash = e.dash ? ` stroke-dasharray="${escapeXml(e.dash)}"` : '';
    out.push(
      `<line x1="${n(e.x1)}" y1="${n(e.y1)}" x2="${n(e.x2)}" y2="${n(e.y2)}" stroke="${escapeXml(e.color)}" stroke-width="${n(e.width)}" opacity="${n(e.opacity)}"${dash} marker-end="url(#arrow-${colors.indexOf(e.color)})"/>`,
    );
    if (e.cut) {
      // A short bar across the middle: the cut.
      const mx = (e.x1 + e.x2) / 2;
      const my = (e.y1 + e.y2) / 2;
      const len = Math.hypot(e.x2 - e.x1, e.y2 - e.y1) || 1;
      const px = (-(e.y2 - e.y1) / len) * 9;
      const py = ((e.x2 - e.x1) / len) * 9;
      out.push(`<line class="cut" x1="${n(mx - px)}" y1="${n(my - py)}" x2="${n(mx + px)}" y2="${n(my + py)}" stroke="#ff5d62" stroke-width="3"/>`);
    }
    if (e.label) out.push(`<text x="${n((e.x1 + e.x2) / 2)}" y="${n((e.y1 + e.y2) / 2 - 4)}" font-size="9" text-anchor="middle" fill="${escapeXml(e.color)}">${escapeXml(e.label)}</text>`);
  }
  out.push('</g>', '<g class="nodes">');
  for (const v of scene.nodes) {
    out.push(shapeOf(v));
    const glyph = glyphOf(v);
    if (glyph) out.push(glyph);
    if (v.label) {
      out.push(
        `<text x="${n(v.x)}" y="${n(v.y + v.h / 2 + v.fontSize * 1.2)}" font-size="${n(v.fontSize)}" text-anchor="middle" fill="${escapeXml(v.labelColor)}" opacity="${n(v.opacity)}">${escapeXml(v.label)}</text>`,
      );
    }
  }
  out.push('</g>');
  if (legend) out.push(legend.markup);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

const px = (v: unknown, fallback: number): number => {
  const x = Number.parseFloat(String(v));
  return Number.isFinite(x) ? x : fallback;
};

/** What the Cytoscape instance draws (visible elements; every drawn element when `full`, else those in the viewport). */
export function collectScene(cy: cytoscape.Core, options: { full: boolean; background: string; title?: string }): SvgScene {
  const ext = cy.extent();
  const inView = (x: number, y: number): boolean => options.full || (x >= ext.x1 && x <= ext.x2 && y >= ext.y1 && y <= ext.y2);
  const nodes: SvgNode[] = [];
  cy.nodes(':visible').forEach((node) => {
    const p = node.position();
    if (!inView(p.x, p.y)) return;
    const label = String(node.style('label') ?? '');
    nodes.push({
      x: p.x,
      y: p.y,
      w: node.width(),
      h: node.height(),
      shape: String(node.style('shape')),
      fill: String(node.style('background-color')),
      stroke: String(node.style('border-color')),
      strokeWidth: px(node.style('border-width'), 0),
      opacity: px(node.style('opacity'), 1),
      label: label === 'data(label)' ? String(node.data('label') ?? '') : label,
      labelColor: String(node.style('color')),
      fontSize: px(node.style('font-size'), 11),
      ...(typeof node.data('kind') === 'string' ? { kind: String(node.data('kind')) } : {}),
      ...(node.hasClass('crown') ? { crown: true } : {}),
    });
  });
  const edges: SvgEdge[] = [];
  cy.edges(':visible').forEach((edge) => {
    const s = edge.sourceEndpoint();
    const t = edge.targetEndpoint();
    if (!inView(s.x, s.y) && !inView(t.x, t.y)) return;
    const style = String(edge.style('line-style'));
    const label = String(edge.style('label') ?? '');
    edges.push({
      x1: s.x,
      y1: s.y,
      x2: t.x,
      y2: t.y,
      color: String(edge.style('line-color')),
      width: px(edge.style('width'), 1),
      opacity: px(edge.style('opacity'), 1),
      dash: style === 'dashed' ? '6 3' : style === 'dotted' ? '2 3' : null,
      ...(label ? { label } : {}),
      ...(edge.hasClass('what-if-cut') ? { cut: true } : {}),
    });
  });
  return { nodes, edges, background: options.background, ...(options.title ? { title: options.title } : {}) };
}
