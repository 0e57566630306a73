// Everything needed to judge whether two runs can be compared. Nothing secret: no
// URLs, no passwords, no hostnames.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import type { Environment } from '../report/schema.ts';

const run = promisify(execFile);

export async function gitState(): Promise<Environment['git']> {
  try {
    const sha = (await run('git', ['rev-parse', 'HEAD'])).stdout.trim();
    // Run folders are written inside the tree; they do not make the code dirty.
    const status = (await run('git', ['status', '--porcelain', '--', '.', ':!results/runs'])).stdout.trim();
    return { sha, dirty: status !== '' };
  } catch {
    return { sha: 'unknown', dirty: true };
  }
}

export async function collectEnvironment(parts: {
  readonly database: Environment['database'];
  readonly servers: Environment['servers'];
  readonly seed: Environment['seed'];
}): Promise<Environment> {
  const cpus = os.cpus();
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    os: { platform: os.platform(), release: os.release(), arch: os.arch() },
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length },
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    database: parts.database,
    servers: parts.servers,
    seed: parts.seed,
    git: await gitState(),
  };
}
