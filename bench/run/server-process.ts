// One of our own variants as a target: `node lib/serve.ts --variant <name>`, started by
// the same contract as any other server (target-process.ts).
import { fileURLToPath } from 'node:url';
import { startTargetProcess } from './target-process.ts';
import type { TargetCommand, TargetProcess } from './target-process.ts';

export type ServerProcess = TargetProcess;

export type ServerProcessOptions = {
  readonly variant: string;
  readonly mysqlUrl: string;
  // Extra environment (POOL_SIZE, SETTINGS_CHUNK_SIZE, TRACE_FILE, ...) passed to lib/config.ts.
  readonly env?: Readonly<Record<string, string>>;
  readonly execArgv?: readonly string[];
  readonly readyTimeoutMs?: number;
};

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export function variantCommand(
  variant: string,
  env: Readonly<Record<string, string>> = {},
  execArgv: readonly string[] = [],
): TargetCommand {
  return {
    command: process.execPath,
    args: [...execArgv, 'lib/serve.ts', '--variant', variant],
    cwd: repositoryRoot,
    // Tracing only when asked for here: a TRACE_FILE left in the shell must not put its
    // cost into a benchmark.
    env: { TRACE_FILE: '', ...env },
  };
}

export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  return startTargetProcess({
    name: options.variant,
    command: variantCommand(options.variant, options.env, options.execArgv),
    mysqlUrl: options.mysqlUrl,
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
  });
}
