// node:http rather than fetch: undici may silently resend a request whose kept-alive
// socket closed, and a resent baseline page would double the work being counted.
import http from 'node:http';
import { parseServerTiming } from '../../lib/request-stats.ts';
import type { ServerTiming } from '../../lib/request-stats.ts';

export type JsonResponse = {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
  readonly timing: ServerTiming | undefined;
};

export function getJson(baseUrl: string, path: string): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${path}`, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        const header = response.headers['server-timing'];
        try {
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? '',
            body: JSON.parse(text) as unknown,
            timing: typeof header === 'string' ? parseServerTiming(header) : undefined,
          });
        } catch (error) {
          reject(new Error(`${path} answered ${response.statusCode} with non-JSON: ${text.slice(0, 200)}`, { cause: error }));
        }
      });
      response.once('error', reject);
    });
    request.once('error', reject);
  });
}
