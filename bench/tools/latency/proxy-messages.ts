// The IPC protocol between the harness (local-proxy.ts) and the proxy process
// (proxy-process.ts). Node's IPC channel delivers messages in order, as JSON.
export type ToProxy = { readonly type: 'set-latency'; readonly id: number; readonly ms: number };

export type FromProxy =
  | { readonly type: 'listening'; readonly port: number }
  // Sent once the new latency applies: chunks arriving after this get it.
  | { readonly type: 'latency-set'; readonly id: number };

// Latencies the proxy accepts: a typo such as 500 for 0.5 should fail loudly, not
// turn a benchmark into a ten-minute wait.
const MAX_LATENCY_MS = 10_000;

export function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
    throw new RangeError(`latency must be between 0 and ${MAX_LATENCY_MS} ms, got ${ms}`);
  }
  return ms;
}
