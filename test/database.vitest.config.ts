// Every test file that needs a database, and nothing else: what CI runs a second time
// against MySQL (.ci/run), after the whole suite ran against MariaDB.
//   MYSQLD=.tools/mysql/bin/mysqld node_modules/.bin/vitest run --config test/database.vitest.config.ts
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import main from '../vitest.config.ts';
import { testsWithoutDatabase } from './without-database.ts';

export default mergeConfig(main, defineConfig({
  test: { exclude: [...configDefaults.exclude, ...testsWithoutDatabase] },
}));
