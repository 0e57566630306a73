// Folded stacks → one self-contained SVG flame graph in Brendan Gregg's style: no
// script, no fonts or files to fetch, so it opens in any browser or image viewer, renders
// on GitHub, and the same profile always gives the same bytes. Hovering a box shows its
// full label and time (an SVG <title>); zooming and searching are what the .cpuprofile
// is for, in speedscope or Chrome DevTools. `drawFlameGraph` is the drawing itself; the
// CPU graph here, the wall-clock graph from a trace and the differential graph only
// bring their weights, colours and tooltips.
import { document, element, escapeXml, label } from '../../present/svg/element.ts';
import type { FrameKind } from './frame-label.ts';
import type { Folded } from './folded.ts';
import { layoutFlameGraph } from './flamegraph-layout.ts';
import type { FrameBox } from './flamegraph-layout.ts';

export type FlameGraphSpec = {
  readonly title: string;
  readonly subtitle: string;
  readonly folded: Folded;
};

export type LegendKey = { readonly name: string; readonly fill: string };

export type FlameGraphPicture = {
  readonly title: string;
  readonly subtitle: string;
  readonly stacks: ReadonlyMap<string, number>;
  readonly rootLabel: string;
  readonly legend: readonly LegendKey[];
  readonly fill: (box: FrameBox) => string;
  readonly tooltip: (box: FrameBox) => string;
};

// A range of colours for one kind of frame; a label picks its shade deterministically.
export type Shades = { readonly from: readonly number[]; readonly to: readonly number[] };

const width = 1200;
const margin = 10;
const rowHeight = 16;
const top = 84;
const fontSize = 11;
// Monospace, so the characters that fit in a box can be counted instead of measured.
const charWidth = fontSize * 0.6;

// Warm for this repository's code, so the article's functions are the first thing seen.
const palettes: Record<FrameKind, Shades & { readonly name: string }> = {
  app: { from: [225, 80, 40], to: [250, 150, 70], name: 'this repository' },
  dependency: { from: [230, 195, 60], to: [250, 235, 110], name: 'node_modules' },
  node: { from: [110, 170, 220], to: [160, 215, 250], name: 'Node.js internals' },
  engine: { from: [170, 170, 170], to: [215, 215, 215], name: 'V8 and native code: (program), (garbage collector), ...' },
};

export function flameGraphSvg(spec: FlameGraphSpec): string {
  const { folded } = spec;
  const kindOf = (box: FrameBox): FrameKind => (box.depth === 0 ? 'engine' : (folded.kinds.get(box.label) ?? 'engine'));
  return drawFlameGraph({
    title: spec.title,
    subtitle: spec.subtitle,
    stacks: folded.stacks,
    rootLabel: `all: ${formatUs(folded.busyUs)} busy`,
    legend: (Object.keys(palettes) as FrameKind[]).map((kind) => ({ name: palettes[kind].name, fill: shade(palettes[kind], '') })),
    fill: (box) => shade(palettes[kindOf(box)], box.label),
    tooltip: (box) => {
      const share = folded.busyUs > 0 ? (100 * box.us) / folded.busyUs : 0;
      return `${box.label}\n${formatUs(box.us)}, ${share.toFixed(1)}% of busy time`;
    },
  });
}

export function drawFlameGraph(picture: FlameGraphPicture): string {
  const boxes = layoutFlameGraph(picture.stacks, { rootLabel: picture.rootLabel, width: width - 2 * margin, minWidth: 0.3 });
  const depth = boxes.reduce((deepest, box) => Math.max(deepest, box.depth), 0) + 1;
  const height = top + depth * rowHeight + margin;
  const bottom = height - margin;

  const frames = boxes.map((box) => {
    const y = bottom - (box.depth + 1) * rowHeight;
    return element(
      'g',
      {},
      element('title', {}, escapeXml(picture.tooltip(box))),
      element('rect', { x: margin + box.x, y, width: box.width, height: rowHeight - 1, rx: 2, fill: picture.fill(box) }),
      ...fitted(box.label, box.width).map((text) => label(margin + box.x + 3, y + rowHeight - 4.5, text)),
    );
  });

  return document(width, height, picture.title, [
    label(width / 2, 26, picture.title, { 'text-anchor': 'middle', 'font-size': 18, 'font-weight': 'bold' }),
    label(width / 2, 46, picture.subtitle, { 'text-anchor': 'middle', fill: '#555555' }),
    ...legend(picture.legend),
    element('g', { 'font-family': 'DejaVu Sans Mono, Menlo, Consolas, monospace', 'font-size': fontSize }, ...frames),
  ]);
}

function legend(keys: readonly LegendKey[]): string[] {
  let x = margin;
  return keys.flatMap(({ name, fill }) => {
    const at = x;
    x += 40 + name.length * 7;
    return [
      element('rect', { x: at, y: 58, width: 14, height: 14, rx: 2, fill }),
      label(at + 20, 70, name, { 'font-size': 13 }),
    ];
  });
}

// The label cut to the box, with '..' where it was cut; nothing when not even 3 fit.
function fitted(text: string, boxWidth: number): string[] {
  const fits = Math.floor((boxWidth - 6) / charWidth);
  if (fits < 3) return [];
  return [text.length <= fits ? text : `${text.slice(0, fits - 2)}..`];
}

// Deterministic per label, so neighbouring boxes differ and a function keeps its colour
// from one graph to the next (before/after side by side).
export function shade({ from, to }: Shades, text: string): string {
  const t = text === '' ? 0.5 : fnv1a(text) / 0xffffffff;
  return rgb([0, 1, 2].map((index) => {
    const low = from[index] ?? 0;
    return low + ((to[index] ?? low) - low) * t;
  }));
}

export function rgb(channels: readonly number[]): string {
  return `#${channels.map((value) => Math.round(Math.min(255, Math.max(0, value))).toString(16).padStart(2, '0')).join('')}`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function formatUs(us: number): string {
  if (us >= 1_000_000) return `${(us / 1_000_000).toFixed(2)} s`;
  return `${(us / 1000).toFixed(us >= 1000 ? 1 : 2)} ms`;
}
