// The exact commands that rebuild and compare a run, from what the run recorded.

// Safe characters stay bare; anything else is single-quoted for a POSIX shell.
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// `run.argv` holds the arguments given to bench/run/cli.ts (process.argv after the script).
export function benchCommand(argv: readonly string[]): string {
  return ['node', 'bench/run/cli.ts', ...argv].map(shellQuote).join(' ');
}

export function runFolder(runId: string): string {
  return `results/runs/${runId}`;
}
