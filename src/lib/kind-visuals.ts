/**
 * The visual language of node kinds: a shape, a colour and a glyph for each, used by the graph and the
 * legend alike. Glyphs are tiny stroke-only SVGs (24×24), drawn white inside the node.
 */
import type { NodeKind } from '../model/index.ts';

export interface KindVisual {
  readonly color: string;
  readonly shape: string;
  /** SVG path/shape markup inside a 24×24 viewBox, stroked. */
  readonly glyph: string;
  /** Families group kinds in the legend. */
  readonly family: 'identity' | 'ai' | 'data' | 'infra' | 'boundary';
}

export const KIND_VISUALS: Record<NodeKind, KindVisual> = {
  human: {
    color: '#5b8def',
    shape: 'ellipse',
    family: 'identity',
    glyph: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>',
  },
  nhi: {
    color: '#3aa3c9',
    shape: 'octagon',
    family: 'identity',
    glyph: '<rect x="5" y="8" width="14" height="11" rx="2"/><path d="M12 4v4M9 13h.01M15 13h.01M9 16h6"/>',
  },
  group: {
    color: '#6f7fd8',
    shape: 'round-pentagon',
    family: 'identity',
    glyph: '<circle cx="9" cy="9" r="3"/><circle cx="16" cy="10" r="2.5"/><path d="M3 20c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5M15 14.6c3 0 6 1.6 6 5"/>',
  },
  credential: {
    color: '#d9a521',
    shape: 'round-tag',
    family: 'identity',
    glyph: '<circle cx="8" cy="15" r="4"/><path d="M11 12l8-8M16 7l3 3M14 9l2 2"/>',
  },
  ai_agent: {
    color: '#a46ef0',
    shape: 'round-hexagon',
    family: 'ai',
    glyph: '<path d="M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z"/><path d="M18 16l.8 2.2L21 19l-2.2.8L18 22l-.8-2.2L15 19l2.2-.8z"/>',
  },
  model: {
    color: '#d45fc9',
    shape: 'round-diamond',
    family: 'ai',
    glyph: '<path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z"/><path d="M4 7.5l8 4.5 8-4.5M12 12v9"/>',
  },
  ai_gateway: {
    color: '#c277d8',
    shape: 'rhomboid',
    family: 'ai',
    glyph: '<path d="M4 5h16l-6 7v6l-4 2v-8z"/>',
  },
  mcp_server: {
    color: '#8a6be0',
    shape: 'round-rectangle',
    family: 'ai',
    glyph: '<path d="M9 3v5M15 3v5M6 8h12v4a6 6 0 0 1-12 0zM12 18v3"/>',
  },
  tool: {
    color: '#24a89a',
    shape: 'round-triangle',
    family: 'ai',
    glyph: '<path d="M14.5 6.5a4 4 0 0 0-5.3 5.3L4 17l3 3 5.2-5.2a4 4 0 0 0 5.3-5.3l-2.5 2.5-2.5-.5-.5-2.5z"/>',
  },
  vector_store: {
    color: '#2f9e6e',
    shape: 'barrel',
    family: 'data',
    glyph: '<circle cx="6" cy="6" r="1.5"/><circle cx="12" cy="6" r="1.5"/><circle cx="18" cy="6" r="1.5"/><circle cx="6" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/><circle cx="18" cy="12" r="1.5"/><circle cx="6" cy="18" r="1.5"/><circle cx="12" cy="18" r="1.5"/><circle cx="18" cy="18" r="1.5"/>',
  },
  memory_store: {
    color: '#46a78a',
    shape: 'barrel',
    family: 'data',
    glyph: '<rect x="6" y="6" width="12" height="12" rx="1.5"/><path d="M9 3v3M15 3v3M9 18v3M15 18v3M3 9h3M3 15h3M18 9h3M18 15h3"/>',
  },
  data_store: {
    color: '#3f9f4f',
    shape: 'barrel',
    family: 'data',
    glyph: '<ellipse cx="12" cy="5.5" rx="7" ry="2.5"/><path d="M5 5.5v13c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-13M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5"/>',
  },
  saas_app: {
    color: '#e07b39',
    shape: 'round-rectangle',
    family: 'data',
    glyph: '<path d="M7 18h10a4 4 0 0 0 .6-8A6 6 0 0 0 6.2 9.5 4.3 4.3 0 0 0 7 18z"/>',
  },
  cloud_resource: {
    color: '#6b7d93',
    shape: 'cut-rectangle',
    family: 'infra',
    glyph: '<rect x="4" y="4" width="16" height="6" rx="1"/><rect x="4" y="14" width="16" height="6" rx="1"/><path d="M8 7h.01M8 17h.01"/>',
  },
  external: {
    color: '#d9534f',
    shape: 'octagon',
    family: 'boundary',
    glyph: '<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17M12 3.5c2.5 2.6 3.5 5.4 3.5 8.5s-1 5.9-3.5 8.5c-2.5-2.6-3.5-5.4-3.5-8.5s1-5.9 3.5-8.5z"/>',
  },
  package: {
    color: '#8d8275',
    shape: 'rectangle',
    family: 'infra',
    glyph: '<path d="M4 7.5L12 4l8 3.5v9L12 20l-8-3.5z"/><path d="M4 7.5L12 11l8-3.5M12 11v9"/>',
  },
  config_file: {
    color: '#8b8f98',
    shape: 'tag',
    family: 'infra',
    glyph: '<path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4M9 12h6M9 16h6"/>',
  },
  client_ui: {
    color: '#d9668a',
    shape: 'round-rectangle',
    family: 'boundary',
    glyph: '<path d="M4 5h16v11H9l-5 4z"/>',
  },
  other: {
    color: '#8a8f99',
    shape: 'ellipse',
    family: 'infra',
    glyph: '<circle cx="12" cy="12" r="2"/><circle cx="5" cy="12" r="2"/><circle cx="19" cy="12" r="2"/>',
  },
};

/** The glyph as a standalone SVG document (for Cytoscape background images and the legend). */
export function glyphSvg(kind: NodeKind, stroke = '#ffffff'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="48" height="48" fill="none" stroke="${stroke}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${KIND_VISUALS[kind].glyph}</svg>`;
}

const uriCache = new Map<string, string>();

export function glyphDataUri(kind: NodeKind, stroke = '#ffffff'): string {
  const key = `${kind}|${stroke}`;
  let uri = uriCache.get(key);
  if (!uri) {
    uri = `data:image/svg+xml;utf8,${encodeURIComponent(glyphSvg(kind, stroke))}`;
    uriCache.set(key, uri);
  }
  return uri;
}

/** Colours of the access an edge grants or a reached node holds. */
export const ACCESS_COLORS = {
  control: '#e5484d',
  'read-write': '#b46adf',
  read: '#3e8ef7',
  write: '#e8933a',
} as const;

/**
 * The same hues as text, per theme (CSS variables in index.css, readable on the panels and on their own tint):
 * for words and counts in the page. The canvas, SVG and report drawings keep the hex colours above.
 */
export const ACCESS_INK = {
  control: 'var(--acc-control)',
  'read-write': 'var(--acc-read-write)',
  read: 'var(--acc-read)',
  write: 'var(--acc-write)',
} as const;

export const SEVERITY_INK = {
  critical: 'var(--sev-critical)',
  high: 'var(--sev-high)',
  medium: 'var(--sev-medium)',
  low: 'var(--sev-low)',
} as const;

export const SEVERITY_COLORS = {
  critical: '#e5484d',
  high: '#f0883e',
  medium: '#d4a72c',
  low: '#7d8590',
} as const;
