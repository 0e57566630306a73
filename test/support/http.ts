import { getHttpJson } from '../../bench/measure/http-json.ts';
import { parseServerTiming } from '../../lib/request-stats.ts';
import type { ServerTiming } from '../../lib/request-stats.ts';

export type JsonResponse = {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
  readonly timing: ServerTiming | undefined;
};

export async function getJson(baseUrl: string, path: string): Promise<JsonResponse> {
  const response = await getHttpJson(`${baseUrl}${path}`);
  const header = response.headers['server-timing'];
  return {
    status: response.status,
    contentType: response.headers['content-type'] ?? '',
    body: response.body,
    timing: typeof header === 'string' ? parseServerTiming(header) : undefined,
  };
}
