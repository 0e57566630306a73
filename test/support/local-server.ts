// The local-provider and fault tests start, and kill, a server process of their own: they
// need a mariadbd or mysqld binary (MYSQLD, or on PATH). A machine with only Docker has
// none; there these tests skip and say why, and CI (REQUIRE_LOCAL_SERVER=1) fails instead.
import type { TestContext } from 'vitest';
import { findServerBinary } from '../../bench/tools/db/local-binary.ts';
import { isUnavailable } from '../../bench/tools/db/types.ts';
import { configFrom } from '../bench/tools/db/helpers.ts';

// Why a local server cannot be started here, printed once; undefined when it can. For a
// whole describe block (describe.skipIf), where no test context exists yet.
export async function localServerMissing(): Promise<string | undefined> {
  const binary = await findServerBinary(configFrom([]));
  if (!isUnavailable(binary)) return undefined;
  if (process.env['REQUIRE_LOCAL_SERVER'] === '1') throw new Error(binary.unavailable);
  const reason = `${binary.unavailable}: install mariadb-server or set MYSQLD to run this test`;
  // The default reporter shows only a count of skipped tests; the reason belongs in the output.
  console.warn(`skipped: ${reason}`);
  return reason;
}

export async function skipWithoutLocalServer(context: TestContext): Promise<void> {
  const reason = await localServerMissing();
  if (reason !== undefined) context.skip(reason);
}
