// A server span per HTTP request, named by its route (`GET /api/projects/:code/settings`),
// continuing the caller's trace when it sends a W3C `traceparent` header. The request's
// whole lifetime runs inside the span's context, so every span below finds its parent.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { now } from './clock.ts';
import { attribute } from './names.ts';

export function registerRequestSpans(app: FastifyInstance, tracer: Tracer): void {
  const spans = new WeakMap<object, Span>();
  const end = (request: FastifyRequest, status: number | undefined): void => {
    const span = spans.get(request.raw);
    if (span === undefined) return;
    spans.delete(request.raw);
    if (status === undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: 'client went away' });
    else {
      span.setAttribute(attribute.httpStatus, status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end(now());
  };

  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const route = request.routeOptions.url ?? '(no route)';
    const span = tracer.startSpan(`${request.method} ${route}`, {
      kind: SpanKind.SERVER,
      startTime: now(),
      attributes: {
        [attribute.httpMethod]: request.method,
        [attribute.httpRoute]: route,
        [attribute.urlPath]: request.url.split('?')[0] ?? request.url,
      },
    }, parent);
    spans.set(request.raw, span);
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    end(request, undefined);
    done();
  });
}
