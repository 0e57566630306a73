// The Flask peer as targets of the harness: the article's own stack at the four points of
// its story, each started by the contract of peers/README.md (bench/target-process.ts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TargetCommand } from '../../bench/target-process.ts';

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
  const version = pythonVersion(process.env['PYTHON'] ?? 'python3');
  if (version === undefined || !atLeast(version, [3, 10])) {
    return {
      kind: 'no-python',
      line: `flask peer: skipped, it needs python3 >= 3.10 (found: ${version ?? 'none'}); install python3 and python3-venv to measure it`,
    };
  }
  return { kind: 'not-installed', line: 'flask peer: not installed; run `make peers` (peers/flask/install.sh)' };
}

function pythonVersion(python: string): string | undefined {
  try {
    return execFileSync(python, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function atLeast(version: string, [major, minor]: readonly [number, number]): boolean {
  const [have = 0, haveMinor = 0] = version.split('.').map(Number);
  return have > major || (have === major && haveMinor >= minor);
}
