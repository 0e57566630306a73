// Hand-made spans for the trace analysis, timed in milliseconds from 0 so expected
// figures can be worked out by hand. Attributes say what a span is, as servers write them.
import type { AttributeValue, TraceSpan } from '../../../../bench/tools/trace/otlp.ts';

type SpanInput = {
  readonly id: string;
  readonly parent?: string;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly kind?: TraceSpan['kind'];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
};

export const traceId = 'a'.repeat(32);
const ms = (value: number): bigint => BigInt(Math.round(value * 1e6)) + 1_700_000_000_000_000_000n;

export function span(input: SpanInput): TraceSpan {
  return {
    traceId,
    spanId: input.id.padStart(16, '0'),
    parentSpanId: input.parent?.padStart(16, '0'),
    name: input.name,
    kind: input.kind ?? 'internal',
    startNs: ms(input.from),
    endNs: ms(input.to),
    attributes: new Map(Object.entries(input.attributes ?? {})),
    error: false,
    service: 'settings-api-test',
  };
}

export const lookup = 'SELECT name FROM profile_settings WHERE name = ? LIMIT ?';

export function query(id: string, parent: string, from: number, to: number, statement = lookup): TraceSpan {
  return span({ id, parent, name: 'SELECT profile_settings', from, to, kind: 'client', attributes: { 'db.system.name': 'mysql', 'db.query.text': statement } });
}

export function thread(id: string, parent: string, from: number, to: number): TraceSpan {
  return span({ id, parent, name: 'thread', from, to, attributes: { 'thread.id': Number.parseInt(id, 16) } });
}

// A page in the shape of the baseline's: a request, an N + 1 loop of `loop` lookups 1 ms
// apart, then `threads` threads of 10 ms all started at 20 ms.
export function baselineLike(loop: number, threads: number): TraceSpan[] {
  const spans = [
    span({ id: '1', name: 'GET /api/projects/:code/settings', from: 0, to: 40, kind: 'server', attributes: { 'http.request.method': 'GET' } }),
    span({ id: '2', parent: '1', name: 'getGroupProfileSettings', from: 1, to: 1 + loop }),
    span({ id: '3', parent: '1', name: 'getMaxCpus', from: 20, to: 35 }),
  ];
  for (let index = 0; index < loop; index++) spans.push(query(`10${index}`, '2', 1 + index, 1.8 + index));
  for (let index = 0; index < threads; index++) spans.push(thread(`20${index}`, '3', 20, 30));
  return spans;
}
