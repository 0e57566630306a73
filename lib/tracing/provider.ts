// The OpenTelemetry SDK, set up once per process: W3C trace context in and out, the
// active span carried through async code by AsyncLocalStorage, finished spans batched
// to an exporter. The queue is far larger than the SDK's default (2048), which the
// baseline's 1000-gid page alone (4000 spans) would overflow; a drop is still reported.
import { context, diag, DiagConsoleLogger, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanExporter } from '@opentelemetry/sdk-trace';

export type Tracing = {
  readonly tracer: Tracer;
  // Hands every ended span to the exporter now.
  flush(): Promise<void>;
  shutdown(): Promise<void>;
};

export type TracingOptions = {
  readonly serviceName: string;
  readonly exporter: SpanExporter;
  readonly resource?: Readonly<Record<string, string>>;
};

export function startTracing(options: TracingOptions): Tracing {
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName, ...options.resource }),
    spanProcessors: [new BatchSpanProcessor({
      exporter: options.exporter,
      maxQueueSize: 200_000,
      maxExportBatchSize: 10_000,
      scheduledDelayMillis: 1000,
    })],
  });
  return {
    tracer: provider.getTracer('settings-api'),
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      context.disable();
      propagation.disable();
      trace.disable();
      diag.disable();
    },
  };
}
