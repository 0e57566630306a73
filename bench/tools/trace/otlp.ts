// Reading OTLP JSON trace files: the OpenTelemetry Collector's file format (one
// ExportTraceServiceRequest per line) or a single request, as `make trace` writes and
// Jaeger's UI loads. Validated on read, so a truncated or foreign file fails here with
// the line that is wrong. Only what the waterfall and flame graphs use is required;
// everything else in the file is kept as it was when a trace is copied out.
import { z } from 'zod';

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `${length} lowercase hex digits`);
const unixNano = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);

const anyValue = z.looseObject({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: z.union([z.string().regex(/^-?\d+$/), z.number().int()]).optional(),
  doubleValue: z.number().optional(),
});
const keyValues = z.array(z.looseObject({ key: z.string(), value: anyValue })).optional();

const spanSchema = z.looseObject({
  traceId: hex(32),
  spanId: hex(16),
  parentSpanId: z.union([hex(16), z.literal('')]).optional(),
  name: z.string(),
  // OTLP/JSON writes enums as integers: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
  kind: z.number().int().min(0).max(5).optional(),
  startTimeUnixNano: unixNano,
  endTimeUnixNano: unixNano,
  attributes: keyValues,
  status: z.looseObject({ code: z.number().int().min(0).max(2).optional(), message: z.string().optional() }).optional(),
});

const requestSchema = z.looseObject({
  resourceSpans: z.array(z.looseObject({
    resource: z.looseObject({ attributes: keyValues }).optional(),
    scopeSpans: z.array(z.looseObject({ scope: z.looseObject({}).optional(), spans: z.array(spanSchema) })),
  })),
});

export type OtlpRequest = z.infer<typeof requestSchema>;
type OtlpSpan = z.infer<typeof spanSchema>;
type KeyValues = z.infer<typeof keyValues>;

export type AttributeValue = string | number | boolean;

export type SpanKindName = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
const kindNames: readonly SpanKindName[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

// One span, flattened: which service wrote it, and times in nanoseconds since the epoch.
export type TraceSpan = {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly attributes: ReadonlyMap<string, AttributeValue>;
  readonly error: boolean;
  readonly service: string;
};

export function parseOtlp(text: string, source = 'trace file'): OtlpRequest[] {
  const whole = tryJson(text);
  const documents = whole === undefined
    ? text.split('\n').map((line, index) => ({ line: index + 1, text: line })).filter((entry) => entry.text.trim() !== '')
    : [{ line: 1, text }];
  return documents.map(({ line, text: json }) => {
    const value = whole ?? tryJson(json);
    if (value === undefined) throw new Error(`${source}:${line}: not JSON`);
    const parsed = requestSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${source}:${line}: not an OTLP trace request: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    for (const span of parsed.data.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans))) {
      if (BigInt(span.endTimeUnixNano) < BigInt(span.startTimeUnixNano)) {
        throw new Error(`${source}:${line}: span ${span.spanId} (${span.name}) ends before it starts`);
      }
    }
    return parsed.data;
  });
}

export function spansOf(requests: readonly OtlpRequest[]): TraceSpan[] {
  return requests.flatMap((request) => request.resourceSpans.flatMap((resource) => {
    const service = String(attributeMap(resource.resource?.attributes).get('service.name') ?? 'unknown');
    return resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => flatten(span, service)));
  }));
}

// One request holding only the spans of the given traces, everything else about them
// (resource, scope, events, status) as the files had it.
export function selectTraces(requests: readonly OtlpRequest[], traceIds: ReadonlySet<string>): OtlpRequest {
  const resourceSpans = requests.flatMap((request) => request.resourceSpans.flatMap((resource) => {
    const scopeSpans = resource.scopeSpans
      .map((scope) => ({ ...scope, spans: scope.spans.filter((span) => traceIds.has(span.traceId)) }))
      .filter((scope) => scope.spans.length > 0);
    return scopeSpans.length === 0 ? [] : [{ ...resource, scopeSpans }];
  }));
  return { resourceSpans };
}

function flatten(span: OtlpSpan, service: string): TraceSpan {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId === '' ? undefined : span.parentSpanId,
    name: span.name,
    kind: kindNames[span.kind ?? 0] ?? 'unspecified',
    startNs: BigInt(span.startTimeUnixNano),
    endNs: BigInt(span.endTimeUnixNano),
    attributes: attributeMap(span.attributes),
    error: span.status?.code === 2,
    service,
  };
}

function attributeMap(entries: KeyValues): Map<string, AttributeValue> {
  const map = new Map<string, AttributeValue>();
  for (const { key, value } of entries ?? []) {
    const scalar = value.stringValue ?? value.boolValue ?? value.doubleValue ?? (value.intValue === undefined ? undefined : Number(value.intValue));
    if (scalar !== undefined) map.set(key, scalar);
  }
  return map;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
