// The HTTP scaffold shared by every variant: routes, input checks, error mapping and
// the Server-Timing header. A variant only brings its strategies.
import type { Tracer } from '@opentelemetry/api';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { addCalibrationCost } from './calibration.ts';
import { databaseErrorSummary, isDatabaseUnavailable } from './db-errors.ts';
import { newRequestStats, runWithStats, serverTimingHeader } from './request-stats.ts';
import type { RequestStats } from './request-stats.ts';
import { loadMaxCpus, loadSettingsPage } from './settings-page.ts';
import { registerSettingsUi } from './settings-ui.ts';
import { registerRequestSpans } from './tracing/request-spans.ts';
import { tracedVariant } from './tracing/traced-variant.ts';
import type { DataAccess, Variant } from './types.ts';
import { parseGidList, parseProjectCode } from './validation.ts';

export type ServerOptions = {
  readonly variant: Variant;
  readonly db: DataAccess;
  readonly maxGidsPerRequest: number;
  // Set when tracing is on (lib/tracing/server-tracing.ts); absent, nothing is traced.
  readonly tracer?: Tracer | undefined;
  // Calibration only (lib/calibration.ts); 0 everywhere else.
  readonly calibrationSlowdown?: number;
};

type ErrorBody = { readonly error: string; readonly message: string; readonly gids?: readonly number[] };

function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json').send(body);
}

const statsByRequest = new WeakMap<object, RequestStats>();

export function buildServer({ variant: served, db, maxGidsPerRequest, tracer, calibrationSlowdown = 0 }: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    return503OnClosing: true,
    // Fastify's own 400s (a malformed URL) get the same JSON shape as ours.
    frameworkErrors: (error, _request, reply) => sendError(reply, 400, { error: 'bad_request', message: error.message.slice(0, 200) }),
  });

  const variant = tracer === undefined ? served : tracedVariant(served, tracer);
  if (tracer !== undefined) registerRequestSpans(app, tracer);

  // The request's whole lifetime runs inside its stats context, so data access can count.
  app.addHook('onRequest', (request, _reply, done) => {
    const stats = newRequestStats();
    statsByRequest.set(request.raw, stats);
    runWithStats(stats, done);
  });
  app.addHook('onSend', async (request, reply) => {
    const stats = statsByRequest.get(request.raw);
    if (stats === undefined) return;
    addCalibrationCost(calibrationSlowdown, stats.startedAt);
    reply.header('server-timing', serverTimingHeader(stats));
  });

  // Handlers still running, also for clients that gave up: a harness waits for zero
  // before its next measurement, so abandoned baseline pages steal no time from it.
  let inFlight = 0;
  async function tracked<T>(work: () => Promise<T>): Promise<T> {
    inFlight += 1;
    try {
      return await work();
    } finally {
      inFlight -= 1;
    }
  }

  app.get<{ Params: { code: string } }>('/api/projects/:code/settings', (request, reply) =>
    tracked(async () => {
      const code = parseProjectCode(request.params.code);
      if (!code.ok) return sendError(reply, 400, { error: 'bad_request', message: code.message });
      const page = await loadSettingsPage(db, variant, code.value);
      if (page === undefined) return sendError(reply, 404, { error: 'not_found', message: `no project "${code.value}"` });
      return page;
    }),
  );

  app.get<{ Params: { code: string }; Querystring: { gids?: unknown } }>(
    '/api/projects/:code/max-cpus',
    (request, reply) => tracked(async () => {
      const code = parseProjectCode(request.params.code);
      if (!code.ok) return sendError(reply, 400, { error: 'bad_request', message: code.message });
      const gids = parseGidList(request.query.gids, maxGidsPerRequest);
      if (!gids.ok) return sendError(reply, 400, { error: 'bad_request', message: gids.message });

      const result = await loadMaxCpus(db, variant, code.value, gids.value);
      switch (result.kind) {
        case 'ok':
          return result.body;
        case 'unknown-project':
          return sendError(reply, 404, { error: 'not_found', message: `no project "${code.value}"` });
        case 'unknown-gids':
          return sendError(reply, 404, {
            error: 'not_found',
            message: `${result.gids.length} gid(s) not in project "${code.value}"`,
            gids: result.gids.slice(0, 20),
          });
      }
    }),
  );

  app.get('/health', async () => ({ status: 'ok', variant: variant.name, inFlight }));

  registerSettingsUi(app, variant);

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.setErrorHandler((error, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      process.stderr.write(`${variant.name}: database unavailable: ${databaseErrorSummary(error)}\n`);
      return sendError(reply, 503, { error: 'database_unavailable', message: 'the database cannot be reached; retry later' });
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(reply, status, { error: 'bad_request', message: (error as Error).message });
    }
    process.stderr.write(`${variant.name}: ${request.method} ${request.url}: ${databaseErrorSummary(error)}\n`);
    return sendError(reply, 500, { error: 'internal', message: 'internal error' });
  });

  return app;
}
