// The latency proxy tests on their own: each file starts the database it needs, so no
// globalSetup (no seeding). For quick runs while the rest of the suite is elsewhere:
//   node_modules/.bin/vitest run --config test/latency.vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/bench/tools/latency/**/*.test.ts'],
    // Timing tests measure better without another test file competing for two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
