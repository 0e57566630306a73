// node:http rather than fetch: undici may silently resend a request whose kept-alive
// socket closed, and a resent baseline page would double the work being measured.
import http from 'node:http';

export type HttpText = {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
};

export type HttpJson = {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
};

export function getHttpText(url: string, headers: Readonly<Record<string, string>> = {}): Promise<HttpText> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      response.once('error', reject);
    });
    request.once('error', reject);
  });
}

export async function getHttpJson(url: string, headers: Readonly<Record<string, string>> = {}): Promise<HttpJson> {
  const response = await getHttpText(url, headers);
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(response.text) as unknown };
  } catch (error) {
    throw new Error(`${url} answered ${response.status} with non-JSON: ${response.text.slice(0, 200)}`, { cause: error });
  }
}
