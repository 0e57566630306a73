// The proxy is a plain TCP relay, so these cases need no database: a slow reader must
// hold the sender back (back-pressure) rather than pile data up in the proxy, and a
// thousand connections at once must all be carried.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import { startLocalProxy } from '../../../../bench/tools/latency/local-proxy.ts';
import type { LocalLatencyProxy } from '../../../../bench/tools/latency/local-proxy.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(onConnection: (socket: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

async function proxyTo(port: number, latencyMs: number): Promise<LocalLatencyProxy> {
  const proxy = await startLocalProxy({ host: '127.0.0.1', port }, latencyMs);
  cleanups.push(() => proxy.stop());
  return proxy;
}

test('a slow reader holds the sender back instead of filling the proxy', async () => {
  const chunk = randomBytes(64 * 1024);
  const chunks = 4096; // 256 MiB
  let accepted = 0;
  const port = await serve(async (socket) => {
    // A well-behaved sender: it writes only while the connection takes data.
    for (let i = 0; i < chunks && !socket.destroyed; i++) {
      if (!socket.write(chunk)) await once(socket, 'drain');
      accepted += chunk.length;
    }
    socket.end();
  });
  const proxy = await proxyTo(port, 1);

  const client = net.connect({ host: '127.0.0.1', port: proxy.port });
  client.pause();
  // Until the sender stalls: with back-pressure when the buffers on the way are full,
  // without it only when everything has gone (into the proxy's memory).
  let acceptedWhilePaused = -1;
  while (accepted !== acceptedWhilePaused) {
    acceptedWhilePaused = accepted;
    await sleep(500);
  }
  console.log(`reader paused: the sender got ${(acceptedWhilePaused / 2 ** 20).toFixed(0)} of 256 MiB away`);
  expect(acceptedWhilePaused).toBeLessThan(128 * 2 ** 20);

  const hash = createHash('sha256');
  let received = 0;
  client.on('data', (data: Buffer) => {
    hash.update(data);
    received += data.length;
  });
  client.resume();
  await once(client, 'end');
  const expected = createHash('sha256');
  for (let i = 0; i < chunks; i++) expected.update(chunk);
  expect(received).toBe(chunks * chunk.length);
  expect(hash.digest('hex')).toBe(expected.digest('hex'));
});

test('a thousand connections at once are all carried, each to its own peer', async () => {
  const port = await serve((socket) => socket.pipe(socket));
  const proxy = await proxyTo(port, 1);
  const count = 1000;
  const echoes = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const client = net.connect({ host: '127.0.0.1', port: proxy.port });
      await once(client, 'connect');
      client.end(`connection ${index}`);
      let text = '';
      client.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      await once(client, 'end');
      return text;
    }),
  );
  expect(echoes).toEqual(Array.from({ length: count }, (_, index) => `connection ${index}`));
});

test('a database that refuses the connection closes the application side', async () => {
  // Port 9 (discard) has no listener here: the proxy's connection to it is refused.
  const proxy = await proxyTo(9, 1);
  const client = net.connect({ host: '127.0.0.1', port: proxy.port });
  client.on('error', () => {});
  await once(client, 'close');
});

test('whichever side breaks the connection, the other side sees it closed', async () => {
  const accepted: net.Socket[] = [];
  const port = await serve((socket) => {
    socket.on('error', () => {});
    accepted.push(socket);
    socket.write('hello');
  });
  const proxy = await proxyTo(port, 1);
  const connectThrough = async (): Promise<{ client: net.Socket; server: net.Socket }> => {
    const client = net.connect({ host: '127.0.0.1', port: proxy.port });
    client.on('error', () => {});
    await once(client, 'data'); // the server has accepted and greeted
    const server = accepted.at(-1);
    if (server === undefined) throw new Error('no server-side socket');
    return { client, server };
  };

  const databaseBreaks = await connectThrough();
  const clientClosed = once(databaseBreaks.client, 'close');
  databaseBreaks.server.destroy();
  await clientClosed;

  const applicationBreaks = await connectThrough();
  const serverClosed = once(applicationBreaks.server, 'close');
  applicationBreaks.client.destroy();
  await serverClosed;
});
