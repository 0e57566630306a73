// The local latency proxy's own process, started by local-proxy.ts:
//   node proxy-process.ts <database host> <database port> <initial latency ms>
// A process of its own: releasing a chunk on time must never wait behind the harness's
// work, nor the harness's measurements behind the proxy's.
import net from 'node:net';
import { createDelayLine } from './delay-line.ts';
import { checkLatency } from './proxy-messages.ts';
import type { FromProxy, ToProxy } from './proxy-messages.ts';
import { relay } from './relay.ts';

// The baseline opens one database connection per gid, about a thousand at once; the
// default backlog (511) would drop some SYNs, and a retried SYN costs a whole second.
const LISTEN_BACKLOG = 4096;

const send = process.send?.bind(process);
const [host, portText, msText] = process.argv.slice(2);
const port = Number(portText);
if (send === undefined || host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write('usage: started by bench/tools/latency/local-proxy.ts with <host> <port> <latency ms>\n');
  process.exit(2);
}
const reply = (message: FromProxy): void => void send(message);

const line = createDelayLine(checkLatency(Number(msText)));
const target = { host, port };
const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (app) => relay(app, target, line));

server.listen({ host: '127.0.0.1', port: 0, backlog: LISTEN_BACKLOG }, () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy is not listening on TCP');
  reply({ type: 'listening', port: address.port });
});

process.on('message', (message: ToProxy) => {
  line.setLatency(checkLatency(message.ms));
  reply({ type: 'latency-set', id: message.id });
});

// The harness is gone (stopped, crashed or SIGKILLed: the kernel closes the channel).
process.on('disconnect', () => process.exit(0));
