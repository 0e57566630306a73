// Horizontal bars on a log axis, one row per target, with a tick marking a second value
// (p99 beside a p50 bar). Rows without a value keep their place and say why.
import { document, element, label } from './element.ts';
import type { Box } from './frame.ts';
import { chartWidth, heading, ink, muted, xAxis } from './frame.ts';
import { decadeTicks, scale } from './scale.ts';

export type Bar = {
  readonly label: string;
  readonly color: string;
  readonly value: number | null;
  readonly marker: number | null;
  // Printed after the bar, or in its place when there is no value.
  readonly note: string;
};

export type BarChartSpec = {
  readonly title: string;
  readonly subtitle: string;
  readonly xCaption: string;
  readonly valueName: string;
  readonly markerName: string;
  readonly format: (value: number) => string;
  readonly bars: readonly Bar[];
};

const rowHeight = 48;
const barHeight = 26;

export function barChart(spec: BarChartSpec): string {
  const box: Box = { left: 170, top: 104, right: 760, bottom: 104 + spec.bars.length * rowHeight + 8 };
  const values = spec.bars.flatMap((bar) => [bar.value, bar.marker]).filter((v): v is number => v !== null && v > 0);
  const ticks = decadeTicks(values, spec.format);
  const x = scale('log', ticks.domain, [box.left, box.right], ticks.ticks);

  const rows = spec.bars.flatMap((bar, i) => {
    const top = box.top + 8 + i * rowHeight;
    const middle = top + barHeight / 2;
    const name = label(box.left - 12, middle + 5, bar.label, { 'text-anchor': 'end', fill: ink, 'font-size': 15 });
    if (bar.value === null || bar.value <= 0) {
      return [name, label(box.left + 8, middle + 5, bar.note, { fill: muted, 'font-style': 'italic' })];
    }
    const end = x.toPixel(bar.value);
    const marker = bar.marker === null ? [] : [x.toPixel(bar.marker)];
    const noteX = Math.max(end, ...marker) + 10;
    return [
      name,
      element('rect', { x: box.left, y: top, width: end - box.left, height: barHeight, fill: bar.color }),
      ...marker.map((at) => element('line', { x1: at, y1: top - 5, x2: at, y2: top + barHeight + 5, stroke: ink, 'stroke-width': 3 })),
      label(noteX, middle + 5, bar.note, { fill: ink }),
    ];
  });
  // No font metrics here: 8 px per character is a generous width for 14 px Helvetica.
  const markerKeyX = box.left + 24 + spec.valueName.length * 8 + 24;
  const key = [
    element('rect', { x: box.left, y: 74, width: 18, height: 14, fill: muted }),
    label(box.left + 24, 86, spec.valueName, { fill: ink }),
    element('line', { x1: markerKeyX, y1: 70, x2: markerKeyX, y2: 92, stroke: ink, 'stroke-width': 3 }),
    label(markerKeyX + 10, 86, spec.markerName, { fill: ink }),
  ];

  return document(chartWidth, box.bottom + 72, spec.title, [
    ...heading(spec.title, spec.subtitle),
    ...key,
    ...xAxis(x, box, spec.xCaption),
    ...rows,
  ]);
}
