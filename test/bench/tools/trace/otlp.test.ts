// The OTLP JSON round trip: spans the SDK made, written by our exporter as the
// Collector's file format, read back by the waterfall's reader, with nanosecond times;
// and files that are not OTLP are refused with the line at fault.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOtlp, selectTraces, spansOf } from '../../../../bench/tools/trace/otlp.ts';
import { unixTime } from '../../../../lib/tracing/clock.ts';
import { otlpFileExporter, otlpJson } from '../../../../lib/tracing/otlp-file-exporter.ts';
import { startTracing } from '../../../../lib/tracing/provider.ts';

const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'settings-api-test', exporter, resource: { 'app.variant': 'test' } });

afterAll(() => tracing.shutdown());

async function madeSpans(): Promise<ReturnType<InMemorySpanExporter['getFinishedSpans']>> {
  const { tracer } = tracing;
  const started = process.hrtime.bigint();
  tracer.startActiveSpan('GET /x', { kind: SpanKind.SERVER, startTime: unixTime(started) }, (root) => {
    const child = tracer.startSpan('SELECT t', { kind: SpanKind.CLIENT, startTime: unixTime(started + 1_000n), attributes: { 'db.response.returned_rows': 3, 'db.query.text': 'SELECT ?' } });
    child.end(unixTime(started + 1_234n));
    root.end(unixTime(started + 5_000n));
  });
  await tracing.flush();
  const spans = exporter.getFinishedSpans();
  exporter.reset();
  return spans;
}

describe('OTLP JSON', () => {
  it('reads back what the SDK wrote: names, parents, kinds, typed attributes, nanoseconds', async () => {
    const [request] = parseOtlp(otlpJson(await madeSpans()));
    const spans = spansOf(request === undefined ? [] : [request]);
    const root = spans.find((span) => span.name === 'GET /x');
    const child = spans.find((span) => span.name === 'SELECT t');
    expect(root?.kind).toBe('server');
    expect(root?.service).toBe('settings-api-test');
    expect(child?.parentSpanId).toBe(root?.spanId);
    expect(child?.traceId).toBe(root?.traceId);
    expect(child?.attributes.get('db.response.returned_rows')).toBe(3);
    // 234 ns apart, as given: sub-millisecond order survives the round trip.
    expect(child === undefined ? undefined : child.endNs - child.startNs).toBe(234n);
    expect(root === undefined || child === undefined ? undefined : child.startNs - root.startNs).toBe(1000n);
  });

  it('appends one request per line and never truncates the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otlp-test-'));
    try {
      const file = join(dir, 'spans.jsonl');
      await writeFile(file, `${otlpJson(await madeSpans())}\n`);
      const fileExporter = otlpFileExporter(file);
      const exported = (batch: Parameters<typeof fileExporter.export>[0]): Promise<number> =>
        new Promise((resolve) => fileExporter.export(batch, (result) => resolve(result.code)));
      expect(await exported(await madeSpans())).toBe(0);
      expect(await exported(await madeSpans())).toBe(0);
      await fileExporter.shutdown();
      const text = await readFile(file, 'utf8');
      expect(text.trim().split('\n')).toHaveLength(3);
      const requests = parseOtlp(text, 'spans.jsonl');
      expect(spansOf(requests)).toHaveLength(6);
      const one = spansOf(requests)[0]?.traceId ?? '';
      expect(spansOf([selectTraces(requests, new Set([one]))]).map((span) => span.traceId)).toEqual([one, one]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses what is not an OTLP trace request, naming the line', () => {
    const good = otlpJson([]);
    expect(() => parseOtlp(`${good}\n{"resourceSpans": 3}\n`, 'f')).toThrow(/^f:2: not an OTLP trace request: resourceSpans/);
    expect(() => parseOtlp(`${good}\nnot json\n`, 'f')).toThrow('f:2: not JSON');
    const span = { traceId: 'A'.repeat(32), spanId: 'b'.repeat(16), name: 'x', startTimeUnixNano: '2', endTimeUnixNano: '3' };
    const request = (s: object): string => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [s] }] }] });
    expect(() => parseOtlp(request(span), 'f')).toThrow(/traceId: 32 lowercase hex digits/);
    expect(() => parseOtlp(request({ ...span, traceId: 'a'.repeat(32), endTimeUnixNano: '1' }), 'f')).toThrow(/ends before it starts/);
    expect(spansOf(parseOtlp(JSON.stringify(JSON.parse(request({ ...span, traceId: 'a'.repeat(32) })), null, 2)))).toHaveLength(1);
  });
});
