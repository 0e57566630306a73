// Provider "testcontainers": a throwaway server in a container. On a normal Docker host
// that is the official mysql image with a mapped port; where containers can only share
// the host's network (see scripts/build-test-image.sh) it is a host-network container.
import { MySqlContainer } from '@testcontainers/mysql';
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { GenericContainer } from 'testcontainers';
import type { ContainerRuntimeClient, StartedTestContainer } from 'testcontainers';
import type { Config } from '../../../lib/config.ts';
import { ownerLabels } from './container-labels.ts';
import { ensureImage, reachRuntime } from './container-runtime.ts';
import { checkServer, describeVersion, waitForMysql } from './mysql-probe.ts';
import { freePort, portIsFree } from './ports.ts';
import { openFilesLimit, serverArgs } from './server-options.ts';
import { isUnavailable } from './types.ts';
import type { Attempt } from './types.ts';
import { mysqlUrl, newPassword } from './url.ts';

const DATABASE = 'settings';
const USER = 'bench';
const LOG_TAIL_LINES = 20;

type Started = { readonly container: StartedTestContainer; readonly host: string; readonly port: number };
type Secrets = { readonly password: string; readonly rootPassword: string };

export async function startContainer(config: Config): Promise<Attempt> {
  const client = await reachRuntime(config);
  if (isUnavailable(client)) return client;
  const missing = await ensureImage(client, config.mysqlImage);
  if (missing !== undefined) return missing;

  const secrets = { password: newPassword(), rootPassword: newPassword() };
  const { container, host, port } = config.containerNetwork === 'host'
    ? await startOnHostNetwork(config, secrets)
    : await startWithMappedPort(config, secrets);
  let stopping: Promise<void> | undefined;
  // Killed and removed at once (Testcontainers' default): the data is worthless.
  const stop = (): Promise<void> => (stopping ??= container.stop().then(() => undefined));

  const url = mysqlUrl({ user: USER, password: secrets.password, host, port, database: DATABASE });
  try {
    const info = await waitForMysql(url, {
      timeoutMs: config.dbStartTimeout * 1000,
      gone: () => exitReason(client, container),
      logTail: () => logTail(container),
    });
    checkServer(info, config.dbMaxConnections);
    await grantStatementDigests({ host, port, password: secrets.rootPassword });
    const summary = `testcontainers ${config.mysqlImage} (${describeVersion(info.version)}) `
      + `in container ${container.getId().slice(0, 12)} on ${host}:${port}`;
    // Both the official image and ours create root@'%' when given MYSQL_ROOT_PASSWORD.
    const adminUrl = mysqlUrl({ user: 'root', password: secrets.rootPassword, host, port, database: DATABASE });
    return { provider: 'testcontainers', url, adminUrl, summary, server: info, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startWithMappedPort(config: Config, secrets: Secrets): Promise<Started> {
  const container = await configure(new MySqlContainer(config.mysqlImage), config)
    .withDatabase(DATABASE)
    .withUsername(USER)
    .withUserPassword(secrets.password)
    .withRootPassword(secrets.rootPassword)
    .start();
  return { container, host: container.getHost(), port: container.getPort() };
}

// MySqlContainer always exposes 3306 and waits for its port mapping, which never
// appears in host network mode, so this path uses a GenericContainer.
async function startOnHostNetwork(config: Config, secrets: Secrets): Promise<Started> {
  // The container shares the host's ports, so it needs a free one of them.
  const port = config.containerPort === 0 ? await freePort() : config.containerPort;
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port} on 127.0.0.1 is in use; choose another with --container-port`);
  }
  const container = await configure(new GenericContainer(config.mysqlImage), config)
    .withNetworkMode('host')
    .withEnvironment({
      MYSQL_DATABASE: DATABASE,
      MYSQL_USER: USER,
      MYSQL_PASSWORD: secrets.password,
      MYSQL_ROOT_PASSWORD: secrets.rootPassword,
      // Read by mysqld itself (MySQL and MariaDB) and by our image's entry.sh.
      MYSQL_TCP_PORT: String(port),
    })
    .start();
  return { container, host: '127.0.0.1', port };
}

// Readiness is decided by waitForMysql, not by a Testcontainers wait strategy: the
// official image logs "ready for connections" twice and ours once.
function configure<C extends GenericContainer>(container: C, config: Config): C {
  const files = openFilesLimit(config.dbMaxConnections);
  return container
    .withLabels(ownerLabels(randomUUID()))
    .withCommand(serverArgs(config.dbMaxConnections, config.dbPerformanceSchema))
    .withUlimits({ nofile: { soft: files, hard: files } })
    .withStartupTimeout(config.dbStartTimeout * 1000);
}

async function exitReason(client: ContainerRuntimeClient, container: StartedTestContainer): Promise<string | undefined> {
  const inspected = await client.container.inspect(client.container.getById(container.getId()));
  return inspected.State.Running ? undefined : `exited with code ${inspected.State.ExitCode}`;
}

// The work counters read statement digests (bench/measure/statements/digests.ts); both images
// grant the user its own database only.
async function grantStatementDigests(root: { host: string; port: number; password: string }): Promise<void> {
  const connection = await mysql.createConnection({ uri: mysqlUrl({ user: 'root', database: DATABASE, ...root }) });
  try {
    await connection.query("GRANT SELECT ON performance_schema.* TO ?@'%'", [USER]);
  } finally {
    await connection.end();
  }
}

// Testcontainers' log stream follows a running container forever: read briefly.
async function logTail(container: StartedTestContainer): Promise<string> {
  const stream = await container.logs({ tail: LOG_TAIL_LINES });
  let text = '';
  stream.on('data', (chunk: string | Buffer) => (text += chunk.toString()));
  await new Promise((resolve) => {
    stream.once('end', resolve);
    setTimeout(resolve, 500);
  });
  stream.destroy();
  return text.trimEnd() || '(no log output)';
}

// base64url: safe in URLs and in the SQL literal the image's entrypoint writes.
