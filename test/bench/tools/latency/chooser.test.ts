// Which proxy startLatencyProxy picks, and what it says when it cannot have the one
// asked for. Toxiproxy itself needs an image this machine cannot pull; these cases
// decide before touching a container runtime, or fail fast when one is asked for.
import { expect, test } from 'vitest';
import { startLatencyProxy } from '../../../../bench/tools/latency/index.ts';

// Nothing connects through these proxies, so nothing needs to listen there.
const target = { host: '127.0.0.1', port: 9 };

test('local when asked, saying so in one line', async () => {
  const lines: string[] = [];
  const proxy = await startLatencyProxy(target, { prefer: 'local', initialMs: 1 }, (line) => lines.push(line));
  await proxy.stop();
  expect(proxy.kind).toBe('local');
  expect(lines).toEqual([expect.stringMatching(/^latency proxy: local process \d+ on 127\.0\.0\.1:\d+ -> /)]);
});

test('auto falls back to local, with the reason, for a sub-millisecond latency', async () => {
  const lines: string[] = [];
  const proxy = await startLatencyProxy(target, { prefer: 'auto', initialMs: 0.5 }, (line) => lines.push(line));
  await proxy.stop();
  expect(proxy.kind).toBe('local');
  expect(lines).toEqual([expect.stringMatching(/^latency proxy: local .*\(toxiproxy skipped: .*whole milliseconds/)]);
});

test('a forced toxiproxy that cannot run fails fast with what to do', async () => {
  const started = Date.now();
  const options = { prefer: 'toxiproxy', initialMs: 1, toxiproxyImage: 'settings-bench/no-such-image:0' } as const;
  await expect(startLatencyProxy(target, { ...options, containerNetwork: 'host' }, () => {}))
    .rejects.toThrow(/^no Toxiproxy: .*mapped ports.*; use --latency-proxy local/);
  await expect(startLatencyProxy(target, { ...options, containerNetwork: 'bridge' }, () => {}))
    .rejects.toThrow(/^no Toxiproxy: .*(no container runtime|settings-bench\/no-such-image:0)/);
  expect(Date.now() - started).toBeLessThan(15_000);
});
