// Finding out quickly whether containers can run here: a reachable runtime and the
// image present (or pullable). "No Docker" must cost seconds, not minutes, because the
// chooser then falls through to a local server.
import { getContainerRuntimeClient, ImageName } from 'testcontainers';
import type { ContainerRuntimeClient } from 'testcontainers';
import type { Config } from '../../../lib/config.ts';
import { oneLine } from './errors.ts';
import type { Unavailable } from './types.ts';
import { withTimeout } from './with-timeout.ts';

// A local daemon answers in milliseconds; a dead socket or remote host may hang.
const RUNTIME_TIMEOUT_MS = 5_000;
// A pull that makes progress may take a minute; one that sends nothing is stuck.
const PULL_STALL_MS = 30_000;

export function prepareNetworkMode(config: Config): void {
  if (config.containerNetwork !== 'host') return;
  // Without a bridge network, Testcontainers running inside a container looks up the
  // bridge's gateway to reach mapped ports and fails ("Could not find a working container
  // runtime strategy"). With --network host the database is on our own loopback.
  process.env['TESTCONTAINERS_HOST_OVERRIDE'] ??= 'localhost';
  // Ryuk, Testcontainers' reaper, is an image too and cannot be pulled on the offline
  // hosts that need host networking; reaper.ts removes what a killed run leaves instead.
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
}

export async function reachRuntime(config: Config): Promise<ContainerRuntimeClient | Unavailable> {
  prepareNetworkMode(config);
  try {
    return await withTimeout(getContainerRuntimeClient(), RUNTIME_TIMEOUT_MS, 'runtime did not answer');
  } catch (error) {
    return { unavailable: `no container runtime reachable (${oneLine(error)})` };
  }
}

export async function ensureImage(client: ContainerRuntimeClient, image: string): Promise<Unavailable | undefined> {
  try {
    if (await client.image.exists(ImageName.fromString(image))) return undefined;
  } catch (error) {
    return { unavailable: `cannot inspect image ${image} (${oneLine(error)})` };
  }
  const failure = await pull(client, image);
  return failure === undefined ? undefined : { unavailable: `image ${image} is not local and cannot be pulled (${failure})` };
}

// Testcontainers' own pull waits for the stream to end however long it takes and
// swallows errors reported inside the stream; this one gives up when progress stops.
async function pull(client: ContainerRuntimeClient, image: string): Promise<string | undefined> {
  const dockerode = client.container.dockerode;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await withTimeout(dockerode.pull(image), PULL_STALL_MS, 'registry did not answer');
  } catch (error) {
    return oneLine(error);
  }
  return new Promise((resolve) => {
    const stalled = setTimeout(() => {
      (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      resolve(`no progress for ${PULL_STALL_MS / 1000} s`);
    }, PULL_STALL_MS);
    dockerode.modem.followProgress(
      stream,
      (error) => {
        clearTimeout(stalled);
        resolve(error === null ? undefined : oneLine(error));
      },
      () => stalled.refresh(),
    );
  });
}
