// One settings page as a browser with tracing would load it: a root span for the page,
// a client span per request carrying a W3C `traceparent` header, so the server's spans
// join the same trace. A lazy variant's page also asks /max-cpus for every listed gid
// right after (the click, without the user's pause), as lib/ui/settings-page.html does.
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { now } from '../../../lib/tracing/clock.ts';
import { attribute, spanName } from '../../../lib/tracing/names.ts';
import { getHttpJson } from '../../measure/http-json.ts';

export type PageTarget = {
  readonly baseUrl: string;
  readonly name: string;
  readonly projectCode: string;
  readonly gids: number;
  readonly lazy: boolean;
};

export type TracedPage = { readonly traceId: string };

export function tracePage(tracer: Tracer, target: PageTarget): Promise<TracedPage> {
  const attributes = { [attribute.variant]: target.name, [attribute.gidCount]: target.gids };
  return tracer.startActiveSpan(spanName.page, { startTime: now(), attributes }, async (page) => {
    try {
      const base = `${target.baseUrl}/api/projects/${target.projectCode}`;
      const body = await tracedGet(tracer, `${base}/settings`, '/api/projects/:code/settings');
      if (!target.lazy) return { traceId: page.spanContext().traceId };
      const gids = (body as { groups: { gid: number }[] }).groups.map((group) => group.gid);
      await tracedGet(tracer, `${base}/max-cpus?gids=${gids.join(',')}`, '/api/projects/:code/max-cpus');
      return { traceId: page.spanContext().traceId };
    } finally {
      page.end(now());
    }
  });
}

async function tracedGet(tracer: Tracer, url: string, route: string): Promise<unknown> {
  const span = tracer.startSpan(`GET ${route}`, {
    kind: SpanKind.CLIENT,
    startTime: now(),
    attributes: { [attribute.httpMethod]: 'GET', [attribute.httpRoute]: route, [attribute.urlPath]: new URL(url).pathname },
  });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  try {
    const response = await getHttpJson(url, headers);
    span.setAttribute(attribute.httpStatus, response.status);
    if (response.status !== 200) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw new Error(`${new URL(url).pathname} answered ${response.status}`);
    }
    return response.body;
  } finally {
    span.end(now());
  }
}
