// Runs one variant's server under Node's own sampling profiler (--cpu-prof), sends it a
// fixed load, and hands back the main thread's profile and the time window of the load.
// The profile is written by Node when the process exits, so the server must be stopped
// gracefully (SIGTERM → app.close() → process.exit in lib/serve.ts), never killed.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../../run/cleanup.ts';
import { createOneConnectionAgent, timeRequest } from '../../measure/page-load.ts';
import { startServerProcess } from '../../run/server-process.ts';
import type { TimeWindow } from './cpuprofile.ts';

export type CaptureOptions = {
  readonly variant: string;
  readonly mysqlUrl: string;
  readonly env: Readonly<Record<string, string>>;
  // Requested once before recording starts to count, so connection pools are open and
  // the hot code is compiled: the graph then shows the page, not the first request.
  readonly warmUpPath: string;
  readonly pagePath: string;
  readonly requests: number;
  readonly maxSeconds: number;
};

export type Capture = {
  // The main thread's .cpuprofile exactly as Node wrote it (startup included).
  readonly profileText: string;
  // When the load ran, on the profile's clock: what the flame graph shows.
  readonly load: TimeWindow;
  readonly pageMs: readonly number[];
  // Worker threads inherit --cpu-prof and each writes its own file as it ends (the
  // baseline starts one per gid per request). Only the main thread's is kept: requests
  // are handled there, and there the cost of starting and joining the threads shows.
  // The others are counted, then deleted with the temporary directory.
  readonly workerProfiles: number;
};

const exitTimeoutMs = 120_000;
// CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile; thread id 0 is the main thread.
const profileName = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/;

export async function captureProfile(options: CaptureOptions): Promise<Capture> {
  const dir = await mkdtemp(join(tmpdir(), 'settings-cpu-prof-'));
  const removeDir = onCleanup(() => rm(dir, { recursive: true, force: true }));
  try {
    const server = await startServerProcess({
      variant: options.variant,
      mysqlUrl: options.mysqlUrl,
      env: options.env,
      execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    });
    const stopServer = onCleanup(() => server.stop());
    const agent = createOneConnectionAgent();
    let load: TimeWindow;
    const pageMs: number[] = [];
    try {
      await ok(server.url + options.warmUpPath, agent);
      const fromUs = nowUs();
      const deadline = fromUs + options.maxSeconds * 1e6;
      while (pageMs.length < options.requests && (pageMs.length === 0 || nowUs() < deadline)) {
        pageMs.push(await ok(server.url + options.pagePath, agent));
      }
      load = { fromUs, toUs: nowUs() };
    } finally {
      agent.destroy();
      // The profile is written as the server exits: writing a long one on a busy machine
      // can take far longer than the usual grace.
      await server.stop(exitTimeoutMs);
      stopServer();
    }
    return { ...(await mainThreadProfile(dir, server.pid)), load, pageMs };
  } finally {
    removeDir();
    await rm(dir, { recursive: true, force: true });
  }
}

async function ok(url: string, agent: ReturnType<typeof createOneConnectionAgent>): Promise<number> {
  const response = await timeRequest(url, agent);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.ms;
}

async function mainThreadProfile(dir: string, pid: number): Promise<{ profileText: string; workerProfiles: number }> {
  const threads = (await readdir(dir)).flatMap((name) => {
    const match = profileName.exec(name);
    return match === null ? [] : [{ name, pid: Number(match[1]), thread: Number(match[2]) }];
  });
  const main = threads.find((file) => file.pid === pid && file.thread === 0);
  if (main === undefined) {
    throw new Error(`server ${pid} wrote no main-thread profile: it did not exit in time after SIGTERM and was killed`);
  }
  return { profileText: await readFile(join(dir, main.name), 'utf8'), workerProfiles: threads.length - 1 };
}

// The clock V8 stamps profile samples with (CLOCK_MONOTONIC, in microseconds).
function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
