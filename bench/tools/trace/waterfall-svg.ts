// One traced page as a waterfall, the view of Chrome's Network panel and of Jaeger:
// time runs left to right, one row per span, grouped. A run of identical spans is one
// band in which each span still has its own thin line, so a sequential loop draws a
// staircase and a fan-out a slanted block, however many there were; the band is named
// once ("× 1000 `SELECT …`, sequential, 212 ms"), and an N + 1 is outlined in red.
// Self-contained SVG, same bytes for the same trace, tooltips as <title>.
import { document, element, escapeXml, label } from '../../present/svg/element.ts';
import { formatMs, formatTickMs } from '../../present/format.ts';
import { linearTicks, scale } from '../../present/svg/scale.ts';
import type { TraceSpan } from './otlp.ts';
import { roleShades } from './role-shades.ts';
import { describeRun, nsToMs } from './runs.ts';
import type { SpanRun } from './runs.ts';
import { spanRole } from './span-role.ts';
import type { SpanRole } from './span-role.ts';
import { rgb, shade } from '../cpu-profile/flamegraph-svg.ts';
import type { Waterfall } from './waterfall.ts';

export type WaterfallSpec = {
  readonly title: string;
  readonly subtitle: readonly string[];
  readonly waterfall: Waterfall;
  // Span id → whether that N + 1 run reaches Sentry's duration threshold.
  readonly nPlusOne: ReadonlyMap<string, boolean>;
  readonly thresholdMs: number;
};

const width = 1200;
const left = 16;
const plotLeft = 470;
const plotRight = width - 40;
const rowHeight = 17;
const barHeight = 11;
const bandHeight = 46;
const groupGap = 16;
const mono = 'DejaVu Sans Mono, Menlo, Consolas, monospace';
const charWidth = 11 * 0.6;
const labelChars = Math.floor((plotLeft - left - 12) / charWidth);
// 13 px Helvetica averages under 6.5 px a character.
const subtitleChars = Math.floor((width - 2 * left) / 6.8);
const ink = '#222222';
const muted = '#666666';
const red = '#d62728';
const amber = '#e08a00';

export function waterfallSvg(spec: WaterfallSpec): string {
  const { waterfall } = spec;
  const totalMs = nsToMs(waterfall.endNs - waterfall.startNs);
  const axis = linearTicks(totalMs, (ms) => (ms === 0 ? '0' : formatTickMs(ms)));
  const x = scale('linear', axis.domain, [plotLeft, plotRight], axis.ticks);
  const at = (ns: bigint): number => x.toPixel(nsToMs(ns - waterfall.startNs));
  const subtitle = spec.subtitle.flatMap((line) => wrap(line, subtitleChars));
  const top = 62 + subtitle.length * 18;

  const body: string[] = [];
  let y = top + 26;
  for (const group of waterfall.groups) {
    body.push(label(left, y + 12, `${group.title} · ${group.spans} span${group.spans === 1 ? '' : 's'}`, { 'font-weight': 'bold', fill: ink }));
    body.push(element('line', { x1: left, y1: y + 17, x2: plotRight, y2: y + 17, stroke: '#cccccc' }));
    y += 24;
    for (const row of group.rows) {
      if (row.kind === 'span') {
        body.push(spanRow(row.label, row.span, y, at, waterfall.startNs, spec));
        y += rowHeight;
      } else {
        body.push(runBand(row.run, group.role, y, at, spec));
        y += bandHeight;
      }
    }
    y += groupGap;
  }

  const gridBottom = y;
  const grid = axis.ticks.flatMap((tick) => {
    const tx = x.toPixel(tick.value);
    return [
      element('line', { x1: tx, y1: top + 14, x2: tx, y2: gridBottom, stroke: '#eeeeee' }),
      label(tx, top + 8, tick.label, { 'text-anchor': 'middle', fill: muted, 'font-size': 12 }),
    ];
  });
  return document(width, gridBottom + 12, spec.title, [
    label(left, 30, spec.title, { 'font-size': 20, 'font-weight': 'bold', fill: ink }),
    ...subtitle.map((line, index) => label(left, 54 + index * 18, line, { fill: muted, 'font-size': 13 })),
    ...grid,
    ...body,
  ]);
}

function spanRow(text: string, span: TraceSpan, y: number, at: (ns: bigint) => number, originNs: bigint, spec: WaterfallSpec): string {
  const x1 = at(span.startNs);
  const x2 = Math.max(at(span.endNs), x1 + 1);
  const ms = nsToMs(span.endNs - span.startNs);
  const flagged = spec.nPlusOne.get(span.spanId);
  const details = [...span.attributes].filter(([key]) => key.startsWith('app.') || key === 'db.response.returned_rows' || key === 'http.response.status_code')
    .map(([key, value]) => `${key} ${value}`);
  const tooltip = [text, `starts at ${formatMs(nsToMs(span.startNs - originNs))}, lasts ${formatMs(ms)}`, `service ${span.service}`, ...details].join('\n');
  const duration = formatMs(ms);
  const durationAt = x2 + 4 + duration.length * 7 < plotRight
    ? label(x2 + 4, y + 10, duration, { fill: muted, 'font-size': 11 })
    : label(x1 - 4, y + 10, duration, { fill: muted, 'font-size': 11, 'text-anchor': 'end' });
  return element('g', {},
    element('title', {}, escapeXml(tooltip)),
    label(left + 12, y + 10, cut(text), { 'font-family': mono, 'font-size': 11, fill: span.error ? red : ink }),
    element('rect', {
      x: x1, y: y + 1, width: x2 - x1, height: barHeight, fill: span.error ? red : shade(roleShades[spanRole(span)], ''),
      ...(flagged === undefined ? {} : { stroke: flagged ? red : amber, 'stroke-width': 1.5 }),
    }),
    durationAt,
  );
}

function runBand(run: SpanRun, role: SpanRole, y: number, at: (ns: bigint) => number, spec: WaterfallSpec): string {
  const count = run.spans.length;
  const inner = bandHeight - 10;
  const step = inner / count;
  // The darkest shade: a thousand hairlines must still read as a shape.
  const fill = rgb(roleShades[role].from);
  const lines = run.spans.map((span, index) => {
    const x1 = at(span.startNs);
    return element('rect', { x: x1, y: y + 4 + index * step, width: Math.max(at(span.endNs) - x1, 0.8), height: Math.max(step, 1.2), fill: span.error ? red : fill });
  });
  const flags = run.spans.map((span) => spec.nPlusOne.get(span.spanId));
  const nPlusOne = flags.every((flag) => flag !== undefined) ? flags.every((flag) => flag === true) : undefined;
  const x1 = at(run.startNs);
  const x2 = Math.max(at(run.endNs), x1 + 1);
  const [head = '', tail = ''] = splitDescription(describeRun(run));
  const tag = nPlusOne === undefined ? [] : [
    element('rect', { x: x1 - 3, y: y + 1, width: x2 - x1 + 6, height: inner + 6, fill: 'none', stroke: nPlusOne ? red : amber, 'stroke-width': 2, 'stroke-dasharray': '5 3' }),
    label(left + 12 + (tail.length + 2) * charWidth, y + 30, nPlusOne ? 'N + 1' : `N + 1 pattern, under Sentry's ${spec.thresholdMs} ms`, { 'font-weight': 'bold', fill: nPlusOne ? red : amber, 'font-size': 12 }),
  ];
  const errors = run.spans.filter((span) => span.error).length;
  const tooltip = `${describeRun(run)}${errors > 0 ? `\n${errors} failed` : ''}`;
  return element('g', {},
    element('title', {}, escapeXml(tooltip)),
    label(left + 12, y + 14, cut(head), { 'font-family': mono, 'font-size': 11, fill: ink }),
    label(left + 12, y + 30, tail, { 'font-family': mono, 'font-size': 11, fill: muted }),
    ...lines,
    ...tag,
  );
}

// "× 1000 `SELECT …`" on the first line, "sequential, 212 ms" on the second.
function splitDescription(description: string): [string, string] {
  const at = description.lastIndexOf('`, ');
  return at === -1 ? [description, ''] : [description.slice(0, at + 1), description.slice(at + 3)];
}

// Lines of at most `chars` characters, broken between words.
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

function cut(text: string): string {
  return text.length <= labelChars ? text : `${text.slice(0, labelChars - 1)}…`;
}
