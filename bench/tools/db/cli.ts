// Starts a throwaway database for manual work and keeps it until Ctrl-C:
//   node bench/tools/db/cli.ts [database options]              log lines on stderr
//   node bench/tools/db/cli.ts --print-url [database options]  also the URL on stdout
//   node bench/tools/db/cli.ts --url-file .cache/db-url        also the URL in that file
// The file (mode 600, removed on exit) lets another terminal copy-paste one line,
// `export MYSQL_URL="$(cat .cache/db-url)"`, instead of a URL holding a password.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configFromCli } from '../../../lib/config.ts';
import { installSignalHandlers, onCleanup } from '../../run/cleanup.ts';
import { startDatabase } from './index.ts';

// Its own two flags; everything else is a database option of lib/config.ts.
function ownFlags(args: readonly string[]): { printUrl: boolean; urlFile: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let printUrl = false;
  let urlFile: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--print-url') printUrl = true;
    else if (arg === '--url-file') urlFile = args[++i];
    else if (arg.startsWith('--url-file=')) urlFile = arg.slice('--url-file='.length);
    else rest.push(arg);
  }
  return { printUrl, urlFile, rest };
}

const { printUrl, urlFile, rest } = ownFlags(process.argv.slice(2));
const config = configFromCli(['database'], rest);
installSignalHandlers(0);

const log = (line: string): void => void process.stderr.write(`${line}\n`);
try {
  const database = await startDatabase(config, log);
  if (printUrl) process.stdout.write(`${database.url}\n`);
  if (urlFile !== undefined) {
    await mkdir(path.dirname(urlFile), { recursive: true });
    await writeFile(urlFile, `${database.url}\n`, { mode: 0o600 });
    onCleanup(() => rm(urlFile, { force: true }));
    log(`its URL is in ${urlFile}: export MYSQL_URL="$(cat ${urlFile})" in the terminals that use it`);
  }
  log('press Ctrl-C to stop it');
  // Nothing else keeps the process alive while a container runs; the signal handlers
  // stop the database and exit.
  setInterval(() => {}, 2 ** 30);
} catch (error) {
  log(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
