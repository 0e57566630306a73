// docs/workshop.md, run the way a teacher runs it: every ```sh block of every step, in
// three terminals (A, B, C: one bash each, started in the repository root, each with its
// own exports), on the smallest seeded project instead of the reference's 1000 gids, so
// a renamed flag or a changed output breaks the build, not the workshop. How the guide is
// read (steps, terminals, directives, the substitution): test/docs/guide.ts.
//   make test-workshop                   = node_modules/.bin/vitest run --config test/workshop.vitest.config.ts
//   WORKSHOP_GIDS=100                    another seeded size than the smallest
//   WORKSHOP_GUIDE=/tmp/workshop.md      another copy of the guide (an annotated draft)
//   WORKSHOP_COMMAND_TIMEOUT_S=900       the bound on each command (default 15 min)
// Writes results/runs/workshop-times.json (seconds per step: the times a teacher's page
// quotes) and results/runs/workshop-output.log (everything every command printed).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import type { Block, Command, Step, Terminal } from './guide.ts';
import {
  chooseProject, longRunningKind, parseGuide, projectsOf, serverTimingOf, shellQuote, shellScript,
  stoppedCleanly, substitute, timingProblems,
} from './guide.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const guidePath = path.resolve(process.env.WORKSHOP_GUIDE ?? path.join(root, 'docs/workshop.md'));
const guideName = path.relative(root, guidePath).startsWith('..') ? guidePath : path.relative(root, guidePath);
const commandTimeoutS = positiveNumber('WORKSHOP_COMMAND_TIMEOUT_S', 15 * 60);
const stopGraceMs = 10_000; // Ctrl-C, then SIGKILL after this long
const dbUrlFile = path.join(root, '.cache/db-url'); // `make db` writes its URL here when ready
const timesFile = path.join(root, 'results/runs/workshop-times.json');
const logFile = path.join(root, 'results/runs/workshop-output.log');
const outputLinesOnFailure = 40;

const steps = parseGuide(readFileSync(guidePath, 'utf8'));
const reference = projectsOf(JSON.parse(readFileSync(path.join(root, 'results/reference/report.json'), 'utf8')));
const project = chooseProject(reference.projects, process.env.WORKSHOP_GIDS === undefined ? undefined : positiveNumber('WORKSHOP_GIDS', 0));
const substitution = { from: reference.headline, to: project };

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name}=${raw}: expected a positive number`);
  return value;
}

// ---------------------------------------------------------------------------------------
// Terminals: one long-lived bash each, fed one command at a time on stdin; after each, a
// marker line with its exit code says it is done. Exports and the working directory stay,
// as in a real terminal. Commands that run until Ctrl-C run beside it (see Background).

type ExitStatus = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

type Shell = {
  readonly name: Terminal;
  readonly bash: ChildProcessWithoutNullStreams;
  readonly exited: Promise<ExitStatus>;
  output: string; // what the current command printed so far
  exit: ExitStatus | undefined;
  notify: (() => void) | undefined;
  background: Background | undefined;
};

type Background = {
  readonly terminal: Terminal;
  readonly command: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitStatus>;
  output: string;
  exit: ExitStatus | undefined;
};

const scratch = mkdtempSync(path.join(tmpdir(), 'workshop-doc-test-'));
const shells = new Map<Terminal, Shell>();
const backgrounds: Background[] = [];

// A teacher's fresh terminal: no test runner's variables, and no database URL the guide
// did not export itself.
function terminalEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('VITEST') || name === 'TEST' || name === 'MYSQL_URL' || (name === 'NODE_ENV' && env[name] === 'test')) delete env[name];
  }
  return env;
}

function shellOf(name: Terminal): Shell {
  const existing = shells.get(name);
  if (existing !== undefined) return existing;
  // detached: its own process group, so a timeout can stop it and all it started.
  const bash = spawn('bash', ['--noprofile', '--norc'], { cwd: root, env: terminalEnv(), detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const shell: Shell = { name, bash, exited: exitOf(bash), output: '', exit: undefined, notify: undefined, background: undefined };
  // Into the log when the command is done (runBlock): the output holds our marker lines.
  const take = (chunk: string): void => {
    shell.output += chunk;
    shell.notify?.();
  };
  bash.stdout.setEncoding('utf8').on('data', take);
  bash.stderr.setEncoding('utf8').on('data', take);
  bash.stdin.on('error', () => undefined); // writing to a bash that died: reported by run()
  // bash's own errors (a syntax error in a command) in order with the commands' output.
  bash.stdin.write('exec 2>&1\n');
  void shell.exited.then((status) => {
    shell.exit = status;
    shell.notify?.();
  });
  shells.set(name, shell);
  return shell;
}

function exitOf(child: ChildProcess): Promise<ExitStatus> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: -1, signal: null }));
  });
}

type Ran = { readonly exitCode: number; readonly output: string };

// An error that carries what the command printed before it failed to finish.
function commandError(message: string, output: string): Error & { output: string } {
  return Object.assign(new Error(message), { output });
}

function run(shell: Shell, script: string, timeoutS: number): Promise<Ran> {
  if (shell.exit !== undefined) return Promise.reject(commandError(`terminal ${shell.name}'s bash has ended (${describeExit(shell.exit)})`, ''));
  const marker = `__doc_test_${randomUUID()}__`;
  const done = new RegExp(`\\n${marker} (\\d+)\\n`);
  shell.output = '';
  return new Promise<Ran>((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      shell.notify = undefined;
    };
    const timer = setTimeout(() => {
      finish();
      const output = shell.output;
      void stopGroup(shell.bash, shell.exited);
      reject(commandError(`timed out after ${timeoutS} s (WORKSHOP_COMMAND_TIMEOUT_S); terminal ${shell.name} was stopped`, output));
    }, timeoutS * 1000);
    shell.notify = () => {
      const match = done.exec(shell.output);
      if (match !== null) {
        finish();
        const output = shell.output.slice(0, match.index) + shell.output.slice(match.index + match[0].length);
        resolve({ exitCode: Number(match[1]), output });
      } else if (shell.exit !== undefined) {
        finish();
        reject(commandError(`terminal ${shell.name}'s bash ended (${describeExit(shell.exit)})`, shell.output));
      }
    };
    // The leading newline keeps the marker on a line of its own after output without one.
    shell.bash.stdin.write(`${script}\nprintf '\\n${marker} %d\\n' "$?"\n`);
  });
}

// The terminal's exported variables and working directory, for a command started beside it.
async function stateOf(shell: Shell): Promise<{ env: NodeJS.ProcessEnv; cwd: string }> {
  const file = path.join(scratch, `env-${shell.name}`);
  await run(shell, `env -0 > ${shellQuote(file)}; pwd > ${shellQuote(`${file}.cwd`)}`, 30);
  const env: NodeJS.ProcessEnv = {};
  for (const pair of readFileSync(file, 'utf8').split('\0')) {
    const at = pair.indexOf('=');
    if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { env, cwd: readFileSync(`${file}.cwd`, 'utf8').trim() };
}

// ---------------------------------------------------------------------------------------
// Long-running commands (`make db`, `make serve`): started in their own process group with
// their terminal's variables, waited for until ready, stopped like Ctrl-C.

async function startBackground(shell: Shell, command: string, kind: 'db' | 'serve', env: Readonly<Record<string, string>>): Promise<Background> {
  if (shell.background !== undefined) await stopCleanly(shell.background);
  const state = await stateOf(shell);
  const staleUrlFile = modifiedAt(dbUrlFile); // ready means written after this
  const child = spawn('bash', ['-c', command], { cwd: state.cwd, env: { ...state.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const background: Background = { terminal: shell.name, command, child, exited: exitOf(child), output: '', exit: undefined };
  const take = (chunk: string): void => {
    background.output += chunk;
    appendFileSync(logFile, chunk);
  };
  child.stdout?.setEncoding('utf8').on('data', take);
  child.stderr?.setEncoding('utf8').on('data', take);
  void background.exited.then((status) => {
    background.exit = status;
  });
  shell.background = background;
  backgrounds.push(background);

  const deadline = Date.now() + commandTimeoutS * 1000;
  const ready = kind === 'serve'
    ? (): boolean => /^ready http:\/\//m.test(background.output)
    : (): boolean => writtenSince(dbUrlFile, staleUrlFile);
  while (!ready()) {
    if (background.exit !== undefined) throw commandError(`exited before it was ready (${describeExit(background.exit)})`, background.output);
    if (Date.now() > deadline) {
      const what = kind === 'serve' ? 'a line "ready http://…"' : `${path.relative(root, dbUrlFile)} with the database URL`;
      throw commandError(`not ready after ${commandTimeoutS} s (WORKSHOP_COMMAND_TIMEOUT_S): no ${what}`, background.output);
    }
    await sleep(200);
  }
  return background;
}

function writtenSince(file: string, before: number | undefined): boolean {
  try {
    const stat = statSync(file);
    return stat.size > 0 && stat.mtimeMs > (before ?? -Infinity);
  } catch {
    return false;
  }
}

function modifiedAt(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

// Ctrl-C and wait; a command the guide says stops on Ctrl-C must stop cleanly.
async function stopCleanly(background: Background): Promise<void> {
  const from = background.output.length;
  const status = await stopBackground(background);
  const clean = stoppedCleanly(background.command, status, background.output.slice(from));
  log(`[${background.terminal}] Ctrl-C: ${describeExit(status)}, ${clean ? 'stopped cleanly' : 'NOT clean'}  $ ${background.command}`);
  if (!clean) {
    throw commandError(`\`${background.command}\` in terminal ${background.terminal} did not stop cleanly on Ctrl-C (${describeExit(status)})`, background.output);
  }
}

async function stopBackground(background: Background): Promise<ExitStatus> {
  const shell = shells.get(background.terminal);
  if (shell?.background === background) shell.background = undefined;
  const status = await stopGroup(background.child, background.exited);
  await sleep(200); // the last lines (make's verdict) are still in the pipe when exit fires
  return status;
}

// SIGINT to the whole process group, as Ctrl-C sends it; SIGKILL if it is still there
// after the grace period; then whatever the leader left behind in the group.
async function stopGroup(child: ChildProcess, exited: Promise<ExitStatus>): Promise<ExitStatus> {
  const pid = child.pid;
  if (pid === undefined) return exited;
  signalGroup(pid, 'SIGINT');
  let status = await Promise.race([exited, sleep(stopGraceMs).then(() => undefined)]);
  if (status === undefined) {
    signalGroup(pid, 'SIGKILL');
    status = await exited;
  }
  const deadline = Date.now() + stopGraceMs;
  while (signalGroup(pid, 0) && Date.now() < deadline) await sleep(100);
  signalGroup(pid, 'SIGKILL');
  return status;
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

// Should the test process itself die (a timeout of the runner, Ctrl-C), nothing it
// started may outlive it.
process.once('exit', () => {
  for (const child of [...backgrounds.map((b) => b.child), ...[...shells.values()].map((s) => s.bash)]) {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  }
});

async function stopEverything(): Promise<string[]> {
  const problems: string[] = [];
  for (const background of [...backgrounds].reverse()) {
    if (background.exit !== undefined) {
      // Stopped by a later command in its terminal (checked then), or ended by itself.
      const stoppedBefore = shells.get(background.terminal)?.background !== background;
      if (!stoppedBefore && background.exit.code !== 0) problems.push(`\`${background.command}\` in terminal ${background.terminal} ended by itself (${describeExit(background.exit)}):\n${lastLines(background.output, 10)}`);
      continue;
    }
    const from = background.output.length;
    const status = await stopBackground(background);
    const clean = stoppedCleanly(background.command, status, background.output.slice(from));
    log(`[${background.terminal}] Ctrl-C at the end: ${describeExit(status)}, ${clean ? 'stopped cleanly' : 'NOT clean'}  $ ${background.command}`);
    if (!clean) {
      problems.push(`\`${background.command}\` in terminal ${background.terminal} did not stop cleanly on Ctrl-C (${describeExit(status)}):\n${lastLines(background.output.slice(from), 10)}`);
    }
  }
  for (const shell of shells.values()) {
    shell.bash.stdin.end(); // bash ends at the end of its input
    if ((await Promise.race([shell.exited, sleep(2000).then(() => undefined)])) === undefined) await stopGroup(shell.bash, shell.exited);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Steps and blocks

function log(line: string): void {
  console.log(line);
  appendFileSync(logFile, `\n${line}\n`);
}

function describeExit(status: ExitStatus): string {
  return status.signal === null ? `exit ${status.code}` : `killed by ${status.signal}`;
}

function lastLines(text: string, count: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.slice(-count).map((line) => `  | ${line}`).join('\n');
}

// What a failure says: which step, which command in which terminal, what it did, and the
// end of what it printed.
function failure(step: Step, what: string, where: { command?: Command; text?: string; terminal?: Terminal; line: number }, output: string): Error {
  return new Error([
    `Step ${step.number}: ${step.title}: ${what}`,
    `  ${guideName}:${where.command?.line ?? where.line}${where.terminal === undefined ? '' : `, terminal ${where.terminal}`}`,
    ...(where.text === undefined ? [] : [`  $ ${where.text}`]),
    `  last ${outputLinesOnFailure} lines of output:`,
    output.trim() === '' ? '  | (none)' : lastLines(output, outputLinesOnFailure),
  ].join('\n'));
}

async function runStep(step: Step): Promise<void> {
  for (const block of step.blocks) {
    if (block.skip === undefined) await runBlock(step, block);
    else log(`skipped the block at ${guideName}:${block.line}: ${block.skip}`);
  }
}

async function runBlock(step: Step, block: Block): Promise<void> {
  const outputs: (() => string)[] = []; // read at the end: a server's output grows meanwhile
  let lastCurl: string | undefined;
  for (const command of block.commands) {
    const text = substitute(command.text, substitution);
    for (const terminal of command.terminals) {
      const shell = shellOf(terminal);
      const where = { command, text, terminal, line: command.line };
      const syntax = syntaxError(text);
      if (syntax !== undefined) throw failure(step, 'bash cannot parse it', where, syntax);
      const started = performance.now();
      const kind = longRunningKind(text);
      if (kind !== undefined) {
        appendFileSync(logFile, `\n[${terminal}] $ ${text}\n`);
        const background = await startBackground(shell, text, kind, block.env).catch((error: Error & { output?: string }) => {
          throw failure(step, error.message, where, error.output ?? '');
        });
        outputs.push(() => background.output);
        log(`[${terminal}] ready in ${seconds(started).toFixed(1)} s, left running  $ ${text}`);
        continue;
      }
      if (shell.background !== undefined) {
        throw failure(step, `terminal ${terminal} still runs \`${shell.background.command}\`; a command there needs a terminal of its own`, where, '');
      }
      const ran = await run(shell, shellScript(text, block.env), commandTimeoutS).catch((error: Error & { output?: string }) => {
        appendFileSync(logFile, `\n[${terminal}] $ ${text}\n${error.output ?? ''}\n${error.message}\n`);
        throw failure(step, error.message, where, error.output ?? '');
      });
      outputs.push(() => ran.output);
      if (/^curl\s(?:.*\s)?-D\s+-(?:\s|$)/.test(text)) lastCurl = ran.output;
      appendFileSync(logFile, `\n[${terminal}] $ ${text}\n${ran.output}\n`);
      log(`[${terminal}] exit ${ran.exitCode} in ${seconds(started).toFixed(1)} s  $ ${text}`);
      if (ran.exitCode !== command.expectedExit) {
        throw failure(step, `exit ${ran.exitCode}, expected ${command.expectedExit}`, where, ran.output);
      }
    }
  }
  const output = outputs.map((read) => read()).join('\n');
  const blockWhere = { line: block.line };
  for (const pattern of block.expectOutput) {
    if (!pattern.test(output)) throw failure(step, `the block's output does not match ${String(pattern)} (expect output)`, blockWhere, output);
  }
  const problems = timingProblems(lastCurl === undefined ? undefined : serverTimingOf(lastCurl), block.serverTiming, { gids: project.gids });
  if (problems.length > 0) throw failure(step, `server-timing, at ${project.gids} gids: ${problems.join('; ')}`, blockWhere, lastCurl ?? output);
}

// Checked before it is sent: an unclosed quote would otherwise swallow the lines after it
// and leave the terminal waiting for the rest until the timeout.
function syntaxError(command: string): string | undefined {
  const check = spawnSync('bash', ['-n', '-c', command], { encoding: 'utf8' });
  return check.status === 0 ? undefined : check.stderr;
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

// Each step's commands, each bounded, plus stopping what runs before a new one starts.
function stepTimeoutMs(step: Step): number {
  const commands = step.blocks.filter((b) => b.skip === undefined).flatMap((b) => b.commands.flatMap((c) => c.terminals)).length;
  return (commands + 1) * commandTimeoutS * 1000 + 4 * stopGraceMs;
}

// ---------------------------------------------------------------------------------------
// Times: what a teacher's page quotes, with what the machine was doing meanwhile.

type StepTime = { readonly step: number; readonly title: string; readonly seconds: number; readonly status: 'passed' | 'failed' | 'skipped' };

function loadAverage(): number[] | undefined {
  try {
    const match = /load averages?:\s*([\d.]+),?\s+([\d.]+),?\s+([\d.]+)/.exec(execFileSync('uptime', { encoding: 'utf8' }));
    return match === null ? undefined : match.slice(1, 4).map(Number);
  } catch {
    return undefined;
  }
}

function writeTimes(times: readonly StepTime[], loadAtStart: number[] | undefined): void {
  const total = Math.round(times.reduce((sum, t) => sum + t.seconds, 0) * 10) / 10;
  const loadAtEnd = loadAverage();
  const record = {
    guide: guideName,
    date: new Date().toISOString(),
    gids: project.gids,
    project: project.code,
    insteadOf: reference.headline,
    complete: times.length === steps.length && times.every((t) => t.status === 'passed'),
    loadAverage: { start: loadAtStart ?? null, end: loadAtEnd ?? null },
    commandTimeoutSeconds: commandTimeoutS,
    totalSeconds: total,
    steps: times,
  };
  mkdirSync(path.dirname(timesFile), { recursive: true });
  writeFileSync(timesFile, `${JSON.stringify(record, null, 2)}\n`);
  const width = Math.max(...times.map((t) => `Step ${t.step}: ${t.title}`.length), 5);
  console.log([
    `${guideName} on ${project.code} (${project.gids} gids), ${record.date}, load average ${(loadAtStart ?? []).join(' ')} → ${(loadAtEnd ?? []).join(' ')}`,
    ...times.map((t) => `  ${`Step ${t.step}: ${t.title}`.padEnd(width)}  ${t.seconds.toFixed(1).padStart(7)} s  ${t.status}`),
    `  ${'total'.padEnd(width)}  ${total.toFixed(1).padStart(7)} s`,
    `written to ${path.relative(root, timesFile)}`,
  ].join('\n'));
}

// ---------------------------------------------------------------------------------------

mkdirSync(path.dirname(logFile), { recursive: true });
writeFileSync(logFile, `${guideName} on ${project.code} (${project.gids} gids), ${new Date().toISOString()}\n`);

// One step after another, in the guide's order (vitest 5's describe.sequential is this).
describe(`${guideName} on ${project.code} (${project.gids} gids, instead of ${reference.headline.gids})`, { concurrent: false, shuffle: false }, () => {
  const times: StepTime[] = [];
  const loadAtStart = loadAverage();
  let failedStep: string | undefined;

  for (const step of steps) {
    const name = `Step ${step.number}: ${step.title}`;
    it(name, { timeout: stepTimeoutMs(step) }, async (context) => {
      if (failedStep !== undefined) {
        times.push({ step: step.number, title: step.title, seconds: 0, status: 'skipped' });
        context.skip(`"${failedStep}" failed, and every later step builds on it`);
      }
      log(`\n== ${name}`);
      const started = performance.now();
      let status: StepTime['status'] = 'failed';
      try {
        await runStep(step);
        status = 'passed';
      } catch (error) {
        failedStep = name;
        throw error;
      } finally {
        times.push({ step: step.number, title: step.title, seconds: seconds(started), status });
      }
    });
  }

  afterAll(async () => {
    const problems = await stopEverything();
    rmSync(scratch, { recursive: true, force: true });
    writeTimes(times, loadAtStart);
    // A failed step already says what broke; an unclean stop after a clean run is news.
    if (problems.length > 0 && failedStep === undefined) throw new Error(problems.join('\n'));
    if (problems.length > 0) console.log(problems.join('\n'));
  }, backgroundsBound());
});

// Stopping: each long-running command and each terminal, SIGINT, then SIGKILL, then its group.
function backgroundsBound(): number {
  const longRunning = steps.flatMap((s) => s.blocks).flatMap((b) => b.commands).filter((c) => longRunningKind(c.text) !== undefined).length;
  return (longRunning + 3) * 3 * stopGraceMs + 30_000;
}
