// The page as one user feels it: sequential requests on one kept-alive connection,
// each timed from sending the request to the last byte of the answer.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type TimedResponse = { readonly ms: number; readonly status: number; readonly serverTiming: string };

export function createOneConnectionAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}

export function timeRequest(url: string, agent: http.Agent): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent }, (response) => {
      response.on('data', () => undefined);
      response.once('end', () =>
        resolve({
          ms: performance.now() - started,
          status: response.statusCode ?? 0,
          serverTiming: String(response.headers['server-timing'] ?? ''),
        }),
      );
      response.once('error', reject);
    });
    request.once('error', reject);
  });
}

// A page that does not answer 200 is a failed run, not a slow sample.
export async function timeSequentialRequests(url: string, count: number, agent: http.Agent): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const response = await timeRequest(url, agent);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    samples.push(response.ms);
  }
  return samples;
}
