// What the harness holds while it injects app↔database latency, whichever proxy does it.
export type LatencyProxyKind = 'toxiproxy' | 'local';

export type LatencyProxy = {
  readonly kind: LatencyProxyKind;
  // Where the application connects instead of the database.
  readonly host: string;
  readonly port: number;
  // Every query round trip costs this much more from now on, open connections included.
  setLatency(ms: number): Promise<void>;
  // Safe to call more than once.
  stop(): Promise<void>;
};

export type ProxyTarget = { readonly host: string; readonly port: number };

// The database URL the application should use to go through the proxy: only host and
// port change, so user, password, database and parameters stay exactly as they were.
export function viaProxy(mysqlUrl: string, proxy: ProxyTarget): string {
  const url = new URL(mysqlUrl);
  // An IPv6 address needs brackets; setting `hostname` without them is silently ignored.
  const host = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
  url.host = `${host}:${proxy.port}`;
  return url.toString();
}
