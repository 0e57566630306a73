// The variant's two strategies, each in a span named after the article's function, so a
// trace (and the wall-clock flame graph drawn from it) shows which one the page waits
// for. Wrapped only when tracing is on: otherwise the server calls the variant as it is.
import { SpanStatusCode } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import type { Variant } from '../types.ts';
import { now } from './clock.ts';
import { errorType } from './database-records.mjs';
import { attribute } from './names.ts';

export function tracedVariant(variant: Variant, tracer: Tracer): Variant {
  const inSpan = <T>(name: string, gids: number, work: () => Promise<T>): Promise<T> =>
    tracer.startActiveSpan(name, { startTime: now(), attributes: { [attribute.codeFunction]: name, [attribute.gidCount]: gids } }, async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(error) });
        throw error;
      } finally {
        span.end(now());
      }
    });
  return {
    ...variant,
    getGroupProfileSettings: (db, projectCode, gids) =>
      inSpan('getGroupProfileSettings', gids.length, () => variant.getGroupProfileSettings(db, projectCode, gids)),
    getMaxCpus: (db, project, gids) => inSpan('getMaxCpus', gids.length, () => variant.getMaxCpus(db, project, gids)),
  };
}
