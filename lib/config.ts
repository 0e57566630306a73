// The one place configuration comes from: every knob is declared once here with its
// environment variable, its command-line flag, its default and its validation, so
// `--help` can print all of them and no other file holds a tunable constant.
import { parseArgs } from 'node:util';
import { z } from 'zod';

type OptionSpec = {
  readonly flag: string;
  readonly env: string;
  readonly section: 'server' | 'database' | 'seed' | 'bench';
  readonly description: string;
  readonly default: string | undefined;
  readonly schema: z.ZodType;
  // Secret values (URLs with passwords) are never echoed by --help or error messages.
  readonly secret?: true;
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
// '' means "not given": the suite decides.
const list = <T extends z.ZodType>(item: T) =>
  z.string().transform((text, context) => {
    if (text === '') return undefined;
    const parsed = z.array(item).safeParse(text.split(',').map((part) => part.trim()));
    if (parsed.success) return parsed.data as z.output<T>[];
    context.addIssue({ code: 'custom', message: 'expected a comma-separated list' });
    return z.NEVER;
  });
const optionalInt = (min: number, max: number) =>
  z.union([z.literal('').transform(() => undefined), int(min, max)]);
const optionalNumber = (min: number, max: number) =>
  z.union([z.literal('').transform(() => undefined), z.coerce.number().min(min).max(max)]);
const baseUrls = z.string().transform((text, context) => {
  const entries = text === '' ? [] : text.split(',').map((pair) => pair.split('='));
  const urls: Record<string, string> = {};
  for (const [target, url] of entries) {
    if (target === undefined || url === undefined || !/^https?:\/\/[^/]+/.test(url)) {
      context.addIssue({ code: 'custom', message: 'expected target=http://host:port,...' });
      return z.NEVER;
    }
    urls[target] = url.replace(/\/$/, '');
  }
  return urls;
});
const optionalPath = z.string().transform((text) => (text === '' ? undefined : text));
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const options = {
  host: {
    flag: 'host', env: 'HOST', section: 'server', default: '127.0.0.1', schema: z.string().min(1),
    description: 'address the API server binds to (loopback unless you mean it)',
  },
  port: {
    flag: 'port', env: 'PORT', section: 'server', default: '0', schema: int(0, 65535),
    description: 'port the API server listens on; 0 picks a free one and prints it',
  },
  variant: {
    flag: 'variant', env: 'VARIANT', section: 'server', default: 'optimized', schema: z.string().min(1),
    description: 'which implementation to serve (see variants/index.ts)',
  },
  poolSize: {
    flag: 'pool-size', env: 'POOL_SIZE', section: 'server', default: '10', schema: int(1, 1000),
    description: 'connections in the API server\'s mysql2 pool',
  },
  settingsChunkSize: {
    flag: 'settings-chunk-size', env: 'SETTINGS_CHUNK_SIZE', section: 'server', default: '1000', schema: int(1, 65535),
    description: 'gids per batched IN (...) query; keeps one statement under the server\'s limits',
  },
  maxGidsPerRequest: {
    flag: 'max-gids-per-request', env: 'MAX_GIDS_PER_REQUEST', section: 'server', default: '2000', schema: int(1, 100000),
    description: 'most gids one /max-cpus request may ask for (more is a 400)',
  },
  threadPoolSize: {
    flag: 'thread-pool-size', env: 'THREAD_POOL_SIZE', section: 'server', default: '4', schema: int(1, 256),
    description: 'worker threads in the thread-pool variant',
  },
  traceFile: {
    flag: 'trace-file', env: 'TRACE_FILE', section: 'server', default: '', schema: optionalPath,
    description: 'append OpenTelemetry spans to this file as OTLP JSON lines (docs/tracing.md); unset = tracing off, at no cost',
  },
  dbConnectTimeout: {
    flag: 'db-connect-timeout', env: 'DB_CONNECT_TIMEOUT', section: 'server', default: '30000', schema: int(100, 120000),
    description: 'ms a new connection may take before the request fails with 503 (a thousand threads connecting at once on two cores need long)',
  },
  exitWithStdin: {
    flag: 'exit-with-stdin', env: 'EXIT_WITH_STDIN', section: 'server', default: 'false', schema: bool,
    description: 'exit when standard input closes: a harness holds a pipe there, so no server outlives it',
  },
  calibrationSlowdown: {
    flag: 'calibration-slowdown', env: 'CALIBRATION_SLOWDOWN', section: 'server', default: '0', schema: z.coerce.number().min(0).max(10),
    description: 'CALIBRATION ONLY (make calibrate): busy work added to every request, as a fraction of its own time '
      + '(0.25 = 25 % slower); never set it for anything else',
  },
  mysqlUrl: {
    flag: 'mysql-url', env: 'MYSQL_URL', section: 'database', default: undefined, secret: true,
    schema: z.string().regex(/^mysql:\/\//, 'must look like mysql://user:pass@host:port/db').optional(),
    description: 'use this existing database instead of starting one',
  },
  dbProvider: {
    flag: 'db-provider', env: 'DB_PROVIDER', section: 'database', default: 'auto',
    schema: z.enum(['auto', 'url', 'testcontainers', 'local']),
    description: 'auto = MYSQL_URL, else Testcontainers, else a local mariadbd/mysqld',
  },
  mysqlImage: {
    flag: 'mysql-image', env: 'MYSQL_IMAGE', section: 'database', default: 'mysql:8.4', schema: z.string().min(1),
    description: 'image Testcontainers starts; e.g. settings-bench/mariadb:10.11-local, built by '
      + 'scripts/build-test-image.sh for hosts that cannot pull (use it with --container-network host)',
  },
  containerNetwork: {
    flag: 'container-network', env: 'CONTAINER_NETWORK', section: 'database', default: 'bridge',
    schema: z.enum(['bridge', 'host']),
    description: 'bridge = mapped port (normal Docker); host = share the host\'s loopback',
  },
  containerPort: {
    flag: 'container-port', env: 'CONTAINER_PORT', section: 'database', default: '0', schema: int(0, 65535),
    description: 'port the database listens on inside a host-network container; 0 picks a free one (several may run at once)',
  },

  mysqldBinary: {
    flag: 'mysqld', env: 'MYSQLD', section: 'database', default: undefined, schema: z.string().min(1).optional(),
    description: 'server binary for the local provider (default: mariadbd, else mysqld, from PATH); MySQL from '
      + 'Debian unstable: .tools/mysql/bin/mysqld, fetched by scripts/fetch-mysql.sh',
  },
  dbMaxConnections: {
    flag: 'db-max-connections', env: 'DB_MAX_CONNECTIONS', section: 'database', default: '5000', schema: int(151, 100000),
    description: 'max_connections of a server the harness starts (baseline opens one per gid)',
  },
  dbPerformanceSchema: {
    flag: 'db-performance-schema', env: 'DB_PERFORMANCE_SCHEMA', section: 'database', default: 'on', schema: z.enum(['on', 'off']),
    description: 'performance_schema of a server the harness starts: its statement digests name each repeated statement',
  },
  dbStartTimeout: {
    flag: 'db-start-timeout', env: 'DB_START_TIMEOUT', section: 'database', default: '120', schema: int(1, 3600),
    description: 'seconds a started database may take to accept connections (mysql:8.4 initialises for a while)',
  },
  seed: {
    flag: 'seed', env: 'SEED', section: 'seed', default: '20240607', schema: int(0, 2 ** 31 - 1),
    description: 'faker seed; the same value gives byte-identical data',
  },
  projectSizes: {
    flag: 'project-sizes', env: 'PROJECT_SIZES', section: 'seed', default: '30,100,300,1000',
    schema: z.string().regex(/^\d+(,\d+)*$/, 'comma-separated gid counts').transform((s) => s.split(',').map(Number)),
    description: 'gid count of each seeded project (the last is the article\'s slow page)',
  },
  samplesPerGid: {
    flag: 'samples-per-gid', env: 'SAMPLES_PER_GID', section: 'seed', default: '1440', schema: int(1, 100000),
    description: 'CPU samples per gid (1440 = one day at one-minute resolution)',
  },
  forceSeed: {
    flag: 'force-seed', env: 'FORCE_SEED', section: 'seed', default: 'false', schema: bool,
    description: 'reload even when the database already holds this seed\'s data',
  },
  loadMethod: {
    flag: 'load-method', env: 'SEED_LOAD_METHOD', section: 'seed', default: 'auto', schema: z.enum(['auto', 'insert']),
    description: 'auto = LOAD DATA LOCAL INFILE, multi-row INSERTs if the server refuses it; insert = INSERTs only',
  },
  seedCacheDir: {
    flag: 'seed-cache-dir', env: 'SEED_CACHE_DIR', section: 'seed', default: '.cache/seed', schema: z.string().min(1),
    description: 'where generated seed files are kept and reused (relative to the repository root)',
  },
  suite: {
    flag: 'suite', env: 'SUITE', section: 'bench', default: 'full', schema: z.enum(['quick', 'full']),
    description: 'the set of measurements: quick (about 8 min) or full (about 22 min with the Flask peer); see bench/run/suites.ts',
  },
  benchTargets: {
    flag: 'targets', env: 'BENCH_TARGETS', section: 'bench', default: '', schema: list(z.string().min(1)),
    description: 'comma-separated targets to measure (default: every variant and installed peer, in story order; see bench/run/targets.ts)',
  },
  targetsFile: {
    flag: 'targets-file', env: 'BENCH_TARGETS_FILE', section: 'bench', default: undefined, schema: z.string().min(1).optional(),
    description: 'JSON file of your own servers to measure beside ours (peers/README.md says how)',
  },
  benchRef: {
    flag: 'ref', env: 'BENCH_REF', section: 'bench', default: undefined, schema: z.string().min(1).optional(),
    description: 'also measure the servers of this git revision (a worktree in .cache/revisions, its own npm ci) as '
      + 'targets <name>@<sha>, interleaved with the working tree\'s; `make compare RUN=<run>` compares the two',
  },
  benchCountersOnly: {
    flag: 'counters-only', env: 'BENCH_COUNTERS_ONLY', section: 'bench', default: 'false', schema: bool,
    description: 'only check the targets agree and count their work per request; time nothing (what CI compares to results/reference)',
  },
  benchMicro: {
    flag: 'micro', env: 'BENCH_MICRO', section: 'bench', default: 'true', schema: bool,
    description: 'run the micro-benchmarks (the working tree\'s code only; make calibrate turns them off)',
  },
  calibrationComparisons: {
    flag: 'comparisons', env: 'CALIBRATION_COMPARISONS', section: 'bench', default: '20', schema: int(1, 1000),
    description: '`make calibrate`: comparisons per slowdown (each is one interleaved run of two targets)',
  },
  calibrationSlowdowns: {
    flag: 'slowdowns', env: 'CALIBRATION_SLOWDOWNS', section: 'bench', default: '0,0.1,0.25', schema: list(z.coerce.number().min(0).max(10)),
    description: '`make calibrate`: extra cost of the slowed copy, as fractions (0 = the same code twice, an A/A comparison)',
  },
  calibrationFolder: {
    flag: 'calibration-folder', env: 'CALIBRATION_FOLDER', section: 'bench', default: undefined, schema: z.string().min(1).optional(),
    description: '`make calibrate`: judge the runs of this earlier calibration folder again (thresholds included) instead of measuring',
  },
  benchSizes: {
    flag: 'sizes', env: 'BENCH_SIZES', section: 'bench', default: '', schema: list(z.coerce.number().int().min(1)),
    description: 'gid counts of the seeded projects to measure (default: from the suite; `make profile`: the largest)',
  },
  benchLatencies: {
    flag: 'latencies', env: 'BENCH_LATENCIES', section: 'bench', default: '', schema: list(z.coerce.number().min(0).max(1000)),
    description: 'injected app-to-database round-trip ms to sweep, 0 first (default: from the suite)',
  },
  pinCpus: {
    flag: 'pin-cpus', env: 'BENCH_PIN_CPUS', section: 'bench', default: '', schema: z.string().regex(/^$|^[\d,-]+:[\d,-]+$/, 'expected <harness CPUs>:<target CPUs>, e.g. 0:1'),
    description: 'pin the harness (load generator) and the servers under test to separate CPUs with taskset, e.g. 0:1 (default: no pinning; the README says what it did)',
  },
  benchRepetitions: {
    flag: 'repetitions', env: 'BENCH_REPETITIONS', section: 'bench', default: '', schema: optionalInt(1, 100),
    description: 'times each measurement is repeated, variants interleaved (default: from the suite)',
  },
  loadDuration: {
    flag: 'duration', env: 'BENCH_DURATION', section: 'bench', default: '', schema: optionalNumber(0.5, 600),
    description: 'seconds of autocannon load per variant and repetition (default: from the suite)',
  },
  loadConnections: {
    flag: 'connections', env: 'BENCH_CONNECTIONS', section: 'bench', default: '', schema: optionalInt(1, 1000),
    description: 'concurrent connections under load (default: from the suite)',
  },
  latencyProxy: {
    flag: 'latency-proxy', env: 'LATENCY_PROXY', section: 'bench', default: 'auto', schema: z.enum(['auto', 'toxiproxy', 'local']),
    description: 'how latency is injected: Toxiproxy (containers) or the local delay proxy',
  },
  toxiproxyImage: {
    flag: 'toxiproxy-image', env: 'TOXIPROXY_IMAGE', section: 'bench', default: 'ghcr.io/shopify/toxiproxy:2.12.0', schema: z.string().min(1),
    description: 'image of the Toxiproxy container (the one @testcontainers/toxiproxy is tested with)',
  },
  baseUrls: {
    flag: 'base-urls', env: 'BENCH_BASE_URLS', section: 'bench', default: '', schema: baseUrls,
    description: 'measure running servers instead of starting them: target=http://host:port,...',
  },
  chromePath: {
    flag: 'chrome-path', env: 'CHROME_PATH', section: 'bench', default: undefined, schema: z.string().min(1).optional(),
    description: 'Chromium or Chrome for the browser test and screenshots (default: chromium, chromium-browser, google-chrome from PATH)',
  },
  resultsDir: {
    flag: 'results-dir', env: 'RESULTS_DIR', section: 'bench', default: 'results/runs', schema: z.string().min(1),
    description: 'where run folders are written',
  },
  profileRequests: {
    flag: 'requests', env: 'PROFILE_REQUESTS', section: 'bench', default: '50', schema: int(1, 10000),
    description: '`make profile`: settings-page requests sent one after another while the CPU profiler records',
  },
  profileSeconds: {
    flag: 'max-seconds', env: 'PROFILE_MAX_SECONDS', section: 'bench', default: '20', schema: z.coerce.number().min(0).max(3600),
    description: '`make profile`: send no new request after this long (at least one is always sent; the baseline\'s large page takes tens of seconds)',
  },
  traceOut: {
    flag: 'trace-out', env: 'TRACE_OUT', section: 'bench', default: 'results/traces', schema: z.string().min(1),
    description: '`make trace`: where <variant>-<gids>gids.otlp.json, .waterfall.svg, .wall.folded/.svg and the differential flame graphs are written',
  },
  profileDir: {
    flag: 'out', env: 'PROFILE_OUT', section: 'bench', default: 'results/profiles', schema: z.string().min(1),
    description: '`make profile`: where <variant>-<gids>gids.cpuprofile, .folded and .svg are written',
  },
} as const satisfies Record<string, OptionSpec>;

type Options = typeof options;
export type Config = { readonly [K in keyof Options]: z.output<Options[K]['schema']> };
export type Section = OptionSpec['section'];

export type CliResult =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'config'; readonly config: Config }
  | { readonly kind: 'error'; readonly message: string };

export function parseConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  sections: readonly Section[] = ['server', 'database', 'seed', 'bench'],
): CliResult {
  const entries = Object.entries(options) as [keyof Options, OptionSpec][];
  const visible = entries.filter(([, spec]) => sections.includes(spec.section));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(visible.map(([, spec]) => [spec.flag, { type: 'string' as const }])),
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}; see --help` };
  }
  if (values['help'] === true) return { kind: 'help', text: helpText(sections) };

  const config: Record<string, unknown> = {};
  for (const [key, spec] of entries) {
    const fromFlag = values[spec.flag];
    const raw = typeof fromFlag === 'string' ? fromFlag : (env[spec.env] ?? spec.default);
    const parsed = spec.schema.safeParse(raw === '' ? spec.default : raw);
    if (!parsed.success) {
      const shown = spec.secret ? '(hidden)' : JSON.stringify(raw);
      const reason = parsed.error.issues[0]?.message ?? 'invalid';
      return { kind: 'error', message: `--${spec.flag} / ${spec.env} = ${shown}: ${reason}` };
    }
    config[key] = parsed.data;
  }
  return { kind: 'config', config: config as Config };
}

// Which options the command line or the environment set, the rest being defaults: a
// benchmark suite's own value for a server setting applies only where none was given.
export function givenOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ReadonlySet<keyof Options> {
  const entries = Object.entries(options) as [keyof Options, OptionSpec][];
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(entries.map(([, spec]) => [spec.flag, { type: 'string' as const }])),
    strict: false,
    allowPositionals: true,
  });
  const given = entries.filter(([, spec]) => typeof values[spec.flag] === 'string' || (env[spec.env] ?? '') !== '');
  return new Set(given.map(([key]) => key));
}

export function helpText(sections: readonly Section[]): string {
  const lines: string[] = ['Options (flag, environment variable, default):'];
  for (const section of sections) {
    lines.push('', `  ${section}:`);
    for (const spec of Object.values(options) as OptionSpec[]) {
      if (spec.section !== section) continue;
      const shownDefault = spec.default === undefined || spec.default === '' ? 'unset' : spec.default;
      lines.push(`    --${spec.flag} <value>   ${spec.env}   (default: ${shownDefault})`);
      lines.push(`        ${spec.description}`);
    }
  }
  lines.push('', '  --help   print this text');
  return lines.join('\n');
}

// For command-line entry points: prints help or a one-line error and exits, so callers
// only ever see a valid Config.
export function configFromCli(
  sections: readonly Section[],
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const result = parseConfig(argv, env, sections);
  switch (result.kind) {
    case 'config':
      return result.config;
    case 'help':
      process.stdout.write(`${result.text}\n`);
      process.exit(0);
    case 'error':
      process.stderr.write(`error: ${result.message}\n`);
      process.exit(2);
  }
}
