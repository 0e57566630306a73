// Starts a throwaway database for manual work and keeps it until Ctrl-C:
//   node bench/tools/db/cli.ts [database options]              log lines on stderr
//   node bench/tools/db/cli.ts --print-url [database options]  also the URL on stdout, e.g.
//   read -r MYSQL_URL < <(node bench/tools/db/cli.ts --print-url) (the URL holds a password)
import { configFromCli } from '../../../lib/config.ts';
import { installSignalHandlers } from '../../run/cleanup.ts';
import { startDatabase } from './index.ts';

const args = process.argv.slice(2);
const printUrl = args.includes('--print-url');
const config = configFromCli(['database'], args.filter((arg) => arg !== '--print-url'));
installSignalHandlers(0);

const log = (line: string): void => void process.stderr.write(`${line}\n`);
try {
  const database = await startDatabase(config, log);
  if (printUrl) process.stdout.write(`${database.url}\n`);
  log('press Ctrl-C to stop it');
  // Nothing else keeps the process alive while a container runs; the signal handlers
  // stop the database and exit.
  setInterval(() => {}, 2 ** 30);
} catch (error) {
  log(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
