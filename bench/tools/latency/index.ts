// Puts a latency proxy between the application and the database. On loopback a round
// trip costs microseconds, which hides what N+1 queries cost in production; the proxy
// adds a chosen delay to every round trip so the benchmark can sweep it.
//
// auto = Toxiproxy in a container when a runtime and the image are available (the tool
// most readers know), else the local proxy, which behaves the same and also does
// sub-millisecond latencies (Toxiproxy takes whole milliseconds, so an initial 0.5 ms
// picks the local proxy).
import { options as configOptions } from '../../../lib/config.ts';
import { onCleanup } from '../../run/cleanup.ts';
import { isUnavailable } from '../db/types.ts';
import { startLocalProxy } from './local-proxy.ts';
import { startToxiproxy } from './toxiproxy.ts';
import type { LatencyProxy, ProxyTarget } from './types.ts';

export type LatencyProxyOptions = {
  readonly prefer: 'toxiproxy' | 'local' | 'auto';
  readonly initialMs: number;
  // --toxiproxy-image and --container-network; lib/config.ts's defaults when omitted.
  readonly toxiproxyImage?: string;
  readonly containerNetwork?: 'bridge' | 'host';
};

export async function startLatencyProxy(
  target: ProxyTarget,
  options: LatencyProxyOptions,
  log: (line: string) => void,
): Promise<LatencyProxy> {
  const where = `${target.host}:${target.port}`;
  let skipped = '';
  if (options.prefer !== 'local') {
    const attempt = await startToxiproxy(target, {
      image: options.toxiproxyImage ?? configOptions.toxiproxyImage.default,
      containerNetwork: options.containerNetwork ?? configOptions.containerNetwork.default,
      initialMs: options.initialMs,
    });
    if (!isUnavailable(attempt)) {
      log(`latency proxy: toxiproxy on ${attempt.host}:${attempt.port} -> ${where}, downstream latency toxic`);
      return stoppedOnExit(attempt);
    }
    if (options.prefer === 'toxiproxy') {
      throw new Error(`no Toxiproxy: ${attempt.unavailable}; use --latency-proxy local or auto`);
    }
    skipped = ` (toxiproxy skipped: ${attempt.unavailable})`;
  }
  const proxy = await startLocalProxy(target, options.initialMs);
  log(`latency proxy: local process ${proxy.pid} on ${proxy.host}:${proxy.port} -> ${where}${skipped}`);
  return stoppedOnExit(proxy);
}

// Ctrl-C, kill and crashes stop the proxy too (see bench/run/cleanup.ts).
function stoppedOnExit(proxy: LatencyProxy): LatencyProxy {
  const unregister = onCleanup(() => proxy.stop());
  return {
    ...proxy,
    stop: async () => {
      unregister();
      await proxy.stop();
    },
  };
}
