// What `make trace` leaves behind for one variant and project size, in --trace-out:
//   <variant>-<gids>gids.otlp.json      the page's trace: one OTLP ExportTraceServiceRequest
//                                       (Jaeger's UI loads it; a collector takes it at /v1/traces)
//   <variant>-<gids>gids.waterfall.svg  the trace on a timeline, runs collapsed, N + 1 outlined
//   <variant>-<gids>gids.wall.folded    wall time per stack of spans (speedscope reads it)
//   <variant>-<gids>gids.wall.svg       the wall-clock flame graph
// Nothing is written when the trace and the database's own counters disagree: a trace
// that lost spans would draw a page that never happened.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatMs } from '../../present/format.ts';
import { foldedText } from '../cpu-profile/folded.ts';
import type { DatabaseCounters } from '../../measure/db-status.ts';
import { findNPlusOne } from './n-plus-one.ts';
import type { NPlusOne } from './n-plus-one.ts';
import { spansOf } from './otlp.ts';
import type { OtlpRequest } from './otlp.ts';
import { traceRules } from './rules.ts';
import { nsToMs } from './runs.ts';
import { shortStatement, spanRole } from './span-role.ts';
import { foldWallTime } from './wall-folded.ts';
import type { WallFolded } from './wall-folded.ts';
import { wallFlameGraphSvg } from './wall-flamegraph.ts';
import { waterfallOf } from './waterfall.ts';
import { waterfallSvg } from './waterfall-svg.ts';

// What the pictures are titled and the files named after.
export type TracePicture = { readonly baseName: string; readonly title: string };

export type WrittenTrace = {
  readonly files: readonly string[];
  readonly summary: readonly string[];
  readonly wall: WallFolded;
};

export function traceBaseName(target: string, gids: number): string {
  return `${target}-${gids}gids`;
}

// `counted`: what the database counted while the traced page loaded, when known; the
// trace must then hold a span for every query and every connection, or nothing is written.
export async function writeTrace(outDir: string, picture: TracePicture, trace: OtlpRequest, counted: DatabaseCounters | undefined): Promise<WrittenTrace> {
  const spans = spansOf([trace]);
  const count = (role: string): number => spans.filter((span) => spanRole(span) === role).length;
  const problems = counted === undefined ? [] : disagreements(count('query'), count('connection'), counted);
  if (problems.length > 0) throw new Error(`the trace and the database disagree: ${problems.join('; ')}`);

  const nPlusOne = findNPlusOne(spans, traceRules.nPlusOne);
  const wall = foldWallTime(spans);
  const pageMs = wall.wallUs / 1000;
  const requests = spans.filter((span) => span.kind === 'server').length;
  const findings = nPlusOne.length === 0 ? [`no N + 1 by Sentry's rule`] : nPlusOne.map(describeNPlusOne);
  const counts = `${count('query')} queries, ${count('connection')} new connections, ${count('thread')} threads`;
  const checked = counted === undefined ? 'not checked against the database' : 'the database counted the same';
  const subtitle = [
    `${requests} request${requests === 1 ? '' : 's'}, ${spans.length} spans in ${formatMs(pageMs)}; ${counts} (${checked})`,
    ...findings,
  ];
  const base = join(outDir, picture.baseName);
  const files = [`${base}.otlp.json`, `${base}.waterfall.svg`, `${base}.wall.folded`, `${base}.wall.svg`] as const;
  await mkdir(outDir, { recursive: true });
  await writeFile(files[0], `${JSON.stringify(trace)}\n`);
  await writeFile(files[1], waterfallSvg({
    title: picture.title,
    subtitle,
    waterfall: waterfallOf(spans, nPlusOne, traceRules.collapseAtLeast),
    nPlusOne: new Map(nPlusOne.flatMap((run) => run.spans.map((span) => [span.spanId, run.flagged] as const))),
    thresholdMs: traceRules.nPlusOne.minTotalMs,
  }));
  await writeFile(files[2], foldedText(wall));
  await writeFile(files[3], wallFlameGraphSvg({
    title: `${picture.title}: wall time`,
    subtitle: `width = wall time, waiting included; spans running at once share each instant; ${formatMs(pageMs)} in all`,
    folded: wall,
  }));
  return { files, summary: [subtitle[0] ?? '', ...findings], wall };
}

function describeNPlusOne(run: NPlusOne): string {
  const parent = run.parent === undefined ? '' : ` under ${run.parent.name}`;
  const verdict = run.flagged
    ? 'Sentry would raise it'
    : `under Sentry's ${traceRules.nPlusOne.minTotalMs} ms threshold, it would not raise it`;
  const first = run.spans[0];
  const last = run.spans.at(-1);
  const wallMs = first === undefined || last === undefined ? 0 : nsToMs(last.endNs - first.startNs);
  return `N + 1: × ${run.spans.length} \`${shortStatement(run.statement)}\`${parent}, sequential, `
    + `${formatMs(wallMs)} from first to last, ${formatMs(run.totalMs)} of it in the queries: ${verdict}`;
}

// Every query the server sent is a span, and so is every connection it opened.
function disagreements(queries: number, connections: number, counted: DatabaseCounters): string[] {
  return [
    ...(queries === counted.selects ? [] : [`${queries} query spans, ${counted.selects} selects counted`]),
    ...(connections === counted.connections ? [] : [`${connections} connection spans, ${counted.connections} connections counted`]),
  ];
}

