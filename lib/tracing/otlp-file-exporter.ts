// Spans → a file of OTLP JSON lines: each batch is one ExportTraceServiceRequest on a
// line of its own, serialised by OpenTelemetry's own OTLP/JSON serialiser, which is the
// format of the Collector's file exporter and otlpjsonfile receiver (one line also opens
// in Jaeger's UI, and posts as is to a collector's /v1/traces). The file is appended to,
// never truncated: traces from an earlier run are not lost.
import { appendFile } from 'node:fs/promises';
import { ExportResultCode } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

export function otlpJson(spans: ReadableSpan[]): string {
  return new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans));
}

export function otlpFileExporter(path: string): SpanExporter {
  // One write at a time, in order, so lines never interleave.
  let writes: Promise<void> = Promise.resolve();
  return {
    export(spans, done) {
      writes = writes
        .then(() => appendFile(path, `${otlpJson(spans)}\n`))
        .then(() => done({ code: ExportResultCode.SUCCESS }), (error: Error) => done({ code: ExportResultCode.FAILED, error }));
    },
    forceFlush: () => writes,
    shutdown: () => writes,
  };
}
