/**
 * The legend drawn under exported pictures (SVG, PNG, the HTML report's figures): the kinds drawn with their
 * shape colour and glyph, the crown-jewel ring, the edge styles by access, and the what-if cut mark. Pure
 * markup (`legendMarkup`), plus `composePng`, which puts the legend under a PNG of the canvas.
 */
import { ACCESS_COLORS, KIND_VISUALS } from '../lib/kind-visuals.ts';
import { NODE_KIND_LABELS } from '../model/index.ts';
import type { NodeKind } from '../model/index.ts';

export interface LegendContent {
  /** Kinds drawn, any order (unknown strings are ignored). */
  readonly kinds: Iterable<string>;
  /** Whether a crown jewel is drawn. */
  readonly crown: boolean;
  /** Whether a what-if cut is drawn. */
  readonly cut: boolean;
}

/** What a scene's legend lists. */
export function legendContent(scene: { readonly nodes: readonly { kind?: string; crown?: boolean }[]; readonly edges: readonly { cut?: boolean }[] }): LegendContent {
  return { kinds: scene.nodes.flatMap((v) => (v.kind ? [v.kind] : [])), crown: scene.nodes.some((v) => v.crown), cut: scene.edges.some((e) => e.cut) };
}

const ITEM_W = 168;
const ROW_H = 22;
const PAD = 12;

function hexLuminance(color: string): number | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  let rgb: number[] | null = null;
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    rgb = [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  } else {
    const m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(color.trim());
    if (m) rgb = [m[1], m[2], m[3]].map(Number);
  }
  if (!rgb) return null;
  return (0.2126 * rgb[0]! + 0.7152 * rgb[1]! + 0.0722 * rgb[2]!) / 255;
}

/** Text and line colours that read on the picture's background. */
export function legendInk(background: string): { text: string; muted: string; line: string; crown: string } {
  const lum = hexLuminance(background);
  return lum !== null && lum > 0.5
    ? { text: '#1f2328', muted: '#57606a', line: '#d0d7de', crown: '#d08a12' }
    : { text: '#e6edf3', muted: '#9da7b3', line: '#30363d', crown: '#f5b83d' };
}

/** A kind's swatch: its colour as a disc with its glyph in white, centred on (x, y), radius r. */
export function kindSwatch(kind: NodeKind, x: number, y: number, r: number): string {
  const v = KIND_VISUALS[kind];
  const s = r * 1.2;
  return (
    `<circle cx="${x}" cy="${y}" r="${r}" fill="${v.color}"/>` +
    `<g transform="translate(${x - s / 2} ${y - s / 2}) scale(${s / 24})" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${v.glyph}</g>`
  );
}

const esc = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The legend as an SVG group of the given width (in user units, before `scale`), its top-left at (x, y).
 * Returns the markup and the height it takes (after `scale`).
 */
export function legendMarkup(content: LegendContent, options: { x: number; y: number; width: number; background: string; scale?: number }): { markup: string; height: number } {
  const k = options.scale ?? 1;
  const ink = legendInk(options.background);
  const known = new Set<string>(content.kinds);
  const kinds = (Object.keys(KIND_VISUALS) as NodeKind[]).filter((kind) => known.has(kind));
  const items: string[] = [];
  for (const kind of kinds) items.push(`${kindSwatch(kind, 9, 0, 8)}<text x="24" y="4" font-size="11" fill="${ink.text}">${esc(NODE_KIND_LABELS[kind])}</text>`);
  if (content.crown) {
    items.push(
      `<circle cx="9" cy="0" r="7.5" fill="none" stroke="${ink.crown}" stroke-width="1.5"/><circle cx="9" cy="0" r="4.5" fill="none" stroke="${ink.crown}" stroke-width="1.5"/>` +
        `<text x="24" y="4" font-size="11" fill="${ink.text}">Crown jewel (double ring)</text>`,
    );
  }
  const edges: [string, string, string | null][] = [
    ['control', ACCESS_COLORS.control, null],
    ['read', ACCESS_COLORS.read, '6 3'],
    ['write', ACCESS_COLORS.write, '2 3'],
    ['read-write', ACCESS_COLORS['read-write'], null],
  ];
  for (const [name, color, dash] of edges) {
    items.push(
      `<line x1="0" y1="0" x2="18" y2="0" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
        `<text x="24" y="4" font-size="11" fill="${ink.text}">${name} access edge</text>`,
    );
  }
  if (content.cut) {
    items.push(
      `<line x1="0" y1="0" x2="18" y2="0" stroke="${ink.muted}" stroke-width="2"/><line x1="9" y1="-7" x2="9" y2="7" stroke="#ff5d62" stroke-width="3"/>` +
        `<text x="24" y="4" font-size="11" fill="${ink.text}">What-if cut (struck through)</text>`,
    );
  }
  const inner = Math.max(ITEM_W, options.width / k - 2 * PAD);
  const cols = Math.max(1, Math.floor(inner / ITEM_W));
  const rows = Math.ceil(items.length / cols);
  const h = PAD + 18 + rows * ROW_H + PAD / 2;
  const out: string[] = [
    `<g class="legend" transform="translate(${options.x} ${options.y}) scale(${k})" font-family="Inter, system-ui, sans-serif">`,
    `<line x1="${PAD}" y1="0" x2="${inner + PAD}" y2="0" stroke="${ink.line}" stroke-width="1"/>`,
    `<text x="${PAD}" y="${PAD + 8}" font-size="11" font-weight="600" fill="${ink.muted}" letter-spacing="0.8">LEGEND</text>`,
  ];
  items.forEach((item, i) => {
    const cx = PAD + (i % cols) * ITEM_W;
    const cy = PAD + 18 + Math.floor(i / cols) * ROW_H + ROW_H / 2;
    out.push(`<g class="legend-item" transform="translate(${cx} ${cy})">${item}</g>`);
  });
  out.push('</g>');
  return { markup: out.join(''), height: h * k };
}

/** The legend alone as an SVG document `width` pixels wide (for compositing under a PNG). */
export function legendDocument(content: LegendContent, width: number, background: string, scale = 1): { svg: string; height: number } {
  const { markup, height } = legendMarkup(content, { x: 0, y: 0, width, background, scale });
  const h = Math.ceil(height);
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}"><rect width="${width}" height="${h}" fill="${esc(background)}"/>${markup}</svg>`,
    height: h,
  };
}

/** A PNG of the canvas with the legend drawn under it (same width); the original when drawing fails. */
export async function composePng(picture: Blob, content: LegendContent, background: string, scale = 2): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(picture);
    const legend = legendDocument(content, bitmap.width, background, scale);
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(legend.svg)}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = bitmap.width;
    c.height = bitmap.height + legend.height;
    const g = c.getContext('2d');
    if (!g) return picture;
    g.fillStyle = background;
    g.fillRect(0, 0, c.width, c.height);
    g.drawImage(bitmap, 0, 0);
    g.drawImage(img, 0, bitmap.height, bitmap.width, legend.height);
    const out = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
    return out ?? picture;
  } catch {
    return picture;
  }
}
