// The application reaches the database through the proxy by a rewritten URL: only
// host and port may change.
import { expect, test } from 'vitest';
import { viaProxy } from '../../../../bench/tools/latency/types.ts';

test('keeps user, password, database and parameters', () => {
  const url = 'mysql://bench:p%40ss%3Aw0rd@127.0.0.1:33306/settings?connectTimeout=5000';
  expect(viaProxy(url, { host: '127.0.0.1', port: 41234 })).toBe(
    'mysql://bench:p%40ss%3Aw0rd@127.0.0.1:41234/settings?connectTimeout=5000',
  );
});

test('adds a port where the URL had none, and brackets an IPv6 host', () => {
  expect(viaProxy('mysql://root@localhost/mysql', { host: 'localhost', port: 3307 })).toBe('mysql://root@localhost:3307/mysql');
  expect(viaProxy('mysql://root@127.0.0.1:3306/db', { host: '::1', port: 3307 })).toBe('mysql://root@[::1]:3307/db');
});
