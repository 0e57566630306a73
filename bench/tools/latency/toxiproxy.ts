// The container path: Shopify's Toxiproxy in a container (@testcontainers/toxiproxy),
// with one "latency" toxic on the downstream stream (database → app), so each query
// round trip costs the latency once, exactly like the local proxy.
//
// Like the database providers, it reports "cannot run here" (no runtime, no image,
// host networking, a sub-millisecond latency) as Unavailable within seconds, so the
// chooser can fall back to the local proxy; failures after that point throw.
// Toxiproxy's `latency` attribute is an integer (Go int64 milliseconds): 0.5 ms cannot
// be expressed, and rounding it would measure a different point of the sweep.
import { ToxiProxyContainer } from '@testcontainers/toxiproxy';
import { randomUUID } from 'node:crypto';
import { getContainerRuntimeClient } from 'testcontainers';
import type { ContainerRuntimeClient } from 'testcontainers';
import { ownerLabels } from '../db/container-labels.ts';
import { ensureImage } from '../db/container-runtime.ts';
import { oneLine } from '../db/errors.ts';
import type { Unavailable } from '../db/types.ts';
import { withTimeout } from '../db/with-timeout.ts';
import { checkLatency } from './proxy-messages.ts';
import type { LatencyProxy, ProxyTarget } from './types.ts';

export type ToxiproxyOptions = {
  readonly image: string;
  readonly containerNetwork: 'bridge' | 'host';
  readonly initialMs: number;
};

// A local daemon answers in milliseconds; a dead socket or a remote host may hang.
const RUNTIME_TIMEOUT_MS = 5_000;
// The container reaches a database published on this machine's loopback through the
// Docker host's gateway, under the name Docker Desktop also uses.
const HOST_ALIAS = 'host.docker.internal';

export async function startToxiproxy(target: ProxyTarget, options: ToxiproxyOptions): Promise<LatencyProxy | Unavailable> {
  if (!Number.isInteger(checkLatency(options.initialMs))) {
    return { unavailable: `Toxiproxy's latency toxic takes whole milliseconds, not ${options.initialMs}` };
  }
  if (options.containerNetwork === 'host') {
    // ToxiProxyContainer waits on mapped ports, which host-network containers never get.
    return { unavailable: 'ToxiProxyContainer needs mapped ports (--container-network bridge)' };
  }
  let client: ContainerRuntimeClient;
  try {
    client = await withTimeout(getContainerRuntimeClient(), RUNTIME_TIMEOUT_MS, 'runtime did not answer');
  } catch (error) {
    return { unavailable: `no container runtime reachable (${oneLine(error)})` };
  }
  const missing = await ensureImage(client, options.image);
  if (missing !== undefined) return missing;

  const container = await new ToxiProxyContainer(options.image)
    .withExtraHosts([{ host: HOST_ALIAS, ipAddress: 'host-gateway' }])
    .withLabels(ownerLabels(randomUUID()))
    .start();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= container.stop().then(() => undefined));
  try {
    const proxy = await container.createProxy({ name: 'database', upstream: upstreamFor(target) });
    let toxic = await proxy.instance.addToxic(latencyToxic(options.initialMs));
    return {
      kind: 'toxiproxy',
      host: proxy.host,
      port: proxy.port,
      // Toxiproxy applies an updated toxic to open connections too.
      setLatency: async (ms) => {
        if (!Number.isInteger(checkLatency(ms))) {
          throw new RangeError(`Toxiproxy's latency toxic takes whole milliseconds, not ${ms}; use --latency-proxy local`);
        }
        toxic = await toxic.update(latencyToxic(ms));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// The body Toxiproxy's API takes to create or update a toxic (toxiproxy-node-client's
// ICreateToxicBody, which @testcontainers/toxiproxy does not re-export).
type LatencyToxicBody = {
  readonly name: string;
  readonly type: 'latency';
  readonly stream: 'downstream';
  readonly toxicity: number;
  readonly attributes: { readonly latency: number; readonly jitter: number };
};

function latencyToxic(ms: number): LatencyToxicBody {
  return { name: 'latency', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: ms, jitter: 0 } };
}

function upstreamFor(target: ProxyTarget): string {
  if (['127.0.0.1', 'localhost', '::1'].includes(target.host)) return `${HOST_ALIAS}:${target.port}`;
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
