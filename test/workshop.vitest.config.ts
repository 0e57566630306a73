// The workshop's doc-test on its own (make test-workshop): it runs docs/workshop.md's
// commands, which start their own database (`make db`), so no globalSetup; one step may
// take minutes, and each command is bounded by the test itself (WORKSHOP_COMMAND_TIMEOUT_S).
//   node_modules/.bin/vitest run --config test/workshop.vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/docs/workshop.test.ts'],
    fileParallelism: false,
    // Fallbacks only: each step sets its own timeout from its commands' bound.
    testTimeout: 6 * 60 * 60_000,
    hookTimeout: 10 * 60_000,
    teardownTimeout: 10 * 60_000,
    reporters: ['default'],
  },
});
