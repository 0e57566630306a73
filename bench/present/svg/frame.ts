// What every chart shares: heading, axes with gridlines, legend. Sized for a projector:
// 960 × 540 (16:9) with text no smaller than 13 px.
import { element, label } from './element.ts';
import type { Scale } from './scale.ts';

export const chartWidth = 960;
export const ink = '#222222';
export const muted = '#666666';
const grid = '#dddddd';

// The plot area, in pixels.
export type Box = { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };

// A series (line with a dot), a reference line (dashed) or a highlight (ring).
export type LegendEntry = { readonly name: string; readonly color: string; readonly mark: 'series' | 'dashed' | 'ring' };

function swatch(entry: LegendEntry, x: number, y: number): string[] {
  switch (entry.mark) {
    case 'series':
      return [
        element('line', { x1: x, y1: y, x2: x + 26, y2: y, stroke: entry.color, 'stroke-width': 3 }),
        element('circle', { cx: x + 13, cy: y, r: 4, fill: entry.color }),
      ];
    case 'dashed':
      return [element('line', { x1: x, y1: y, x2: x + 26, y2: y, stroke: entry.color, 'stroke-dasharray': '8 5' })];
    case 'ring':
      return [element('circle', { cx: x + 13, cy: y, r: 8, fill: 'none', stroke: entry.color, 'stroke-width': 2.5 })];
  }
}

export function heading(title: string, subtitle: string): string[] {
  return [
    label(24, 34, title, { 'font-size': 22, 'font-weight': 'bold', fill: ink }),
    label(24, 60, subtitle, { 'font-size': 15, fill: muted }),
  ];
}

export function xAxis(scale: Scale, box: Box, caption: string): string[] {
  return [
    ...scale.ticks.flatMap((tick) => {
      const x = scale.toPixel(tick.value);
      return [
        element('line', { x1: x, y1: box.top, x2: x, y2: box.bottom, stroke: grid }),
        label(x, box.bottom + 20, tick.label, { 'text-anchor': 'middle', fill: ink }),
      ];
    }),
    element('line', { x1: box.left, y1: box.bottom, x2: box.right, y2: box.bottom, stroke: ink }),
    label((box.left + box.right) / 2, box.bottom + 46, caption, { 'text-anchor': 'middle', 'font-size': 15, fill: ink }),
  ];
}

export function yAxis(scale: Scale, box: Box, caption: string): string[] {
  const middle = (box.top + box.bottom) / 2;
  return [
    ...scale.ticks.flatMap((tick) => {
      const y = scale.toPixel(tick.value);
      return [
        element('line', { x1: box.left, y1: y, x2: box.right, y2: y, stroke: grid }),
        label(box.left - 8, y + 5, tick.label, { 'text-anchor': 'end', fill: ink }),
      ];
    }),
    element('line', { x1: box.left, y1: box.top, x2: box.left, y2: box.bottom, stroke: ink }),
    label(22, middle, caption, { 'text-anchor': 'middle', 'font-size': 15, fill: ink, transform: `rotate(-90 22 ${middle})` }),
  ];
}

export function legend(entries: readonly LegendEntry[], x: number, y: number): string[] {
  return entries.flatMap((entry, i) => {
    const rowY = y + i * 24;
    return [
      ...swatch(entry, x, rowY),
      label(x + 34, rowY + 5, entry.name, { fill: ink }),
    ];
  });
}
