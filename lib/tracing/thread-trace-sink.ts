// Where the traces that threads send back with their answers go: nowhere until tracing
// starts (lib/tracing/thread-spans.ts sets the sink), so with tracing off the answer
// path loads no OpenTelemetry code and pays one comparison.
import type { ThreadTrace } from './thread-recorder.mjs';

let sink: ((threadTrace: ThreadTrace) => void) | undefined;

export function setThreadTraceSink(next: ((threadTrace: ThreadTrace) => void) | undefined): void {
  sink = next;
}

export function recordThreadTrace(threadTrace: ThreadTrace | undefined): void {
  if (threadTrace !== undefined) sink?.(threadTrace);
}
