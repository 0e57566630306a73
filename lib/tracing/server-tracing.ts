// Tracing for one variant's server (`--trace-file` / TRACE_FILE): spans for each request,
// each strategy, each query and connection (through mysql2's diagnostics channels) and
// each worker thread, appended to the file as OTLP JSON lines. Nothing here is loaded
// or subscribed when tracing is off.
import { open } from 'node:fs/promises';
import { subscribeDatabaseSpans } from './database-spans.ts';
import { attribute, serviceName } from './names.ts';
import { otlpFileExporter } from './otlp-file-exporter.ts';
import { startTracing } from './provider.ts';
import type { Tracing } from './provider.ts';
import { subscribeThreadSpans } from './thread-spans.ts';

export async function startServerTracing(file: string, variant: string): Promise<Tracing> {
  // Fails now, with the path, rather than at the first export.
  await (await open(file, 'a')).close();
  const tracing = startTracing({
    serviceName: serviceName(variant),
    exporter: otlpFileExporter(file),
    resource: { [attribute.variant]: variant },
  });
  const unsubscribes = [
    subscribeDatabaseSpans(tracing.tracer),
    subscribeThreadSpans(tracing.tracer),
  ];
  return {
    tracer: tracing.tracer,
    flush: () => tracing.flush(),
    async shutdown() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      await tracing.shutdown();
    },
  };
}
