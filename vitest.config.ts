import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The workshop's doc-test runs the whole guide, its own database included: make
    // test-workshop (test/workshop.vitest.config.ts). Its parser's tests stay here.
    exclude: [...configDefaults.exclude, 'test/docs/workshop.test.ts'],
    // One real database, started once for the whole run.
    globalSetup: ['test/global-setup.ts'],
    // Files run one after another: work-counting tests read the server's global
    // counters, and two cores are better spent on the servers under test.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
