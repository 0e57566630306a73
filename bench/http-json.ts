// node:http rather than fetch: undici may silently resend a request whose kept-alive
// socket closed, and a resent baseline page would double the work being measured.
import http from 'node:http';

export type HttpJson = {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
};

export function getHttpJson(url: string, headers: Readonly<Record<string, string>> = {}): Promise<HttpJson> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) as unknown });
        } catch (error) {
          reject(new Error(`${url} answered ${response.statusCode} with non-JSON: ${text.slice(0, 200)}`, { cause: error }));
        }
      });
      response.once('error', reject);
    });
    request.once('error', reject);
  });
}
