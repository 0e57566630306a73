// The Flask peer as targets of the harness: the article's own stack at the four points of
// its story, each started by the contract of peers/README.md (bench/run/target-process.ts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TargetCommand } from '../../bench/run/target-process.ts';

export type FlaskStage = 'before' | 'wave1' | 'wave2' | 'after';

export type FlaskTarget = {
  readonly name: string;
  readonly stage: FlaskStage;
  readonly summary: string;
  // Whether its page carries maxCpu, as a Variant's (lib/types.ts).
  readonly maxCpuOnPage: 'eager' | 'lazy';
};

// In story order, like variants/index.ts; STAGE picks one in peers/flask/stages.py.
export const flaskTargets: readonly FlaskTarget[] = [
  { name: 'flask-before', stage: 'before', maxCpuOnPage: 'eager', summary: 'a threading.Thread per gid, each on its own connection; settings N+1' },
  { name: 'flask-wave1', stage: 'wave1', maxCpuOnPage: 'lazy', summary: 'wave 1 alone: max CPU on demand, one grouped query; settings N+1' },
  { name: 'flask-wave2', stage: 'wave2', maxCpuOnPage: 'eager', summary: 'wave 2 alone: a thread per gid; settings in one .in_() query' },
  { name: 'flask-after', stage: 'after', maxCpuOnPage: 'lazy', summary: 'both waves: max CPU on demand; settings in one .in_() query' },
];

const peerDir = fileURLToPath(new URL('.', import.meta.url));
const venvPython = `${peerDir}.venv/bin/python`;
const installedMarker = `${peerDir}.venv/.installed`;

// env: the harness's knobs (SETTINGS_CHUNK_SIZE, MAX_GIDS_PER_REQUEST, POOL_SIZE, ...).
export function flaskCommand(stage: FlaskStage, env: Readonly<Record<string, string>> = {}): TargetCommand {
  return { command: venvPython, args: [`${peerDir}serve.py`], cwd: peerDir, env: { ...env, STAGE: stage, PYTHONDONTWRITEBYTECODE: '1' } };
}

export type FlaskPeerStatus =
  | { readonly kind: 'installed' }
  // One line, printed instead of measuring it: the rest of the run goes on.
  | { readonly kind: 'no-python'; readonly line: string }
  | { readonly kind: 'not-installed'; readonly line: string };

export function flaskPeerStatus(): FlaskPeerStatus {
  if (existsSync(installedMarker)) return { kind: 'installed' };
  const python = process.env['PYTHON'] ?? 'python3';
  // The same check as install.sh; Debian ships ensurepip in python3-venv.
  if (run(python, ['-c', 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 10))']) === undefined) {
    const found = run(python, ['--version'])?.trim() ?? 'no python3';
    return {
      kind: 'no-python',
      line: `flask peer: skipped, it needs python3 >= 3.10 with venv (found: ${found}); install python3 and python3-venv to measure it`,
    };
  }
  return { kind: 'not-installed', line: 'flask peer: not installed; run `make peers` (peers/flask/install.sh)' };
}

// Its output, or undefined when the command fails or does not exist.
function run(command: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(command, [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
}
