// The Testcontainers provider for real, in host-network mode with a locally built
// image (scripts/build-test-image.sh; TEST_IMAGE picks MariaDB's or MySQL's). Skipped,
// with the reason, where there is no Docker daemon or no such image; CI builds both
// images, runs this file once with each and sets REQUIRE_TESTCONTAINERS=1 so that a
// skip becomes a failure there.
import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { getContainerRuntimeClient } from 'testcontainers';
import { expect, test } from 'vitest';
import { LABELS } from '../../../../bench/tools/db/container-labels.ts';
import { freePort } from '../../../../bench/tools/db/ports.ts';
import { startContainer } from '../../../../bench/tools/db/testcontainers.ts';
import { isUnavailable } from '../../../../bench/tools/db/types.ts';
import { startServerProcess } from '../../../../bench/run/server-process.ts';
import { seedDatabase } from '../../../../seed/seed.ts';
import type { SettingsPage } from '../../../../lib/types.ts';
import { getJson } from '../../../support/http.ts';
import { configFrom } from './helpers.ts';

const IMAGE = process.env['TEST_IMAGE'] ?? 'settings-bench/mariadb:10.11-local';

async function ourContainers(): Promise<string[]> {
  const dockerode = (await getContainerRuntimeClient()).container.dockerode;
  const filters = { label: [`${LABELS.ownerPid}=${process.pid}`] };
  return (await dockerode.listContainers({ all: true, filters })).map((info) => info.Id);
}

test('starts a host-network container that answers, and stop() removes it', async (context) => {
  const config = configFrom([
    '--db-provider', 'testcontainers',
    '--container-network', 'host',
    '--mysql-image', IMAGE,
    '--container-port', String(await freePort()),
    '--db-max-connections', '1234',
  ]);
  const attempt = await startContainer(config);
  if (isUnavailable(attempt)) {
    if (process.env['REQUIRE_TESTCONTAINERS'] === '1') throw new Error(attempt.unavailable);
    context.skip(`${attempt.unavailable} (run scripts/build-test-image.sh to enable)`);
    return;
  }
  try {
    expect(attempt.summary).toContain(IMAGE);
    expect(attempt.summary).not.toContain(new URL(attempt.url).password);
    const connection = await mysql.createConnection(attempt.url);
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT @@max_connections AS maxConnections, @@local_infile AS localInfile, DATABASE() AS db, VERSION() AS version',
    );
    await connection.end();
    const { version, ...settings } = rows[0] ?? ({} as RowDataPacket);
    expect(settings).toEqual({ maxConnections: 1234, localInfile: 1, db: 'settings' });
    // The image holds the server its name promises.
    expect(/mariadb/i.test(String(version)), String(version)).toBe(/mariadb/i.test(IMAGE));
    expect(await ourContainers()).toHaveLength(1);

    // The whole path on the container: seed it, serve it, load the settings page.
    const seedConfig = configFrom(['--project-sizes', '30,40', '--samples-per-gid', '60', '--force-seed', 'true']);
    const seeded = await seedDatabase(attempt.url, seedConfig, () => undefined);
    const project = seeded.summary.projects[0];
    if (project === undefined) throw new Error('nothing seeded');
    for (const variant of ['baseline', 'optimized']) {
      const server = await startServerProcess({ variant, mysqlUrl: attempt.url });
      try {
        const page = await getJson(server.url, `/api/projects/${project.code}/settings`);
        expect(page.status, variant).toBe(200);
        expect((page.body as SettingsPage).groups).toHaveLength(project.gids);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await attempt.stop();
  }
  expect(await ourContainers()).toEqual([]);
}, 120_000);
