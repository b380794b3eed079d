import { describe, expect, it } from 'vitest';

import { NODE_KIND_LABELS } from '../model/index.ts';

import { legendContent, legendDocument, legendInk } from './export-legend.ts';
import { renderSvg } from './svg-export.ts';
import type { SvgScene } from './svg-export.ts';

const node = (x: number, kind: string | undefined, extra: Partial<SvgScene['nodes'][number]> = {}): SvgScene['nodes'][number] => ({
  x,
  y: 0,
  w: 30,
  h: 30,
  shape: 'ellipse',
  fill: '#f00',
  stroke: '#fff',
  strokeWidth: 1,
  opacity: 1,
  label: `n${x}`,
  labelColor: '#eee',
  fontSize: 11,
  ...(kind ? { kind } : {}),
  ...extra,
});

const scene: SvgScene = {
  background: '#0b0f14',
  nodes: [node(0, 'ai_agent'), node(100, 'data_store', { crown: true }), node(200, 'data_store'), node(300, 'not-a-kind'), node(400, undefined, { w: 6, h: 6 })],
  edges: [{ x1: 0, y1: 0, x2: 100, y2: 0, color: '#888', width: 1, opacity: 1, dash: null, cut: true }],
};

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('export legend and kind glyphs', () => {
  it('draws each known kind’s glyph inside its node and lists each kind drawn once under the picture', () => {
    const doc = parse(renderSvg(scene));
    expect(doc.querySelectorAll('g.nodes > g.glyph')).toHaveLength(3);
    const legend = [...doc.querySelectorAll('g.legend text')].map((t) => t.textContent);
    expect(legend.filter((t) => t === NODE_KIND_LABELS.data_store)).toHaveLength(1);
    expect(legend).toEqual(expect.arrayContaining(['LEGEND', NODE_KIND_LABELS.ai_agent, 'Crown jewel (double ring)', 'control access edge', 'What-if cut (struck through)']));
    expect(legend.join(' ')).not.toContain('not-a-kind');
    // The legend lies below everything drawn, inside the viewBox.
    const [, y, , h] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
    const legendTop = Number(/translate\(\S+ (\S+)\)/.exec(doc.querySelector('g.legend')!.getAttribute('transform')!)![1]);
    expect(legendTop).toBeGreaterThan(15);
    expect(y! + h!).toBeGreaterThan(legendTop + 40);
  });

  it('leaves out what is not drawn, and the whole legend on request', () => {
    const plain = parse(renderSvg({ ...scene, nodes: [node(0, 'tool')], edges: [] }));
    const legend = [...plain.querySelectorAll('g.legend text')].map((t) => t.textContent);
    expect(legend).toContain(NODE_KIND_LABELS.tool);
    expect(legend).not.toContain('Crown jewel (double ring)');
    expect(legend).not.toContain('What-if cut (struck through)');
    expect(parse(renderSvg(scene, { legend: false })).querySelector('g.legend')).toBeNull();
  });

  it('reads on light and dark backgrounds', () => {
    expect(legendInk('#ffffff').text).toBe('#1f2328');
    expect(legendInk('rgb(11, 15, 20)').text).toBe('#e6edf3');
    const doc = parse(legendDocument(legendContent(scene), 800, '#ffffff').svg);
    expect(doc.querySelector('g.legend text')!.getAttribute('fill')).toBe('#57606a');
  });

  it('wraps into columns that fit the width', () => {
    const narrow = legendDocument(legendContent(scene), 200, '#000').height;
    const wide = legendDocument(legendContent(scene), 1200, '#000').height;
    expect(narrow).toBeGreaterThan(wide);
  });
});
