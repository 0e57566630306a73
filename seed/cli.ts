// Seeds an existing database:
//   node seed/cli.ts --mysql-url mysql://user:pass@host:3306/settings [--seed N] [--project-sizes 30,300,1000]
// The default sizes make three projects; the last (1000 gids) is the article's slow page.
import { configFromCli } from '../lib/config.ts';
import { seedDatabase } from './seed.ts';

const config = configFromCli(['database', 'seed']);
if (config.mysqlUrl === undefined) {
  process.stderr.write('error: --mysql-url / MYSQL_URL is required (mysql://user:pass@host:port/db)\n');
  process.exit(2);
}
const log = (line: string): void => void process.stdout.write(`${line}\n`);
log(`seed: target ${printableTarget(config.mysqlUrl)}`);
try {
  const { summary } = await seedDatabase(config.mysqlUrl, config, log);
  log(`seed: projects ${summary.projects.map((project) => `${project.code} (${project.gids} gids)`).join(', ')}`);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}

// host:port/db only: the URL may carry a password.
function printableTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '3306'}${parsed.pathname}`;
}
