// Database records → OpenTelemetry spans: one per query (named by its summary, with its
// fingerprint and rows) and one per connection handshake. Records from the main thread
// become spans as they finish; records a worker thread sent back come through the same
// function with the thread's span as their parent.
import { context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Attributes, Context, Tracer } from '@opentelemetry/api';
import { unixTime } from './clock.ts';
import { subscribeDatabaseRecords } from './database-records.mjs';
import type { DatabaseRecord } from './database-records.mjs';
import { attribute, spanName } from './names.ts';
import { fingerprint, querySummary } from './sql-fingerprint.ts';

export function recordDatabaseSpan(tracer: Tracer, parent: Context, record: DatabaseRecord, extra: Attributes = {}): void {
  const attributes: Attributes = {
    [attribute.dbSystem]: 'mysql',
    [attribute.dbNamespace]: record.database,
    [attribute.serverAddress]: record.serverAddress,
    ...(record.serverPort === undefined ? {} : { [attribute.serverPort]: record.serverPort }),
    ...extra,
  };
  let name: string = spanName.connect;
  if (record.kind === 'query') {
    const text = fingerprint(record.sql);
    name = querySummary(text);
    attributes[attribute.dbQueryText] = text;
    attributes[attribute.dbQuerySummary] = name;
    if (record.rows !== undefined) attributes[attribute.dbReturnedRows] = record.rows;
  }
  if (record.error !== undefined) attributes[attribute.errorType] = record.error;
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime: unixTime(record.startNs), attributes }, parent);
  if (record.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: record.error });
  span.end(unixTime(record.endNs));
}

// The main thread's queries and handshakes, each under the span active where it began.
export function subscribeDatabaseSpans(tracer: Tracer): () => void {
  return subscribeDatabaseRecords(() => context.active(), (record, parent) => recordDatabaseSpan(tracer, parent, record));
}
