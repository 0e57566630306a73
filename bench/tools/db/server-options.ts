// Server options for every database the harness starts itself (local mariadbd/mysqld
// and containers), valid for MariaDB 10.11+ and MySQL 8.4 alike. The throwaway server
// is tuned for the benchmark, not for keeping data.
// scripts/test-image/entry.sh repeats these values as its defaults.

// Two descriptors per cached table (MyISAM heritage in the server's formula); 2000 is
// MariaDB's default and plenty for five tables.
const TABLE_OPEN_CACHE = 2000;
// InnoDB data and log files, the socket, the error log, ...
const SPARE_FILES = 512;

// The server keeps max_connections only if it gets at least this many open files;
// otherwise it quietly lowers max_connections and the baseline fails for a reason the
// article never had.
export function openFilesLimit(maxConnections: number): number {
  return maxConnections + 2 * TABLE_OPEN_CACHE + SPARE_FILES;
}

// Statement digests only: they name every statement a request ran (bench/measure/statements/).
// Other instruments and every event history stay off, which keeps the cost small
// (docs/ci.md quotes the measured difference) and the memory at about 90 MB on MariaDB.
function performanceSchemaArgs(on: boolean): string[] {
  if (!on) return ['--performance-schema=OFF'];
  const histories = ['statements', 'stages', 'waits', 'transactions'].flatMap((events) => [
    `--performance-schema-events-${events}-history-size=0`,
    `--performance-schema-events-${events}-history-long-size=0`,
  ]);
  // No per account, host and user summaries: aggregating a thread's figures into them
  // when it disconnects is what performance_schema costs a new connection most.
  const summaries = ['accounts', 'hosts', 'users'].map((table) => `--performance-schema-${table}-size=0`);
  return [
    '--performance-schema=ON', '--performance-schema-instrument=%=OFF', '--performance-schema-instrument=statement/%=ON',
    ...histories, ...summaries, '--performance-schema-session-connect-attrs-size=0',
  ];
}

export function serverArgs(maxConnections: number, performanceSchema: 'on' | 'off' = 'on'): string[] {
  return [
    ...performanceSchemaArgs(performanceSchema === 'on'),
    `--max-connections=${maxConnections}`,
    `--open-files-limit=${openFilesLimit(maxConnections)}`,
    `--table-open-cache=${TABLE_OPEN_CACHE}`,
    // The seed loader uses LOAD DATA LOCAL INFILE (off by default on MySQL 8).
    '--local-infile=1',
    // No DNS lookup per connection: the baseline opens one connection per gid.
    '--skip-name-resolve',
    // A thousand threads starting at once on two cores can take longer than the default
    // 10 s to answer the handshake; the server would reset them, a failure the article never had.
    '--connect-timeout=60',
    '--innodb-buffer-pool-size=512M',
    // Durability is worthless for a throwaway: no fsync per commit, no binary log.
    '--innodb-flush-log-at-trx-commit=2',
    '--sync-binlog=0',
    '--skip-log-bin',
    // Dumping the buffer pool on shutdown turns a 20 ms stop into about 1.4 s.
    '--innodb-buffer-pool-dump-at-shutdown=OFF',
    '--innodb-buffer-pool-load-at-startup=OFF',
  ];
}
