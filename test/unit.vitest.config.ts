// The tests that need no database, so no globalSetup: for quick runs while the
// integration setup is elsewhere in progress:
//   node_modules/.bin/vitest run --config test/unit.vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testsWithoutDatabase } from './without-database.ts';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: [...testsWithoutDatabase],
    reporters: ['default'],
  },
});
