// Pure tests of the comparison statistics: no database, so no globalSetup. For
// quick runs while the integration setup is elsewhere in progress:
//   node_modules/.bin/vitest run --config test/unit.vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/bench/stats/**/*.test.ts', 'test/bench/compare/**/*.test.ts', 'test/bench/report/**/*.test.ts', 'test/bench/profile/converter/**/*.test.ts', 'test/bench/statements/fingerprint.test.ts', 'test/bench/plan.test.ts', 'test/bench/run-state.test.ts', 'test/github/**/*.test.ts'],
    reporters: ['default'],
  },
});
