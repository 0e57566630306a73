// node bench/tools/trace/render-cli.ts --file TRACE.otlp.json [--trace-id ID] [--name NAME] [--out DIR]
// Draws the waterfall and the wall-clock flame graph of a trace someone else recorded:
// a server's TRACE_FILE, the Flask peer's, an export from Jaeger or Tempo in OTLP JSON.
// A file with several traces needs --trace-id; the command lists them. Nothing is
// checked against a database here: there was none to count.
// Flags are parsed here, not in lib/config.ts: they describe one picture, not the server.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { writeTrace } from './outputs.ts';
import { parseOtlp, selectTraces, spansOf } from './otlp.ts';

const { values } = parseArgs({
  options: { file: { type: 'string' }, 'trace-id': { type: 'string' }, name: { type: 'string' }, out: { type: 'string', default: 'results/traces' } },
});
if (values.file === undefined) {
  process.stderr.write('usage: node bench/tools/trace/render-cli.ts --file TRACE.otlp.json [--trace-id ID] [--name NAME] [--out DIR]\n');
  process.exit(2);
}

try {
  const requests = parseOtlp(await readFile(values.file, 'utf8'), values.file);
  const spans = spansOf(requests);
  const traces = [...new Set(spans.map((span) => span.traceId))];
  const traceId = values['trace-id'] ?? (traces.length === 1 ? traces[0] : undefined);
  if (traceId === undefined || !traces.includes(traceId)) {
    const roots = traces.map((id) => `  ${id}  ${spans.find((span) => span.traceId === id && span.parentSpanId === undefined)?.name ?? '(no root span)'}`);
    throw new Error(`${values.file} holds ${traces.length} traces; choose one with --trace-id:\n${roots.join('\n')}`);
  }
  const trace = selectTraces(requests, new Set([traceId]));
  const root = spansOf([trace]).find((span) => span.parentSpanId === undefined);
  const name = values.name ?? basename(values.file).replace(/\.otlp\.jsonl?$|\.jsonl?$/, '');
  const written = await writeTrace(values.out, { baseName: name, title: `${name}: ${root?.name ?? traceId}` }, trace, undefined);
  process.stdout.write(`${[...written.summary, ...written.files].join('\n')}\n`);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
