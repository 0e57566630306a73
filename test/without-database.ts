// The test files that need no database: CI (.ci/run) runs them once, on the MariaDB
// pass, and every other file on MariaDB and again on MySQL (test/database.vitest.config.ts).
// test/without-database.test.ts checks that none of these reaches for a database.
export const testsWithoutDatabase: readonly string[] = [
  'test/bench/chromium.test.ts',
  'test/bench/compare/**/*.test.ts',
  'test/bench/cpu-pinning.test.ts',
  'test/bench/latency/chooser.test.ts',
  'test/bench/latency/relay.test.ts',
  'test/bench/latency/via-proxy.test.ts',
  'test/bench/load/**/*.test.ts',
  'test/bench/machine-load.test.ts',
  'test/bench/plan.test.ts',
  'test/bench/profile/converter/**/*.test.ts',
  'test/bench/report/**/*.test.ts',
  'test/bench/run-state.test.ts',
  'test/bench/statements/fingerprint.test.ts',
  'test/bench/stats/**/*.test.ts',
  'test/bench/trace/**/*.test.ts',
  'test/github/**/*.test.ts',
  'test/lib/config.test.ts',
  'test/lib/request-stats.test.ts',
  'test/lib/tracing/**/*.test.ts',
  'test/lib/validation.test.ts',
  'test/seed/generate.test.ts',
  'test/seed/text-formats.test.ts',
  'test/without-database.test.ts',
];
