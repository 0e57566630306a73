// Lines over a log y axis: one series per target (or micro-benchmark task).
import { document, element } from './element.ts';
import type { Box, LegendEntry } from './frame.ts';
import { chartWidth, heading, ink, legend, xAxis, yAxis } from './frame.ts';
import type { Tick, Transform } from './scale.ts';
import { decadeTicks, scale } from './scale.ts';

export type Point = { readonly x: number; readonly y: number };
// A dashed series without dots is a fitted line, drawn through many computed points.
export type Series = { readonly name: string; readonly color: string; readonly points: readonly Point[]; readonly fitted?: boolean };
// A horizontal line to read values against, e.g. a latency budget.
export type Reference = { readonly y: number; readonly label: string };
// A ringed point, e.g. where a target breaks; rings need no text, so they never collide.
export type Highlight = { readonly x: number; readonly y: number; readonly color: string };

export type LineChartSpec = {
  readonly title: string;
  readonly subtitle: string;
  readonly xCaption: string;
  readonly yCaption: string;
  readonly xTransform: Transform;
  // Ticks at the measured x values; the first and last also bound the axis.
  readonly xTicks: readonly Tick[];
  readonly yFormat: (value: number) => string;
  readonly series: readonly Series[];
  readonly references: readonly Reference[];
  // Rings and what they mean, for the legend.
  readonly highlights: { readonly name: string; readonly points: readonly Highlight[] } | null;
  // The legend's name for the fitted (dashed) series, when there are any.
  readonly fittedName?: string;
};

const height = 540;
const box: Box = { left: 96, top: 92, right: 730, bottom: 468 };
// Keeps points off the frame at both ends of the x axis.
const inset = 18;

export function lineChart(spec: LineChartSpec): string {
  // Log axes cannot show zero; a zero latency sample would be a measuring error anyway.
  const drawable = (point: Point): boolean => point.y > 0 && (spec.xTransform !== 'log' || point.x > 0);
  const series = spec.series.map((s) => ({ ...s, points: s.points.filter(drawable) }));
  const ys = [...series.flatMap((s) => s.points.map((p) => p.y)), ...spec.references.map((r) => r.y)];
  const yTicks = decadeTicks(ys, spec.yFormat);
  const y = scale('log', yTicks.domain, [box.bottom, box.top], yTicks.ticks);
  const xValues = spec.xTicks.map((tick) => tick.value);
  const x = scale(spec.xTransform, [Math.min(...xValues), Math.max(...xValues)], [box.left + inset, box.right - inset], spec.xTicks);

  // Named in the legend rather than on the line, where a label would cover the points.
  const references = spec.references.map((reference) => {
    const at = y.toPixel(reference.y);
    return element('line', { x1: box.left, y1: at, x2: box.right, y2: at, stroke: ink, 'stroke-dasharray': '8 5' });
  });
  const lines = series.flatMap((s) => [
    element('polyline', {
      points: s.points.map((p) => `${x.toPixel(p.x).toFixed(1)},${y.toPixel(p.y).toFixed(1)}`).join(' '),
      fill: 'none',
      stroke: s.color,
      'stroke-width': s.fitted === true ? 2 : 3,
      ...(s.fitted === true ? { 'stroke-dasharray': '6 4' } : {}),
    }),
    ...(s.fitted === true ? [] : s.points.map((p) => element('circle', { cx: x.toPixel(p.x), cy: y.toPixel(p.y), r: 4.5, fill: s.color }))),
  ]);
  const rings = (spec.highlights === null ? [] : spec.highlights.points).map((h) =>
    element('circle', { cx: x.toPixel(h.x), cy: y.toPixel(h.y), r: 10, fill: 'none', stroke: h.color, 'stroke-width': 2.5 }),
  );
  const entries: LegendEntry[] = [
    // Fitted lines share the colour of their series and one legend entry.
    ...series.filter((s) => s.fitted !== true).map((s) => ({ name: s.name, color: s.color, mark: 'series' as const })),
    ...(series.some((s) => s.fitted === true) ? [{ name: spec.fittedName ?? 'fitted', color: ink, mark: 'dashed' as const }] : []),
    ...spec.references.map((reference) => ({ name: reference.label, color: ink, mark: 'dashed' as const })),
    ...(spec.highlights !== null && rings.length > 0 ? [{ name: spec.highlights.name, color: ink, mark: 'ring' as const }] : []),
  ];

  return document(chartWidth, height, spec.title, [
    ...heading(spec.title, spec.subtitle),
    ...yAxis(y, box, spec.yCaption),
    ...xAxis(x, box, spec.xCaption),
    ...references,
    ...lines,
    ...rings,
    ...legend(entries, box.right + 24, box.top + 10),
  ]);
}
