// A span per worker thread, from `new Worker()` to its exit, under the span that started
// it, seen through Node's own `worker_threads` diagnostics channel: the code that starts
// threads (baseline/max-cpus.ts, piscina) stays as it is. A thread reports its queries
// and its connection with its answer (lib/tracing/thread-recorder.mjs); they are recorded
// here as the thread span's children, with the times the thread measured.
import diagnostics from 'node:diagnostics_channel';
import { setEnvironmentData } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, SpanContext, Tracer } from '@opentelemetry/api';
import { unixTime } from './clock.ts';
import { recordDatabaseSpan } from './database-spans.ts';
import { attribute, spanName } from './names.ts';
import { threadTracingKey } from './thread-recorder.mjs';
import type { ThreadTrace } from './thread-recorder.mjs';
import { setThreadTraceSink } from './thread-trace-sink.ts';

// Ended thread spans whose thread sent a traced answer, until that answer is recorded.
// A request that fails records none of its answers: the oldest entries then go, so a
// server failing for hours does not grow this without bound.
const endedThreads = new Map<number, SpanContext>();
const maxEndedThreads = 20_000;

export function subscribeThreadSpans(tracer: Tracer): () => void {
  setThreadTraceSink((threadTrace) => recordThreadTrace(tracer, threadTrace));
  setEnvironmentData(threadTracingKey, true);
  const onThread = (message: unknown): void => traceThread(tracer, (message as { worker: Worker }).worker);
  diagnostics.subscribe('worker_threads', onThread);
  return () => {
    diagnostics.unsubscribe('worker_threads', onThread);
    setEnvironmentData(threadTracingKey, undefined);
    setThreadTraceSink(undefined);
    endedThreads.clear();
  };
}

function traceThread(tracer: Tracer, worker: Worker): void {
  const parent = context.active();
  const startNs = process.hrtime.bigint();
  const threadId = worker.threadId;
  let gid: number | undefined;
  worker.on('message', (message: { trace?: ThreadTrace }) => {
    if (typeof message?.trace?.gid === 'number') gid = message.trace.gid;
  });
  // Registered inside the Worker constructor, so before the starter's own 'exit'
  // listener: the span has ended by the time the starter's promise settles.
  worker.once('exit', (code) => {
    const attributes: Attributes = { [attribute.threadId]: threadId, ...(gid === undefined ? {} : { [attribute.gid]: gid }) };
    const span = tracer.startSpan(spanName.thread, { startTime: unixTime(startNs), attributes }, parent);
    if (code !== 0) span.setStatus({ code: SpanStatusCode.ERROR, message: `exit code ${code}` });
    span.end(unixTime(process.hrtime.bigint()));
    if (gid === undefined) return;
    endedThreads.set(threadId, span.spanContext());
    const oldest = endedThreads.keys().next();
    if (endedThreads.size > maxEndedThreads && oldest.done !== true) endedThreads.delete(oldest.value);
  });
}

// The queries and handshake a thread measured, as children of its thread span when the
// thread lived for this one answer (baseline), else of the span waiting for the answer
// (a pooled thread serves many).
function recordThreadTrace(tracer: Tracer, threadTrace: ThreadTrace): void {
  const threadSpan = endedThreads.get(threadTrace.threadId);
  endedThreads.delete(threadTrace.threadId);
  const parent = threadSpan === undefined ? context.active() : trace.setSpanContext(context.active(), threadSpan);
  const extra = { [attribute.threadId]: threadTrace.threadId, [attribute.gid]: threadTrace.gid };
  for (const record of threadTrace.records) recordDatabaseSpan(tracer, parent, record, extra);
}
