// One application connection through the proxy: bytes to the database pass straight
// through, bytes from the database wait in the delay line. This is Toxiproxy's latency
// toxic on its default `stream: downstream` (toxics/latency.go): each chunk is stamped
// when read and passed on, in order, once stamp + latency has come. A request/response
// protocol then pays the latency once per round trip, as it would pay a network's.
import net from 'node:net';
import type { DelayLine } from './delay-line.ts';
import type { ProxyTarget } from './types.ts';

export function relay(app: net.Socket, target: ProxyTarget, line: DelayLine): void {
  // Nagle's algorithm would hold small packets back for the peer's delayed ACK (up to
  // 40 ms), swamping the latency we inject; the MySQL protocol is all small packets.
  app.setNoDelay(true);
  // Half-open allowed: one side's end is passed on in order instead of cutting off
  // responses still in the delay line.
  const db = net.connect({ host: target.host, port: target.port, noDelay: true, allowHalfOpen: true });

  // Upstream: pipe() pauses the app when the database reads slowly, and ends the
  // database side when the app ends.
  app.pipe(db);

  // Downstream: a chunk is written when it falls due; if the app reads slowly, stop
  // reading from the database until the app has drained.
  let waitingForDrain = false;
  const deliver = (chunk: Buffer): void => {
    if (app.destroyed) return;
    const accepted = app.write(chunk);
    if (accepted || waitingForDrain) return;
    waitingForDrain = true;
    db.pause();
    app.once('drain', () => {
      waitingForDrain = false;
      db.resume();
    });
  };
  db.on('data', (chunk: Buffer) => line.push(() => deliver(chunk)));
  db.on('end', () =>
    line.push(() => {
      if (!app.destroyed) app.end();
    }),
  );

  // A broken socket on either side breaks the connection, as it would on a network;
  // a departed app leaves nothing to deliver to.
  const breakBoth = (): void => {
    app.destroy();
    db.destroy();
  };
  app.on('error', breakBoth);
  db.on('error', breakBoth);
  app.on('close', () => db.destroy());
}
