// What a span stands for, read from standard OpenTelemetry attributes only (see
// lib/tracing/names.ts), so spans from the Flask peer or from any instrumented server
// sort the same way: a query has a statement, a connection is a database span without
// one, a thread has a thread id, a request has an HTTP method; the rest is code.
import { attribute } from '../../../lib/tracing/names.ts';
import type { TraceSpan } from './otlp.ts';

export type SpanRole = 'request' | 'code' | 'thread' | 'connection' | 'query';

// In the order the waterfall stacks its groups.
export const roles: readonly SpanRole[] = ['request', 'code', 'thread', 'connection', 'query'];

export function spanRole(span: TraceSpan): SpanRole {
  const has = (key: string): boolean => span.attributes.has(key);
  if (has(attribute.dbQueryText) || has('db.statement')) return 'query';
  if (has(attribute.dbSystem) || has('db.system')) return 'connection';
  if (has(attribute.threadId)) return 'thread';
  if (has(attribute.httpMethod) || has('http.method')) return 'request';
  return 'code';
}

export function statementOf(span: TraceSpan): string {
  return String(span.attributes.get(attribute.dbQueryText) ?? span.attributes.get('db.statement') ?? span.name);
}

// A fingerprint shortened for a picture: the column list is rarely the point.
export function shortStatement(statement: string): string {
  return statement.replace(/^SELECT\s+(?:DISTINCT\s+)?.+?\s+FROM\s/i, 'SELECT … FROM ');
}

// The name a span is drawn and folded under: equal for spans that did the same thing.
export function spanLabel(span: TraceSpan): string {
  switch (spanRole(span)) {
    case 'query':
      return shortStatement(statementOf(span));
    case 'request':
      return span.kind === 'client' ? `${span.name} (client)` : span.name;
    default:
      return span.name;
  }
}
